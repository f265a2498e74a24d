"""What cjm recognises as a map is the same everywhere: the output guard, the folder
walk and the loader agree on maps written in any YAML style or saved in any encoding."""

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


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})
    return result.exit_code, result.output


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
    assert run("validate", str(target))[0] == 0  # a map, as validate sees it
    code, output = run("report", ".", "-o", str(target))
    assert code == 2, output
    assert "is a cjm document" in output
    assert target.read_text(encoding="utf-8") == text


def test_another_tools_utf16_file_is_left_alone_and_a_utf16_map_is_named(
    workspace: Path,
) -> None:
    (workspace / "settings.yaml").write_bytes("foo: bar\n".encode("utf-16"))
    assert run("validate", ".")[0] == 0
    (workspace / "personas" / "saved-by-excel.yaml").write_bytes(
        "kind: persona\nid: x\nname: X\n".encode("utf-16-le")
    )
    code, output = run("validate", ".")
    assert code == 2
    assert "personas/saved-by-excel.yaml:1:1: [error] the file is UTF-16 (little-endian)" in output


def test_a_nul_in_utf8_is_not_taken_for_utf16() -> None:
    assert other_encoding(b"a\0b: 1\n") is None
    assert other_encoding("kind: x\n".encode("utf-32-be")) == "UTF-32 (big-endian)"
    assert other_encoding("kind: x\n".encode("utf-16-be")) == "UTF-16 (big-endian)"
