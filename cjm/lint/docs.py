"""Rule documentation, taken from each rule's docstring (so the two cannot drift)."""

from __future__ import annotations

import inspect

from cjm.lint.rule import Rule


def summary(rule: Rule) -> str:
    """The first line of the rule's docstring."""
    doc = inspect.getdoc(rule) or ""
    return doc.splitlines()[0] if doc else ""


def describe(rule: Rule) -> str:
    """The rule's whole documentation, with its id, default level and options."""
    options = "".join(
        f"\n  {o.name} ({o.type.__name__}, default {o.default!r}): {o.description}"
        for o in rule.OPTIONS
    )
    body = inspect.getdoc(rule) or ""
    return (
        f"{rule.ID}\n{'=' * len(rule.ID)}\n\nlevel in `recommended`: {rule.DEFAULT_LEVEL}; "
        f"in `strict`: error\noptions:{options or ' none'}\n\n{body}\n"
    )


START = "<!-- rules:start: generated from the rule docstrings by `python -m cjm.lint.docs` -->"
END = "<!-- rules:end -->"


def rules_markdown() -> str:
    """The README's rule list: one line per rule, from its docstring and declarations."""
    from cjm.lint.rules import RULES

    lines = ["| rule | recommended | what it finds | options |", "|---|---|---|---|"]
    for rule_id, rule in RULES.items():
        options = ", ".join(f"`{o.name}` ({o.default!r})" for o in rule.OPTIONS) or "—"
        lines.append(f"| `{rule_id}` | {rule.DEFAULT_LEVEL} | {summary(rule)} | {options} |")
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
