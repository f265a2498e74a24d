"""`cjm init` and `cjm new` make documents that validate as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.frameworks import BUILTIN


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": None})
    return result.exit_code, result.output


@pytest.mark.parametrize("locale", ["en", "it"])
def test_init_creates_a_workspace_that_validates(tmp_path: Path, locale: str) -> None:
    code, output = run("init", str(tmp_path), "--locale", locale, "--name", "Demo")
    assert code == 0, output
    assert (tmp_path / "cjm.yaml").is_file()
    assert (tmp_path / ".pre-commit-config.yaml").is_file()
    assert (tmp_path / ".cjm" / "schemas" / "journey.schema.json").is_file()
    code, output = run("validate", str(tmp_path))
    assert code == 0, output
    assert "4 files checked: no problems" in output
    journeys = list((tmp_path / "journeys").glob("*.yaml"))
    text = journeys[0].read_text(encoding="utf-8")
    assert ("Bisogno" in text) == (locale == "it")


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text("name: mine\n", encoding="utf-8")
    code, output = run("init", str(tmp_path))
    assert code == 2
    assert "already has cjm.yaml" in output
    assert (tmp_path / "cjm.yaml").read_text(encoding="utf-8") == "name: mine\n"
    assert not (tmp_path / "channels.yaml").exists()


@pytest.mark.parametrize("framework", sorted(BUILTIN))
def test_new_journey_from_each_framework(tmp_path: Path, framework: str) -> None:
    assert run("init", str(tmp_path))[0] == 0
    code, output = run(
        "new",
        "journey",
        "j1",
        "--framework",
        framework,
        "--in",
        str(tmp_path),
        "--persona",
        "typical-customer",
        "--title",
        'A "quoted" title: yes',
    )
    assert code == 0, output
    path = tmp_path / "journeys" / "j1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["framework"] == framework
    assert data["title"] == 'A "quoted" title: yes'
    assert [s["id"] for s in data["stages"]] == [s.id for s in BUILTIN[framework].stages]
    code, output = run("validate", str(tmp_path))
    assert code == 0, output


@pytest.mark.parametrize("kind", ["persona", "empathy-map", "reality-map", "channels"])
def test_new_other_kinds_validate(tmp_path: Path, kind: str) -> None:
    assert run("init", str(tmp_path), "--locale", "it")[0] == 0
    code, output = run(
        "new", kind, f"new-{kind}", "--in", str(tmp_path / "journeys"), "--persona", "cliente-tipo"
    )
    assert code == 0, output
    assert f"new-{kind}.yaml" in output
    assert "needs attention" not in output
    code, output = run("validate", str(tmp_path))
    assert code == 0, output


def test_new_with_unknown_framework_or_bad_id(tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text("name: demo\n", encoding="utf-8")
    code, output = run("new", "journey", "j1", "--framework", "aidaa", "--in", str(tmp_path))
    assert code == 2
    assert "unknown framework 'aidaa'" in output
    code, output = run("new", "journey", "bad id", "--in", str(tmp_path))
    assert code == 2
    assert "not a valid id" in output
    code, output = run("new", "jorney", "j1", "--in", str(tmp_path))
    assert code == 2
    assert "unknown kind 'jorney'" in output
    assert [p.name for p in tmp_path.rglob("*.yaml")] == ["cjm.yaml"]


def test_new_needs_a_workspace_and_a_persona_for_an_empathy_map(tmp_path: Path) -> None:
    code, output = run("new", "persona", "p1", "--in", str(tmp_path))
    assert code == 2
    assert "not in a workspace" in output
    code, output = run("new", "persona", "p1", "--in", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such folder" in output
    assert run("init", str(tmp_path))[0] == 0
    code, output = run("new", "empathy-map", "e1", "--in", str(tmp_path))
    assert code == 2
    assert "give --persona" in output
    code, output = run("new", "journey", "j1", "--persona", "nobody", "--in", str(tmp_path))
    assert code == 1
    assert "unknown persona 'nobody'" in output
    assert (tmp_path / "journeys" / "j1.yaml").is_file()


def test_file_system_errors_are_one_line_messages(tmp_path: Path) -> None:
    a_file = tmp_path / "afile"
    a_file.write_text("x", encoding="utf-8")
    code, output = run("schema", "--export", str(a_file))
    assert code == 2
    assert "afile is a file, not a folder" in output
    assert "Traceback" not in output
    code, output = run("init", str(a_file))
    assert code == 2
    assert "is a file, not a folder" in output


def test_new_uses_custom_framework_from_config(tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text(
        "frameworks:\n  service:\n    name: Service\n    stages:\n"
        "      - {id: join, name: Join}\n      - {id: use, name: Use}\n",
        encoding="utf-8",
    )
    code, output = run("new", "journey", "j1", "--framework", "service", "--in", str(tmp_path))
    # this workspace has no channel catalog yet: the journey names no channel, and says so
    assert code == 0, output
    assert "no channel catalog yet" in output
    data = yaml.safe_load((tmp_path / "journeys" / "j1.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["stages"]] == ["join", "use"]
