"""The safe, position-aware YAML loader: every input it must refuse, and where it says so."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cjm.core.errors import LoadError, Location
from cjm.core.loader import DEFAULT_MAX_FILE_SIZE, MAX_DEPTH, Document, load_bytes, load_file


def refused(raw: bytes, name: str = "map.yaml") -> LoadError:
    with pytest.raises(LoadError) as info:
        load_bytes(raw, name)
    return info.value


def where(error: LoadError) -> tuple[int, int]:
    assert error.location is not None
    return error.location.line, error.location.column


def yaml_bytes(text: str) -> bytes:
    return textwrap.dedent(text).lstrip("\n").encode("utf-8")


# --- YAML syntax ---------------------------------------------------------------------------


def test_syntax_error_points_at_the_offending_colon() -> None:
    error = refused(
        yaml_bytes("""
        kind: persona
        id: anna
          name: Anna
    """)
    )
    assert error.code == "yaml-syntax"
    assert where(error) == (3, 7)
    assert "YAML syntax error" in error.message
    assert "mapping values are not allowed" in error.message
    assert str(error).startswith("map.yaml:3:7: ")


def test_syntax_error_for_a_tab_used_as_indentation() -> None:
    error = refused(b"kind: persona\n\tname: Anna\n")
    assert error.code == "yaml-syntax"
    assert where(error) == (2, 1)
    assert "tab" in error.message


def test_syntax_error_for_an_unclosed_flow_list() -> None:
    error = refused(b"kind: persona\ngoals: [correre\n")
    assert error.code == "yaml-syntax"
    assert where(error) == (3, 1)
    assert "flow" in error.message


# --- duplicate keys ------------------------------------------------------------------------


def test_duplicate_key_is_reported_where_the_duplicate_is() -> None:
    error = refused(
        yaml_bytes("""
        kind: persona
        id: anna
        name: Anna
        id: bruno
    """)
    )
    assert error.code == "duplicate-key"
    assert where(error) == (4, 1)
    assert "duplicate key 'id' (first defined at line 2)" in error.message


def test_duplicate_key_in_a_nested_mapping() -> None:
    error = refused(b"demographics:\n  city: Milano\n  age: 34\n  city: Roma\n")
    assert error.code == "duplicate-key"
    assert where(error) == (4, 3)
    assert "'city' (first defined at line 2)" in error.message


def test_duplicate_key_in_a_flow_mapping() -> None:
    error = refused(b"channel: {id: web, name: Web, id: site}\n")
    assert error.code == "duplicate-key"
    assert where(error) == (1, 31)


def test_keys_that_read_the_same_as_text_are_duplicates() -> None:
    error = refused(b"1: one\n'1': uno\n")
    assert error.code == "duplicate-key"
    assert where(error) == (2, 1)


# --- tags ----------------------------------------------------------------------------------


def test_python_object_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    raw = (
        f"kind: persona\nid: anna\nname: !!python/object/apply:os.system ['touch {marker}']\n"
    ).encode()
    error = refused(raw)
    assert error.code == "yaml-tag"
    assert where(error) == (3, 7)
    assert "the tag !!python/object/apply:os.system is not allowed" in error.message
    assert not marker.exists()


@pytest.mark.parametrize(
    "raw, line, column, shown",
    [
        (b"a: !!python/object:collections.OrderedDict {}\n", 1, 4, "!!python/object:"),
        (b"a: !!python/name:os.system\n", 1, 4, "!!python/name:os.system"),
        (b"a: !!python/tuple [1, 2]\n", 1, 4, "!!python/tuple"),
        (b"a: !!binary aGVsbG8=\n", 1, 4, "!!binary"),
        (b"a: !!set {x}\n", 1, 4, "!!set"),
        (b"a:\n  - !custom text\n", 2, 5, "!custom"),
        (b"a: !Ref {b: 1}\n", 1, 4, "!Ref"),
        (b"a: !seq [1]\n", 1, 4, "!seq"),
        (b"!root\nkind: persona\n", 1, 1, "!root"),
        (b"!k key: value\n", 1, 1, "!k"),
    ],
)
def test_custom_and_non_plain_tags_are_refused(
    raw: bytes, line: int, column: int, shown: str
) -> None:
    error = refused(raw)
    assert error.code == "yaml-tag"
    assert where(error) == (line, column)
    assert shown in error.message


def test_standard_scalar_tags_are_accepted() -> None:
    data = load_bytes(b"a: !!str 2026\nb: !!int '3'\nc: !!timestamp 2026-01-01\n", "m.yaml").data
    assert data == {"a": "2026", "b": 3, "c": "2026-01-01"}


def test_a_scalar_that_its_tag_cannot_read_is_refused_with_its_position() -> None:
    error = refused(b"kind: persona\nage: !!int thirty\n")
    assert where(error) == (2, 6)
    assert "'thirty' is not a valid integer" in error.message


# --- alias bombs and nesting ---------------------------------------------------------------


def billion_laughs(levels: int = 9) -> bytes:
    names = "abcdefghijklmnop"[:levels]
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("levels", [9, 12])
def test_alias_bomb_is_refused_quickly(levels: int) -> None:
    start = time.perf_counter()
    error = refused(billion_laughs(levels))
    elapsed = time.perf_counter() - start
    assert error.code == "alias-bomb"
    assert "alias bomb" in error.message
    assert 1 <= where(error)[0] <= levels
    assert elapsed < 1.0  # robustness bound, not a benchmark: 9**9 values would take minutes


def test_ordinary_aliases_are_fine() -> None:
    data = load_bytes(billion_laughs(3), "m.yaml").data
    assert data["a"] == ["lol"] * 9
    assert data["c"] == [[["lol"] * 9] * 9] * 9


def test_recursive_alias_is_refused_not_a_crash() -> None:
    error = refused(b"kind: persona\nid: anna\nx-loop: &loop [1, *loop]\n")
    assert error.location is not None and error.location.line == 3


def test_recursive_alias_in_a_mapping_is_refused_not_a_crash() -> None:
    error = refused(b"kind: persona\nid: anna\nx-loop: &loop {self: *loop}\n")
    assert error.location is not None and error.location.line == 3


def test_nesting_through_aliases_is_held_to_the_same_depth_limit() -> None:
    # Each line nests one level deeper through an alias: 1200 levels from a file
    # whose brackets and indentation never go past 2, data that json.dumps (and any
    # later recursive stage) cannot handle.
    lines = ["a0: &a0 [leaf]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 1200)]
    error = refused(("\n".join(lines) + "\n").encode())
    assert error.code in {"too-deep", "alias-bomb"}


@pytest.mark.parametrize(
    "raw, line, column",
    [
        (b"a: " + b"[" * (MAX_DEPTH + 50) + b"]" * (MAX_DEPTH + 50) + b"\n", 1, MAX_DEPTH + 3),
        (b"- " * 300 + b"x\n", 1, 2 * MAX_DEPTH + 1),
    ],
)
def test_nesting_deeper_than_the_limit_is_refused(raw: bytes, line: int, column: int) -> None:
    error = refused(raw)
    assert error.code == "too-deep"
    assert where(error) == (line, column)
    assert f"deeper than {MAX_DEPTH} levels" in error.message


def test_deep_block_indentation_is_refused() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(300)) + " " * 300 + "v\n"
    error = refused(text.encode())
    assert error.code == "too-deep"
    assert where(error) == (MAX_DEPTH + 1, MAX_DEPTH + 1)


def test_nesting_up_to_the_limit_is_accepted() -> None:
    depth = MAX_DEPTH - 1  # the top-level mapping is one level
    data = load_bytes(b"a: " + b"[" * depth + b"]" * depth + b"\n", "m.yaml").data
    node, levels = data["a"], 1
    while node:
        node, levels = node[0], levels + 1
    assert (node, levels) == ([], depth)


@pytest.mark.slow
@pytest.mark.parametrize("opener", ["[", "{", "- "])
def test_runaway_nesting_is_refused_without_crashing_the_parser(opener: str) -> None:
    # libyaml's composer recurses per level and segfaults on this; the loader must
    # refuse before composing. Run it in a subprocess so a crash cannot take pytest down.
    script = textwrap.dedent(f"""
        import json
        from cjm.core.errors import LoadError
        from cjm.core.loader import load_bytes
        try:
            load_bytes({opener!r}.encode() * 100_000, "deep.yaml")
        except LoadError as e:
            print(json.dumps([e.code, e.location.line, e.location.column]))
        else:
            print(json.dumps(["loaded"]))
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    code, line, column = json.loads(result.stdout)
    assert code == "too-deep"
    assert line == 1
    assert column == MAX_DEPTH * len(opener) + 1


# --- size ----------------------------------------------------------------------------------


def test_oversized_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(DEFAULT_MAX_FILE_SIZE * 200)  # 1 GiB, sparse: cheap to make, slow to read

    def no_reading(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load_file(big, display="maps/big.yaml")
    assert time.perf_counter() - start < 1.0
    error = info.value
    assert error.code == "file-too-large"
    assert error.location == Location("maps/big.yaml")
    assert f"more than the {DEFAULT_MAX_FILE_SIZE:,} bytes" in error.message
    assert "limits.max_file_size" in error.message


def test_max_size_is_honoured_by_load_file_and_load_bytes(tmp_path: Path) -> None:
    file = tmp_path / "p.yaml"
    file.write_bytes(b"kind: persona\nid: anna\nname: Anna\n")  # 34 bytes
    assert load_file(file, max_size=34).data["id"] == "anna"
    with pytest.raises(LoadError) as info:
        load_file(file, max_size=33)
    assert info.value.code == "file-too-large"
    assert "file is 34 bytes, more than the 33 bytes" in info.value.message
    with pytest.raises(LoadError) as info:
        load_bytes(file.read_bytes(), "p.yaml", max_size=33)
    assert info.value.code == "file-too-large"


def test_a_missing_file_is_an_io_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_file(tmp_path / "nowhere.yaml", display="nowhere.yaml")
    assert info.value.code == "io"
    assert info.value.location == Location("nowhere.yaml")
    assert "cannot read file" in info.value.message


# --- encodings -----------------------------------------------------------------------------


def test_utf8_with_bom_is_accepted_and_positions_ignore_the_bom() -> None:
    document = load_bytes("\ufeffkind: persona\nid: anna\nname: Anna Làzzari\n".encode(), "p.yaml")
    assert document.data == {"kind": "persona", "id": "anna", "name": "Anna Làzzari"}
    assert document.locate(("kind",)) == Location("p.yaml", 1, 7)
    error = refused("\ufeffa: 1\na: 2\n".encode())
    assert where(error) == (2, 1)


def test_latin1_bytes_are_refused_with_the_position_of_the_bad_byte() -> None:
    error = refused("kind: persona\nname: Niccolò\n".encode("latin-1"))
    assert error.code == "encoding"
    assert where(error) == (2, 13)
    assert "byte 0xf2" in error.message
    assert "save the file as UTF-8" in error.message


def test_latin1_byte_after_utf8_text_is_located_in_characters() -> None:
    # "città" is valid UTF-8; the "é" after it was pasted as Latin-1. Columns count
    # characters, as every other position cjm reports (and every editor) does.
    error = refused(b"kind: persona\nname: citt\xc3\xa0 caf\xe9\n")
    assert error.code == "encoding"
    assert "byte 0xe9" in error.message
    assert where(error) == (2, 16)


def test_latin1_byte_in_a_file_with_a_bom_names_the_right_byte_and_line() -> None:
    error = refused(b"\xef\xbb\xbfkind: persona\nname: caf\xe9\n")
    assert error.code == "encoding"
    assert "byte 0xe9" in error.message
    assert where(error) == (2, 10)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(encoding: str) -> None:
    raw = "kind: persona\nid: anna\n".encode(encoding)
    if encoding != "utf-16":
        raw = ("\ufeff" + "kind: persona\n").encode(encoding)
    error = refused(raw)
    assert error.code == "encoding"
    assert where(error) == (1, 1)
    assert "UTF-16" in error.message


def test_utf16_without_bom_is_refused() -> None:
    error = refused("kind: persona\n".encode("utf-16-le"))
    assert error.location is not None and error.location.line == 1


# --- empty, multi-document, not a mapping --------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\n\n",
        b"   \n\t\n",
        b"# only a comment\n",
        b"# one\n\n   # two\n",
        "\ufeff".encode(),
    ],
)
def test_empty_file_is_refused(raw: bytes) -> None:
    error = refused(raw)
    assert error.code == "empty-file"
    assert where(error) == (1, 1)
    assert "the file is empty" in error.message


@pytest.mark.parametrize("raw", [b"---\n", b"--- # template\n", b"---\n...\n"])
def test_a_document_marker_alone_is_an_empty_file(raw: bytes) -> None:
    error = refused(raw)
    assert error.code == "empty-file"
    assert where(error) == (1, 1)


@pytest.mark.parametrize(
    "raw, line",
    [
        (b"kind: persona\n---\nkind: journey\n", 2),
        (b"---\nkind: persona\n---\nkind: journey\n", 3),
        (b"a: 1\n...\n---\nb: 2\n", 3),
    ],
)
def test_multi_document_file_is_refused(raw: bytes, line: int) -> None:
    error = refused(raw)
    assert error.code == "multi-document"
    assert where(error) == (line, 1)
    assert "more than one YAML document" in error.message


def test_one_document_with_explicit_markers_is_accepted() -> None:
    assert load_bytes(b"%YAML 1.1\n---\nkind: persona\n...\n", "m.yaml").data == {"kind": "persona"}


@pytest.mark.parametrize(
    "raw, found, line, column",
    [
        (b"- kind: persona\n- kind: journey\n", "found a list", 1, 1),
        (b"[a, b]\n", "found a list", 1, 1),
        (b"# header\njust text\n", "found a single value", 2, 1),
        (b"42\n", "found a single value", 1, 1),
        (b"~\n", "found a single value", 1, 1),
    ],
)
def test_top_level_must_be_a_mapping(raw: bytes, found: str, line: int, column: int) -> None:
    error = refused(raw)
    assert error.code == "not-a-mapping"
    assert where(error) == (line, column)
    assert found in error.message


def test_a_list_or_mapping_as_a_key_is_refused() -> None:
    error = refused(b"kind: persona\n? [a, b]\n: value\n")
    assert error.code == "complex-key"
    assert where(error) == (2, 3)


# --- characters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, line, column, code_point",
    [
        (b"kind: persona\nname: An\x00na\n", 2, 9, "U+0000"),
        (b"a: 1\x07\n", 1, 5, "U+0007"),
        (b"a: \x1b[31m\n", 1, 4, "U+001B"),
        (b"a: x\x7f\n", 1, 5, "U+007F"),
        ("kind: persona\nname: Città\x0c\n".encode(), 2, 12, "U+000C"),
        ("\ufeffa: \ufffe\n".encode(), 1, 4, "U+FFFE"),
    ],
)
def test_control_characters_are_refused_with_their_position(
    raw: bytes, line: int, column: int, code_point: str
) -> None:
    error = refused(raw)
    assert error.code == "yaml-syntax"
    assert where(error) == (line, column)
    assert f"control character {code_point}" in error.message


def test_c1_control_characters_are_refused_with_their_position() -> None:
    error = refused("kind: persona\nname: An\u0080na\n".encode())
    assert error.code == "yaml-syntax"
    assert where(error) == (2, 9)
    assert "<unicode string>" not in error.message


def test_tabs_newlines_and_unicode_text_are_fine() -> None:
    raw = "a: \"x\ty\"\r\nb: città 🏃 «ok» — 日本\r\nc: '\u00a0'\n".encode()
    assert load_bytes(raw, "m.yaml").data == {
        "a": "x\ty",
        "b": "città 🏃 «ok» — 日本",
        "c": "\u00a0",
    }


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_yaml_only_line_breaks_are_refused_where_they_stand(separator: str) -> None:
    # YAML counts these as line breaks, editors and git do not: every later line
    # number would be off by one, and in a comment they break the parse. cjm
    # refuses them where they stand, with a message saying what to do.
    raw = f'kind: persona\nquote: "one{separator}two"\nid: anna\nid: bruno\n'.encode()
    error = refused(raw)
    assert error.code == "yaml-syntax"
    assert where(error) == (2, 12)
    assert "counts as a line break in YAML but not in editors" in error.message


# --- numbers, dates, keys ------------------------------------------------------------------


@pytest.mark.parametrize(
    "literal", [".nan", ".NaN", ".NAN", ".inf", ".Inf", "-.inf", "+.INF", "1.0e+999", "-1.5e+400"]
)
def test_non_finite_numbers_are_refused(literal: str) -> None:
    error = refused(f"kind: journey\nx-score: {literal}\n".encode())
    assert error.code == "non-finite-number"
    assert where(error) == (2, 10)
    assert f"{literal!r} reads as a non-finite number; quote it" in error.message


def test_quoted_nan_is_text() -> None:
    assert load_bytes(b"a: '.nan'\nb: \".inf\"\n", "m.yaml").data == {"a": ".nan", "b": ".inf"}


def test_dates_and_timestamps_stay_strings() -> None:
    data = load_bytes(
        yaml_bytes("""
        reviewed: 2026-03-02
        quoted: "2026-03-02"
        short: 2026-3-2
        stamp: 2025-10-01T09:30:00Z
        spaced: 2025-10-01 09:30:00
        2026-01-01: a date as a key
        month: 2025-11
    """),
        "m.yaml",
    ).data
    assert data == {
        "reviewed": "2026-03-02",
        "quoted": "2026-03-02",
        "short": "2026-3-2",
        "stamp": "2025-10-01T09:30:00Z",
        "spaced": "2025-10-01 09:30:00",
        "2026-01-01": "a date as a key",
        "month": "2025-11",
    }


def test_keys_stay_text_as_written() -> None:
    data = load_bytes(
        b"1: x\nyes: y\nno: n\non: o\n~: z\n3.5: f\nnull: n\ntrue: t\n", "m.yaml"
    ).data
    assert list(data) == ["1", "yes", "no", "on", "~", "3.5", "null", "true"]
    assert all(type(k) is str for k in data)


def test_values_keep_their_yaml_types() -> None:
    data = load_bytes(
        b"a: 1\nb: 1.5\nc: true\nd: ~\ne: text\nf: 99999999999999999999999\n", "m.yaml"
    ).data
    assert data == {
        "a": 1,
        "b": 1.5,
        "c": True,
        "d": None,
        "e": "text",
        "f": 99999999999999999999999,
    }


# --- merge keys ----------------------------------------------------------------------------


def test_merge_keys_work_and_explicit_keys_win() -> None:
    data = load_bytes(
        yaml_bytes("""
        x-base: &base {type: digital, ownership: owned}
        x-paid: &paid {ownership: paid, note: ads}
        first:
          <<: *base
          id: web
        second:
          id: shop
          <<: *base
          type: physical
        third:
          <<: [*paid, *base]
          id: ads
    """),
        "m.yaml",
    ).data
    assert data["first"] == {"id": "web", "type": "digital", "ownership": "owned"}
    assert data["second"] == {"id": "shop", "type": "physical", "ownership": "owned"}
    assert data["third"] == {"id": "ads", "ownership": "paid", "note": "ads", "type": "digital"}


def test_merging_something_that_is_not_a_mapping_is_refused_where_it_is_merged() -> None:
    # Line 1 is fine; the mistake is the merge on line 3.
    error = refused(b"a: &x 1\nb:\n  <<: *x\n")
    assert error.code == "yaml-syntax"
    assert "merge key" in error.message
    assert where(error)[0] == 3


def test_merging_an_inline_scalar_is_refused() -> None:
    error = refused(b"b:\n  <<: 1\n")
    assert error.code == "yaml-syntax"
    assert where(error) == (2, 7)


def test_undefined_alias_is_a_syntax_error() -> None:
    error = refused(b"kind: persona\nname: *nobody\n")
    assert error.code == "yaml-syntax"
    assert where(error) == (2, 7)
    assert "undefined alias" in error.message


# --- Document.locate -----------------------------------------------------------------------

LOCATE = yaml_bytes("""
    # a journey
    kind: journey
    id: viaggio
    stages:
      - id: fase
        name: Fase
        steps: [{id: a, name: A}]
    x-base: &b {type: digital}
    channel:
      <<: *b
      id: web
""")


@pytest.fixture
def document() -> Document:
    return load_bytes(LOCATE, "journeys/viaggio.yaml")


@pytest.mark.parametrize(
    "path, key, line, column",
    [
        ((), False, 2, 1),
        ((), True, 2, 1),
        (("id",), False, 3, 5),
        (("id",), True, 3, 1),
        (("stages",), False, 5, 3),
        (("stages",), True, 4, 1),
        (("stages", 0), False, 5, 5),
        (("stages", 0), True, 5, 5),
        (("stages", 0, "name"), False, 6, 11),
        (("stages", 0, "name"), True, 6, 5),
        (("stages", 0, "steps", 0, "name"), False, 7, 27),
        (("stages", 0, "steps", 0, "name"), True, 7, 21),
        (("channel", "id"), False, 11, 7),
    ],
)
def test_locate_gives_value_or_key_positions(
    document: Document, path: tuple[str | int, ...], key: bool, line: int, column: int
) -> None:
    assert document.locate(path, key=key) == Location("journeys/viaggio.yaml", line, column)


@pytest.mark.parametrize(
    "path, line, column",
    [
        (("title",), 2, 1),
        (("stages", 0, "description"), 5, 5),
        (("stages", 0, "steps", 3, "name"), 7, 12),
        (("stages", 9), 5, 3),
        (("id", "deeper"), 3, 5),
        (("stages", "not-an-index"), 5, 3),
        (("channel", "type"), 10, 3),
    ],
)
def test_locate_falls_back_to_the_deepest_existing_node(
    document: Document, path: tuple[str | int, ...], line: int, column: int
) -> None:
    assert document.locate(path) == Location("journeys/viaggio.yaml", line, column)


def test_document_keeps_its_display_name_and_data(document: Document) -> None:
    assert document.path == "journeys/viaggio.yaml"
    assert document.data["channel"] == {"id": "web", "type": "digital"}
    assert document.data["stages"][0]["steps"] == [{"id": "a", "name": "A"}]
