"""`cjm report --format markdown`: the report for a pull request, a wiki or a git host.

Author text is escaped as in `cjm render --format markdown`, so nothing in a
map becomes a link, emphasis, HTML or the end of a table cell.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.present.escape import markdown, markdown_paragraph
from cjm.report.document import Block, Heading, Items, Paragraph, Table, Writer
from cjm.report.records import Report


def render(data: Report, locale: str | None) -> str:
    lines: list[str] = []
    for block in Writer(locale).blocks(data):
        lines.extend(_block(block))
        lines.append("")
    return "\n".join(lines)


def _block(block: Block) -> Iterator[str]:
    if isinstance(block, Heading):
        # one level down: the report goes into a pull-request comment or a page of its own
        yield f"{'#' * (block.level + 1)} {markdown(block.text)}"
    elif isinstance(block, Paragraph):
        yield markdown_paragraph(block.text)
    elif isinstance(block, Items):
        for item in block.items:
            yield f"- {markdown_paragraph(item)}"
    elif isinstance(block, Table):
        yield "| " + " | ".join(markdown(h) for h in block.headers) + " |"
        yield (
            "|"
            + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.headers)))
            + "|"
        )
        for row in block.rows:
            yield "| " + " | ".join(markdown(c) if c else " " for c in row) + " |"
