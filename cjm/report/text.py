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


@lru_cache(maxsize=65536)
def width(text: str) -> int:
    """Columns the text takes in a terminal: wide characters take two, combining ones none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def wrap(text: str, limit: int) -> list[str]:
    """Lines of at most ``limit`` columns, broken at spaces (a longer word is cut)."""
    if width(text) <= limit:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        while width(word) > limit:
            room = limit - width(line) - (1 if line else 0)
            if room < 1:
                lines.append(line)
                line, room = "", limit
            cut = _fit(word, room)
            if cut == 0 and line:  # not even its first character fits beside the line
                lines.append(line)
                line = ""
                continue
            cut = max(cut, 1)  # a character wider than a whole line still goes somewhere
            line = f"{line} {word[:cut]}" if line else word[:cut]
            word = word[cut:]
        if not word:
            continue
        if line and width(line) + 1 + width(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def _fit(word: str, room: int) -> int:
    """How many characters of ``word`` fit in ``room`` columns (0 when not even one)."""
    for n in range(len(word), 0, -1):
        if width(word[:n]) <= room:
            return n
    return 0


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
