from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "emotion-flat"
HEAD = "kind: journey\nid: j\ntitle: J\npersonas: [ada, bo]\nstages:\n"


def steps(*emotions: str) -> str:
    lines = "".join(
        f"      - {{id: s{n}, name: S{n}, emotion: {e}}}\n" for n, e in enumerate(emotions, 1)
    )
    return HEAD + "  - id: s\n    name: S\n    steps:\n" + lines


def test_a_flat_line_is_reported_at_the_first_score(tmp_path: Path) -> None:
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": steps("0", "0", "0")})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:9:37", RULE)]
    assert "every emotion score of journey 'j' is 0 (3 steps, from 's1')" in found[0].message


def test_each_persona_line_is_checked_on_its_own(tmp_path: Path) -> None:
    journey = steps("{ada: 1, bo: 0}", "{ada: 1, bo: -1}", "1")
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:9:43", RULE)]
    assert "journey 'j' for persona 'ada' is 1 (3 steps" in found[0].message


def test_moving_lines_and_short_lines_pass(tmp_path: Path) -> None:
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": steps("1", "0", "-2")}) == []
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": steps("0", "0")}) == []
    journey = steps("{ada: 1, bo: 0}", "{ada: 2, bo: -1}", "1")
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey}) == []


def test_min_steps_is_an_option(tmp_path: Path) -> None:
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": steps("0", "0")}, options="min_steps: 2")
    assert [f.where for f in found] == ["journeys/j.yaml:9:37"]
