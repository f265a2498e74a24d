from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "emotion-drop"
HEAD = "kind: journey\nid: j\ntitle: J\npersonas: [ada, bo]\nstages:\n"
PAIN = "pain_points: [{id: pp-form, description: The form times out}]"


def steps(*emotions: str) -> str:
    lines = ""
    for n, emotion in enumerate(emotions, 1):
        fields = f"emotion: {emotion}" if emotion else ""
        lines += f"      - {{id: s{n}, name: S{n}, {fields}}}\n"
    return HEAD + "  - id: s\n    name: S\n    steps:\n" + lines


def test_an_unexplained_drop_is_reported_at_the_later_score(tmp_path: Path) -> None:
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": steps("1", "0", "", "-2")})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:12:37", RULE)]
    assert (
        "the emotion drops at step 's4' (from 0 at 's2' to -2) and the step has no pain point"
    ) in found[0].message


def test_per_persona_drops_point_at_the_persona_score(tmp_path: Path) -> None:
    journey = steps("{ada: 1, bo: 1}", "{ada: 1, bo: -1}")
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:10:50", RULE)]
    assert "at step 's2' (bo: from 1 at 's1' to -1)" in found[0].message


def test_explained_and_small_drops_pass(tmp_path: Path) -> None:
    journey = steps("1", "-2").replace("emotion: -2}", f"emotion: -2, {PAIN}}}")
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey}) == []
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": steps("1", "0", "-1", "2")}) == []


def test_threshold_is_an_option(tmp_path: Path) -> None:
    journey = {"journeys/j.yaml": steps("1", "-1")}
    assert lint_rule(tmp_path, RULE, journey, options="threshold: 3") == []
    level = {"journeys/j.yaml": steps("1", "1")}
    assert lint_rule(tmp_path, RULE, level, options="threshold: 0") == []
    assert [f.where for f in lint_rule(tmp_path, RULE, journey, options="threshold: 1.5")] == [
        "journeys/j.yaml:10:37"
    ]


def test_drops_follow_the_paths_of_a_branching_journey(tmp_path: Path) -> None:
    """look (0) leads to happy (2), where it can end, or to meh (0): no customer goes from
    happy to meh, so that is no drop. visit (2) leads past buy-here (1) to buy-there (-1):
    a fall of 3 on a real path, which file order (1 → -1, a fall of 2) would understate."""
    journey = HEAD + (
        "  - id: s\n    name: S\n    steps:\n"
        "      - {id: look, name: Look, emotion: 0, next: [{to: happy}, {to: meh}]}\n"
        "      - {id: happy, name: Happy, emotion: 2, end: true}\n"
        "      - {id: meh, name: Meh, emotion: 0}\n"
        "      - {id: visit, name: Visit, emotion: 2, next: [{to: buy-here}, {to: buy-there}]}\n"
        "      - {id: buy-here, name: Buy here, emotion: 1, end: true}\n"
        "      - {id: buy-there, name: Buy there, emotion: -1}\n"
    )
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [f.message.split(" and the step")[0] for f in found] == [
        "the emotion drops at step 'buy-there' (from 2 at 'visit' to -1)"
    ]
