"""`cjm render --format html`: one self-contained page per document, and an index.

The templates, their filters and the links between pages are shared with the
report page in :mod:`cjm.present.html`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from cjm.core import facts
from cjm.core.errors import UsageError
from cjm.core.frameworks import Framework
from cjm.core.model import (
    ChannelCatalog,
    Document,
    EmpathyMap,
    Journey,
    Persona,
    RealityMap,
    Stage,
    Step,
    Touchpoint,
)
from cjm.core.paths import Path, graph
from cjm.present.durations import since_previous
from cjm.present.escape import printable
from cjm.present.html import REPORT_PAGE, Links, output_name, render_template
from cjm.present.labels import labels_for
from cjm.present.locale import resolve
from cjm.render import emotion
from cjm.render.lens import LensStage, band
from cjm.render.outputs import Options, locale_of
from cjm.render.site import Site

TEMPLATES = {
    Journey: "journey.html.j2",
    Persona: "persona.html.j2",
    EmpathyMap: "empathy-map.html.j2",
    RealityMap: "reality-map.html.j2",
    ChannelCatalog: "channels.html.j2",
}
DEFAULT_STEPS_PER_PART = 6  # the step columns of an A3 landscape page


def render(site: Site, document: Document, options: Options) -> bytes:
    """The HTML page of ``document``."""
    return page(site, document, options).encode("utf-8")


def page(
    site: Site,
    document: Document,
    options: Options,
    *,
    steps_per_part: int = DEFAULT_STEPS_PER_PART,
    page_size: str = "A3 landscape",
    print_date: str | None = None,
) -> str:
    """The page as text; the PDF renderer passes its page size and how many steps fit."""
    template = TEMPLATES[type(document)]
    locale = locale_of(site, document, options)
    links = Links(site, output_name(site, document, ".html").as_posix())
    context: dict[str, Any] = {
        "doc": document,
        "site": site,
        "t": labels_for(locale),
        "lang": _language(locale),
        "links": links,
        "page_size": page_size,
        "print_date": print_date or document.reviewed,
        "workspace_name": site.settings.name,
    }
    if isinstance(document, Journey):
        context["view"] = journey_view(
            site, document, locale=locale, steps_per_part=steps_per_part, lens=options.lens
        )
    context["assumptions"] = {a.id: a for rm in site.reality_maps for a in rm.assumptions}
    if isinstance(document, RealityMap):
        context["parties"] = [
            (party, [s for s in document.sources if s.party == party])
            for party in ("first", "second", "third")
        ]
        context["touchpoints"] = _touchpoints(site)
    if isinstance(document, EmpathyMap):
        persona = site.by_id.get(document.persona)
        context["persona"] = persona if isinstance(persona, Persona) else None
    if isinstance(document, Persona):
        context["empathy_maps"] = [m for m in site.empathy_maps if m.persona == document.id]
        context["journeys"] = [j for j in site.journeys if document.id in j.personas]
    return render_template(template, context, template_dir=options.template_dir)


def _touchpoints(site: Site) -> dict[str, list[tuple[Touchpoint, Journey]]]:
    """Each touchpoint id with every journey that has it, in workspace order (a current
    and a future journey often share one), once per journey."""
    found: dict[str, dict[str, tuple[Touchpoint, Journey]]] = {}
    for journey in site.journeys:
        for step in journey.steps:
            for tp in step.touchpoints:
                found.setdefault(tp.id, {}).setdefault(journey.id, (tp, journey))
    return {tp_id: list(by_journey.values()) for tp_id, by_journey in found.items()}


def render_index(site: Site, options: Options) -> bytes:
    """The index page of a rendered workspace, linking every page, grouped by kind, and
    the workspace's report page."""
    locale = resolve(options.locale, site.locale)
    links = Links(site, "index.html")
    groups = [
        (key, [d for d in site.rendered if isinstance(d, cls)])
        for key, cls in (
            ("journeys", Journey),
            ("personas", Persona),
            ("empathy-maps", EmpathyMap),
            ("reality-maps", RealityMap),
            ("channels", ChannelCatalog),
        )
    ]
    context = {
        "site": site,
        "t": labels_for(locale),
        "lang": _language(locale),
        "links": links,
        "groups": [(k, docs) for k, docs in groups if docs],
        "workspace_name": site.settings.name,
        "page_size": "A4",
        "print_date": None,
        "report": REPORT_PAGE,
    }
    return render_template("index.html.j2", context, template_dir=options.template_dir).encode(
        "utf-8"
    )


LANES = (
    "actions",
    "thoughts",
    "touchpoints",
    "emotion",
    "pain_points",
    "opportunities",
    "backstage",
    "support",
    "metrics",
)


@dataclass(frozen=True)
class Segment:
    """The steps of one stage inside a part (all of them, unless the stage is too wide)."""

    index: int  # from 1, across the journey
    stage: Stage
    number: int  # of the stage, from 1
    steps: tuple[tuple[int, Step], ...]  # (column, step), columns from 1 across the journey
    continued: bool  # not the stage's first segment


@dataclass(frozen=True)
class LensCell:
    """One cell of the lens band over the stage headers: a stage of the lens (None: the
    stages under it stand for none) over ``width`` columns from ``first``."""

    name: str | None
    first: int
    width: int
    continued: bool  # the lens stage began in an earlier part
    span: int  # columns of the whole lens stage from ``first``, where the grid is one


@dataclass(frozen=True)
class StepPaths:
    """What the grid says of a step of a journey that is not simply linear: where it
    leads (when that needs saying), the steps it is reached from (when not only the one
    before it), and whether the journey can end there before its last step."""

    leads: tuple[Path, ...]
    sources: tuple[Step, ...]
    can_end: bool


@dataclass(frozen=True)
class Part:
    """What one printed table holds: whole stages side by side while they fit the page
    width, else a stage's steps split at a step boundary. On screen all parts make one
    grid."""

    index: int
    segments: tuple[Segment, ...]
    curve: Markup | None
    lens: tuple[LensCell, ...] = ()

    @property
    def steps(self) -> tuple[tuple[int, Step], ...]:
        return tuple(step for segment in self.segments for step in segment.steps)


@dataclass(frozen=True)
class JourneyView:
    lanes: tuple[str, ...]
    parts: tuple[Part, ...]
    columns: int
    personas: tuple[Persona | str, ...]
    series: tuple[emotion.Series, ...]
    footnotes: Mapping[str, int]
    counterpart: Journey | None
    stage_spans: Mapping[str, tuple[int, int]]  # stage id: (first column, steps)
    pain_points: Mapping[str, str]  # id: description, for opportunities' links
    scale: tuple[int, int]
    paths: Mapping[str, StepPaths] = field(default_factory=dict)
    lens: Framework | None = None
    when: Mapping[str, str] = field(default_factory=dict)  # step id: its time in words

    @property
    def marked(self) -> bool:
        """True when some step has a path, a moment or a time to show (their styles are
        only added to the pages that need them)."""
        return bool(self.paths or self.when or self.lens) or any(
            s.moment or s.trigger for p in self.parts for _c, s in p.steps
        )


def journey_view(
    site: Site,
    journey: Journey,
    *,
    locale: str,
    steps_per_part: int,
    lens: str | None = None,
) -> JourneyView:
    labels = labels_for(locale)
    steps = journey.steps
    lanes = tuple(lane for lane in LANES if any(_has(step, lane) for step in steps))
    personas = tuple(
        p if isinstance(p := site.by_id.get(pid), Persona) else pid for pid in journey.personas
    )
    names = {p.id: p.name for p in personas if isinstance(p, Persona)}
    counterpart = site.counterpart(journey)
    overlay = counterpart if counterpart is not None and journey.state == "future" else None
    series = tuple(emotion.journey_series(journey, names, overlay, labels["state.current"]))
    marks = emotion.extremes(series)
    scale = site.scale(journey)
    size = max(1, steps_per_part)
    segments: list[Segment] = []
    spans: dict[str, tuple[int, int]] = {}
    column = 1
    for number, stage in enumerate(journey.stages, 1):
        # a stage with no step yet keeps an empty column, so the map shows it
        stage_steps = stage.steps or (Step(stage.path, id="", name=""),)
        spans[stage.id] = (column, len(stage_steps))
        for start in range(0, len(stage_steps), size):
            chunk = stage_steps[start : start + size]
            segments.append(
                Segment(
                    len(segments) + 1,
                    stage,
                    number,
                    tuple((column + i, s) for i, s in enumerate(chunk)),
                    continued=start > 0,
                )
            )
            column += len(chunk)
    packed: list[list[Segment]] = []
    for segment in segments:
        if packed and sum(len(s.steps) for s in packed[-1]) + len(segment.steps) <= size:
            packed[-1].append(segment)
        else:
            packed.append([segment])
    ordered = [step for segment in segments for _column, step in segment.steps]
    parts = []
    first = 0  # where the part starts in ``ordered``: parts follow each other
    for index, group in enumerate(packed, 1):
        in_part = [step for segment in group for _column, step in segment.steps]
        curve = None
        if "emotion" in lanes and in_part:
            last = first + len(in_part) - 1
            curve = emotion.stage_svg(
                paths=graph(journey),
                steps=in_part,
                before=ordered[first - 1] if first > 0 else None,
                after=ordered[last + 1] if last + 1 < len(ordered) else None,
                series=series,
                scale=scale,
                marks=marks,
                labels=labels,
                locale=locale,
                title=f"{labels['lane.emotion']}: "
                + ", ".join(dict.fromkeys(s.stage.name for s in group)),
                ident=f"curve-{index}",
            )
        parts.append(Part(index, tuple(group), curve))
        first += len(in_part)
    framework = site.settings.frameworks.get(lens) if lens else None
    runs = band(site, journey, lens, locale) if lens else ()
    if runs:
        parts = [_with_lens(part, runs, spans) for part in parts]
    return JourneyView(
        lanes,
        tuple(parts),
        column - 1,
        personas,
        series,
        _footnotes(journey),
        counterpart,
        spans,
        {p.id: p.description for s in steps for p in s.pain_points},
        scale,
        _step_paths(journey),
        framework if runs else None,
        {s.id: since_previous(s.since_previous, locale) for s in steps if s.since_previous},
    )


def _with_lens(
    part: Part, runs: tuple[LensStage, ...], spans: Mapping[str, tuple[int, int]]
) -> Part:
    """``part`` with the cells of the lens band over its columns."""
    first, last = part.steps[0][0], part.steps[-1][0]
    cells = []
    for run in runs:
        start = spans[run.stages[0]][0]
        end_first, end_width = spans[run.stages[-1]]
        end = end_first + end_width - 1
        low, high = max(start, first), min(end, last)
        if low <= high:
            cells.append(
                LensCell(run.name, low, high - low + 1, continued=start < first, span=end - low + 1)
            )
    return dataclasses.replace(part, lens=tuple(cells))


def _step_paths(journey: Journey) -> dict[str, StepPaths]:
    """The paths to say on each step of a journey that is not linear (none on a linear one)."""
    paths = graph(journey)
    if paths.linear:
        return {}
    steps = paths.steps
    early = paths.early_ends()
    found: dict[str, StepPaths] = {}
    for i, step in enumerate(steps):
        before = steps[i - 1].id if i else None
        coming = [p.source for p in paths.into.get(step.id, ()) if p.kind != "loop"]
        sources = (
            tuple({s.id: s for s in coming}.values()) if any(s.id != before for s in coming) else ()
        )
        leads = paths.labelled(step)
        can_end = step.id in early
        if leads or sources or can_end:
            found[step.id] = StepPaths(leads, sources, can_end)
    return found


def _has(step: Step, lane: str) -> bool:
    if lane == "emotion":
        return step.emotion is not None
    return bool(getattr(step, lane))


def _footnotes(journey: Journey) -> dict[str, int]:
    """Each finding the journey cites, numbered in order of first citation."""
    numbers: dict[str, int] = {}
    for ids in facts.cited_evidence(journey):
        for finding in ids:
            numbers.setdefault(finding, len(numbers) + 1)
    return numbers


def _language(locale: str) -> str:
    return locale.replace("_", "-")


def source_date() -> str | None:
    """The date of SOURCE_DATE_EPOCH (for reproducible builds), if set.

    A value that is not a whole number of seconds between 1970 and the year 9999 is
    refused by name: a build that asked for a fixed date must not quietly get another.
    """
    from datetime import UTC, datetime

    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    seconds = int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else -1
    if not 0 <= seconds <= LAST_EPOCH:
        raise UsageError(
            f"SOURCE_DATE_EPOCH={printable(text[:40])}: not a number of seconds since "
            f"1970-01-01 between 0 and {LAST_EPOCH} (unset it, or set e.g. 1700000000)"
        )
    return datetime.fromtimestamp(seconds, UTC).date().isoformat()


LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second a date can show
