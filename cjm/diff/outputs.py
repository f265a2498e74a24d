"""The output formats of `cjm diff`, by name: one registry, one signature."""

from __future__ import annotations

from collections.abc import Callable

from cjm.diff.engine import DiffResult
from cjm.diff.formats import as_json, as_markdown, as_text


def as_html(result: DiffResult, colour: bool = False) -> str:
    from cjm.diff.html import as_html as render

    return render(result)


Format = Callable[[DiffResult, bool], str]
FORMATS: dict[str, Format] = {
    "text": as_text,
    "markdown": as_markdown,
    "json": as_json,
    "html": as_html,
}
