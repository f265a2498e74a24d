"""A journey as one Markdown document for a git host: title, personas, Mermaid, a table per stage.

Author text is written literally: the characters that Markdown (and a git
host's extensions: tables, strikethrough, math) gives a meaning get a
backslash, as does a paragraph's first character when it would start a list,
a quote or a heading, so nothing becomes emphasis, a link, a heading or HTML,
and `|` cannot end a table cell. Line breaks become spaces, and a word joiner
(U+2060) breaks what a git host would turn into a link by itself (`://`,
`www.`, `@`). The only HTML in the document is cjm's own `<br>` between the
items of a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from cjm.model import Document, Journey, Persona, Step
from cjm.render.labels import labels_for
from cjm.render.mermaid import diagram
from cjm.render.outputs import Options, locale_of
from cjm.render.site import Site
from cjm.render.swimlanes import emotion_text, plain

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#!~&$"})
_BLOCK_START = re.compile(r"[-+=:>]")
_ORDERED_START = re.compile(r"(\d+)([.)])")
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")


def text(value: str) -> str:
    """Author text as literal Markdown, on one line."""
    return _AUTOLINK.sub("\u2060", plain(value).translate(_SPECIAL))


def paragraph(value: str) -> str:
    """Author text as a literal Markdown paragraph (or list item): nothing at its start
    makes it a list, a quote or a heading underline."""
    escaped = text(value)
    if _BLOCK_START.match(escaped):
        return "\\" + escaped
    # `2. Calls` would start an ordered list: the backslash goes before the mark, since
    # one before a digit would be shown
    return (
        _ORDERED_START.sub(r"\1\\\2", escaped, count=1)
        if _ORDERED_START.match(escaped)
        else escaped
    )


def fenced(code: str, language: str) -> str:
    """``code`` in a fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code}{fence}\n"


def render(site: Site, document: Document, options: Options) -> bytes | None:
    """The journey as Markdown (None for other document kinds)."""
    if not isinstance(document, Journey):
        return None
    return "\n".join(_lines(site, document, options)).encode("utf-8")


def _lines(site: Site, journey: Journey, options: Options) -> Iterator[str]:
    labels = labels_for(locale_of(site, journey, options))
    yield f"# {text(journey.title or journey.id)}"
    yield ""
    facts = [f"**{labels['state']}:** {labels['state.' + journey.state]}"]
    if journey.personas:
        names = []
        for persona_id in journey.personas:
            persona = site.by_id.get(persona_id)
            if isinstance(persona, Persona):
                segment = f" ({text(persona.segment)})" if persona.segment else ""
                names.append(f"{text(persona.name)}{segment}")
            else:
                names.append(text(persona_id))
        key = "personas" if len(names) > 1 else "persona"
        facts.append(f"**{labels[key]}:** {', '.join(names)}")
    if journey.owner:
        facts.append(f"**{labels['owner']}:** {text(journey.owner)}")
    yield "  \n".join(facts)
    if journey.description:
        yield ""
        yield paragraph(journey.description)
    yield ""
    yield fenced(diagram(site, journey, options), "mermaid")
    for stage in journey.stages:
        yield f"## {text(stage.name)}"
        yield ""
        if stage.description:
            yield paragraph(stage.description)
            yield ""
        yield (
            f"| {labels['step']} | {labels['diagram.channels']} | {labels['emotion']} | "
            f"{labels['lane.pain_points']} | {labels['lane.opportunities']} |"
        )
        yield "|---|---|---|---|---|"
        for step in stage.steps:
            yield "| " + " | ".join(_row(site, journey, step, labels)) + " |"
        yield ""


def _row(site: Site, journey: Journey, step: Step, labels: Mapping[str, str]) -> list[str]:
    def channel(channel_id: str) -> str:
        found = site.channels.get(channel_id)
        return text(found.name) if found is not None else text(channel_id)

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
    emotion = emotion_text(site, journey, step, labels).split(": ", 1)[1]
    pains = []
    for pain in step.pain_points:
        severity = (
            f" ({labels.get('severity.' + pain.severity, pain.severity)})" if pain.severity else ""
        )
        pains.append(text(pain.description) + severity)
    opportunities = [text(o.description) for o in step.opportunities]
    return [
        f"**{text(step.name)}**",
        channels or "—",
        text(emotion),
        "<br>".join(pains) or "—",
        "<br>".join(opportunities) or "—",
    ]
