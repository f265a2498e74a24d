"""`cjm render --format html`: one self-contained page per document, and an index.

The pages come from the Jinja2 templates in `templates/` (`*.html.j2`, with
autoescape on, so every author string is escaped). A team's `--template DIR`
is searched first; its templates may extend the built-in ones by their
`cjm/` name, e.g. ``{% extends "cjm/journey.html.j2" %}``.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from cjm.errors import CjmError, UsageError
from cjm.model import (
    ChannelCatalog,
    Document,
    EmpathyMap,
    Journey,
    Persona,
    RealityMap,
    Stage,
    Step,
)
from cjm.present import numbers
from cjm.present.labels import labels_for
from cjm.present.locale import resolve
from cjm.render import emotion
from cjm.render.outputs import Options, locale_of, output_name
from cjm.render.site import Site

TEMPLATES = {
    Journey: "journey.html.j2",
    Persona: "persona.html.j2",
    EmpathyMap: "empathy-map.html.j2",
    RealityMap: "reality-map.html.j2",
    ChannelCatalog: "channels.html.j2",
}
DEFAULT_STEPS_PER_PART = 6  # the step columns of an A3 landscape page
REPORT_PAGE = "report.html"  # written next to index.html: the `cjm report` of the workspace


class TemplateError(CjmError):
    """A template of --template could not be read or failed."""


@cache
def environment(template_dir: Path | None) -> jinja2.Environment:
    builtin = jinja2.PackageLoader("cjm.templates", ".")
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError(f"{template_dir}: --template needs a folder of templates")
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders += [jinja2.PrefixLoader({"cjm": builtin}), builtin]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html.j2", "html", "svg.j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = numbers.number
    env.filters["percent"] = numbers.percent
    env.filters["score"] = numbers.score
    env.filters["css_string"] = _css_string
    return env


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
        context["view"] = journey_view(site, document, locale=locale, steps_per_part=steps_per_part)
    if isinstance(document, RealityMap):
        context["parties"] = [
            (party, [s for s in document.sources if s.party == party])
            for party in ("first", "second", "third")
        ]
    if isinstance(document, EmpathyMap):
        persona = site.by_id.get(document.persona)
        context["persona"] = persona if isinstance(persona, Persona) else None
    if isinstance(document, Persona):
        context["empathy_maps"] = [m for m in site.empathy_maps if m.persona == document.id]
        context["journeys"] = [j for j in site.journeys if document.id in j.personas]
    return render_template(template, context, options)


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
    return render_template("index.html.j2", context, options).encode("utf-8")


def render_template(name: str, context: Mapping[str, Any], options: Options) -> str:
    """A page from the templates (a team's --template first); a failing template is a
    TemplateError."""
    env = environment(options.template_dir)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as e:
        where = f"{e.filename or e.name}:{e.lineno}: " if e.lineno else ""
        raise TemplateError(f"{where}template error: {e.message}") from e
    except jinja2.TemplateError as e:
        raise TemplateError(f"template {name}: {e}") from e


@dataclass
class Links:
    """Relative links from one page to the other pages of the same render."""

    site: Site
    here: str
    _pages: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._pages = {
            d.id: output_name(self.site, d, ".html").as_posix() for d in self.site.rendered
        }

    def to(self, document_id: str, anchor: str = "") -> str | None:
        """The link to a document's page (and an item on it), None when it is not rendered."""
        target = self._pages.get(document_id)
        if target is None:
            return None
        if target == self.here:
            return f"#{anchor}" if anchor else "#"
        relative = posixpath.relpath(target, posixpath.dirname(self.here) or ".")
        return f"{relative}#{anchor}" if anchor else relative

    def finding(self, finding_id: str) -> str | None:
        for reality_map in self.site.reality_maps:
            if any(f.id == finding_id for f in reality_map.findings):
                return self.to(reality_map.id, f"finding-{finding_id}")
        return None


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
class Part:
    """What one printed table holds: whole stages side by side while they fit the page
    width, else a stage's steps split at a step boundary. On screen all parts make one
    grid."""

    index: int
    segments: tuple[Segment, ...]
    curve: Markup | None

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


def journey_view(site: Site, journey: Journey, *, locale: str, steps_per_part: int) -> JourneyView:
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
    for index, group in enumerate(packed, 1):
        in_part = [step for segment in group for _column, step in segment.steps]
        curve = None
        if "emotion" in lanes and in_part:
            first = ordered.index(in_part[0])
            last = first + len(in_part) - 1
            curve = emotion.stage_svg(
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
    )


def _has(step: Step, lane: str) -> bool:
    if lane == "emotion":
        return step.emotion is not None
    return bool(getattr(step, lane))


def _footnotes(journey: Journey) -> dict[str, int]:
    """Each finding the journey cites, numbered in order of first citation."""
    numbers: dict[str, int] = {}
    for ids in _evidence(journey):
        for finding in ids:
            numbers.setdefault(finding, len(numbers) + 1)
    return numbers


def _evidence(journey: Journey) -> Iterator[Sequence[str]]:
    yield journey.evidence
    for metric in journey.metrics:
        yield metric.evidence
    for stage in journey.stages:
        yield stage.evidence
        for metric in stage.metrics:
            yield metric.evidence
        for step in stage.steps:
            yield step.evidence
            for items in (step.touchpoints, step.pain_points, step.opportunities, step.metrics):
                for item in items:
                    yield item.evidence


def _language(locale: str) -> str:
    return locale.replace("_", "-")


def _css_string(value: object) -> Markup:
    """A CSS string literal that no content can break out of."""
    text = str(value)
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;-_()/" else f"\\{ord(ch):06x}" for ch in text
    )
    return Markup(f'"{escaped}"')


def source_date() -> str | None:
    """The date of SOURCE_DATE_EPOCH (for reproducible builds), if set."""
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
