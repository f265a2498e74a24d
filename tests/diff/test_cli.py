"""`cjm diff` on the command line: inputs, exit codes, errors, formats, and git."""

# ruff: noqa: RUF001 - the output under test writes scores with a true minus sign
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

ROOT = Path(__file__).parents[2]
CASES = Path(__file__).parent / "cases"
BANK = ROOT / "examples" / "bank-onboarding"
JOURNEY = "journeys/onboarding-current.yaml"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["diff", *args], env={"NO_COLOR": "1"})
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_exit_code_and_fail_on() -> None:
    case = CASES / "emotions"
    assert run("old", "new", cwd=case)[0] == 0
    assert run("old", "new", "--exit-code", cwd=case)[0] == 1
    assert run("old", "old", "--exit-code", cwd=case)[0] == 0
    assert run("old", "new", "--fail-on", "warning", cwd=case)[0] == 1
    assert run("old", "new", "--fail-on", "warning", cwd=CASES / "opportunities")[0] == 0


def test_invalid_yaml_on_either_side_is_located_and_exits_2(tmp_path: Path) -> None:
    shutil.copytree(CASES / "steps" / "old", tmp_path / "old")
    shutil.copytree(CASES / "steps" / "new", tmp_path / "new")
    journey = tmp_path / "new" / "journeys" / "buy-shoes.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("name: Search", "name: [Search"),
        encoding="utf-8",
    )
    code, out, err = run("old", "new", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err.startswith("cjm: new/journeys/buy-shoes.yaml:")
    assert "Traceback" not in err

    persona = tmp_path / "old" / "personas" / "ana.yaml"
    persona.write_text(
        persona.read_text(encoding="utf-8").replace("name: Ana", "nmae: Ana"), encoding="utf-8"
    )
    code, _out, err = run("old", "new", cwd=tmp_path)
    assert code == 2
    assert "old/personas/ana.yaml:" in err and "nmae" in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("kind: persona\nid: a\nname: A\n", encoding="utf-8")
    code, _out, err = run("a.yaml", cwd=tmp_path)
    assert code == 2 and "give two files or two folders" in err
    code, _out, err = run("a.yaml", str(CASES), cwd=tmp_path)
    assert code == 2 and "two files or two folders" in err
    code, _out, err = run("no-such-thing", "a.yaml", cwd=tmp_path)
    assert code == 2 and "no-such-thing" in err


def test_outside_a_git_repository_a_revision_is_a_clear_error(tmp_path: Path) -> None:
    code, _out, err = run("HEAD~1", cwd=tmp_path)
    assert code == 2
    assert "not in a git repository" in err


def test_html_escapes_author_text_and_forbids_scripts(tmp_path: Path) -> None:
    shutil.copytree(CASES / "stages" / "old", tmp_path / "old")
    shutil.copytree(CASES / "stages" / "new", tmp_path / "new")
    journey = tmp_path / "new" / "journeys" / "buy-shoes.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace(
            "name: Use and enjoy", "name: <script>alert(1)</script>"
        ),
        encoding="utf-8",
    )
    code, out, _err = run("old", "new", "--format", "html", cwd=tmp_path)
    assert code == 0
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
    ) in out


def test_text_output_keeps_terminal_escapes_of_author_text_out(tmp_path: Path) -> None:
    shutil.copytree(CASES / "steps" / "old", tmp_path / "old")
    shutil.copytree(CASES / "steps" / "new", tmp_path / "new")
    persona = tmp_path / "new" / "personas" / "ana.yaml"
    journey = tmp_path / "new" / "journeys" / "buy-shoes.yaml"
    for path, old, new in (
        (persona, "name: Ana", 'name: "B\\e[2J\\u001b[31mX"'),
        (journey, "title: Buying shoes — today", 'title: "\\e]0;owned\\aBuying\\u009b2J shoes"'),
    ):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code, out, err = run("old", "new", "--format", "text", cwd=tmp_path)
    assert code == 0, err
    assert "“BX”" in out and "“Buying shoes" in out
    assert not [c for c in out if (ord(c) < 32 and c != "\n") or 127 <= ord(c) < 160], out


def test_markdown_stays_readable_for_500_changes(tmp_path: Path) -> None:
    import yaml

    steps = [{"id": f"s{i}", "name": f"Step {i}", "emotion": 1} for i in range(500)]
    journey = {
        "kind": "journey",
        "id": "big",
        "title": "Big",
        "stages": [{"id": "only", "name": "Only", "steps": steps}],
    }
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(journey), encoding="utf-8")
    for step in steps:
        step["emotion"] = -1
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(journey), encoding="utf-8")
    code, out, _err = run("old.yaml", "new.yaml", "--format", "markdown", cwd=tmp_path)
    assert code == 0
    assert "**500 changes** in 1 document" in out
    assert out.count("| ⚠️ |") == 50
    assert "… and 450 more changes" in out
    assert "… and 200 more: run `cjm diff --format text`" in out
    assert len(out) < 65536  # what a pull-request comment holds


def test_schema_diff_is_printable_listed_and_exported(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "diff"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"] == "https://cjm.dev/schema/1/diff.schema.json"
    result = CliRunner().invoke(app, ["schema"])
    assert "diff" in result.stdout.split()
    result = CliRunner().invoke(app, ["schema", "--export", str(tmp_path)])
    assert json.loads((tmp_path / "diff.schema.json").read_text(encoding="utf-8"))["$id"] == (
        "https://cjm.dev/schema/1/diff.schema.json"
    )


# --- git ---------------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_PAGER": "cat",
        "PAGER": "cat",
        "NO_COLOR": "1",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits of the bank example: an emotion drops in the second."""
    repo = tmp_path / "repo"
    shutil.copytree(BANK, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    journey = repo / JOURNEY
    text = journey.read_text(encoding="utf-8")
    journey.write_text(
        text.replace(
            "        emotion: -1\n        touchpoints:\n          - id: tp-account-page",
            "        emotion: -2\n        touchpoints:\n          - id: tp-account-page",
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "second")
    return repo


DROP = "emotion at step browse-website: −1 → −2 (down 1) [warning]"


@needs_git
def test_diff_against_a_revision(repo: Path) -> None:
    code, out, _err = run("HEAD~1", cwd=repo)
    assert code == 0
    assert DROP in out
    assert "1 change in 1 document" in out
    code, out, _err = run("HEAD~1", "HEAD", "--format", "json", cwd=repo)
    change = json.loads(out)["changes"][0]
    assert change["old"]["location"] == f"HEAD~1:{JOURNEY}:80:18"
    assert change["new"]["location"] == f"HEAD:{JOURNEY}:80:18"
    assert run("HEAD", "--exit-code", cwd=repo)[0] == 0
    assert run("HEAD~1", "--", "personas", "--exit-code", cwd=repo)[0] == 0


@needs_git
def test_diff_of_a_file_at_a_revision(repo: Path) -> None:
    code, out, _err = run(f"HEAD~1:{JOURNEY}", cwd=repo)
    assert code == 0 and DROP in out
    code, out, _err = run(
        "HEAD~1:./onboarding-current.yaml", "onboarding-current.yaml", cwd=repo / "journeys"
    )
    assert code == 0 and DROP in out
    code, _out, err = run("HEAD~1:journeys/nope.yaml", cwd=repo)
    assert code == 2 and "has no file" in err


@needs_git
def test_invalid_yaml_at_a_revision_names_the_revision(repo: Path) -> None:
    journey = repo / JOURNEY
    journey.write_text("kind: journey\nid: [x\n", encoding="utf-8")
    git(repo, "commit", "-qam", "broken")
    code, _out, err = run("HEAD~1", "HEAD", cwd=repo)
    assert code == 2
    assert err.startswith(f"cjm: HEAD:{JOURNEY}:")


@needs_git
def test_git_diff_and_log_show_the_semantic_diff(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.yaml diff=cjm\n", encoding="utf-8")
    command = f"{sys.executable} -m cjm diff --git-driver"
    git(repo, "config", "diff.cjm.command", command)
    shown = git(repo, "diff", "HEAD~1", "HEAD")
    assert f"cjm diff a/{JOURNEY} b/{JOURNEY}" in shown
    assert DROP in shown
    logged = git(repo, "log", "-p", "--ext-diff", "-1")
    assert DROP in logged

    (repo / "ci.yaml").write_text("on: push\n", encoding="utf-8")
    git(repo, "add", "ci.yaml")
    git(repo, "commit", "-qm", "ci")
    shown = git(repo, "show", "--ext-diff", "HEAD")
    assert "+on: push" in shown  # not a map: a plain line diff


def test_readme_shows_what_cjm_diff_says_about_the_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- diff-example:start -->\n```markdown\n")[1].split(
        "```\n<!-- diff-example:end -->"
    )[0]
    code, out, _err = run(
        "examples/bank-onboarding/journeys/onboarding-current.yaml",
        "tests/diff/readme/onboarding-current.yaml",
        "--format",
        "markdown",
        cwd=ROOT,
    )
    assert code == 0
    assert shown == out
