"""A journey as one Markdown document for a git host: title, personas, Mermaid, a table per stage.

Author text is written literally (:func:`cjm.present.escape.markdown`), so
nothing becomes emphasis, a link, a heading or HTML, and `|` cannot end a table
cell. The only HTML in the document is cjm's own `<br>` between the items of a
cell.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cjm.core.model import Document, Journey, Persona, Step
from cjm.core.paths import graph
from cjm.present import escape
from cjm.present.durations import since_previous
from cjm.present.labels import labels_for
from cjm.present.marks import END_MARK, MOMENT_MARKS, PATH_MARKS
from cjm.render.lens import band
from cjm.render.mermaid import diagram
from cjm.render.outputs import Options, locale_of
from cjm.render.site import Site
from cjm.render.swimlanes import emotion_text


def render(site: Site, document: Document, options: Options) -> bytes | None:
    """The journey as Markdown (None for other document kinds)."""
    if not isinstance(document, Journey):
        return None
    return "\n".join(_lines(site, document, options)).encode("utf-8")


def _lines(site: Site, journey: Journey, options: Options) -> Iterator[str]:
    locale = locale_of(site, journey, options)
    labels = labels_for(locale)
    yield f"# {escape.markdown(journey.title or journey.id)}"
    yield ""
    facts = [f"**{labels['state']}:** {labels['state.' + journey.state]}"]
    if journey.personas:
        names = []
        for persona_id in journey.personas:
            persona = site.by_id.get(persona_id)
            if isinstance(persona, Persona):
                segment = f" ({escape.markdown(persona.segment)})" if persona.segment else ""
                names.append(f"{escape.markdown(persona.name)}{segment}")
            else:
                names.append(escape.markdown(persona_id))
        key = "personas" if len(names) > 1 else "persona"
        facts.append(f"**{labels[key]}:** {', '.join(names)}")
    if journey.owner:
        facts.append(f"**{labels['owner']}:** {escape.markdown(journey.owner)}")
    yield "  \n".join(facts)
    if journey.description:
        yield ""
        yield escape.markdown_paragraph(journey.description)
    yield ""
    yield escape.markdown_fence(diagram(site, journey, options), "mermaid")
    framework = site.settings.frameworks.get(options.lens) if options.lens else None
    runs = band(site, journey, framework.id, locale) if framework is not None else ()
    lens_of = {stage_id: run.name for run in runs for stage_id in run.stages}
    for stage in journey.stages:
        yield f"## {escape.markdown(stage.name)}"
        yield ""
        if framework is not None and runs:
            name = lens_of.get(stage.id) or "—"
            yield f"*{labels['lens']} {escape.markdown(framework.name)}:* {escape.markdown(name)}"
            yield ""
        if stage.description:
            yield escape.markdown_paragraph(stage.description)
            yield ""
        yield (
            f"| {labels['step']} | {labels['diagram.channels']} | {labels['emotion']} | "
            f"{labels['lane.pain_points']} | {labels['lane.opportunities']} |"
        )
        yield "|---|---|---|---|---|"
        for step in stage.steps:
            yield "| " + " | ".join(_row(site, journey, step, locale)) + " |"
        yield ""
    yield from _paths(journey, labels)


def _paths(journey: Journey, labels: Mapping[str, str]) -> Iterator[str]:
    """The paths of a journey that is not linear, as a list (none for a linear one)."""
    paths = graph(journey)
    if paths.linear:
        return
    items = []
    early = paths.early_ends()
    for step in paths.steps:
        for path in paths.labelled(step):
            kind = f" ({labels['path.kind.' + path.kind]})" if path.kind != "next" else ""
            label = f": {escape.markdown(path.label)}" if path.label else ""
            items.append(
                f"- {PATH_MARKS[path.kind]} **{escape.markdown(step.name)}** → "
                f"**{escape.markdown(path.target.name)}**{kind}{label}"
            )
        if step.id in early:
            items.append(f"- {END_MARK} **{escape.markdown(step.name)}**: {labels['path.can_end']}")
    if items:
        yield f"## {labels['paths']}"
        yield ""
        yield from items
        yield ""


def _row(site: Site, journey: Journey, step: Step, locale: str) -> list[str]:
    labels = labels_for(locale)

    def channel(channel_id: str) -> str:
        found = site.channels.get(channel_id)
        return escape.markdown(found.name) if found is not None else escape.markdown(channel_id)

    in_use = [channel(c) for c in step.channels]
    potential = [
        channel(c)
        for c in dict.fromkeys(c for t in step.touchpoints for c in t.potential_channels)
        if c not in step.channels
    ]
    channels = ", ".join(in_use)
    if potential:
        channels += (
            "<br>" if channels else ""
        ) + f"*{labels['channels.potential']}:* {', '.join(potential)}"
    emotion = emotion_text(site, journey, step, locale=locale).split(": ", 1)[1]
    pains = []
    for pain in step.pain_points:
        severity = (
            f" ({labels.get('severity.' + pain.severity, pain.severity)})" if pain.severity else ""
        )
        pains.append(escape.markdown(pain.description) + severity)
    opportunities = [escape.markdown(o.description) for o in step.opportunities]
    owners = [
        escape.markdown(o) for o in dict.fromkeys(t.owner for t in step.touchpoints if t.owner)
    ]
    if owners:
        channels += ("<br>" if channels else "") + (
            f"*{labels['touchpoint.owner']}:* {', '.join(owners)}"
        )
    name = f"**{escape.markdown(step.name)}**"
    if step.moment:
        name += f"<br>{MOMENT_MARKS[step.moment]} *{labels['moment.' + step.moment]}*"
    if step.since_previous:
        name += f"<br>{escape.markdown(since_previous(step.since_previous, locale))}"
    if step.trigger:
        name += f"<br>*{labels['trigger']}:* {escape.markdown(step.trigger)}"
    return [
        name,
        channels or "—",
        escape.markdown(emotion),
        "<br>".join(pains) or "—",
        "<br>".join(opportunities) or "—",
    ]
