"""The same map tells the same story in every command.

Each test here pins one place where two commands used to disagree about a
workspace because each read and interpreted it on its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app

CATALOG = """\
kind: channels
id: canali
channels:
  - {id: web, name: Web, type: digital}
  - {id: email, name: Email, type: digital}
"""
PERSONAS = {
    "anna": "kind: persona\nid: anna\nname: Anna\n",
    "bruno": "kind: persona\nid: bruno\nname: Bruno\n",
}


def journey(journey_id: str, persona: str, *, channels: tuple[str, ...], emotion: str) -> str:
    steps = "".join(
        f"""\
      - id: s{i}
        name: Step {i}
        emotion: {emotion}
        touchpoints:
          - id: tp{i}
            name: Touchpoint {i}
            channels: [{channel}]
"""
        for i, channel in enumerate(channels)
    )
    return f"""\
kind: journey
id: {journey_id}
title: Journey {journey_id}
personas: [{persona}]
stages:
  - id: stage
    name: Stage
    steps:
{steps}"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": None, "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


BROKEN = journey("b", "bruno", channels=("email",), emotion="1")


@pytest.mark.parametrize(
    ("broken", "error"),
    [
        (BROKEN.replace("emotion: 1", "emotion: lots"), "type"),
        (BROKEN.replace("personas: [bruno]", "personas: [bruno, bruno]"), "unique-items"),
        (BROKEN.replace("channels: [email]", "channels: [email, email]"), "unique-items"),
        (BROKEN.replace("        name: Step 0\n", ""), "required"),
        (BROKEN.split("stages:")[0] + "stages: 5\n", "type"),
        (BROKEN.replace("title: Journey b", "title: [unclosed"), "yaml-syntax"),
    ],
    ids=[
        "wrong-type",
        "persona-twice",
        "channel-twice",
        "step-without-name",
        "stages-not-a-list",
        "not-yaml",
    ],
)
def test_a_schema_error_in_one_file_does_not_make_lint_blame_the_others(
    tmp_path: Path, broken: str, error: str
) -> None:
    # the second journey is the only one to use `email` and name `bruno`, and it is broken:
    # lint must not say that `email` or `bruno` is used nowhere
    write(
        tmp_path,
        {
            "cjm.yaml": "locale: en\n",
            "channels.yaml": CATALOG,
            **{f"personas/{p}.yaml": text for p, text in PERSONAS.items()},
            "journeys/a.yaml": journey("a", "anna", channels=("web", "web"), emotion="1"),
            "journeys/b.yaml": broken,
        },
    )
    code, out, _err = run("lint", str(tmp_path), "--format", "json")
    problems = json.loads(out)["problems"]
    assert code in (1, 2)
    assert error in {p["code"] for p in problems if p["file"].endswith("b.yaml")}
    blamed = [p for p in problems if "journeys" not in p["file"]]  # the catalog, the personas
    assert blamed == [], blamed


HANDOFF_COLOUR = "#8e44ad"  # the swimlane's hand-off edge


def handoffs_seen(root: Path) -> tuple[int, int, int]:
    """The hand-offs of journeys/a.yaml as the swimlane, lint and the report count them."""
    code, dot, err = run("render", str(root / "journeys" / "a.yaml"), "--format", "dot", "-o", "-")
    assert code == 0, err
    drawn = sum(1 for line in dot.splitlines() if "->" in line and HANDOFF_COLOUR in line)
    _code, out, _err = run("lint", str(root), "--format", "json")
    linted = sum(1 for p in json.loads(out)["problems"] if p["code"] == "channel-handoff")
    code, out, err = run("report", str(root), "--format", "json")
    assert code == 0, err
    [workspace] = json.loads(out)["workspaces"]
    [journey] = [j for j in workspace["journeys"] if j["id"] == "a"]
    return drawn, linted, journey["handoffs"]["count"]


def test_keeping_one_channel_is_no_hand_off_in_any_command(tmp_path: Path) -> None:
    text = journey("a", "anna", channels=("web", "email"), emotion="0").replace(
        "channels: [web]", "channels: [web, email]"
    )
    write(
        tmp_path,
        {
            "cjm.yaml": "locale: en\n",
            "channels.yaml": CATALOG,
            "personas/anna.yaml": PERSONAS["anna"],
            "journeys/a.yaml": text,
        },
    )
    assert handoffs_seen(tmp_path) == (0, 0, 0)


def test_leaving_every_channel_is_one_hand_off_in_every_command(tmp_path: Path) -> None:
    text = journey("a", "anna", channels=("web", "email"), emotion="0")
    write(
        tmp_path,
        {
            "cjm.yaml": "locale: en\n",
            "channels.yaml": CATALOG,
            "personas/anna.yaml": PERSONAS["anna"],
            "journeys/a.yaml": text,
        },
    )
    assert handoffs_seen(tmp_path) == (1, 1, 1)


def test_render_to_standard_output_keeps_problems_off_the_data_stream(tmp_path: Path) -> None:
    text = journey("a", "anna", channels=("web",), emotion="0")
    write(tmp_path, {"cjm.yaml": "locale: en\n", "journeys/a.yaml": text})
    code, out, err = run(
        "render", str(tmp_path / "journeys" / "a.yaml"), "--format", "dot", "-o", "-"
    )
    assert code == 2
    assert out == ""
    assert "unknown persona 'anna'" in err
    assert "nothing was rendered" in err


def test_diff_draws_emotions_on_the_workspace_scale(tmp_path: Path) -> None:
    for side, emotion in (("old", "2"), ("new", "4")):
        text = journey("a", "anna", channels=("web", "web"), emotion=emotion)
        write(
            tmp_path / side,
            {
                "cjm.yaml": "emotion_scale: {min: 1, max: 5}\n",
                "channels.yaml": CATALOG,
                "personas/anna.yaml": PERSONAS["anna"],
                "journeys/a.yaml": text,
            },
        )
    code, out, err = run(
        "diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "markdown"
    )
    assert code == 0, err
    assert "scale 1 to 5" in out
    assert "scale -2 to 2" not in out


def test_lint_asks_for_no_score_of_a_persona_the_journey_does_not_name(tmp_path: Path) -> None:
    # validation says bruno is not one of the journey's personas; lint must not then ask
    # for bruno's score on the other steps
    text = journey("a", "anna", channels=("web", "web"), emotion="{anna: 1}").replace(
        "emotion: {anna: 1}", "emotion: {anna: 1, bruno: 2}", 1
    )
    write(
        tmp_path,
        {
            "cjm.yaml": "locale: en\n",
            "channels.yaml": CATALOG,
            **{f"personas/{p}.yaml": text for p, text in PERSONAS.items()},
            "journeys/a.yaml": text,
        },
    )
    _code, out, _err = run("lint", str(tmp_path), "--format", "json")
    problems = json.loads(out)["problems"]
    assert any("bruno" in p["message"] for p in problems if p["code"] == "unknown-reference")
    assert [p for p in problems if p["code"].startswith("emotion-")] == []


def test_no_output_carries_terminal_escapes_from_author_text(tmp_path: Path) -> None:
    hostile = '"B\\e[2J\\e[31mX \\e]0;owned\\a"'
    text = (
        journey("a", "anna", channels=("web",), emotion="1")
        .replace("title: Journey a", f"title: {hostile}")
        .replace("name: Stage", f"name: {hostile}")
        .replace("name: Step 0", f"name: {hostile}")
    )
    write(
        tmp_path,
        {
            "cjm.yaml": "locale: en\n",
            "channels.yaml": CATALOG,
            "personas/anna.yaml": PERSONAS["anna"],
            "journeys/a.yaml": text,
        },
    )
    outputs = []
    for output in ("html", "markdown", "mermaid", "dot"):
        code, out, err = run(
            "render", str(tmp_path / "journeys" / "a.yaml"), "-f", output, "-o", "-"
        )
        assert code == 0, err
        outputs.append(out)
    for output in ("text", "markdown", "html", "json"):
        code, out, err = run("report", str(tmp_path), "--format", output)
        assert code == 0, err
        outputs.append(out)
    write(tmp_path / "old", {"j.yaml": text.replace("emotion: 1", "emotion: 2")})
    for output in ("text", "markdown", "html"):
        code, out, err = run(
            "diff",
            str(tmp_path / "old" / "j.yaml"),
            str(tmp_path / "journeys" / "a.yaml"),
            "--format",
            output,
        )
        assert code == 0, err
        outputs.append(out)
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out
    assert "BX" in outputs[0]  # the text itself stays


def diff_folders(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> tuple[int, str]:
    write(tmp_path / "old", old)
    write(tmp_path / "new", new)
    code, out, err = run("diff", str(tmp_path / "old"), str(tmp_path / "new"))
    return code, out + err


def workspace_files(emotion: str, **more: str) -> dict[str, str]:
    return {
        "cjm.yaml": "paths:\n  exclude: [drafts/**]\n",
        "channels.yaml": CATALOG,
        "personas/anna.yaml": PERSONAS["anna"],
        "journeys/a.yaml": journey("a", "anna", channels=("web",), emotion=emotion),
        **more,
    }


def test_diff_takes_in_the_files_validate_takes_in(tmp_path: Path) -> None:
    # a draft that paths.exclude leaves out is no more read by diff than by validate
    draft = {"drafts/wip.yaml": "kind: journey\nid: [broken\n"}
    code, out = diff_folders(tmp_path, workspace_files("1", **draft), workspace_files("2"))
    assert code == 0, out
    assert "emotion at step s0: +1 → +2 (up 1)" in out


def test_diff_refuses_a_kind_that_validate_refuses(tmp_path: Path) -> None:
    typo = {
        "journeys/b.yaml": journey("b", "anna", channels=("web",), emotion="1").replace(
            "kind: journey", "kind: journy"
        )
    }
    code, out = diff_folders(tmp_path, workspace_files("1"), workspace_files("1", **typo))
    assert code == 2
    assert "unknown kind 'journy'" in out


def test_diff_refuses_a_workspace_whose_settings_are_wrong(tmp_path: Path) -> None:
    broken = {**workspace_files("2"), "cjm.yaml": "emotion_scale: {min: 1}\n"}
    code, out = diff_folders(tmp_path, workspace_files("1"), broken)
    assert code == 2
    assert "cjm.yaml:1:" in out and "max" in out


def test_diff_of_two_settings_files_says_they_are_no_maps(tmp_path: Path) -> None:
    write(tmp_path, {"a/cjm.yaml": "locale: en\n", "b/cjm.yaml": "locale: it\n"})
    code, _out, err = run(
        "diff", str(tmp_path / "a" / "cjm.yaml"), str(tmp_path / "b" / "cjm.yaml")
    )
    assert code == 2
    assert "not a map" in err


def test_the_swimlane_hands_off_between_the_steps_lint_names(tmp_path: Path) -> None:
    # web, then a step on no channel, then email: the hand-off is from the first to the third
    text = journey("a", "anna", channels=("web", "none", "email"), emotion="0").replace(
        "            channels: [none]\n", ""
    )
    write(
        tmp_path,
        {
            "cjm.yaml": "locale: en\n",
            "channels.yaml": CATALOG,
            "personas/anna.yaml": PERSONAS["anna"],
            "journeys/a.yaml": text,
        },
    )
    _code, out, _err = run("lint", str(tmp_path), "--format", "json")
    [finding] = [p for p in json.loads(out)["problems"] if p["code"] == "channel-handoff"]
    assert "(step 's0')" in finding["message"] and "step 's2'" in finding["message"]
    code, dot, err = run("render", str(tmp_path / "journeys" / "a.yaml"), "-f", "dot", "-o", "-")
    assert code == 0, err
    edges = [line.split("[")[0].strip() for line in dot.splitlines() if HANDOFF_COLOUR in line]
    assert edges == ['"step0" -> "step2"']
