"""The `cjm` command line as a user meets it: output formats, exit codes, messages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BANK = EXAMPLES / "bank-onboarding"
CLEAN_ENV = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None}


def run(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={**CLEAN_ENV, **(env or {})})
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.output


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    copy = tmp_path / "bank"
    shutil.copytree(BANK, copy)
    return copy


def break_journey(workspace: Path) -> Path:
    journey = workspace / "journeys" / "onboarding-current.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("state: current", "state: curent", 1), encoding="utf-8")
    return journey


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_examples_validate_clean() -> None:
    code, output = run("validate", str(EXAMPLES))
    assert code == 0, output
    assert "31 files checked: no problems" in output


def test_text_format_gives_location_level_message_code_and_json_path(workspace: Path) -> None:
    journey = break_journey(workspace)
    code, output = run("validate", str(workspace))
    assert code == 1, output
    line = line_of(journey, "state: curent")
    assert f"onboarding-current.yaml:{line}:8: [error] 'curent' is not one of" in output
    assert "did you mean 'current'?" in output
    assert "(enum)" in output
    assert "at $.state" in output
    assert "1 problem in 1 file" in output


def test_json_format(workspace: Path) -> None:
    journey = break_journey(workspace)
    code, output = run("validate", "--format", "json", str(workspace))
    assert code == 1, output
    payload = json.loads(output)
    assert payload["exit_code"] == 1
    [problem] = payload["problems"]
    assert problem["file"].endswith("journeys/onboarding-current.yaml")
    assert (problem["line"], problem["column"]) == (line_of(journey, "state: curent"), 8)
    assert problem["code"] == "enum"
    assert problem["json_path"] == "$.state"
    assert problem["level"] == "error"


def test_github_format_is_chosen_under_github_actions(workspace: Path) -> None:
    journey = break_journey(workspace)
    code, output = run("validate", str(workspace), env={"GITHUB_ACTIONS": "true"})
    assert code == 1, output
    line = line_of(journey, "state: curent")
    assert output.startswith("::error file=")
    assert f",line={line},col=8,title=cjm enum::" in output


def test_github_format_escapes_newlines_and_commas(tmp_path: Path) -> None:
    bad = tmp_path / "a,b.yaml"
    bad.write_text("kind: persona\nid: x\nname: y\nname: z\n", encoding="utf-8")
    code, output = run("validate", "--format", "github", str(bad))
    assert code == 2, output
    assert "file=" in output and "a%2Cb.yaml" in output
    assert output.count("\n") == 1


def test_colour_follows_no_color_and_force_color(workspace: Path) -> None:
    break_journey(workspace)
    _, forced = run("validate", str(workspace), env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced
    _, disabled = run("validate", str(workspace), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in disabled
    _, piped = run("validate", str(workspace))
    assert "\x1b[" not in piped


def test_unreadable_file_is_exit_2_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("kind: persona\nid: [unclosed\n", encoding="utf-8")
    code, output = run("validate", str(bad))
    assert code == 2, output
    assert "broken.yaml:3:1: [error] YAML syntax error" in output
    assert "Traceback" not in output


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    code, output = run("validate", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such file or folder" in output


def test_unknown_option_is_usage_error() -> None:
    code, output = run("validate", "--frmat", "json")
    assert code == 2
    assert "No such option" in output


def test_invalid_config_is_exit_2(workspace: Path) -> None:
    (workspace / "cjm.yaml").write_text("name: Bank\nlocle: en\n", encoding="utf-8")
    code, output = run("validate", str(workspace))
    assert code == 2, output
    assert "cjm.yaml:2:1: [error] unknown key 'locle'; did you mean 'locale'?" in output


def test_single_file_is_checked_against_its_workspace(workspace: Path) -> None:
    persona = workspace / "personas" / "priya-switcher.yaml"
    code, output = run("validate", str(persona))
    assert code == 0, output
    assert "1 file checked: no problems" in output
    channels = workspace / "channels.yaml"
    channels.write_text(
        channels.read_text(encoding="utf-8").replace("id: mobile-app", "id: app"), encoding="utf-8"
    )
    code, output = run("validate", str(persona))
    assert code == 1, output
    assert "unknown channel 'mobile-app'" in output
    assert "channels.yaml" not in output.replace("preferred_channels", "")


def test_ignore_unknown_skips_other_yaml(workspace: Path) -> None:
    other = workspace / ".github-workflow.yaml"
    other.write_text("on: push\njobs: {}\n", encoding="utf-8")
    code, output = run("validate", str(other))
    assert code == 1
    assert "not a cjm document" in output
    code, output = run("validate", "--ignore-unknown", str(other))
    assert code == 0, output


def test_quiet_prints_nothing_when_clean() -> None:
    code, output = run("validate", "--quiet", str(BANK))
    assert code == 0
    assert output == ""


def test_jobs_give_the_same_report(workspace: Path) -> None:
    break_journey(workspace)
    one = run("validate", "--jobs", "1", "--format", "json", str(workspace))
    two = run("validate", "--jobs", "2", "--format", "json", str(workspace))
    assert one == two


def test_schema_lists_prints_and_exports(tmp_path: Path) -> None:
    code, output = run("schema")
    assert code == 0
    assert "journey" in output and "https://cjm.dev/schema/1/journey.schema.json" in output
    code, output = run("schema", "journey")
    assert code == 0
    assert json.loads(output)["$id"].endswith("/journey.schema.json")
    code, output = run("schema", "jorney")
    assert code == 2
    assert "did you mean 'journey'?" in output
    code, output = run("schema", "--export", str(tmp_path / "s"))
    assert code == 0, output
    listed = [line.split()[0] for line in run("schema")[1].splitlines()]
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(
        f"{n}.schema.json" for n in listed
    )
    assert len(listed) == 9


def test_version() -> None:
    code, output = run("--version")
    assert code == 0
    assert output.startswith("cjm ")


def test_python_dash_m_cjm_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cjm", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "validate" in result.stdout and "schema" in result.stdout


def test_printed_schema_is_self_contained_and_validates_the_examples() -> None:
    import jsonschema

    code, output = run("schema", "journey")
    assert code == 0
    assert "defs.schema.json" not in output
    schema = json.loads(output)
    validator = jsonschema.Draft202012Validator(schema)  # no registry: nothing to fetch
    for path in EXAMPLES.rglob("journeys/*.yaml"):
        assert list(validator.iter_errors(_plain(path))) == [], path
    bad = {"kind": "journey", "id": "x", "title": "t", "stages": [{"id": "s", "nme": "S"}]}
    assert list(validator.iter_errors(bad))


def _plain(path: Path) -> object:
    from cjm.core.loader import load_file

    return load_file(path).data
