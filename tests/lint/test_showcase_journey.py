"""The showcase workspace: every journey rule fires at least once on it."""

from __future__ import annotations

from pathlib import Path

from cjm.lint.engine import lint_paths
from cjm.lint.rules import RULES

SHOWCASE = Path(__file__).parent / "showcase"
JOURNEY_RULES = {
    "stage-no-touchpoint",
    "emotion-missing",
    "lane-empty",
    "opportunity-unlinked",
    "journey-no-persona",
    "emotion-flat",
    "emotion-drop",
    "channel-handoff",
    "framework-stages",
    "funnel-order",
    "path-dead-end",
}


def test_every_journey_rule_fires_on_the_showcase() -> None:
    result = lint_paths([SHOWCASE], jobs=1, cwd=SHOWCASE)
    codes = {p.code for p in result.report.problems}
    assert codes <= set(RULES), "the showcase must be valid: " + ", ".join(codes - set(RULES))
    assert codes >= JOURNEY_RULES, f"never fired: {sorted(JOURNEY_RULES - codes)}"
    assert {p.level for p in result.report.problems} == {"error"}  # extends: strict
    assert result.exit_code() == 1
