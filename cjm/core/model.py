"""The typed document model: frozen dataclasses built from schema-valid data.

Lint, diff and render work on these, never on raw dicts, and never re-check
types: :func:`build` is only called on data that passed the schema. Every
item remembers its JSON path, so that anything said about it can point back
at ``file:line:col`` through :meth:`cjm.core.loader.Document.locate`.
"""

from __future__ import annotations

import dataclasses
import gc
import types
import typing
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

JsonPath = tuple[str | int, ...]

DEFAULT_SCALE = (-2, 2)
"""The emotion scale of a journey that names none, when its workspace names none either."""


@dataclass(frozen=True)
class Node:
    """Where an item sits in its document, and the `x-` fields it carries."""

    path: JsonPath = field(default=(), compare=False, repr=False)
    extensions: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Metric(Node):
    id: str = ""
    name: str = ""
    type: str | None = None
    value: float | None = None
    unit: str | None = None
    target: float | None = None
    period: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Touchpoint(Node):
    id: str = ""
    name: str = ""
    description: str | None = None
    type: str | None = None
    channels: tuple[str, ...] = ()
    potential_channels: tuple[str, ...] = ()
    handoff: str | None = None
    owner: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class PainPoint(Node):
    id: str = ""
    description: str = ""
    severity: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Opportunity(Node):
    id: str = ""
    description: str = ""
    type: str | None = None
    addresses: tuple[str, ...] = ()
    priority: str | None = None
    owner: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Process(Node):
    id: str = ""
    description: str = ""
    owner: str | None = None
    system: str | None = None


@dataclass(frozen=True)
class Link(Node):
    """A path the author wrote from a step to another (`next`)."""

    to: str = ""
    label: str | None = None


@dataclass(frozen=True)
class Step(Node):
    id: str = ""
    name: str = ""
    description: str | None = None
    moment: str | None = None
    trigger: str | None = None
    since_previous: str | None = None
    actions: tuple[str, ...] = ()
    thoughts: tuple[str, ...] = ()
    emotion: float | Mapping[str, float] | None = None
    emotion_note: str | None = None
    touchpoints: tuple[Touchpoint, ...] = ()
    pain_points: tuple[PainPoint, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    backstage: tuple[Process, ...] = ()
    support: tuple[Process, ...] = ()
    metrics: tuple[Metric, ...] = ()
    evidence: tuple[str, ...] = ()
    next: tuple[Link, ...] = ()
    end: bool = False

    @cached_property
    def channels(self) -> tuple[str, ...]:
        """Channels in use at this step, in order, each once."""
        return tuple(dict.fromkeys(c for t in self.touchpoints for c in t.channels))


@dataclass(frozen=True)
class Stage(Node):
    id: str = ""
    name: str = ""
    description: str | None = None
    framework_stage: str | None = None
    lenses: Mapping[str, str] = field(default_factory=dict)
    steps: tuple[Step, ...] = ()
    metrics: tuple[Metric, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class EmotionScale(Node):
    min: int = DEFAULT_SCALE[0]
    max: int = DEFAULT_SCALE[1]


@dataclass(frozen=True)
class Document(Node):
    """What every document kind has."""

    kind: str = ""
    id: str = ""
    title: str | None = None
    description: str | None = None
    owner: str | None = None
    locale: str | None = None
    reviewed: str | None = None
    tags: tuple[str, ...] = ()
    file: str = field(default="", compare=False)


@dataclass(frozen=True)
class Journey(Document):
    state: str = "current"
    counterpart: str | None = None
    personas: tuple[str, ...] = ()
    framework: str | None = None
    lenses: tuple[str, ...] = ()
    emotion_scale: EmotionScale | None = None
    stages: tuple[Stage, ...] = ()
    metrics: tuple[Metric, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for stage in self.stages for step in stage.steps)


@dataclass(frozen=True)
class Persona(Document):
    name: str = ""
    segment: str | None = None
    proto: bool = False
    quote: str | None = None
    demographics: Mapping[str, str | float | bool] = field(default_factory=dict)
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    behaviours: tuple[str, ...] = ()
    preferred_channels: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class EmpathyMap(Document):
    persona: str = ""
    goal: str | None = None
    says: tuple[str, ...] = ()
    thinks: tuple[str, ...] = ()
    does: tuple[str, ...] = ()
    feels: tuple[str, ...] = ()
    sees: tuple[str, ...] = ()
    hears: tuple[str, ...] = ()
    pains: tuple[str, ...] = ()
    gains: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Use(Node):
    """One use of a source's personal data: its purpose, legal basis and retention."""

    purpose: str = ""
    data: tuple[str, ...] = ()
    legal_basis: str | None = None
    retention: str | None = None


@dataclass(frozen=True)
class Source(Node):
    id: str = ""
    name: str = ""
    description: str | None = None
    party: str = "first"
    provider: str | None = None
    personal_data: bool | None = None  # None: the source does not say
    uses: tuple[Use, ...] = ()
    controller: str | None = None
    joint_controllers: tuple[str, ...] = ()
    legal_basis: str | None = None
    system: str | None = None
    collected: str | None = None
    channels: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    records: int | None = None

    def legal_basis_of(self, use: Use) -> str | None:
        """The legal basis of one of the source's uses: its own, or the source's when the
        source has that one use only."""
        return use.legal_basis or (self.legal_basis if len(self.uses) == 1 else None)


@dataclass(frozen=True)
class Finding(Node):
    id: str = ""
    statement: str = ""
    sources: tuple[str, ...] = ()
    confidence: str | None = None
    metric: Metric | None = None


@dataclass(frozen=True)
class Assumption(Node):
    id: str = ""
    statement: str = ""
    risk: str | None = None
    validation: str | None = None


@dataclass(frozen=True)
class RealityMap(Document):
    sources: tuple[Source, ...] = ()
    findings: tuple[Finding, ...] = ()
    assumptions: tuple[Assumption, ...] = ()


@dataclass(frozen=True)
class Channel(Node):
    id: str = ""
    name: str = ""
    description: str | None = None
    type: str = "digital"
    ownership: str | None = None


@dataclass(frozen=True)
class ChannelCatalog(Document):
    channels: tuple[Channel, ...] = ()


MODELS: dict[str, type[Document]] = {
    "journey": Journey,
    "persona": Persona,
    "empathy-map": EmpathyMap,
    "reality-map": RealityMap,
    "channels": ChannelCatalog,
}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a workspace is loaded and built.

    Loading keeps every document's data, then :func:`build` makes a tree of small
    frozen models from it: hundreds of thousands of objects that hold no cycle, yet
    their allocation would set off full collections over everything loaded so far
    again and again (most of the time of a large workspace).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(kind: str, data: Mapping[str, Any], *, file: str = "") -> Document:
    """The typed model of a schema-valid document of ``kind``."""
    document: Document = _build(MODELS[kind], data, ())
    return dataclasses.replace(document, file=file)


@cache
def _plan(cls: Any) -> tuple[tuple[str, type | None, bool, bool], ...]:
    """For each field: its name, the model class inside it (if any), whether it is a
    tuple, and whether it holds a whole number."""
    hints = typing.get_type_hints(cls)
    plan = []
    for f in dataclasses.fields(cls):
        if f.name in ("path", "extensions", "file"):
            continue
        hint = hints[f.name]
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin is tuple:
            inner = args[0] if isinstance(args[0], type) and issubclass(args[0], Node) else None
            plan.append((f.name, inner, True, False))
        elif origin in (typing.Union, types.UnionType):
            inner = next((a for a in args if isinstance(a, type) and issubclass(a, Node)), None)
            plan.append((f.name, inner, False, int in args))
        else:
            plan.append((f.name, None, False, hint is int))
    return tuple(plan)


_CHILD_FIELDS: dict[Any, tuple[str, ...]] = {}


def child_fields(cls: Any) -> tuple[str, ...]:
    """The fields of a model class that hold items (a model, or a tuple of them)."""
    found = _CHILD_FIELDS.get(cls)
    if found is None:
        found = _CHILD_FIELDS[cls] = tuple(
            name for name, inner, _many, _whole in _plan(cls) if inner is not None
        )
    return found


def _scores(emotion: Mapping[str, Any]) -> Mapping[str, float] | None:
    """Per-persona scores without the mapping's `x-` custom fields, which are not personas."""
    scores = {k: v for k, v in emotion.items() if not k.startswith("x-")}
    return scores or None


def _build(cls: Any, data: Mapping[str, Any], path: JsonPath) -> Any:
    values: dict[str, Any] = {
        "path": path,
        "extensions": {k: v for k, v in data.items() if k.startswith("x-")},
    }
    for name, inner, many, whole in _plan(cls):
        if name not in data:
            continue
        value = data[name]
        if whole and type(value) is float:
            value = int(value)  # JSON Schema's integer: `2.0` and `2e0` are the number 2
        elif many and inner is not None:
            value = tuple(_build(inner, item, (*path, name, i)) for i, item in enumerate(value))
        elif many:
            value = tuple(value)
        elif inner is not None and value is not None:
            value = _build(inner, value, (*path, name))
        elif name == "emotion" and isinstance(value, dict):
            value = _scores(value)
        elif name == "lenses" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if not k.startswith("x-")}
        values[name] = value
    return cls(**values)
