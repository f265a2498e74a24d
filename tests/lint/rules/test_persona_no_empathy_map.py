from __future__ import annotations

from pathlib import Path

from ..workspaces import findings

RULE = "persona-no-empathy-map"
FILES = {
    "personas/ada.yaml": "kind: persona\nid: ada\nname: Ada\n",
    "personas/bo.yaml": "kind: persona\nid: bo\nname: Bo\n",
    "empathy-maps/ada.yaml": "kind: empathy-map\nid: ada-empathy\npersona: ada\nsays: [Hi]\n",
}


def test_a_persona_without_an_empathy_map_is_reported_at_its_id(tmp_path: Path) -> None:
    found = findings(tmp_path, RULE, FILES)
    assert [(where, code) for where, code, _ in found] == [("personas/bo.yaml:2:5", RULE)]
    assert "persona 'bo' has no empathy map; add one with `persona: bo`" in found[0][2]


def test_personas_with_an_empathy_map_pass(tmp_path: Path) -> None:
    files = {**FILES, "empathy-maps/bo.yaml": "kind: empathy-map\nid: bo-empathy\npersona: bo\n"}
    assert findings(tmp_path, RULE, files) == []
