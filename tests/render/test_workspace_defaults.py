"""The `render:` section of cjm.yaml: the workspace's defaults, which the command line overrides."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cjm.cli import app

JOURNEY = """\
kind: journey
id: j
title: J
stages:
  - id: s
    name: S
    steps:
      - id: t
        name: T
        emotion: 1
"""


def dot(root: Path, *options: str) -> str:
    args = ["render", str(root / "j.yaml"), "--format", "dot", "-o", "-", *options]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def workspace(root: Path, config: str) -> Path:
    (root / "cjm.yaml").write_text(config, encoding="utf-8")
    (root / "j.yaml").write_text(JOURNEY, encoding="utf-8")
    return root


def test_without_a_default_the_journey_decides(tmp_path: Path) -> None:
    workspace(tmp_path, "locale: en\n")
    assert "Frontstage" in dot(tmp_path)  # one channel or none: the blueprint's layers


def test_the_workspace_chooses_the_lanes(tmp_path: Path) -> None:
    workspace(tmp_path, "render:\n  lanes: persona\n")
    assert "Frontstage" not in dot(tmp_path)


def test_the_command_line_overrides_the_workspace(tmp_path: Path) -> None:
    workspace(tmp_path, "render:\n  lanes: persona\n")
    assert "Frontstage" in dot(tmp_path, "--lanes", "layer")


def test_an_unknown_render_setting_is_refused_where_it_is_written(tmp_path: Path) -> None:
    workspace(tmp_path, "render:\n  lane: layer\n")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "cjm.yaml:2:3" in result.output
    assert "unknown key 'lane'; did you mean 'lanes'?" in result.output


def test_a_page_size_the_pdf_cannot_take_is_refused_by_validate(tmp_path: Path) -> None:
    workspace(tmp_path, "render:\n  page_size: A9 landscape\n")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "cjm.yaml:2:14" in result.output


def test_every_page_size_the_schema_takes_is_one_the_pdf_takes(tmp_path: Path) -> None:
    from cjm.render.pdf import page_size

    for size in ("a4", "A3 Landscape", "letter portrait", "420mm 297mm", "8.5in 11in"):
        workspace(tmp_path, f"render:\n  page_size: {size}\n")
        result = CliRunner().invoke(app, ["validate", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert page_size(size).css


def test_a_template_folder_that_is_missing_names_where_it_was_asked(tmp_path: Path) -> None:
    workspace(tmp_path, "render:\n  template: brand\n")
    result = CliRunner().invoke(app, ["render", str(tmp_path / "j.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "render.template in cjm.yaml" in result.output
