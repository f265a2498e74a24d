"""The records `cjm report` computes: the shape `schemas/report.schema.json` documents.

Each record is a typed dictionary, so that the analysis is checked against
this shape where it is made, the json format writes it as it is, and the text,
Markdown and HTML views only format what they are given. Keys that are Python
keywords (`from`) make some records use the functional form.
"""

from __future__ import annotations

from typing import Literal, TypedDict

Figure = float | None
"""A figure rounded to 4 decimals (whole numbers stay whole), None where it cannot be had;
funnel rates are kept unrounded, to be rounded once where they are shown."""


class ChannelRecord(TypedDict):
    id: str
    name: str
    type: str | None
    ownership: str | None
    in_catalog: bool


class StageSize(TypedDict):
    id: str
    name: str
    steps: int


class CoverageStage(TypedDict):
    stage: str
    name: str
    touchpoints: int
    in_use: dict[str, int]
    potential: dict[str, int]
    physical: int
    digital: int
    physical_share: Figure
    digital_share: Figure


class ChannelTotals(TypedDict):
    channel: str
    in_use: int
    potential: int
    stages: int


class Coverage(TypedDict):
    stages: list[CoverageStage]
    channels: list[ChannelTotals]
    unused: list[str]
    potential_only: list[str]


class Handoff(TypedDict):
    from_step: str
    from_name: str
    from_stage: str
    to_step: str
    to_name: str
    to_stage: str
    from_channels: list[str]
    to_channels: list[str]
    emotion_before: Figure
    emotion_after: Figure
    emotion_change: Figure
    drop: bool
    notes: list[str]


Pair = TypedDict("Pair", {"from": str, "to": str, "count": int, "steps": list[str]})
ChannelPair = TypedDict("ChannelPair", {"from": str, "to": str})


class Handoffs(TypedDict):
    count: int
    drops: int
    items: list[Handoff]
    pairs: list[Pair]


class FunnelStage(TypedDict):
    stage: str
    name: str
    compared_with: str | None
    metric: str
    metric_name: str
    volume: Figure
    unit: str | None
    period: str | None
    derived: bool
    conversion: Figure
    drop_off: Figure
    from_top: Figure


class Funnel(TypedDict):
    stages: list[FunnelStage]
    overall_conversion: Figure
    units: list[str]
    largest_drop_off: str | None


class LowStep(TypedDict):
    step: str
    name: str
    stage: str
    score: Figure
    scores: dict[str, Figure]
    pain_points: list[str]


class PlacedStep(TypedDict):
    step: str
    name: str
    stage: str


class PersonaLowest(TypedDict):
    persona: str
    score: Figure
    steps: list[PlacedStep]


class Lowest(TypedDict):
    score: Figure
    steps: list[LowStep]
    by_persona: list[PersonaLowest]


class PainPointRecord(TypedDict):
    id: str
    description: str
    severity: str | None
    step: str
    step_name: str
    stage: str
    addressed_by: list[str]


SeverityKey = Literal["critical", "high", "medium", "low", "unrated"]
SEVERITY_KEYS: tuple[SeverityKey, ...] = ("critical", "high", "medium", "low", "unrated")
"""The keys of :class:`SeverityCounts`, most severe first; `unrated` counts no severity."""


class SeverityCounts(TypedDict):
    critical: int
    high: int
    medium: int
    low: int
    unrated: int


class PainPoints(TypedDict):
    count: int
    by_severity: SeverityCounts
    addressed: int
    unaddressed: int
    items: list[PainPointRecord]


class OpportunityRecord(TypedDict):
    rank: int
    id: str
    description: str
    type: str | None
    priority: str | None
    owner: str | None
    step: str
    step_name: str
    stage: str
    addresses: list[str]
    weight: int


class Experience(TypedDict):
    lowest: Lowest | None
    pain_points: PainPoints
    opportunities: list[OpportunityRecord]


class PathOut(TypedDict):
    to: str
    to_name: str
    label: str | None
    kind: Literal["next", "jump", "return", "loop"]


class Branch(TypedDict):
    step: str
    name: str
    stage: str
    paths: list[PathOut]


class Paths(TypedDict):
    branches: list[Branch]
    ends: list[PlacedStep]


class Moment(TypedDict):
    step: str
    name: str
    stage: str
    moment: str | None
    score: Figure
    scores: dict[str, Figure]
    low: bool
    trigger: str | None
    since_previous: str | None


class OwnedTouchpoint(TypedDict):
    id: str
    name: str
    step: str
    step_name: str
    stage: str


class OwnedPainPoint(TypedDict):
    id: str
    description: str
    severity: str | None
    step: str


class OwnerHandoff(TypedDict):
    from_step: str
    from_name: str
    to_step: str
    to_name: str
    direction: Literal["in", "out", "within"]


class Owner(TypedDict):
    owner: str
    touchpoints: list[OwnedTouchpoint]
    steps: list[str]
    emotion: Figure
    pain_points: list[OwnedPainPoint]
    handoffs: list[OwnerHandoff]


class JourneyRecord(TypedDict):
    id: str
    title: str
    file: str
    state: str | None
    personas: list[str]
    counterpart: str | None
    stages: list[StageSize]
    coverage: Coverage
    handoffs: Handoffs
    funnel: Funnel | None
    experience: Experience
    paths: Paths | None
    moments: list[Moment]
    owners: list[Owner]


class Line(TypedDict):
    journey: str
    persona: str
    name: str


class ScoredLine(Line):
    score: Figure


class Divergence(TypedDict):
    stage: str
    step: str
    name: str
    spread: Figure
    highest: ScoredLine
    lowest: ScoredLine
    scores: list[ScoredLine]


class StageLines(TypedDict):
    stage: str
    name: str
    lines: int


class ChannelLines(TypedDict):
    channel: str
    lines: int


class ModelStage(TypedDict):
    stage: str
    name: str
    lines: int
    channels: list[str]


class Prevailing(TypedDict):
    stages: list[ModelStage]
    followed_by: list[Line]


class ComparedStage(TypedDict):
    stage: str
    name: str
    lines: int
    score: Figure
    spread: Figure
    highest: ScoredLine | None
    lowest: ScoredLine | None
    scores: list[ScoredLine]


class Scale(TypedDict):
    min: float
    max: float
    normalised: bool


class RolledFunnelStage(TypedDict):
    stage: str
    name: str
    volume: Figure
    journeys: list[str]
    conversion: Figure
    drop_off: Figure
    from_top: Figure


class RolledFunnel(TypedDict):
    stages: list[RolledFunnelStage]
    units: list[str]
    overall_conversion: Figure
    largest_drop_off: str | None


class RolledExperience(TypedDict):
    score: Figure
    pain_points: int
    by_severity: SeverityCounts
    unaddressed: int


class Segment(TypedDict):
    segment: str
    personas: list[str]
    journeys: list[str]
    funnel: RolledFunnel | None
    experience: RolledExperience


class PersonaComparison(TypedDict):
    state: str
    lines: list[Line]
    comparable: bool
    order: Literal["framework", "consensus"]
    framework: str | None
    framework_name: str | None
    scale: Scale
    stages: list[ComparedStage]
    stage_divergence: list[ComparedStage]
    shared_stages: list[str]
    partial_stages: list[StageLines]
    shared_channels: list[str]
    partial_channels: list[ChannelLines]
    divergence: list[Divergence]
    prevailing: Prevailing
    funnel: RolledFunnel | None
    experience: RolledExperience
    segments: list[Segment]


class StageChange(TypedDict):
    stage: str
    name: str
    before: Figure
    after: Figure
    change: Figure
    handoffs_before: int
    handoffs_after: int


class HandoffChange(TypedDict):
    before: int
    after: int
    change: int
    drops_before: int
    drops_after: int
    pairs_added: list[ChannelPair]
    pairs_removed: list[ChannelPair]


class ChannelChange(TypedDict):
    before: list[str]
    after: list[str]
    added: list[str]
    removed: list[str]
    adopted: list[str]


class PainPointChange(TypedDict):
    id: str
    description: str
    status: str
    severity_before: str | None
    severity_after: str | None


class PainPointsChange(TypedDict):
    before: int
    after: int
    by_severity_before: SeverityCounts
    by_severity_after: SeverityCounts
    resolved: list[str]
    kept: list[str]
    new: list[str]
    items: list[PainPointChange]


class EmotionChange(TypedDict):
    before: Figure
    after: Figure
    change: Figure
    stages: list[StageChange]


class Change(TypedDict):
    current: str
    future: str
    current_title: str | None
    future_title: str | None
    handoffs: HandoffChange
    channels: ChannelChange
    pain_points: PainPointsChange
    emotion: EmotionChange


class Lens(TypedDict):
    id: str
    name: str | None
    left_out: list[str]


class WorkspaceRecord(TypedDict):
    name: str | None
    path: str
    locale: str
    channels: list[ChannelRecord]
    unused_channels: list[str]
    journeys: list[JourneyRecord]
    lens: Lens | None
    personas: list[PersonaComparison]
    changes: list[Change]


class Report(TypedDict):
    report: int
    workspaces: list[WorkspaceRecord]
