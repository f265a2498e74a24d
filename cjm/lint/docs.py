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
    return (
        f"{rule.ID}\n{'=' * len(rule.ID)}\n\nlevel in `recommended`: {level}; "
        f"in `strict`: error\noptions: {options}\n\n{body}\n"
    )


START = "<!-- rules:start: generated from the rule docstrings by `python -m cjm.lint.docs` -->"
END = "<!-- rules:end -->"


def rules_markdown() -> str:
    """The README's rule list: one line per rule, from its docstring and the presets."""
    from cjm.lint.rules import RULES

    lines = ["| rule | recommended | what it finds | options |", "|---|---|---|---|"]
    for rule_id, module in RULES.items():
        level = PRESETS["recommended"].get(rule_id, "off")
        options = ", ".join(f"`{k}` ({v!r})" for k, v in module.OPTIONS.items()) or "—"
        lines.append(f"| `{rule_id}` | {level} | {summary(module)} | {options} |")
    return "\n".join(lines) + "\n"


def update_readme(text: str) -> str:
    """``text`` with the block between the markers replaced by the current rule list."""
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rules_markdown()}{END}{tail}"


if __name__ == "__main__":
    import pathlib

    readme = pathlib.Path(__file__).resolve().parents[2] / "README.md"
    readme.write_text(update_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
