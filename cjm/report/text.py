"""`cjm report --format text`: the report for a terminal, tables aligned in columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

from cjm.present.escape import plain
from cjm.report.document import Block, Heading, Items, Paragraph, Table, Writer
from cjm.report.records import Report

UNDERLINE = {1: "=", 2: "=", 3: "-"}
WIDTH = 100  # columns: tables and paragraphs fit a common terminal, whatever it is
MIN_COLUMN = 12
LAST_RESORT = 4  # the narrowest a column gets when nothing else makes a table fit


def render(data: Report, locale: str | None) -> str:
    lines: list[str] = []
    for block in Writer(locale).blocks(data):
        if lines:
            lines.append("")
        lines.extend(_block(block))
    return "\n".join(lines) + "\n"


def width(text: str) -> int:
    """Columns the text takes in a terminal: wide characters take two, combining ones none."""
    if text.isascii():
        return len(text)
    if len(text) <= _CACHED_LENGTH:
        return _cached_width(text)
    return sum(map(_char_width, text))


_CACHED_LENGTH = 256  # table cells are measured again and again; long text only once


@lru_cache(maxsize=65536)
def _cached_width(text: str) -> int:
    return sum(map(_char_width, text))


def _char_width(ch: str) -> int:
    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text: str, limit: int) -> list[str]:
    """Lines of at most ``limit`` columns, broken at spaces (a longer word is cut).

    Every character is measured once, so a paragraph of any length, or one word of a
    megabyte, wraps in time proportional to its length.
    """
    if width(text) <= limit:
        return [text]
    lines = _Lines(limit)
    for word in text.split(" "):
        if word:
            lines.add(word)
    return lines.done()


class _Lines:
    """The lines being filled: the words of the current line and the columns they take."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lines: list[str] = []
        self.words: list[str] = []
        self.used = 0

    def add(self, word: str) -> None:
        columns = None if word.isascii() else [_char_width(ch) for ch in word]
        left = len(word) if columns is None else sum(columns)
        start = 0
        while left > self.limit:  # cut the word: fill the line, then whole lines
            room = self.limit - self.used - (1 if self.words else 0)
            if room < 1:
                self.flush()
                room = self.limit
            cut, taken = _fit(word, columns, start, room)
            if cut == 0 and self.words:  # not even its first character fits beside the line
                self.flush()
                continue
            if cut == 0:  # a character wider than a whole line still goes somewhere
                cut, taken = 1, 1 if columns is None else columns[start]
            self.put(word[start : start + cut], taken)
            start += cut
            left -= taken
        if start == len(word):
            return
        rest = word[start:] if start else word
        if self.words and self.used + 1 + left > self.limit:
            self.flush()
        self.put(rest, left)

    def put(self, piece: str, columns: int) -> None:
        self.used += columns + (1 if self.words else 0)
        self.words.append(piece)

    def flush(self) -> None:
        self.lines.append(" ".join(self.words))
        self.words = []
        self.used = 0

    def done(self) -> list[str]:
        self.flush()
        return self.lines


def _fit(word: str, columns: list[int] | None, start: int, room: int) -> tuple[int, int]:
    """How many characters of ``word`` from ``start`` fit in ``room`` columns (0 when not
    even one), and the columns they take."""
    if columns is None:
        cut = max(0, min(room, len(word) - start))
        return cut, cut
    taken = 0
    end = start
    while end < len(word) and taken + columns[end] <= room:
        taken += columns[end]
        end += 1
    return end - start, taken


def _block(block: Block) -> Iterator[str]:
    if isinstance(block, Heading):
        lines = wrap(plain(block.text), WIDTH)
        rule = max(width(line) for line in lines)
        if block.level == 1:
            yield UNDERLINE[1] * rule
        yield from lines
        if block.level in UNDERLINE:
            yield UNDERLINE[block.level] * rule
    elif isinstance(block, Paragraph):
        yield from wrap(plain(block.text), WIDTH)
    elif isinstance(block, Items):
        for item in block.items:
            first, *rest = wrap(plain(item), WIDTH - 2)
            yield f"- {first}"
            yield from (f"  {line}" for line in rest)
    elif isinstance(block, Table):
        yield from _table(block)


def _columns(rows: list[Sequence[str]], numeric: frozenset[int]) -> list[int]:
    """Column widths that fit the page. Headings of figures wrap first (a column of
    figures stays as wide as its figures), then the widest text columns give way, down
    to MIN_COLUMN: every column wider than some cap is cut to it, the cap as high as
    the page allows."""
    count = len(rows[0])
    widths = [max(width(row[i]) for row in rows) for i in range(count)]
    floors = [
        max([*(width(row[i]) for row in rows[1:]), *map(width, rows[0][i].split()), 1])
        if i in numeric
        else min(widths[i], MIN_COLUMN)
        for i in range(count)
    ]
    room = WIDTH - 2 * (count - 1)
    groups = (sorted(numeric), [i for i in range(count) if i not in numeric], list(range(count)))
    for number, group in enumerate(groups):
        if number == 2:  # still too wide: every column wraps, inside words if it must
            floors = [min(w, LAST_RESORT) for w in widths]
        if sum(widths) <= room:
            break
        fixed = sum(widths[i] for i in range(count) if i not in group)

        def fits(
            cap: int,
            group: list[int] = group,
            fixed: int = fixed,
            natural: list[int] = widths,
            floors: list[int] = floors,
        ) -> bool:
            return fixed + sum(max(floors[i], min(natural[i], cap)) for i in group) <= room

        low, high = 0, max((widths[i] for i in group), default=0)
        while low < high:  # the highest cap that fits (0 when none does)
            middle = (low + high + 1) // 2
            low, high = (middle, high) if fits(middle) else (low, middle - 1)
        widths = [
            max(floors[i], min(widths[i], low)) if i in group else widths[i] for i in range(count)
        ]
    return widths


def _table(table: Table) -> Iterator[str]:
    rows: list[Sequence[str]] = [
        [plain(c) for c in table.headers],
        *([plain(c) for c in row] for row in table.rows),
    ]
    widths = _columns(rows, table.numeric)
    wrapped = any(width(cell) > widths[i] for row in rows[1:] for i, cell in enumerate(row))

    def lines(row: Sequence[str]) -> Iterator[str]:
        cells = [wrap(cell, widths[i]) for i, cell in enumerate(row)]
        for n in range(max(len(c) for c in cells)):
            parts = []
            for i, cell in enumerate(cells):
                text = cell[n] if n < len(cell) else ""
                pad = " " * max(0, widths[i] - width(text))
                parts.append(pad + text if i in table.numeric else text + pad)
            yield "  ".join(parts).rstrip()

    yield from lines(rows[0])
    yield "  ".join("-" * w for w in widths)
    for index, row in enumerate(rows[1:]):
        if wrapped and index:
            yield ""  # rows of several lines read better apart
        yield from lines(row)
