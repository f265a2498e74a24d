from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "path-dead-end"
HEAD = (
    "kind: journey\nid: j\ntitle: J\npersonas: [ada]\nstages:\n  - id: s\n    name: S\n    steps:\n"
)


def journey(*steps: str) -> dict[str, str]:
    return {"journeys/j.yaml": HEAD + "".join(f"      - {s}\n" for s in steps)}


def test_a_loop_with_no_way_out_is_reported_once_at_its_first_step(tmp_path: Path) -> None:
    found = lint_rule(
        tmp_path,
        RULE,
        journey(
            "{id: a, name: A, next: [{to: b}, {to: e}]}",
            "{id: b, name: B}",  # leads into the loop, a dead end too: fixed with it
            "{id: c, name: C, next: [{to: d}]}",
            "{id: d, name: D, next: [{to: c, label: again}]}",
            "{id: e, name: E}",
        ),
    )
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:11:14", RULE)]
    assert found[0].message == (
        "steps 'c' → 'd' lead only to each other: no path from there reaches an end of "
        "journey 'j'; add a `next` out of the loop, or `end: true` on a step where the "
        "customer can stop"
    )


def test_a_step_that_only_loops_on_itself_and_a_long_loop(tmp_path: Path) -> None:
    steps = [f"{{id: s{n}, name: S{n}}}" for n in range(8)]
    steps[0] = "{id: s0, name: S0, next: [{to: s0, label: retries}, {to: s1}]}"
    steps[-1] = "{id: s7, name: S7, next: [{to: s1}]}"
    found = lint_rule(tmp_path, RULE, journey(*steps))
    assert [f.where for f in found] == ["journeys/j.yaml:10:14"]
    assert found[0].message.startswith(
        "steps 's1' → 's2' → 's3' → 's4' → 's5' → 's6' → … (7 steps) lead only to each other"
    )
    alone = journey("{id: a, name: A, next: [{to: a}]}")
    found = lint_rule(tmp_path, RULE, alone)
    assert [f.where for f in found] == ["journeys/j.yaml:9:14"]
    assert found[0].message.startswith("step 'a' leads only back to itself: no path")


def test_loops_with_a_way_out_and_ends_pass(tmp_path: Path) -> None:
    assert (
        lint_rule(
            tmp_path,
            RULE,
            journey(
                "{id: a, name: A, next: [{to: a, label: retries}, {to: b}]}",
                "{id: b, name: B, next: [{to: c}]}",
                "{id: c, name: C, next: [{to: b, label: again}, {to: d, label: quits}, {to: e}]}",
                "{id: d, name: D, end: true}",
                "{id: e, name: E}",
            ),
        )
        == []
    )
