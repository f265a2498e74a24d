from __future__ import annotations

from pathlib import Path

import pytest

from cjm.core.errors import ConfigError
from cjm.lint.engine import lint_paths

from ..helpers import lint_rule

RULE = "lane-empty"
HEAD = "kind: journey\nid: j\ntitle: J\npersonas: [ada]\nstages:\n"
SPARSE = (
    HEAD
    + """\
  - id: s
    name: S
    steps:
      - id: a
        name: A
        actions: [Opens the fees PDF]
        emotion: -1
        touchpoints:
          - {id: tp-page, name: Product page, channels: [web]}
  - id: empty
    name: Empty
"""
)
FULL = (
    HEAD
    + """\
  - id: s
    name: S
    steps:
      - id: a
        name: A
        actions: [Opens the fees PDF]
        thoughts: ["I need a magnifying glass for these fees."]
        emotion: -1
        touchpoints:
          - {id: tp-page, name: Product page, channels: [web]}
        pain_points:
          - {id: pp-fees, description: Fees only in a dense PDF}
      - id: b
        name: B
        opportunities:
          - {id: op-summary, description: One-screen fees summary, addresses: [pp-fees]}
"""
)


def test_each_empty_lane_is_reported_once_at_the_stages_key(tmp_path: Path) -> None:
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": SPARSE})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:5:1", RULE)] * 3
    assert sorted(f.message.split(" lane")[0] for f in found) == [
        "no step of journey 'j' fills the opportunities",
        "no step of journey 'j' fills the pain_points",
        "no step of journey 'j' fills the thoughts",
    ]


def test_lanes_filled_anywhere_in_the_journey_pass(tmp_path: Path) -> None:
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": FULL}) == []


def test_the_lanes_option_chooses_what_is_checked(tmp_path: Path) -> None:
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": FULL}, options="lanes: [support]")
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:5:1", RULE)]
    assert "fills the support lane: add the processes and systems" in found[0].message


def test_an_unknown_lane_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown lane.*'thought'"):
        lint_rule(tmp_path, RULE, {"journeys/j.yaml": FULL}, options="lanes: [thought]")
    result = lint_paths([tmp_path], jobs=1, cwd=tmp_path)
    [problem] = [p for p in result.report.problems if p.code == "config"]
    assert problem.file == "cjm.yaml" and problem.line == 3  # at the rule's setting
    assert "unknown lane" in problem.message
    assert result.exit_code() == 2
