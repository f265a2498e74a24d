"""What a lint rule sees (the workspace as typed models) and what it yields (findings)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from cjm.model import (
    Channel,
    ChannelCatalog,
    Document,
    EmpathyMap,
    Journey,
    PainPoint,
    Persona,
    RealityMap,
    Step,
)
from cjm.model import (
    Finding as ResearchFinding,
)
from cjm.workspace import Settings

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One thing a rule found: where it is, what it means, and what it is about.

    ``subject`` names the finding by ids, never by position (the document id,
    then the ids of the items down to the one concerned), so that a baseline
    entry survives edits elsewhere in the file.
    """

    file: str
    path: JsonPath
    message: str
    subject: tuple[str, ...]
    key: bool = False


@dataclass(frozen=True)
class Context:
    """One workspace as the rules see it: schema-valid documents as typed models."""

    documents: tuple[Document, ...]
    settings: Settings = field(default_factory=Settings)
    today: date = field(default_factory=date.today)
    raw: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Each document's plain data, by file: for rules that search text wholesale first."""

    def _of(self, kind: type[Any]) -> tuple[Any, ...]:
        return tuple(d for d in self.documents if isinstance(d, kind))

    @cached_property
    def journeys(self) -> tuple[Journey, ...]:
        return self._of(Journey)

    @cached_property
    def personas(self) -> tuple[Persona, ...]:
        return self._of(Persona)

    @cached_property
    def empathy_maps(self) -> tuple[EmpathyMap, ...]:
        return self._of(EmpathyMap)

    @cached_property
    def reality_maps(self) -> tuple[RealityMap, ...]:
        return self._of(RealityMap)

    @cached_property
    def catalogs(self) -> tuple[ChannelCatalog, ...]:
        return self._of(ChannelCatalog)

    @cached_property
    def channels(self) -> Mapping[str, Channel]:
        return {c.id: c for catalog in self.catalogs for c in catalog.channels}

    @cached_property
    def findings(self) -> Mapping[str, ResearchFinding]:
        return {f.id: f for rm in self.reality_maps for f in rm.findings}

    def scale(self, journey: Journey) -> tuple[int, int]:
        """The journey's emotion scale, else the workspace's."""
        if journey.emotion_scale is not None:
            return journey.emotion_scale.min, journey.emotion_scale.max
        return self.settings.emotion_scale


def pain_points(journey: Journey) -> Iterator[tuple[Step, PainPoint]]:
    """Every pain point of the journey with the step it belongs to, in order."""
    for step in journey.steps:
        for pain in step.pain_points:
            yield step, pain


Options = Mapping[str, Any]
