from __future__ import annotations

from pathlib import Path

from ..workspaces import findings

RULE = "persona-unused"
PERSONAS = {
    "personas/ada.yaml": "kind: persona\nid: ada\nname: Ada\n",
    "personas/bo.yaml": "kind: persona\nid: bo\nname: Bo\n",
}


def journey(personas: str) -> str:
    return (
        "kind: journey\nid: j\ntitle: J\n"
        f"personas: {personas}\n"
        "stages:\n  - id: need\n    name: Need\n"
    )


def test_a_persona_no_journey_names_is_reported_at_its_id(tmp_path: Path) -> None:
    found = findings(tmp_path, RULE, {**PERSONAS, "journeys/j.yaml": journey("[ada]")})
    assert [(where, code) for where, code, _ in found] == [("personas/bo.yaml:2:5", RULE)]
    assert "persona 'bo' is named by no journey" in found[0][2]
    assert "add it to the `personas` of the journey" in found[0][2]


def test_every_persona_walked_by_a_journey_passes(tmp_path: Path) -> None:
    files = {
        **PERSONAS,
        "journeys/j.yaml": journey("[ada]"),
        "journeys/k.yaml": journey("[bo]").replace("id: j\n", "id: k\n"),
    }
    assert findings(tmp_path, RULE, files) == []
