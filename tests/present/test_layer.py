"""The presentation layer stands below render, report and diff: it imports none of them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PRESENT = Path(__file__).parents[2] / "cjm" / "present"
ABOVE = ("cjm.render", "cjm.report", "cjm.diff", "cjm.lint", "cjm.validate", "cjm.cli")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", sorted(PRESENT.glob("*.py")), ids=lambda p: p.name)
def test_present_imports_nothing_above_it(path: Path) -> None:
    wrong = {name for name in imported(path) if any(name.startswith(f"{up}.") for up in ABOVE)} | {
        name for name in imported(path) if name in ABOVE or name == "cjm.reporters"
    }
    assert not wrong, wrong
