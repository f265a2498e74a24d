"""Workspace rules of `cjm validate`: which files count, and the same verdict however called."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cjm.core.errors import LoadError
from cjm.core.loader import load_bytes
from cjm.validate import validate_paths


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


PERSONA = "kind: persona\nid: anna\nname: Anna\n"
JOURNEY = "kind: journey\nid: j\ntitle: J\npersonas: [anna]\nstages:\n  - id: s\n    name: S\n"


def messages(root: Path, *paths: str, **options: bool) -> list[str]:
    report = validate_paths([Path(p) for p in paths] or [Path()], jobs=1, cwd=root, **options)
    return [f"{p.file}:{p.line}:{p.column}: {p.message} ({p.code})" for p in report.problems]


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("!!bool maybe", "'maybe' is not true or false"),
        ("!!bool", "'' is not true or false"),
        ("!!int ''", "'' is not a valid integer"),
        ("!!float ''", "'' is not a valid number"),
    ],
)
def test_explicit_tags_with_values_that_do_not_fit(value: str, fragment: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_bytes(f"kind: persona\nname: {value}\n".encode(), "p.yaml")
    assert fragment in caught.value.message
    assert caught.value.location is not None and caught.value.location.line == 2


def test_a_quoted_kind_key_is_still_found_in_a_folder(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "cjm.yaml": "name: w\n",
            "personas/anna.yaml": '"kind": "persona"\n"id": "anna"\n"name": "Anna"\n"bogus": 1\n',
            "journeys/j.yaml": JOURNEY,
            "k8s/deploy.yaml": '"kind": Deployment\n"apiVersion": apps/v1\n',
        },
    )
    assert messages(tmp_path) == [
        "personas/anna.yaml:4:1: unknown key 'bogus'; allowed here: kind, id, title, "
        "description, owner, locale, reviewed, tags, name, segment, proto, quote, "
        "demographics, goals, needs, frustrations, behaviours, preferred_channels, evidence "
        "(and x- custom fields) (unknown-key)"
    ]


def test_a_broken_persona_does_not_make_its_journeys_wrong(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "cjm.yaml": "name: w\n",
            "personas/anna.yaml": PERSONA + "goals: [unclosed\n",
            "journeys/j.yaml": JOURNEY,
        },
    )
    whole = messages(tmp_path)
    assert len(whole) == 1
    assert whole[0].startswith("personas/anna.yaml:5:1: YAML syntax error")
    assert messages(tmp_path, "journeys/j.yaml") == []


def test_an_unreadable_catalog_is_named_where_its_channels_are_missed(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "cjm.yaml": "name: w\n",
            "channels.yaml": "kind: channels\nid: c\nchannels: [\n",
            "personas/anna.yaml": PERSONA + "preferred_channels: [web]\n",
        },
    )
    found = messages(tmp_path, "personas/anna.yaml")
    assert found == [
        "personas/anna.yaml:4:22: unknown channel 'web'; no channel is defined in "
        "the workspace (it may be in channels.yaml, which could not be read) "
        "(unknown-reference)"
    ]


def test_excluded_files_stay_out_even_when_named(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "cjm.yaml": "paths:\n  exclude: [drafts]\n",
            "personas/anna.yaml": PERSONA,
            "drafts/anna-old.yaml": PERSONA,
        },
    )
    assert messages(tmp_path) == []
    assert messages(tmp_path, "drafts/anna-old.yaml", "personas/anna.yaml") == []


def test_an_excluded_folder_hides_the_workspaces_inside_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "cjm.yaml": "paths:\n  exclude: [vendor]\n",
            "personas/anna.yaml": PERSONA,
            "vendor/lib/cjm.yaml": "name: lib\n",
            "vendor/lib/p.yaml": "kind: persona\nid: p\n",
        },
    )
    assert messages(tmp_path) == []


def test_a_symlinked_file_is_named_and_checked_where_it_is_linked(tmp_path: Path) -> None:
    outside = write(
        tmp_path / "outside",
        {"bruno.yaml": "kind: persona\nid: bruno\nname: B\npreferred_channels: [sito]\n"},
    )
    ws = write(
        tmp_path / "ws",
        {
            "cjm.yaml": "name: w\n",
            "channels.yaml": "kind: channels\nid: c\nchannels:\n"
            "  - {id: sito, name: Sito, type: digital}\n",
        },
    )
    (ws / "personas").mkdir()
    (ws / "personas" / "bruno.yaml").symlink_to(outside / "bruno.yaml")
    assert messages(ws, "personas/bruno.yaml") == []
    assert messages(ws) == []


def test_a_path_that_is_neither_file_nor_folder_is_a_usage_error(tmp_path: Path) -> None:
    from cjm.core.errors import UsageError

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="not a file or a folder"):
        validate_paths([fifo], jobs=1, cwd=tmp_path)


def test_written_files_are_readable_by_others(tmp_path: Path) -> None:
    from cjm.core.files import write_atomic

    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a" / "b.yaml", b"x: 1\n")
    finally:
        os.umask(previous)
    mode = stat.S_IMODE((tmp_path / "a" / "b.yaml").stat().st_mode)
    assert mode == 0o644
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.yaml"]


def test_writing_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    from cjm.core.files import write_atomic

    (tmp_path / "target.md").write_text("old", encoding="utf-8")
    (tmp_path / "link.md").symlink_to("target.md")
    write_atomic(tmp_path / "link.md", b"new")
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "target.md").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "target.md"]


def test_writing_to_a_pipe_writes_into_it_instead_of_replacing_it(tmp_path: Path) -> None:
    import threading

    from cjm.core.files import write_atomic

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, b"report\n")
    reader.join(timeout=10)
    assert received == [b"report\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_writing_over_a_folder_or_under_a_file_says_what_is_in_the_way(tmp_path: Path) -> None:
    from cjm.core.errors import CjmError
    from cjm.core.files import write_atomic

    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(CjmError, match=r"notes\.txt is a file, not a folder"):
        write_atomic(tmp_path / "notes.txt" / "report.md", b"x")
    with pytest.raises(CjmError, match="is a folder; give the name of a file"):
        write_atomic(tmp_path, b"x")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_new_journey_follows_the_workspace_scale_and_checks_its_options(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cjm.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    config = tmp_path / "cjm.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("min: -2\n  max: 2", "min: 1\n  max: 5"),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["new", "journey", "j2", "--in", str(tmp_path), "--persona", "typical-customer"]
    )
    assert result.exit_code == 0, result.output
    assert "emotion: 3" in (tmp_path / "journeys" / "j2.yaml").read_text(encoding="utf-8")
    for option, value, fragment in [
        ("--persona", "Anna Rossi", "not a valid id"),
        ("--locale", "it: x", "not a language tag"),
    ]:
        result = runner.invoke(app, ["new", "persona", "p9", "--in", str(tmp_path), option, value])
        assert result.exit_code == 2
        assert fragment in result.output
    assert not (tmp_path / "personas" / "p9.yaml").exists()


@pytest.mark.parametrize(
    "text, where, hint",
    [
        ("kind: persona\nid: a\nsegment Digital\nname: x\n", (3, 1), "is a colon missing?"),
        ('kind: persona\nid: a\nname: "unclosed\nsegment: x\n', (3, 7), "never closed"),
        ("kind: persona\nid: a\n\tname: x\n", (3, 1), "YAML indents with spaces"),
        ("kind: persona\nid: a\nname: x: y\n", (3, 8), "quote a value that holds `: `"),
    ],
)
def test_syntax_errors_point_where_the_fix_goes(
    text: str, where: tuple[int, int], hint: str
) -> None:
    with pytest.raises(LoadError) as caught:
        load_bytes(text.encode(), "p.yaml")
    location = caught.value.location
    assert location is not None
    assert (location.line, location.column) == where
    assert hint in caught.value.message


def test_a_date_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"cjm.yaml": "name: w\n", "personas/anna.yaml": PERSONA + "reviewed: 2026-02-30\n"},
    )
    assert messages(tmp_path) == [
        "personas/anna.yaml:4:11: '2026-02-30' is not a calendar date (date)"
    ]
