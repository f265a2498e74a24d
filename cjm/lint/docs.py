"""Rule documentation, taken from each rule's docstring (so the two cannot drift)."""

from __future__ import annotations

import inspect
from types import ModuleType

from cjm.lint import PRESETS


def summary(rule: ModuleType) -> str:
    """The first line of the rule's docstring."""
    doc = inspect.getdoc(rule) or ""
    return doc.splitlines()[0] if doc else ""


def describe(rule: ModuleType) -> str:
    """The rule's whole documentation, with its id, default level and options."""
    level = PRESETS["recommended"].get(rule.ID, "off")
    options = ", ".join(f"{k} (default {v!r})" for k, v in rule.OPTIONS.items()) or "none"
    body = inspect.getdoc(rule) or ""
    return (f"{rule.ID}\n{'=' * len(rule.ID)}\n\nlevel in `recommended`: {level}; "
            f"in `strict`: error\noptions: {options}\n\n{body}\n")
