from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "stage-no-touchpoint"
HEAD = "kind: journey\nid: j\ntitle: J\npersonas: [ada]\nstages:\n"


def test_stages_without_touchpoints_are_reported_at_their_id(tmp_path: Path) -> None:
    journey = (
        HEAD
        + """\
  - id: research
    name: Research
    steps:
      - id: read
        name: Reads reviews
        actions: [Reads reviews]
  - id: buy
    name: Buy
  - id: pay
    name: Pay
    steps:
      - id: till
        name: Pays
        touchpoints:
          - {id: tp-till, name: Till, channels: [store]}
"""
    )
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [(f.where, f.code, f.level) for f in found] == [
        ("journeys/j.yaml:6:9", RULE, "error"),
        ("journeys/j.yaml:12:9", RULE, "error"),
    ]
    assert "no step of stage 'research' has a touchpoint" in found[0].message
    assert "stage 'buy' has no steps" in found[1].message


def test_a_stage_with_one_touchpoint_in_any_step_passes(tmp_path: Path) -> None:
    journey = (
        HEAD
        + """\
  - id: research
    name: Research
    steps:
      - id: think
        name: Thinks it over
      - id: read
        name: Reads reviews
        touchpoints:
          - {id: tp-reviews, name: Reviews}
"""
    )
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey}) == []
