from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "journey-no-persona"
JOURNEY = "kind: journey\nid: j\ntitle: J\nstages:\n  - {id: s, name: S}\n"


def test_a_journey_without_personas_is_reported_at_its_id(tmp_path: Path) -> None:
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": JOURNEY})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:2:5", RULE)]
    assert "journey 'j' names no persona: add `personas:`" in found[0].message


def test_a_journey_with_a_persona_passes(tmp_path: Path) -> None:
    journey = JOURNEY.replace("title: J\n", "title: J\npersonas: [ada]\n")
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey}) == []
