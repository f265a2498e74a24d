"""Mermaid diagrams of a journey, which git hosts draw inline.

Without ``--lanes`` the diagram is a Mermaid ``journey``: the title, one
section per stage, one task per step scored on Mermaid's 1 to 5 scale, with
the personas as actors. With ``--lanes`` it is a ``flowchart`` of the same
swimlane grid as the Graphviz diagram, one subgraph per lane.

Author text is made safe for each grammar by :mod:`cjm.present.escape`: in a
journey, the characters that end a task, a title or an actor become look-alike
ones; flowchart labels are quoted strings with Mermaid entity codes; the
flowchart's title is a JSON string in the front matter. Line breaks become
spaces everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from cjm.core import facts
from cjm.core.model import Document, Journey
from cjm.core.paths import graph
from cjm.present import numbers
from cjm.present.durations import since_previous
from cjm.present.escape import (
    mermaid_actor,
    mermaid_journey,
    mermaid_journey_title,
    mermaid_label,
    plain,
)
from cjm.present.labels import labels_for
from cjm.present.marks import END_MARK, MOMENT_MARKS
from cjm.render.dot import emotion_colour
from cjm.render.outputs import Options, locale_of
from cjm.render.site import Site
from cjm.render.swimlanes import (
    Box,
    Grid,
    Link,
    build_grid,
    emotion_text,
    persona_names,
)

_ARROWS = {"flow": "-->", "handoff": "==>", "attach": "-.-", "channel": "---", "potential": "-.-"}


def mermaid_score(score: float | None, scale: tuple[int, int]) -> int:
    """A score of the journey's scale on Mermaid's 1 (worst) to 5 (best); no score is
    the middle of the scale."""
    return int(min(max(1 + 4 * numbers.position(score, scale) + 0.5, 1), 5))


def journey_diagram(site: Site, journey: Journey) -> str:
    """The Mermaid `journey` diagram of ``journey``."""
    return "\n".join(_journey_lines(site, journey)) + "\n"


def _journey_lines(site: Site, journey: Journey) -> Iterator[str]:
    scale = site.scale(journey)
    names = {p: mermaid_actor(n) for p, n in persona_names(site, journey).items()}
    yield "journey"
    title = mermaid_journey_title(journey.title or "", journey.id)
    yield f"  title {title}"
    for stage in journey.stages:
        yield f"  section {mermaid_journey(stage.name, stage.id)}"
        for step in stage.steps:
            task = mermaid_journey(step.name, step.id)
            groups: dict[int, list[str]] = {}
            if isinstance(step.emotion, Mapping):
                for persona_id in journey.personas:
                    score = step.emotion.get(persona_id)
                    value = mermaid_score(score, scale)
                    groups.setdefault(value, []).append(names[persona_id])
            else:
                score = step.emotion
                value = mermaid_score(score, scale)
                groups[value] = list(names.values())
            for value, actors in groups.items():
                people = f": {', '.join(actors)}" if actors else ""
                yield f"    {task}: {value}{people}"


def flowchart(grid: Grid) -> str:
    """The swimlane grid as a Mermaid flowchart, one subgraph per lane."""
    return "\n".join(_flowchart_lines(grid)) + "\n"


def _label(box: Box) -> str:
    parts = []
    for style, text in box.lines:
        safe = mermaid_label(text)
        parts.append(
            f"<b>{safe}</b>" if style == "title" else f"• {safe}" if style == "item" else safe
        )
    return "<br>".join(parts)


def _flowchart_lines(grid: Grid) -> Iterator[str]:
    yield "---"
    yield f"title: {json.dumps(plain(grid.title), ensure_ascii=False)}"
    yield "---"
    yield "flowchart LR"
    for lane_index, lane in enumerate(grid.lanes):
        if lane.line:
            continue
        boxes = [
            box
            for (index, _column), cell in sorted(grid.cells.items())
            if index == lane_index
            for box in cell
        ]
        title = mermaid_label(lane.title)
        if lane.subtitle:
            title += f" · <i>{mermaid_label(lane.subtitle)}</i>"
        yield f'  subgraph {lane.key}["{title}"]'
        yield "    direction LR"
        if not boxes:
            yield f'    {lane.key}_empty[" "]'
            yield f"    style {lane.key}_empty fill:none,stroke:none"
        for box in boxes:
            yield f'    {box.key}["{_label(box)}"]'
        yield "  end"
    for link in grid.links:
        yield f"  {link.tail} {_arrow(link)} {link.head}"
    dotted = [str(n) for n, link in enumerate(grid.links) if _dotted_handoff(link)]
    if dotted:
        yield f"  linkStyle {','.join(dotted)} stroke-width:{HANDOFF_WIDTH}"
    yield "  classDef pain fill:#fde2dc,stroke:#c0392b"
    yield "  classDef opportunity fill:#e3f4e1,stroke:#2e7d32"
    yield "  classDef touchpoint fill:#e8eef7,stroke:#4a6fa5"
    yield "  classDef potential fill:#ffffff,stroke:#4a6fa5,stroke-dasharray:5 4"
    yield "  classDef process fill:#f0f0f0,stroke:#888888"
    by_kind: dict[str, list[str]] = {}
    for _lane, _column, box in grid.boxes():
        if box.kind == "step":
            ending = ",stroke-width:4px" if box.ends else ""
            yield f"  style {box.key} fill:{emotion_colour(box.score, grid.scale)}{ending}"
        else:
            by_kind.setdefault(box.kind, []).append(box.key)
    for kind, keys in by_kind.items():
        yield f"  class {','.join(keys)} {kind}"


HANDOFF_WIDTH = "3.5px"  # as thick as Mermaid draws `==>`


def _dotted_handoff(link: Link) -> bool:
    """True for a hand-off that goes back (a return, a loop): Mermaid has no thick dotted
    arrow, so it is drawn dotted and made as thick as a hand-off by a `linkStyle`."""
    return link.kind == "handoff" and link.path in ("return", "loop")


def _arrow(link: Link) -> str:
    """The arrow of a link: a path against the map's order (a return, a loop) dotted (a
    hand-off among them thick, see `_dotted_handoff`), and a declared path with its label."""
    arrow = _ARROWS[link.kind]
    if link.kind in ("flow", "handoff") and link.path in ("return", "loop"):
        arrow = "-.->"
    if link.label:
        arrow += f'|"{mermaid_label(link.label)}"|'
    return arrow


def paths_diagram(site: Site, journey: Journey, locale: str) -> str:
    """A journey that is not linear as a Mermaid flowchart of its steps, one subgraph per
    stage, with every path the journey can take (a `journey` diagram has no branches)."""
    return "\n".join(_paths_lines(site, journey, locale)) + "\n"


def _paths_lines(site: Site, journey: Journey, locale: str) -> Iterator[str]:
    labels = labels_for(locale)
    scale = site.scale(journey)
    steps = journey.steps
    early = graph(journey).early_ends()
    key = {step.id: f"step{i}" for i, step in enumerate(steps)}
    yield "---"
    yield f"title: {json.dumps(plain(journey.title or journey.id), ensure_ascii=False)}"
    yield "---"
    yield "flowchart LR"
    for index, stage in enumerate(journey.stages):
        yield f'  subgraph stage{index}["{mermaid_label(stage.name)}"]'
        yield "    direction LR"
        if not stage.steps:
            yield f'    stage{index}_empty[" "]'
            yield f"    style stage{index}_empty fill:none,stroke:none"
        for step in stage.steps:
            lines = [
                f"<b>{mermaid_label(step.name)}</b>",
                mermaid_label(emotion_text(site, journey, step, locale=locale)),
            ]
            if step.moment:
                moment = labels["moment." + step.moment]
                lines.append(f"{MOMENT_MARKS[step.moment]} {mermaid_label(moment)}")
            if step.since_previous:
                lines.append(mermaid_label(since_previous(step.since_previous, locale)))
            if step.id in early:
                lines.append(f"{END_MARK} {mermaid_label(labels['path.can_end'])}")
            yield f'    {key[step.id]}["{"<br>".join(lines)}"]'
        yield "  end"
    for path in graph(journey).paths:
        link = Link(key[path.source.id], key[path.target.id], "flow", path.label, path.kind)
        yield f"  {link.tail} {_arrow(link)} {link.head}"
    for step in steps:
        ending = ",stroke-width:4px" if step.id in early else ""
        fill = emotion_colour(facts.overall_score(step), scale)
        yield f"  style {key[step.id]} fill:{fill}{ending}"


def diagram(site: Site, journey: Journey, options: Options) -> str:
    """The journey diagram (the flowchart of its paths when it is not linear), or the
    swimlane flowchart when lanes are asked for."""
    if options.lanes is None:
        if not graph(journey).linear:
            return paths_diagram(site, journey, locale_of(site, journey, options))
        return journey_diagram(site, journey)
    grid = build_grid(site, journey, mode=options.lanes, locale=locale_of(site, journey, options))
    return flowchart(grid)


def render(site: Site, document: Document, options: Options) -> bytes | None:
    """The journey as Mermaid source (None for other document kinds)."""
    if not isinstance(document, Journey):
        return None
    return diagram(site, document, options).encode("utf-8")
