"""SARIF names files as the repository does: the same URIs and fingerprints whichever
folder cjm runs in, and a file whose name is not UTF-8 named exactly, byte by byte."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cjm.cli import app

CLEAN_ENV = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None}
NOT_UTF8 = b"caf\xe9.yaml"
"""`café.yaml` in Latin-1: a name Linux stores as these bytes, and not valid UTF-8."""

JOURNEY = """\
kind: journey
id: visit
title: Visit
personas: [nobody]
stages:
  - id: arrive
    name: Arrive
    steps:
      - id: queue
        name: Queues
        pain_points:
          - id: pp-queue
            description: Twenty minutes in the queue
"""
PERSONA = "kind: persona\nid: {id}\nname: Anna\nnmae: typo\n"


def problem_repository(base: Path, *, git: str = "folder") -> Path:
    """A git work tree at ``base / "repo"`` (marked by a `.git` folder, or a `.git` file as
    in a linked work tree) with a workspace in `maps/`: a journey with a lint finding and an
    unknown persona, a persona with an unknown key, a file that is not YAML and, where the
    file system allows it, a persona whose file name is not UTF-8."""
    repo = base / "repo"
    maps = repo / "maps"
    (maps / "journeys").mkdir(parents=True)
    (maps / "personas").mkdir()
    if git == "folder":
        (repo / ".git").mkdir()
    else:
        (repo / ".git").write_text("gitdir: ../main/.git/worktrees/repo\n", encoding="utf-8")
    (maps / "cjm.yaml").write_text("version: 1\n", encoding="utf-8")
    (maps / "journeys" / "visit.yaml").write_text(JOURNEY, encoding="utf-8")
    (maps / "personas" / "anna.yaml").write_text(PERSONA.format(id="anna"), encoding="utf-8")
    (maps / "personas" / "broken.yaml").write_text(
        "kind: persona\nid: broken\nname: [unclosed\n", encoding="utf-8"
    )
    # a file system that keeps names in UTF-8 refuses this one
    with contextlib.suppress(OSError):
        (maps / "personas" / os.fsdecode(NOT_UTF8)).write_text(
            PERSONA.format(id="cafe"), encoding="utf-8"
        )
    return repo


def has_not_utf8_name(repo: Path) -> bool:
    return (repo / "maps" / "personas" / os.fsdecode(NOT_UTF8)).exists()


def sarif_log(cwd: Path, *args: str) -> dict[str, Any]:
    """What ``cjm ARGS`` prints, run in ``cwd``, read as JSON."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        result = CliRunner().invoke(app, list(args), env=CLEAN_ENV)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert result.exit_code in (0, 1, 2), result.output
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def located(log: dict[str, Any]) -> list[tuple[str, str, str, Any, str]]:
    """Each result as code scanning files it: rule, URI, base, region and fingerprint."""
    out = []
    for result in log["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        artifact = physical["artifactLocation"]
        out.append(
            (
                result["ruleId"],
                artifact["uri"],
                artifact.get("uriBaseId", ""),
                physical.get("region"),
                result["partialFingerprints"]["cjmFingerprint/v1"],
            )
        )
    return sorted(out)


@pytest.mark.parametrize("command", ["lint", "validate"])
def test_uris_are_the_same_from_any_folder(tmp_path: Path, command: str) -> None:
    repo = problem_repository(tmp_path)
    maps = repo / "maps"
    runs = {
        "the repository root": (repo, "maps"),
        "the workspace": (maps, "."),
        "a sub-folder, with ..": (maps / "journeys", ".."),
        "a sub-folder, with an absolute path": (maps / "journeys", str(maps)),
        "outside the repository": (tmp_path, "repo/maps"),
    }
    logs = {
        where: sarif_log(cwd, command, "--format", "sarif", arg)
        for where, (cwd, arg) in runs.items()
    }
    expected = located(logs["the repository root"])
    uris = {uri for _rule, uri, _base, _region, _key in expected}
    assert {"maps/journeys/visit.yaml", "maps/personas/anna.yaml"} <= uris
    assert "maps/personas/broken.yaml" in uris
    assert all(base == "%SRCROOT%" for _rule, _uri, base, _region, _key in expected)
    for where, log in logs.items():
        assert located(log) == expected, where
        bases = log["runs"][0]["originalUriBaseIds"]
        assert bases == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}, where


def test_a_linked_work_tree_is_a_repository_too(tmp_path: Path) -> None:
    # a linked work tree or a submodule has a `.git` file, not a folder
    repo = problem_repository(tmp_path, git="file")
    log = sarif_log(repo / "maps" / "personas", "lint", "--format", "sarif", "anna.yaml")
    assert [uri for _rule, uri, *_ in located(log)] == ["maps/personas/anna.yaml"]
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"


def test_outside_git_uris_start_from_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "anna.yaml").write_text(PERSONA.format(id="anna"), encoding="utf-8")
    log = sarif_log(tmp_path, "validate", "--format", "sarif")
    assert [(rule, uri, base) for rule, uri, base, *_ in located(log)] == [
        ("unknown-key", "personas/anna.yaml", "%SRCROOT%")
    ]
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def test_outside_git_uris_start_from_the_workspace_whatever_the_folder(tmp_path: Path) -> None:
    workspace = tmp_path / "maps"
    (workspace / "personas").mkdir(parents=True)
    (workspace / "cjm.yaml").write_text("kind: workspace\nversion: 1\n", encoding="utf-8")
    (workspace / "personas" / "anna.yaml").write_text(PERSONA.format(id="anna"), encoding="utf-8")
    logs = [
        sarif_log(workspace, "lint", "--format", "sarif", "."),
        sarif_log(workspace / "personas", "lint", "--format", "sarif", ".."),
        sarif_log(tmp_path, "lint", "--format", "sarif", "maps"),
    ]
    for log in logs:
        assert [(rule, uri) for rule, uri, *_ in located(log)] == [
            ("unknown-key", "personas/anna.yaml")
        ]
        assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (
            workspace.as_uri() + "/"
        )


def test_a_file_name_that_is_not_utf8_is_percent_encoded(tmp_path: Path) -> None:
    repo = problem_repository(tmp_path)
    if not has_not_utf8_name(repo):
        pytest.skip("this file system keeps file names in UTF-8 only")
    log = sarif_log(repo / "maps", "lint", "--format", "sarif")
    named = [result for result in located(log) if "caf" in result[1]]
    assert [(rule, uri) for rule, uri, *_ in named] == [
        ("unknown-key", "maps/personas/caf%E9.yaml")
    ]


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_through_the_real_standard_output(tmp_path: Path) -> None:
    repo = problem_repository(tmp_path)
    if not has_not_utf8_name(repo):
        pytest.skip("this file system keeps file names in UTF-8 only")
    (repo / "maps" / "personas" / "twin.yaml").write_text(
        PERSONA.format(id="cafe").replace("nmae: typo\n", ""), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "cjm", "validate", "--format", "sarif", "maps"],
        capture_output=True,
        check=False,
        cwd=repo,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "GITHUB_ACTIONS": ""},
    )
    assert result.returncode == 2, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    log = json.loads(result.stdout.decode("utf-8"))
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    # the other document with id `cafe` names the file in its message, shown as every
    # other output shows it: the byte that is not UTF-8 escaped
    assert any("caf\\xe9.yaml" in message for message in messages), messages
    uris = {uri for _rule, uri, *_ in located(log)}
    assert "maps/personas/caf%E9.yaml" in uris
