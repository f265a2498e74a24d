from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "channel-handoff"
HEAD = "kind: journey\nid: j\ntitle: J\npersonas: [ada]\nstages:\n"


def steps(*touchpoints: str) -> str:
    lines = "".join(
        f"      - id: s{n}\n        name: S{n}\n        touchpoints: [{t}]\n"
        for n, t in enumerate(touchpoints, 1)
    )
    return HEAD + "  - id: s\n    name: S\n    steps:\n" + lines


def test_a_change_of_channel_without_handoff_is_reported(tmp_path: Path) -> None:
    journey = steps(
        "{id: tp-form, name: Form, channels: [web]}",
        "{id: tp-note, name: Note}, {id: tp-desk, name: Desk, channels: [store]}",
    )
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:14:55", RULE)]
    assert (
        "step 's2' moves the customer from web (step 's1') to store with no handoff note: "
        "say in the `handoff` of touchpoint 'tp-desk'"
    ) in found[0].message


def test_steps_without_channels_are_skipped(tmp_path: Path) -> None:
    journey = steps(
        "{id: tp-form, name: Form, channels: [web]}",
        "",
        "{id: tp-desk, name: Desk, channels: [store]}",
    )
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:17:28", RULE)]
    assert "from web (step 's1') to store" in found[0].message


def test_shared_channels_and_handoff_notes_pass(tmp_path: Path) -> None:
    journey = steps(
        "{id: tp-form, name: Form, channels: [web]}",
        "{id: tp-mail, name: Mail, channels: [email, web]}",
        "{id: tp-desk, name: Desk, channels: [store], handoff: The desk sees the form}",
        "{id: tp-till, name: Till, channels: [store]}",
    )
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey}) == []
