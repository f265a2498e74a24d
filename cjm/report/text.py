"""`cjm report --format text`: the report for a terminal, tables aligned in columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from cjm.report.document import Block, Heading, Items, Paragraph, Table, Writer

UNDERLINE = {1: "=", 2: "=", 3: "-"}


def render(data: dict[str, Any], locale: str) -> str:
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
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# control characters could move a terminal's cursor or clear its screen: line breaks and
# tabs become spaces, the others go
_CONTROLS = dict.fromkeys((*range(32), *range(127, 160))) | {
    ord("\n"): " ", ord("\r"): " ", ord("\t"): " "}


def _clean(text: str) -> str:
    """One line of text, with no control character."""
    return text.translate(_CONTROLS)


def _block(block: Block) -> Iterator[str]:
    if isinstance(block, Heading):
        text = _clean(block.text)
        if block.level == 1:
            yield UNDERLINE[1] * width(text)
        yield text
        if block.level in UNDERLINE:
            yield UNDERLINE[block.level] * width(text)
    elif isinstance(block, Paragraph):
        yield _clean(block.text)
    elif isinstance(block, Items):
        for item in block.items:
            yield f"- {_clean(item)}"
    elif isinstance(block, Table):
        yield from _table(block)


def _table(table: Table) -> Iterator[str]:
    rows: list[Sequence[str]] = [[_clean(c) for c in table.headers],
                                 *([_clean(c) for c in row] for row in table.rows)]
    widths = [max(width(row[i]) for row in rows) for i in range(len(table.headers))]

    def line(row: Sequence[str]) -> str:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - width(cell))
            cells.append(pad + cell if i in table.numeric else cell + pad)
        return "  ".join(cells).rstrip()

    yield line(rows[0])
    yield "  ".join("-" * w for w in widths)
    for row in rows[1:]:
        yield line(row)
