from __future__ import annotations

from pathlib import Path

import pytest

from cjm.core.errors import ConfigError
from cjm.lint.engine import lint_paths

from ..workspaces import TODAY, findings, write

RULE = "evidence-missing"
RESEARCH = """\
kind: reality-map
id: research
title: Research
findings:
  - id: fnd-queue
    statement: Saturday callers wait nine minutes.
"""


def journey(step_evidence: str = "", pain_evidence: str = "") -> str:
    return f"""\
kind: journey
id: j
title: J
stages:
  - id: ask
    name: Ask
    steps:
      - id: calls
        name: Calls the shop
        emotion: -2
{step_evidence}
        pain_points:
          - id: pp-queue
            description: Long wait on the phone
{pain_evidence}
"""


def test_a_pain_point_and_an_emotion_without_evidence_are_reported(tmp_path: Path) -> None:
    found = findings(tmp_path, RULE, {"research.yaml": RESEARCH, "journeys/j.yaml": journey()})
    assert [(where, code) for where, code, _ in found] == [
        ("journeys/j.yaml:10:18", RULE),
        ("journeys/j.yaml:13:17", RULE),
    ]
    assert "the emotion score of step 'calls' cites no evidence" in found[0][2]
    assert "pain point 'pp-queue' cites no evidence" in found[1][2]


def test_option_items_chooses_what_must_be_backed(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        RULE,
        {"research.yaml": RESEARCH, "journeys/j.yaml": journey()},
        options="items: [pain_points]",
    )
    assert [where for where, _, _ in found] == ["journeys/j.yaml:13:17"]


def test_cited_evidence_passes(tmp_path: Path) -> None:
    files = {
        "research.yaml": RESEARCH,
        "journeys/j.yaml": journey(
            "        evidence: [fnd-queue]", "            evidence: [fnd-queue]"
        ),
    }
    assert findings(tmp_path, RULE, files) == []


def test_off_unless_the_workspace_asks_for_evidence(tmp_path: Path) -> None:
    write(
        tmp_path, {"cjm.yaml": "name: w\n", "research.yaml": RESEARCH, "journeys/j.yaml": journey()}
    )
    problems = lint_paths([tmp_path], jobs=1, cwd=tmp_path, today=TODAY).report.problems
    assert [p for p in problems if p.code == RULE] == []


def test_an_unknown_item_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="takes a list of pain_points and emotions"):
        findings(tmp_path, RULE, {"journeys/j.yaml": journey()}, options="items: [thoughts]")
