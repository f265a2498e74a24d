from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "emotion-missing"
HEAD = "kind: journey\nid: j\ntitle: J\npersonas: [ada, bo]\nstages:\n"


def test_a_gap_in_the_emotion_line_is_reported(tmp_path: Path) -> None:
    journey = (
        HEAD
        + """\
  - id: s
    name: S
    steps:
      - id: a
        name: A
        emotion: 1
      - id: b
        name: B
      - id: c
        name: C
        emotion: {ada: 1}
      - id: d
        name: D
        emotion: {ada: -1, bo: 0}
"""
    )
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [(f.where, f.code) for f in found] == [
        ("journeys/j.yaml:12:13", RULE),
        ("journeys/j.yaml:16:18", RULE),
    ]
    assert "step 'b' has no emotion score" in found[0].message
    assert "step 'c' scores the emotion per persona but not for persona 'bo'" in found[1].message


def test_whole_lines_and_journeys_without_scores_pass(tmp_path: Path) -> None:
    scored = (
        HEAD
        + """\
  - id: s
    name: S
    steps:
      - {id: a, name: A, emotion: 1}
      - {id: b, name: B, emotion: {ada: 1, bo: -1}}
      - {id: c, name: C, emotion: {ada: 2, bo: 0}}
"""
    )
    unscored = (
        HEAD.replace("id: j\n", "id: k\n")
        + """\
  - id: s
    name: S
    steps:
      - {id: a, name: A}
      - {id: b, name: B}
"""
    )
    files = {"journeys/j.yaml": scored, "journeys/k.yaml": unscored}
    assert lint_rule(tmp_path, RULE, files) == []
