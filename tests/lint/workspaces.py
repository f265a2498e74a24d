"""Small workspaces linted on a fixed day with one rule at error: that rule's findings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from cjm.core.errors import ConfigError
from cjm.core.loading import Problem
from cjm.lint.engine import lint_paths
from cjm.lint.rules import RULES

TODAY = date(2026, 11, 22)


def write(root: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def findings(
    root: Path, rule: str, files: Mapping[str, str], options: str = ""
) -> list[tuple[str, str, str]]:
    """``(file:line:col, rule, message)`` of ``rule``'s findings in a workspace of ``files``.

    cjm.yaml sets ``rule`` to error, with ``options`` (YAML flow-mapping entries) if any.
    The workspace must be valid: a schema or reference problem fails the test.
    """
    setting = f"{{level: error, {options}}}" if options else "error"
    write(root, {"cjm.yaml": f"lint:\n  rules:\n    {rule}: {setting}\n", **files})
    problems = rule_problems(root, rule)
    for p in problems:
        assert p.level == "error", p
    return [(f"{p.file}:{p.line}:{p.column}", p.code, p.message) for p in problems]


def rule_problems(root: Path, rule: str) -> list[Problem]:
    """The problems ``rule`` finds in the workspace at ``root``, which must be valid.

    A schema or reference problem fails the test; a bad option (reported at its
    place in cjm.yaml) is raised as the ConfigError it is.
    """
    problems = lint_paths([root], jobs=1, cwd=root, today=TODAY).report.problems
    for p in problems:
        if p.code == "config":
            assert p.file == "cjm.yaml" and p.line > 0, p
            raise ConfigError(p.message)
    invalid = [
        f"{p.file}:{p.line}:{p.column}: {p.message} ({p.code})"
        for p in problems
        if p.code not in RULES
    ]
    assert not invalid, "the test workspace is not valid:\n" + "\n".join(invalid)
    return [p for p in problems if p.code == rule]
