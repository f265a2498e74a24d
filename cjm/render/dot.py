"""Graphviz swimlanes of a journey: DOT source, and SVG or PNG through the `dot` program.

The layout is deliberate, not left to chance: ``rankdir=LR`` makes every
column of the grid (a lane-title column, then one per step) a rank, so stages
run left to right. Each column is a ``rank=same`` group whose nodes are
chained by invisible edges from top to bottom: the stage header, then each
lane's boxes (an invisible placeholder where a cell is empty) with a rule
between lanes, so the lanes keep their declared order. Invisible edges from
each cell to the same lane's cell in the next column keep the rows straight.
Rules and the blueprint's lines are rows of points joined by edges; stage
headers are clusters over their columns (lanes are not clusters: dot does not
keep the order of flat edges between clusters).

Every author string goes into an HTML-like label escaped by
:func:`cjm.present.escape.dot_label`, so no author text can change the graph. Node ids are made by
cjm (from positions), never from author text.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Iterator, Mapping

from cjm.core.errors import CjmError
from cjm.core.model import Document, Journey
from cjm.present import numbers
from cjm.present.escape import dot_label
from cjm.render.outputs import Options, locale_of
from cjm.render.site import Site
from cjm.render.swimlanes import Box, Grid, Link, build_grid

FONT = "DejaVu Sans"
WRAP = 30
# Emotion colours from the low end of the scale to the high end.
EMOTION_COLOURS = ("#e8694a", "#f4a582", "#f7f7f7", "#a6dba0", "#5aae61")
NO_SCORE_COLOUR = "#ffffff"
RULE = "#b8c4d2"
INSTALL_HINT = (
    "the Graphviz `dot` program is needed for svg and png: install Graphviz "
    "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz), "
    "or use --format dot"
)


class RenderError(CjmError):
    """A diagram could not be drawn."""

    code = "render"


def _wrapped(text: str, width: int = WRAP) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces or in long words."""
    if len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def box_label(box: Box, *, centre: bool = False) -> str:
    """An HTML-like label: title lines bold, item lines bulleted, all wrapped and escaped."""
    out: list[str] = []
    for style, text in box.lines:
        chunks = _wrapped(text, WRAP - 2 if style == "item" else WRAP)
        for n, chunk in enumerate(chunks):
            safe = dot_label(chunk)
            if style == "title":
                safe = f"<B>{safe}</B>"
            elif style == "item":
                safe = ("• " if n == 0 else "   ") + safe
            out.append(safe)
    brk = "<BR/>" if centre else '<BR ALIGN="LEFT"/>'
    return "<" + brk.join(out) + ("" if centre else brk) + ">"


def emotion_colour(score: float | None, scale: tuple[int, int]) -> str:
    if score is None:
        return NO_SCORE_COLOUR
    return EMOTION_COLOURS[round(numbers.position(score, scale) * (len(EMOTION_COLOURS) - 1))]


def _attrs(values: Mapping[str, str]) -> str:
    """DOT attributes; values starting with `<` are HTML-like labels, others are quoted."""
    parts = []
    for name, value in values.items():
        if value.startswith("<"):
            parts.append(f"{name}={value}")
        else:
            parts.append(f'{name}="{value}"')
    return "[" + ", ".join(parts) + "]"


_BOX_STYLE: dict[str, dict[str, str]] = {
    "step": {"shape": "box", "style": "rounded,filled", "penwidth": "1.2"},
    "touchpoint": {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#e8eef7",
        "color": "#4a6fa5",
    },
    "potential": {
        "shape": "box",
        "style": "rounded,dashed",
        "color": "#4a6fa5",
        "fontcolor": "#4a6fa5",
    },
    "process": {"shape": "box", "style": "filled", "fillcolor": "#f0f0f0", "color": "#888888"},
    "pain": {"shape": "note", "style": "filled", "fillcolor": "#fde2dc", "color": "#c0392b"},
    "opportunity": {"shape": "note", "style": "filled", "fillcolor": "#e3f4e1", "color": "#2e7d32"},
}
_LINK_STYLE: dict[str, dict[str, str]] = {
    "flow": {"color": "#333333", "penwidth": "1.4"},
    "handoff": {"color": "#8e44ad", "penwidth": "2"},
    "attach": {"color": "#999999", "style": "dotted", "dir": "none"},
    "channel": {"color": "#4a6fa5", "dir": "none"},
    "potential": {"color": "#4a6fa5", "style": "dashed", "dir": "none"},
}


def grid_to_dot(grid: Grid) -> str:
    """The DOT source of ``grid``."""
    return "\n".join(_dot_lines(grid)) + "\n"


def _dot_lines(grid: Grid) -> Iterator[str]:
    yield "digraph journey {"
    yield (
        f'  graph [rankdir="LR", newrank="true", nodesep="0.18", ranksep="0.35", '
        f'fontname="{FONT}", labelloc="t", fontsize="16", '
        f"label=<<B>{dot_label(grid.title)}</B>>];"
    )
    yield f'  node [fontname="{FONT}", fontsize="10", margin="0.12,0.06"];'
    yield f'  edge [fontname="{FONT}", fontsize="9", arrowsize="0.7"];'
    columns = range(1, grid.columns + 1)  # column 0 holds the lane titles
    where: dict[str, tuple[int, int]] = {}
    stacks: dict[tuple[str, int], list[str]] = {}

    # the stage headers, one cluster per stage over its columns
    yield '  "corner" [shape="point", style="invis", width="0.01"];'
    for stage in grid.stages:
        yield f'  subgraph "cluster_{stage.key}" {{'
        yield (
            f"    graph [label=<<B>{'<BR/>'.join(dot_label(c) for c in _wrapped(stage.name))}"
            f'</B>>, style="filled", fillcolor="#dde4ee", color="#dde4ee", '
            f'fontsize="12"];'
        )
        for column in range(stage.first + 1, stage.last + 2):
            yield f'    "head{column}" [shape="point", style="invis", width="0.01"];'
        yield "  }"

    rows: list[tuple[str, str | None, bool]] = []  # (row key, title, is a line)
    for lane_index, lane in enumerate(grid.lanes):
        previous_line = lane_index > 0 and grid.lanes[lane_index - 1].line
        if not lane.line and not previous_line:
            rows.append((f"rule{lane_index}", None, True))
        if lane.line:
            rows.append((lane.key, lane.title, True))
            continue
        rows.append((lane.key, None, False))
        heading = f"<B>{dot_label(lane.title)}</B>"
        if lane.subtitle:
            heading += f"<BR/><I>{dot_label(lane.subtitle)}</I>"
        yield f'  "{lane.key}_title" [shape="plaintext", fontsize="11", label=<{heading}>];'
        stacks[(lane.key, 0)] = [f"{lane.key}_title"]
        for column in columns:
            boxes = grid.cells.get((lane_index, column - 1), ())
            if not boxes:
                node = f"{lane.key}_empty{column}"
                yield f'  "{node}" [shape="point", style="invis", width="0.3"];'
                stacks[(lane.key, column)] = [node]
                continue
            stacks[(lane.key, column)] = [box.key for box in boxes]
            for box in boxes:
                where[box.key] = (lane_index, column)
                attributes = dict(_BOX_STYLE[box.kind])
                if box.kind == "step":
                    attributes["fillcolor"] = emotion_colour(box.score, grid.scale)
                    if box.ends:
                        attributes["peripheries"] = "2"
                attributes["label"] = box_label(box, centre=box.kind == "step")
                yield f'  "{box.key}" {_attrs(attributes)};'
    rows.append(("rule_end", None, True))

    # lines across the grid: rules between lanes, and the blueprint's labelled lines
    for key, line_title, line in rows:
        if not line:
            continue
        dashed = line_title is not None
        if line_title is not None:
            yield (
                f'  "{key}_title" [shape="plaintext", fontcolor="#555555", '
                f"label=<<I>{dot_label(line_title)}</I>>];"
            )
        else:
            yield f'  "{key}_title" [shape="point", width="0.01", color="{RULE}"];'
        stacks[(key, 0)] = [f"{key}_title"]
        previous = f"{key}_title"
        style = 'style="dashed", color="#666666"' if dashed else f'color="{RULE}"'
        for column in columns:
            node = f"{key}_{column}"
            yield f'  "{node}" [shape="point", width="0.01", color="{RULE}"];'
            yield f'  "{previous}" -> "{node}" [{style}, dir="none", weight="100"];'
            stacks[(key, column)] = [node]
            previous = node

    # scaffolding: each column is a rank whose nodes are chained top to bottom (with
    # rankdir=LR a flat edge puts its tail above its head); each row chained left to right
    for column in range(grid.columns + 1):
        chain = ["corner" if column == 0 else f"head{column}"]
        for key, _title, _line in rows:
            chain += stacks[(key, column)]
        nodes = " ".join(f'"{n}";' for n in chain)
        yield f'  {{ rank="same"; {nodes} }}'
        yield "  " + " -> ".join(f'"{n}"' for n in chain) + ' [style="invis"];'
    for key, _title, line in rows:
        if line:
            continue
        for column in range(grid.columns):
            for node in stacks[(key, column + 1)]:
                anchor = stacks[(key, column)][0]
                yield f'  "{anchor}" -> "{node}" [style="invis", weight="10"];'
    for column in range(grid.columns):
        head = "corner" if column == 0 else f"head{column}"
        yield f'  "{head}" -> "head{column + 1}" [style="invis", weight="10"];'

    for link in grid.links:
        yield "  " + _link(link, where)
    yield "}"


def _link(link: Link, where: Mapping[str, tuple[int, int]]) -> str:
    attributes = dict(_LINK_STYLE[link.kind])
    tail, head = link.tail, link.head
    if where[tail][1] == where[head][1] and where[tail][0] > where[head][0]:
        tail, head = head, tail  # edges inside a column point down, as the scaffolding does
    if link.kind in ("flow", "handoff"):
        attributes["weight"] = "2" if link.kind == "handoff" else "5"
        if link.path in ("return", "loop"):
            # against the order of the map: drawn, but not allowed to bend the layout
            attributes.update(style="dashed", constraint="false")
            attributes.pop("weight")
        if link.path == "loop":
            attributes.update(headport="n", tailport="ne")
        if link.label:
            lines = "<BR/>".join(dot_label(line) for line in _wrapped(link.label, WRAP - 8))
            attributes["label"] = f"<<I>{lines}</I>>"
    else:
        attributes["constraint"] = "false"
    return f'"{tail}" -> "{head}" {_attrs(attributes)};'


def _journey_grid(site: Site, document: Document, options: Options) -> Grid | None:
    if not isinstance(document, Journey):
        return None
    return build_grid(site, document, mode=options.lanes, locale=locale_of(site, document, options))


def render(site: Site, document: Document, options: Options) -> bytes | None:
    """The journey's swimlanes as DOT source (None for other document kinds)."""
    grid = _journey_grid(site, document, options)
    return None if grid is None else grid_to_dot(grid).encode("utf-8")


def render_svg(site: Site, document: Document, options: Options) -> bytes | None:
    """The journey's swimlanes as SVG, drawn by Graphviz's `dot`."""
    source = render(site, document, options)
    return None if source is None else run_dot(source, "svg")


def render_png(site: Site, document: Document, options: Options) -> bytes | None:
    """The journey's swimlanes as PNG, drawn by Graphviz's `dot`."""
    source = render(site, document, options)
    return None if source is None else run_dot(source, "png")


def run_dot(source: bytes, output_format: str) -> bytes:
    """Lay out DOT ``source`` with the `dot` program; a missing program is a one-line error."""
    if shutil.which("dot") is None:
        raise RenderError(INSTALL_HINT)
    graphviz = importlib.import_module("graphviz")  # imported when drawing, never at start-up
    try:
        result: bytes = graphviz.pipe("dot", output_format, source, quiet=True)
    except graphviz.ExecutableNotFound as e:
        raise RenderError(INSTALL_HINT) from e
    except graphviz.CalledProcessError as e:
        detail = (e.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            "Graphviz could not draw the diagram: "
            + (detail[0] if detail else f"exit status {e.returncode}")
        ) from e
    return result
