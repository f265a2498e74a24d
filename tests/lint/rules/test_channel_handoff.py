from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cjm.cli import app

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


def test_a_second_way_into_a_step_keeps_the_first_baselined(tmp_path: Path) -> None:
    """`visit` (store) follows `browse` (site): one hand-off, recorded in a baseline. A
    return from `web` (site) to `visit` adds a second hand-off into `visit`; the first
    keeps its name, so the baseline still leaves it out and only the new one is shown."""
    linear = _journey(("browse", "web", None), ("visit", "store", None))
    assert [f.where for f in lint_rule(tmp_path, RULE, {"journeys/j.yaml": linear})] == [
        "journeys/j.yaml:9:53"
    ]
    baseline = tmp_path / "baseline.json"
    code, _ = _lint(tmp_path, "--write-baseline", str(baseline))
    assert code == 0
    branching = _journey(
        ("browse", "web", None), ("visit", "store", None), ("back", "web", "visit")
    )
    (tmp_path / "journeys/j.yaml").write_text(branching, encoding="utf-8")
    code, output = _lint(tmp_path, "--baseline", str(baseline))
    assert code == 1
    assert "from web (step 'back') to store" in output
    assert "(step 'browse')" not in output


def _lint(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["lint", str(root), *args])
    return result.exit_code, result.output


def _journey(*steps: tuple[str, str, str | None]) -> str:
    text = "kind: journey\nid: j\ntitle: J\nstages:\n  - id: s\n    name: S\n    steps:\n"
    for step, channel, back in steps:
        nxt = f", next: [{{to: {back}}}]" if back else ""
        text += (
            f"      - {{id: {step}, name: {step}{nxt}, touchpoints: "
            f"[{{id: tp-{step}, name: T, channels: [{channel}]}}]}}\n"
        )
    return text
