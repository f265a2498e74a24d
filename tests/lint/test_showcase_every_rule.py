"""One workspace in which every lint rule fires: the living catalogue of findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cjm.lint.engine import lint_paths
from cjm.lint.rules import RULES

SHOWCASE = Path(__file__).parent / "showcase"


def test_every_rule_fires_in_the_showcase_and_nothing_else_is_wrong() -> None:
    result = lint_paths([SHOWCASE], jobs=1, cwd=SHOWCASE, today=date(2026, 11, 22))
    codes = {p.code for p in result.report.problems}
    assert codes == set(RULES)
    assert result.exit_code() == 1
