"""Safe, position-aware YAML loading.

The C parser composes the node tree; a small constructor of our own turns it
into plain data (str keys, dates kept as strings) while refusing what a map
never needs: custom or Python tags, duplicate keys, alias bombs, runaway
nesting, non-finite numbers. The node tree is kept, so any JSON path can be
turned back into ``file:line:col`` when something is reported.

Plain scalars are read by the YAML 1.2 core schema, as editors (the YAML
language server) and JSON Schema tools read them: `no` and `1:30` are text,
`010` is ten, `1e5` a number. Where a YAML 1.1 reader (older PyYAML, Ruby)
would take a plain scalar for something else, the document records it with
its place, for the `yaml11-scalar` lint rule.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor

from cjm.core.errors import LoadError, Location
from cjm.core.files import ReadRefused, printable, read_bounded

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

JsonPath = tuple[str | int, ...]

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
# what aliases may expand a document to, in characters, as a multiple of the file size limit
EXPANSION_FACTOR = 10
MAX_DEPTH = 200
MAX_NODES = 1_000_000

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
_TIMESTAMP, _MERGE, _MAP, _SEQ = _T + "timestamp", _T + "merge", _T + "map", _T + "seq"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}
_BRACKETS = re.compile(r"[\[\]{}]")
_scalars = SafeConstructor()

# YAML 1.2.2, section 10.3.2: the core schema's tag resolution of plain scalars.
_CORE_INT = re.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_CORE_BOOL = re.compile("true|True|TRUE|false|False|FALSE")
_CORE_RESOLUTION = (
    (_NULL, re.compile("~|null|Null|NULL"), "~nN"),
    (_BOOL, _CORE_BOOL, "tTfF"),
    (_INT, _CORE_INT, "-+0123456789"),
    (_FLOAT, _CORE_FLOAT, "-+.0123456789"),
    (_MERGE, re.compile("<<"), "<"),  # not in 1.2, but kept by the tools cjm's users meet
)
_CORE: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _tag, _regexp, _firsts in _CORE_RESOLUTION:
    for _first in _firsts:
        _CORE[_first] = (*_CORE.get(_first, ()), (_tag, _regexp))


def _core_int(text: str) -> int:
    if not _CORE_INT.fullmatch(text):
        raise ValueError(text)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _core_float(text: str) -> float:
    if not _CORE_FLOAT.fullmatch(text):
        raise ValueError(text)
    if text.endswith(("inf", "INF", "Inf", "nan", "NaN", "NAN")):
        return float(text.replace(".", ""))  # Python spells them inf and nan
    return float(text)


def _core_bool(text: str) -> bool:
    if not _CORE_BOOL.fullmatch(text):
        raise ValueError(text)
    return text.lower() == "true"


_CONVERTERS: dict[str, tuple[str, Any]] = {
    _BOOL: ("true or false", _core_bool),
    _INT: ("a valid integer", _core_int),
    _FLOAT: ("a valid number", _core_float),
}

# YAML 1.1, as PyYAML reads it, plus `y` and `n`, which the 1.1 spec makes booleans too.
_YAML11 = {
    first: tuple(resolvers)
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_YAML11_LONGEST = 64
_YAML11_FIRSTS = frozenset("yYnNoO-+.0123456789")
YAML11_BOOLEANS = {
    spelling: meaning
    for word, meaning in {
        "y": True,
        "n": False,
        "yes": True,
        "no": False,
        "on": True,
        "off": False,
    }.items()
    for spelling in (word, word.capitalize(), word.upper())
}
"""The words YAML 1.1 reads as booleans, in the three spellings it accepts (`yes`,
`Yes`, `YES`; not `yEs`), and which YAML 1.2 reads as text."""


def core_value(text: str) -> Any:
    """What a plain scalar written as ``text`` means by the YAML 1.2 core schema.

    Integers and floats as numbers, `true`/`false` in their three spellings as
    booleans, `null`, `~` and nothing as None, anything else as the text itself.
    """
    tag = core_tag(text)
    if tag == _NULL:
        return None
    if tag in _CONVERTERS:
        return _CONVERTERS[tag][1](text)
    return text


def core_tag(text: str) -> str:
    """The tag the YAML 1.2 core schema gives a plain scalar written as ``text``."""
    if not text:
        return _NULL
    for tag, regexp in _CORE.get(text[0], ()):
        if regexp.fullmatch(text):
            return tag
    return _STR


def yaml11_value(text: str) -> Any:
    """What a YAML 1.1 reader makes of a plain scalar written as ``text``.

    Booleans (`yes`, `no`, `on`, `off`, `y`, `n`), octal `010`, binary, `1_000`,
    sexagesimal `1:30` as numbers; a timestamp comes back as its text, since
    cjm reads dates as text anyway.
    """
    if text in YAML11_BOOLEANS:
        return YAML11_BOOLEANS[text]
    tag = next((str(tag) for tag, regexp in _YAML11.get(text[:1], ()) if regexp.match(text)), _STR)
    node = yaml.ScalarNode(tag, text)
    if tag == _BOOL:
        return _scalars.construct_yaml_bool(node)
    if tag == _INT:
        return _scalars.construct_yaml_int(node)
    if tag == _FLOAT:
        return _scalars.construct_yaml_float(node)
    return None if tag == _NULL else text


def _not_convertible(text: str, what: str) -> str:
    """Why ``text`` cannot be read as ``what``, with a long text cut short."""
    digits = sum(c.isdigit() for c in text)
    if digits > sys.get_int_max_str_digits() and what.endswith("integer"):
        return (
            f"{text[:8]}… ({digits:,} digits) is too long a number to read; quote it if it is text"
        )
    shown = text if len(text) <= 60 else f"{text[:57]}…"
    return f"{shown!r} is not {what}"


def _same(first: Any, second: Any) -> bool:
    if type(first) is not type(second):
        return False
    if isinstance(first, float) and math.isnan(first):
        return math.isnan(second)
    return bool(first == second)


def _yaml11_differs(text: str) -> tuple[Any, Any] | None:
    """(YAML 1.2 value, YAML 1.1 value) of a plain scalar the two read differently."""
    if text[:1].isalpha() and text not in YAML11_BOOLEANS:
        return None  # only these words are booleans in 1.1 and text in 1.2
    if len(text) > _YAML11_LONGEST:
        return None  # no boolean or number of a map is this long; 1.1 would read `1:2:...` slowly
    try:
        value = core_value(text)
        old = yaml11_value(text)
    except (ValueError, KeyError, IndexError, OverflowError):
        return None  # refused later, or by the 1.1 reader: no quiet difference
    return None if _same(value, old) else (value, old)


class _Resolution:
    """The YAML 1.2 core schema as the tag resolver of a PyYAML loader.

    The parser asks Python for the tag of every node (the C parser too); this
    answers plain text (most of a map) after one dictionary look-up, and notes
    the plain scalars a YAML 1.1 reader would take for something else.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]
        self.yaml11: dict[str, tuple[Any, Any]] = {}
        self._checked: set[str] = set()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR
            first = value[:1]
            if first in _YAML11_FIRSTS and value not in self._checked:
                self._checked.add(value)
                differs = _yaml11_differs(value)
                if differs is not None:
                    self.yaml11[value] = differs
            if first not in _CORE:  # text, as most of a map is, or nothing at all
                return _STR if first else _NULL
            return core_tag(value)
        return _SEQ if kind is yaml.SequenceNode else _MAP


class _Loader(_Resolution, _BaseLoader):
    """The C loader (where PyYAML has it) with the YAML 1.2 core schema."""


class _PureLoader(_Resolution, yaml.SafeLoader):
    """The pure-Python loader with the same resolution, where libyaml is missing."""


class Yaml11Scalar(NamedTuple):
    """A plain scalar that YAML 1.1 readers take for something else than cjm does."""

    path: JsonPath
    key: bool  # the scalar is the key at ``path``, not its value
    line: int
    column: int
    text: str  # as written
    value: Any  # as cjm reads it (YAML 1.2 core schema)
    yaml11: Any  # as a YAML 1.1 reader takes it


@dataclass(frozen=True)
class Document:
    """A loaded YAML file: its data and the node tree that knows every position."""

    path: str
    data: dict[str, Any]
    root: yaml.MappingNode = field(repr=False, compare=False)
    yaml11: tuple[Yaml11Scalar, ...] = field(default=(), repr=False, compare=False)

    def locate(self, path: Iterable[str | int], *, key: bool = False) -> Location:
        """Where the value at ``path`` starts (or its key, with ``key=True``).

        A path that goes further than the document (a missing property) stops
        at the deepest node that exists, which is where the fix belongs.
        """
        node: yaml.Node = self.root
        key_node: yaml.Node | None = None
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        mark = key_node.start_mark if key and key_node is not None else node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def positions(self) -> Positions:
        """Every position of the document in plain tuples, to send to another process."""
        return _positions(self.root, {})

    def written(self, path: Iterable[str | int]) -> str | None:
        """The text a scalar value was written as (`TRUE` where YAML read true)."""
        node: yaml.Node = self.root
        for part in path:
            child = _child(node, part)
            if child is None:
                return None
            node = child[1]
        return node.value if isinstance(node, yaml.ScalarNode) else None


# (line, column, children): children maps a key to (key line, key column, positions),
# or lists the positions of a sequence's items; None for a scalar. Lines and
# columns are 1-based.
Positions = tuple[int, int, Any]


def _positions(node: yaml.Node, memo: dict[int, Positions]) -> Positions:
    known = memo.get(id(node))
    if known is not None:
        return known
    mark = node.start_mark
    children: Any = None
    if isinstance(node, yaml.MappingNode):
        children = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value not in children:
                children[key.value] = (
                    key.start_mark.line + 1,
                    key.start_mark.column + 1,
                    _positions(value, memo),
                )
    elif isinstance(node, yaml.SequenceNode):
        children = [_positions(item, memo) for item in node.value]
    found = memo[id(node)] = (mark.line + 1, mark.column + 1, children)
    return found


def locate_in(
    positions: Positions, name: str, path: Iterable[str | int], *, key: bool = False
) -> Location:
    """As :meth:`Document.locate`, from :meth:`Document.positions`."""
    line, column, children = positions
    key_at: tuple[int, int] | None = None
    for part in path:
        if isinstance(children, dict) and isinstance(part, str) and part in children:
            key_line, key_column, child = children[part]
            key_at = (key_line, key_column)
        elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
            child, key_at = children[part], None
        else:
            break
        line, column, children = child
    if key and key_at is not None:
        return Location(name, *key_at)
    return Location(name, line, column)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                return key_node, value_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None


def load_file(
    path: Path, *, display: str | None = None, max_size: int = DEFAULT_MAX_FILE_SIZE
) -> Document:
    """Read and load one file, or raise :class:`LoadError` with its location."""
    name = display if display is not None else printable(str(path))
    try:
        raw = read_bounded(path, limit=max_size)
    except ReadRefused as e:
        raise LoadError(e.message, Location(name), e.code) from e
    return load_bytes(raw, name, max_size=max_size)


def load_bytes(raw: bytes, name: str, *, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Document:
    """Load one YAML document from bytes, or raise :class:`LoadError`."""
    if len(raw) > max_size:
        raise LoadError(
            f"file is {len(raw):,} bytes, more than the {max_size:,} bytes cjm reads",
            Location(name),
            "file-too-large",
        )
    text = _decode(raw, name)
    _check_depth(text, name)
    with _parsing(text, name) as loader:
        node = loader.get_single_node()
    if node is None or (
        isinstance(node, yaml.ScalarNode) and node.tag == _NULL and node.value == ""
    ):
        raise LoadError(
            "the file is empty: a cjm document is a YAML mapping with a `kind`",
            Location(name, 1, 1),
            "empty-file",
        )
    if not isinstance(node, yaml.MappingNode):
        found = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise LoadError(
            f"the top level must be a mapping of keys to values, found {found}",
            _mark(name, node.start_mark),
            "not-a-mapping",
        )
    builder = _Builder(name, aliases="&" in text, max_chars=EXPANSION_FACTOR * max_size)
    data = builder.build(node, text)
    noted = _yaml11_scalars(node, loader.yaml11) if loader.yaml11 else ()
    return Document(name, data, node, noted)


def _yaml11_scalars(
    root: yaml.MappingNode, notes: dict[str, tuple[Any, Any]]
) -> tuple[Yaml11Scalar, ...]:
    """The plain scalars of ``notes`` in the tree, in document order, each once.

    An aliased node is reported where its anchor is, which is where it is written.
    """
    found: list[Yaml11Scalar] = []
    seen: set[int] = set()

    def note(node: yaml.ScalarNode, path: JsonPath, *, key: bool) -> None:
        if node.style or node.value not in notes or id(node) in seen:
            return
        seen.add(id(node))
        value, old = notes[node.value]
        mark = node.start_mark
        found.append(
            Yaml11Scalar(path, key, mark.line + 1, mark.column + 1, node.value, value, old)
        )

    def walk(node: yaml.Node, path: JsonPath) -> None:
        if isinstance(node, yaml.ScalarNode):
            note(node, path, key=False)
            return
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))
            return
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                note(key_node, (*path, key_node.value), key=True)
                walk(value_node, (*path, key_node.value))

    walk(root, ())
    return tuple(found)


def _crossing_alias(text: str, limit: int) -> Any:
    """The start mark of the alias after which the expanded document holds more than
    ``limit`` characters (keys and scalar values), or None."""
    loader = _Loader(text)
    anchored: dict[str, int] = {}
    open_sizes: list[tuple[str | None, int]] = []
    total = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                open_sizes.append((event.anchor, 0))
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_sizes.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, len(event.value)
                total += size
            elif isinstance(event, yaml.AliasEvent):
                anchor, size = None, anchored.get(event.anchor or "", 0)
                total += size
                if total > limit:
                    return event.start_mark
            else:
                continue
            if anchor is not None:
                anchored[anchor] = size
            if open_sizes:
                open_sizes[-1] = (open_sizes[-1][0], open_sizes[-1][1] + size)
    finally:
        loader.dispose()
    return None


_OTHER_ENCODINGS = (  # as YAML 1.2 detects them (section 5.2), longest pattern first
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
)


def other_encoding(raw: bytes) -> str | None:
    """The encoding of a file that is UTF-16 or UTF-32, told from its byte-order mark or,
    without one, from the zero bytes around its first character (YAML starts with
    ASCII); None for UTF-8."""
    for mark, encoding in _OTHER_ENCODINGS:
        if raw.startswith(mark):
            return encoding
    head = raw[:8]
    if len(head) < 4:
        return None
    zeros = [byte == 0 for byte in head]
    # two characters of ASCII text in each: a UTF-8 file holding a NUL is not mistaken
    if zeros[:4] == [True, True, True, False] and (len(head) < 8 or zeros[4:] == zeros[:4]):
        return "UTF-32 (big-endian)"
    if zeros[:4] == [False, True, True, True] and (len(head) < 8 or zeros[4:] == zeros[:4]):
        return "UTF-32 (little-endian)"
    if zeros[:4] == [True, False, True, False]:
        return "UTF-16 (big-endian)"
    if zeros[:4] == [False, True, False, True]:
        return "UTF-16 (little-endian)"
    return None


def _decode(raw: bytes, name: str) -> str:
    encoding = other_encoding(raw)
    if encoding is not None:
        raise LoadError(
            f"the file is {encoding}; save it as UTF-8", Location(name, 1, 1), "encoding"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        raise LoadError(
            f"not UTF-8: byte 0x{raw[e.start]:02x} cannot be decoded; save the file as UTF-8",
            Location(name, line, column),
            "encoding",
        ) from e
    if not text.strip():
        raise LoadError(
            "the file is empty: a cjm document is a YAML mapping with a `kind`",
            Location(name, 1, 1),
            "empty-file",
        )
    match = _FORBIDDEN.search(text)
    if match is not None:
        bad = match.start()
        line = text.count("\n", 0, bad) + 1
        column = bad - (text.rfind("\n", 0, bad) + 1) + 1
        char = text[bad]
        if char in _YAML_LINE_BREAKS:
            message = (
                f"U+{ord(char):04X} ({_YAML_LINE_BREAKS[char]}) counts as a line break "
                "in YAML but not in editors; replace it with a normal line break or a "
                "space"
            )
        else:
            message = f"control character U+{ord(char):04X} is not allowed in YAML"
        raise LoadError(message, Location(name, line, column), "yaml-syntax")
    return text


_YAML_LINE_BREAKS = {
    "\x85": "next line",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]"
)


def _check_depth(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the parser recurses into it.

    A cheap upper bound clears ordinary files at once: a block collection sits
    further right than its parent, so its depth is bounded by the length of a
    line's run of indentation and indicators (`- `, `? `, `: `), and flow
    nesting by the open brackets. Only when the bound is high are the parser's
    events counted, stopping at the first level too deep.
    """
    flow = bound = 0
    if "[" in text or "{" in text:
        for bracket in _BRACKETS.findall(text):
            flow = flow + 1 if bracket in "[{" else max(flow - 1, 0)
            bound = max(bound, flow)
    room = MAX_DEPTH - 2 - bound
    if room > 0 and _indent_run(room).search(text) is None:
        return
    try:
        _count_depth(_Loader(text), name)
    except yaml.MarkedYAMLError as e:
        if "nesting depth" not in (e.problem or ""):
            raise _yaml_error(e, name, text) from e
        # libyaml 0.2.6 and later refuse deep flow nesting themselves while scanning
        # ahead, before any event says where: the pure-Python parser, which has no
        # such limit, finds the first level too deep so the refusal reads the same.
        try:
            _count_depth(yaml.SafeLoader(text), name)
        except yaml.MarkedYAMLError as again:
            raise _yaml_error(again, name, text) from again
    except yaml.YAMLError as e:
        raise LoadError(f"not valid YAML: {e}", Location(name)) from e


def _count_depth(loader: Any, name: str) -> None:
    """Read ``loader``'s events until one opens a collection deeper than MAX_DEPTH."""
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise LoadError(
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        _mark(name, event.start_mark),
                        "too-deep",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


@contextmanager
def _parsing(text: str, name: str) -> Iterator[_Loader]:
    """A parser over ``text`` whose YAML errors come out as :class:`LoadError`."""
    loader = _Loader(text)
    try:
        yield loader
    except yaml.MarkedYAMLError as e:
        raise _yaml_error(e, name, text) from e
    except yaml.YAMLError as e:
        raise LoadError(f"not valid YAML: {e}", Location(name)) from e
    finally:
        loader.dispose()


@cache
def _indent_run(length: int) -> re.Pattern[str]:
    return re.compile(f"^[ \\t?:-]{{{length},}}", re.MULTILINE)


def _mark(name: str, mark: Any) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


_SYNTAX_HINTS = (
    (
        "while scanning a simple key",
        True,
        "this line is not `key: value` nor a `- item`: is a colon missing?",
    ),
    ("while scanning a quoted scalar", True, "the quote opened here is never closed"),
    (
        "mapping values are not allowed",
        False,
        "unexpected `:` here: quote a value that holds `: `, or check the indentation",
    ),
    (
        "did not find expected key",
        False,
        "unexpected text here: check the indentation of this line and the one above",
    ),
)


def _indenting_tab(mark: Any, text: str) -> tuple[int, int] | None:
    """The line and column (1-based) of the tab the parser stopped at, when it
    stands in a line's indentation.

    The parsers name such a tab in different words, or not at all ("found
    character that cannot start any token"); the message should say it.
    """
    if mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    line, column = lines[mark.line], mark.column
    if column >= len(line) or line[column] != "\t" or line[:column].strip(" \t-?:"):
        return None
    return mark.line + 1, column + 1


def _yaml_error(e: yaml.MarkedYAMLError, name: str, text: str) -> LoadError:
    if e.problem == "but found another document":
        mark = e.problem_mark or e.context_mark
        return LoadError(
            "the file holds more than one YAML document (`---`); "
            "put each document in a file of its own",
            _mark(name, mark) if mark is not None else Location(name),
            "multi-document",
        )
    tab = _indenting_tab(e.problem_mark, text)
    if tab is not None:
        return LoadError(
            "a tab in the indentation: YAML indents with spaces, never tabs; "
            "replace the tab with spaces",
            Location(name, *tab),
            "yaml-syntax",
        )
    said = f"{e.context or ''} {e.problem or ''}"
    at_context, hint = next(
        ((at, said_hint) for needle, at, said_hint in _SYNTAX_HINTS if needle in said),
        (False, ""),
    )
    mark = e.context_mark if at_context and e.context_mark is not None else e.problem_mark
    mark = mark or e.context_mark
    location = _mark(name, mark) if mark is not None else Location(name)
    context = f" {e.context}" if e.context else ""
    message = f"YAML syntax error{context}: {e.problem or 'invalid YAML'}"
    return LoadError(f"{message} ({hint})" if hint else message, location)


class _Builder:
    """Turns a composed node tree into plain data, refusing what is unsafe."""

    def __init__(self, name: str, *, aliases: bool, max_chars: int) -> None:
        self.name = name
        self.aliases = aliases
        self.max_chars = max_chars
        self.memo: dict[int, Any] = {}

    def build(self, node: yaml.MappingNode, text: str) -> dict[str, Any]:
        if self.aliases:
            _size, _depth, chars = self._measure(node, {}, set())
            if chars > self.max_chars:
                raise self._expansion_error(text, node)
        data: dict[str, Any] = self._node(node)
        return data

    def _measure(
        self, node: yaml.Node, sizes: dict[int, tuple[int, int, int]], open_nodes: set[int]
    ) -> tuple[int, int, int]:
        """Size, depth and characters of the data a node expands to, aliases included.

        Aliases can only name earlier anchors, so a walk in document order
        meets every shared node measured already: linear in the file's nodes.
        """
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in open_nodes:
            raise LoadError(
                "an alias refers to a node that contains it (a loop)",
                _mark(self.name, node.start_mark),
                "alias-loop",
            )
        size, depth, chars = 1, 1, 0
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value)
        else:
            open_nodes.add(key)
            if isinstance(node, yaml.MappingNode):
                children = [v for _, v in node.value]
                chars = sum(len(k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode))
            else:
                children = node.value
            for child in children:
                child_size, child_depth, child_chars = self._measure(child, sizes, open_nodes)
                size += child_size
                chars += child_chars
                depth = max(depth, child_depth + 1)
            open_nodes.discard(key)
        if depth > MAX_DEPTH:
            raise LoadError(
                f"aliases nest the data deeper than {MAX_DEPTH} levels",
                _mark(self.name, node.start_mark),
                "too-deep",
            )
        if size > MAX_NODES:
            raise LoadError(
                f"aliases expand to more than {MAX_NODES:,} values (an alias bomb?); "
                "refusing to load",
                _mark(self.name, node.start_mark),
                "alias-bomb",
            )
        sizes[key] = (size, depth, chars)
        return size, depth, chars

    def _expansion_error(self, text: str, root: yaml.Node) -> LoadError:
        """The refusal of a document that aliases expand past ``max_chars``, placed at
        the alias that crosses the limit.

        The node tree has no place for an alias (it is its anchor's node again),
        so the parser's events are read once more, adding up what each copies.
        """
        mark = _crossing_alias(text, self.max_chars) or root.start_mark
        return LoadError(
            f"aliases expand the document to more than {self.max_chars:,} characters "
            f"({EXPANSION_FACTOR} times limits.max_file_size; an alias bomb?); refusing to load",
            _mark(self.name, mark),
            "alias-bomb",
        )

    def _node(self, node: yaml.Node) -> Any:
        if not self.aliases:
            return self._construct(node)
        key = id(node)
        if key not in self.memo:
            self.memo[key] = self._construct(node)
        return self.memo[key]

    def _construct(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag
            if tag == _STR:
                return node.value
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise self._tag_error(node)
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self._tag_error(node)
            return [self._node(item) for item in node.value]
        raise self._tag_error(node)  # pragma: no cover - composer yields only these

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _TIMESTAMP:
            return node.value
        if tag == _NULL:
            return None
        if tag in _CONVERTERS:
            # explicit tags (`!!int ''`, `!!bool maybe`) reach here with values that do not fit
            what, convert = _CONVERTERS[tag]
            try:
                value = convert(node.value)
            except (ValueError, KeyError, IndexError) as e:
                raise LoadError(
                    _not_convertible(node.value, what),
                    _mark(self.name, node.start_mark),
                    "yaml-tag",
                ) from e
            if tag != _FLOAT:
                return value
            if not math.isfinite(value):
                raise LoadError(
                    f"{node.value!r} reads as a non-finite number; quote it if it is text",
                    _mark(self.name, node.start_mark),
                    "non-finite-number",
                )
            return value
        raise self._tag_error(node)

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._merge(key_node, value_node, merged)
                continue
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag not in _SCALAR_TAGS:
                if key_node.__class__ is yaml.ScalarNode:
                    raise self._tag_error(key_node)
                raise LoadError(
                    "a key must be plain text, not a list or a mapping",
                    _mark(self.name, key_node.start_mark),
                    "complex-key",
                )
            key = key_node.value
            if key in result:
                first = next(
                    k for k, _ in node.value if k.__class__ is yaml.ScalarNode and k.value == key
                )
                raise LoadError(
                    f"duplicate key {key!r} (first defined at line {first.start_mark.line + 1}); "
                    "the later value would silently replace the earlier one",
                    _mark(self.name, key_node.start_mark),
                    "duplicate-key",
                )
            result[key] = self._node(value_node)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def _merge(self, key_node: yaml.Node, value_node: yaml.Node, merged: dict[str, Any]) -> None:
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                # an alias points back at its anchor: then the merge key is the place to fix
                mark = (
                    source.start_mark
                    if source.start_mark.line >= key_node.start_mark.line
                    else key_node.start_mark
                )
                raise LoadError(
                    "a merge key (`<<`) takes a mapping or a list of mappings",
                    _mark(self.name, mark),
                    "yaml-syntax",
                )
            for key, value in self._node(source).items():
                merged.setdefault(key, value)

    def _tag_error(self, node: yaml.Node) -> LoadError:
        tag = node.tag
        shown = "!!" + tag[len(_T) :] if tag.startswith(_T) else tag
        return LoadError(
            f"the tag {shown} is not allowed: cjm documents hold only plain "
            "text, numbers, booleans, lists and mappings",
            _mark(self.name, node.start_mark),
            "yaml-tag",
        )
