"""cjm reads plain scalars as YAML 1.2 tools do (ruamel.yaml in 1.2 mode is the oracle).

Every scalar is read as a mapping value, as an item of a flow sequence and as
a key, by cjm's loader (the C-accelerated one and the pure-Python one) and by
ruamel.yaml, and the readings must agree. Keys are compared by the tag cjm
resolves, since cjm then keeps every key as the text written (JSON has no
other keys). Also here: the limits that keep a hostile file cheap (a long
`1:2:3:...` scalar, one string aliased thousands of times) and the message for
a tab in the indentation.
"""

from __future__ import annotations

import datetime
import math
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core import loader
from cjm.core.errors import LoadError
from cjm.core.loader import EXPANSION_FACTOR, load_bytes

_T = "tag:yaml.org,2002:"

# Where ruamel.yaml's 1.2 mode reads more, or less, than the YAML 1.2.2 core schema
# (section 10.3.2), cjm follows the spec, as the YAML language server does:
# ruamel keeps YAML 1.1's binary numbers, underscores and signed hex or octal
# numbers, and its timestamps; and it wants a sign in the exponent of `.5e5`.
_RUAMEL_ONLY_NUMBER = re.compile(r"[-+]?0b.*|[-+]0[ox].*|.*_.*")
_RUAMEL_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?")
_RUAMEL_NOT_A_NUMBER = re.compile(r"[-+]?\.[0-9]+[eE][0-9]+")

WORDS = ("yes", "no", "on", "off", "y", "n", "true", "false", "null", "Null", "~")
CATALOGUE = (
    # integers in every base, with leading zeros and signs
    *("0", "7", "010", "-010", "+010", "0017", "09", "-0", "+12", "123456789012345678901234"),
    *("0o17", "0o0", "0o8", "-0o7", "+0o7", "0o", "0x1F", "0xff", "0x", "-0x1F", "+0x1F"),
    *("0b101", "-0b1", "1_000", "1__0", "0x_1", "1_000.5", "_1"),
    # floats, exponents, infinities and not-a-number
    *("1.5", "1.", ".5", "-.5", "+.5", "0.", "1e5", "1E5", "1e+5", "5E-2", "1.5E+3", "1.0e5"),
    *(".5e5", "+.5e5", ".5e+5", "1e", "e5", ".", "-.", "1.2.3", "1,5"),
    *(".inf", "-.inf", "+.INF", ".Inf", ".nan", ".NaN", ".NAN", "-.nan", "1.0e+999", "inf"),
    # sexagesimal numbers of YAML 1.1
    *("1:30", "-1:30", "1:30:45", "190:20:30", "1:30.5", "12:60", "0:1"),
    # booleans and nulls in every case
    *("yes", "Yes", "YES", "yEs", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"),
    *("y", "Y", "n", "N", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE"),
    *("null", "Null", "NULL", "nULL", "~", "none", "None"),
    # dates and times, possible or not
    *("2026-01-05", "2026-02-30", "2026-13-01", "2026-1-5", "2026-01", "2025-10-01T09:30:00Z"),
    # text that only looks like the above
    *("1.5 km", "12a", "0x1G", "v1.0", "1-2", "+", "--1", "no way", "on-line"),
)


def _ruamel() -> YAML:
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    return reader


RUAMEL = _ruamel()


def _texts(scalar: str) -> dict[str, str]:
    """The scalar as a value, as a flow-sequence item and as a key, each in a document."""
    return {
        "value": f"kind: x\nk: {scalar}\n",
        "flow": f"kind: x\nk: [{scalar}]\n",
        "key": f"kind: x\n{scalar}: v\n",
    }


def _ruamel_reads(text: str, place: str) -> Any:
    data = RUAMEL.load(text)
    if place == "key":
        return next(key for key in data if key != "kind")
    return data["k"][0] if place == "flow" else data["k"]


def _kind(value: Any) -> tuple[str, Any]:
    """A value with its type, nan made comparable: 1 and True, 1 and 1.0 differ."""
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def _spec_value(scalar: str, oracle: Any) -> Any:
    """What the core schema reads where ruamel departs from it, else ruamel's reading."""
    if isinstance(oracle, datetime.date) or (
        isinstance(oracle, int | float) and _RUAMEL_ONLY_NUMBER.fullmatch(scalar)
    ):
        return scalar
    if isinstance(oracle, str) and _RUAMEL_NOT_A_NUMBER.fullmatch(scalar):
        return float(scalar)
    return oracle


_TAG_OF = {bool: "bool", int: "int", float: "float", str: "str", type(None): "null"}


def _agrees(scalar: str) -> Iterator[tuple[str, Any, Any]]:
    """(place, cjm's reading, the 1.2 reading) for each place the scalar can be written."""
    for place, text in _texts(scalar).items():
        try:
            oracle = _ruamel_reads(text, place)
        except (RuamelError, ValueError):
            if _RUAMEL_TIMESTAMP.fullmatch(scalar):  # a timestamp that is no date
                oracle = datetime.date.min
            elif _RUAMEL_ONLY_NUMBER.fullmatch(scalar):  # a number ruamel cannot make
                oracle = 0
            else:
                continue  # not a plain scalar here: a matter of syntax, not of reading
        expected = _spec_value(scalar, oracle)
        if place == "key":
            document = load_bytes(text.encode(), "m.yaml")
            key_node = document.root.value[1][0]
            assert key_node.value == scalar  # cjm keeps keys as written
            yield place, key_node.tag, _T + _TAG_OF[type(expected)]
            continue
        if isinstance(expected, float) and not math.isfinite(expected):
            with pytest.raises(LoadError) as refused:
                load_bytes(text.encode(), "m.yaml")
            assert refused.value.code == "non-finite-number"
            yield place, "refused", "refused"
            continue
        data = load_bytes(text.encode(), "m.yaml").data
        got = data["k"][0] if place == "flow" else data["k"]
        yield place, _kind(got), _kind(expected)


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both loaders cjm may run on: with PyYAML's C extension, and without."""
    if request.param == "pure-python":
        monkeypatch.setattr(loader, "_Loader", loader._PureLoader)
    else:
        assert yaml.__with_libyaml__, "the tests expect PyYAML built with libyaml"
    return str(request.param)


@pytest.mark.parametrize("scalar", CATALOGUE)
def test_every_kind_of_plain_scalar_reads_as_in_yaml_1_2(scalar: str, parser: str) -> None:
    readings = list(_agrees(scalar))
    assert readings, f"{scalar!r} was read nowhere"
    for place, got, expected in readings:
        assert got == expected, (parser, place, scalar)


def _cased(word: str, upper: list[bool]) -> str:
    return "".join(c.upper() if up else c for c, up in zip(word, upper, strict=False))


_SIGN = st.sampled_from(["", "-", "+"])
_DIGITS = st.text("0123456789", min_size=1, max_size=6)
NUMBERS = st.one_of(
    st.builds(lambda s, d: s + d, _SIGN, _DIGITS),
    st.builds(
        lambda s, p, d: s + p + d,
        _SIGN,
        st.sampled_from(["0o", "0x", "0b", "0"]),
        st.text("0123456789abcdefABCDEF_", min_size=1, max_size=5),
    ),
    st.builds(
        lambda s, i, f, e, es, ed: f"{s}{i}{f}{e}{es}{ed}",
        _SIGN,
        st.text("0123456789_", max_size=4),
        st.sampled_from(["", ".", ".5", ".25", ".0_1"]),
        st.sampled_from(["", "e", "E"]),
        _SIGN,
        st.text("0123456789", max_size=3),
    ),
    st.lists(st.integers(0, 99), min_size=2, max_size=4).map(lambda p: ":".join(map(str, p))),
)
WORDISH = st.builds(
    lambda prefix, word, upper: prefix + _cased(word, upper),
    st.sampled_from(["", ".", "-.", "+."]),
    st.sampled_from([*WORDS, "inf", "nan"]),
    st.lists(st.booleans(), min_size=5, max_size=5),
)
DATES = st.builds(
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
    st.integers(1900, 2100),
    st.integers(0, 13),
    st.integers(0, 32),
)
SCALARS = st.one_of(NUMBERS, WORDISH, DATES).filter(
    lambda s: s not in ("-", "+", ".", "") and not s.endswith(":") and not s.startswith("- ")
)


@given(SCALARS)
def test_generated_plain_scalars_read_as_in_yaml_1_2(scalar: str) -> None:
    for place, got, expected in _agrees(scalar):
        assert got == expected, (place, scalar)


def _read(scalar: str) -> Any:
    return load_bytes(f"k: {scalar}\n".encode(), "m.yaml").data["k"]


def test_the_core_schema_reads_what_yaml_1_1_read_otherwise() -> None:
    """Each way YAML 1.1 and 1.2 differ, read as the 1.2.2 spec says, oracle aside."""
    assert [_read(s) for s in ("010", "0o17", "0x1F", "-010", "09")] == [10, 15, 31, -10, 9]
    assert [_read(s) for s in ("1e5", "1.5E+3", ".5e5", "+.5")] == [1e5, 1500.0, 5e4, 0.5]
    for text in ("1:30", "yes", "No", "ON", "off", "y", "N", "2026-01-05", "0b101", "1_000"):
        assert _read(text) == text
    for text in ("+0x1F", "-0o7", "tRUE", "nULL", "1:30.5", "2026-02-30"):
        assert _read(text) == text
    bools = ("true", "True", "TRUE", "false", "False", "FALSE")
    assert [_read(s) for s in bools] == [True] * 3 + [False] * 3
    assert [_read(s) for s in ("null", "Null", "NULL", "~", "")] == [None] * 5
    for text in (".inf", "-.inf", ".nan", ".NaN"):
        with pytest.raises(LoadError, match="reads as a non-finite number"):
            _read(text)


# --- what stays as it was --------------------------------------------------------------------


def test_dates_stay_text_and_are_still_checked_as_dates(tmp_path: Path) -> None:
    (tmp_path / "anna.yaml").write_text(
        "kind: persona\nid: anna\nname: Anna\nreviewed: 2026-02-30\n", encoding="utf-8"
    )
    (tmp_path / "bruno.yaml").write_text(
        "kind: persona\nid: bruno\nname: Bruno\nreviewed: 2026-01-05\n", encoding="utf-8"
    )
    assert load_bytes(b"reviewed: 2026-01-05\n", "m.yaml").data == {"reviewed": "2026-01-05"}
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "anna.yaml:4:11: [error] '2026-02-30' is not a calendar date" in result.output
    assert "bruno.yaml" not in result.output


def test_a_yes_where_a_boolean_belongs_is_refused_with_the_boolean_to_write(
    tmp_path: Path,
) -> None:
    (tmp_path / "anna.yaml").write_text(
        "kind: persona\nid: anna\nname: Anna\nproto: Off\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "anna.yaml")])
    assert result.exit_code == 1, result.output
    assert (
        "anna.yaml:4:8: [error] expected true or false, found text 'Off'; "
        "YAML 1.2 reads Off as text, not as a boolean: write false (type)"
    ) in result.output


def test_a_long_sexagesimal_looking_scalar_loads_at_once() -> None:
    # YAML 1.1 made a number of `1:2:3:...` in time that grew with its square
    # (a minute for a megabyte); in 1.2 it is text, read in one pass
    for length in (100_000, 1_000_000):
        scalar = ":".join(str(1 + n % 59) for n in range(length))[:length].rstrip(":")
        started = time.perf_counter()
        data = load_bytes(f"kind: x\nv: {scalar}\n".encode(), "m.yaml").data
        assert time.perf_counter() - started < 1.0
        assert data["v"] == scalar


# --- aliases ----------------------------------------------------------------------------------


def _aliased(times: int, size: int) -> bytes:
    """One string of ``size`` characters, aliased ``times`` times in a list."""
    items = "".join("  - *s\n" for _ in range(times))
    return f"kind: journey\nid: j\nbig: &s {'x' * size}\nlist:\n{items}".encode()


def test_one_string_aliased_thousands_of_times_is_refused_at_the_alias_that_crosses() -> None:
    raw = _aliased(3000, 1_000_000)  # 1 MB of file, 3 GB once expanded
    started = time.perf_counter()
    with pytest.raises(LoadError) as refused:
        load_bytes(raw, "bomb.yaml")
    assert time.perf_counter() - started < 5
    error = refused.value
    limit = EXPANSION_FACTOR * loader.DEFAULT_MAX_FILE_SIZE
    assert error.code == "alias-bomb"
    assert f"more than {limit:,} characters" in error.message
    assert "limits.max_file_size" in error.message
    # the string itself and 51 copies fit; line 5 holds the first alias
    assert error.location is not None
    crossing = 5 + limit // 1_000_000 - 1
    assert (error.location.line, error.location.column) == (crossing, 5)


def test_the_expansion_limit_follows_the_file_size_limit() -> None:
    raw = _aliased(30, 10_000)  # 300,000 characters once expanded
    assert len(load_bytes(raw, "ok.yaml").data["list"]) == 30
    with pytest.raises(LoadError) as refused:
        load_bytes(raw, "small.yaml", max_size=20_000)
    assert refused.value.code == "alias-bomb"
    assert "more than 200,000 characters" in refused.value.message
    assert refused.value.location is not None
    # the keys, the string and 18 copies hold 190,021 characters; the 19th copy crosses
    assert refused.value.location.line == 5 + 18


def test_aliases_in_aliases_count_every_copy() -> None:
    raw = (
        b"kind: x\na: &a " + b"y" * 1000 + b"\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        b"d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    )
    assert len(load_bytes(raw, "m.yaml").data["d"]) == 10  # 1.1 million characters: fine
    with pytest.raises(LoadError) as refused:
        load_bytes(raw, "m.yaml", max_size=50_000)
    assert refused.value.code == "alias-bomb"
    assert refused.value.location is not None
    # before `d`, 111,008 characters; each `*c` copies 100,000: the fourth crosses 500,000
    assert (refused.value.location.line, refused.value.location.column) == (5, 17)


def test_the_command_line_refuses_an_alias_bomb_with_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_bytes(_aliased(3000, 1_000_000))
    for command in ("validate", "lint"):
        result = CliRunner().invoke(app, [command, str(tmp_path / "bomb.yaml")])
        assert result.exit_code == 2, result.output
        assert "bomb.yaml:56:5:" in result.output
        assert "aliases expand the document to more than" in result.output
        assert "Traceback" not in result.output


# --- tabs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("kind: persona\n\tname: Anna\n", 2, 1),
        ("kind: persona\ngoals:\n  - a\n\t- b\n", 4, 1),
        ("kind: persona\nx:\n  a: 1\n  \tb: 2\n", 4, 3),
        ("kind: persona\nx:\n\t\n", 3, 1),
        ("kind: persona\nx:\n\ty: 1\n", 3, 1),
        ("kind: persona\nx: |\n  a\n\tb\n", 4, 1),
    ],
)
def test_a_tab_in_the_indentation_is_named_with_its_place(
    text: str, line: int, column: int, parser: str
) -> None:
    with pytest.raises(LoadError) as refused:
        load_bytes(text.encode(), "p.yaml")
    error = refused.value
    assert error.code == "yaml-syntax"
    assert error.location is not None
    assert (error.location.line, error.location.column) == (line, column), parser
    assert error.message == (
        "a tab in the indentation: YAML indents with spaces, never tabs; "
        "replace the tab with spaces"
    ), parser


def test_tabs_elsewhere_are_still_fine() -> None:
    data = load_bytes(b"kind: persona\nx: \t1\ny: [1,\n\t2]\nz: 'a\tb'\n", "m.yaml").data
    assert data == {"kind": "persona", "x": 1, "y": [1, 2], "z": "a\tb"}
