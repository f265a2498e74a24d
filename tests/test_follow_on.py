"""One mistake, one message: a slip in one file does not bury itself under errors
blamed on the files that are right (what a pull-request reviewer sees first); and
what cjm takes for a map is the same everywhere (the output guard, the folder walk
and the loader agree on maps in any YAML style or encoding)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.loader import other_encoding

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bank-onboarding"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "ws"
    shutil.copytree(EXAMPLE, copy)
    monkeypatch.chdir(copy)
    return copy


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, [*args, "--color", "never"])
    lines = [line for line in result.output.splitlines() if not line.startswith(" ")]
    return result.exit_code, lines


def plain(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})
    return result.exit_code, result.output


def test_a_tab_in_the_reality_map_is_the_one_problem(workspace: Path) -> None:
    research = workspace / "research" / "reality-map.yaml"
    lines = research.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if i > 5 and line.startswith("  "))
    lines[row] = "\t" + lines[row][2:]
    research.write_text("\n".join(lines), encoding="utf-8")
    code, output = run("validate", ".")
    assert code == 2
    assert output == [
        f"research/reality-map.yaml:{row + 1}:1: [error] a tab in the indentation: YAML "
        "indents with spaces, never tabs; replace the tab with spaces (yaml-syntax)",
        "1 problem in 1 file (9 files checked)",
    ]
    # a journey checked alone still says why its findings are not found
    code, output = run("validate", "journeys/onboarding-current.yaml")
    assert code == 1
    assert "which could not be read" in output[0]


def test_a_slip_in_cjm_yaml_keeps_the_rest_of_its_settings(workspace: Path) -> None:
    config = workspace / "cjm.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("version: 1", "version: 1\nlocal: en").replace("  max: 2", "  max: 9"),
        encoding="utf-8",
    )
    journey = workspace / "journeys" / "onboarding-current.yaml"
    journey.write_text(  # on the workspace's scale, with a score only that scale allows
        journey.read_text(encoding="utf-8")
        .replace("emotion_scale: {min: -2, max: 2}\n", "")
        .replace("emotion: -2", "emotion: 9"),
        encoding="utf-8",
    )
    code, output = run("validate", ".")
    assert code == 2  # a cjm.yaml that cannot be used as written stops every command
    # only the slip: scores on the scale it sets wait until it is fixed
    assert [line.split(": [error] ")[1] for line in output[:-1]] == [
        "unknown key 'local'; did you mean 'locale'? (unknown-key)"
    ]


def test_a_broken_framework_in_cjm_yaml_is_one_problem(workspace: Path) -> None:
    config = workspace / "cjm.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "frameworks:\n  purchase-funnel:\n    stages: [{id: awareness, name: A}]\n",
        encoding="utf-8",
    )
    code, output = run("validate", ".")
    assert code == 2
    assert [line.split(": [error] ")[1] for line in output[:-1]] == [
        "missing required key 'name' (required)"
    ]


def test_an_upside_down_scale_is_one_problem(workspace: Path) -> None:
    journey = workspace / "journeys" / "onboarding-current.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace(
            "emotion_scale: {min: -2, max: 2}", "emotion_scale: {min: 2.0, max: -2e0}"
        ),
        encoding="utf-8",
    )
    code, output = run("validate", "journeys/onboarding-current.yaml")
    assert code == 1
    assert [line.split(": [error] ")[1] for line in output[:-1]] == [
        "the emotion scale runs from 2 to -2: min must be lower than max (emotion-scale)"
    ]


def test_a_misspelt_kind_makes_nothing_look_unused(workspace: Path) -> None:
    (workspace / "journeys" / "onboarding-future.yaml").unlink()
    journey = workspace / "journeys" / "onboarding-current.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("kind: journey", "kind: jorney"),
        encoding="utf-8",
    )
    code, output = run("lint", ".")
    assert code == 1
    assert not any("unused" in line for line in output), output
    assert "unknown kind 'jorney'; did you mean 'journey'?" in output[0]


@pytest.mark.parametrize(
    "text",
    [
        '{"kind": "persona", "id": "json-anna", "name": "Anna"}\n',
        "# notes\n" * 12_000 + "kind: persona\nid: late-anna\nname: Anna\n",
    ],
    ids=["json-style", "kind-after-long-comments"],
)
def test_no_output_replaces_a_map_however_it_is_written(workspace: Path, text: str) -> None:
    target = workspace / "personas" / "odd.yaml"
    target.write_text(text, encoding="utf-8")
    assert plain("validate", str(target))[0] == 0  # a map, as validate sees it
    code, output = plain("report", ".", "-o", str(target))
    assert code == 2, output
    assert "is a cjm document" in output
    assert target.read_text(encoding="utf-8") == text


def test_another_tools_utf16_file_is_left_alone_and_a_utf16_map_is_named(
    workspace: Path,
) -> None:
    (workspace / "settings.yaml").write_bytes("foo: bar\n".encode("utf-16"))
    assert plain("validate", ".")[0] == 0
    (workspace / "personas" / "saved-by-excel.yaml").write_bytes(
        "kind: persona\nid: x\nname: X\n".encode("utf-16-le")
    )
    code, output = plain("validate", ".")
    assert code == 2
    assert "personas/saved-by-excel.yaml:1:1: [error] the file is UTF-16 (little-endian)" in output


def test_a_nul_in_utf8_is_not_taken_for_utf16() -> None:
    assert other_encoding(b"a\0b: 1\n") is None
    assert other_encoding("kind: x\n".encode("utf-32-be")) == "UTF-32 (big-endian)"
    assert other_encoding("kind: x\n".encode("utf-16-be")) == "UTF-16 (big-endian)"


def test_a_journey_that_cannot_be_read_does_not_blame_the_touchpoints_of_a_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its raw lines tell a journey's id, never its touchpoints: a source that names one
    waits until the journey can be read, while the journey's own slip is reported."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cjm.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "viaggio.yaml").write_text(
        "kind: journey\nid: viaggio\ntitle: V\nstages:\n  - id: s\n    name: S\n"
        "    steps:\n      - {id: a, name: A, touchpoints: [{id: tp-a, name: [}]}\n",
        encoding="utf-8",
    )
    (tmp_path / "dati.yaml").write_text(
        "kind: reality-map\nid: dati\ntitle: D\n"
        "sources:\n  - {id: crm, name: CRM, party: first, touchpoints: [tp-a]}\n",
        encoding="utf-8",
    )
    code, output = run("validate", ".")
    assert code == 2
    assert len(output) == 2, output
    assert output[0].startswith("viaggio.yaml:8:")
    assert "(yaml-syntax)" in output[0]
    # checked alone, the map says where the touchpoint may be
    code, output = run("validate", "dati.yaml")
    assert code == 1
    assert output[0] == (
        "dati.yaml:5:54: [error] unknown touchpoint 'tp-a'; no touchpoint is defined in the "
        "workspace (it may be in viaggio.yaml, which could not be read) (unknown-reference)"
    )
