"""A journey's facts, computed once for every command.

Lint, report, diff and render all ask the same questions of a journey: what a
step scores (for a persona, or overall), which emotion lines it has, where the
customer is handed from one channel to another, which channels are in use,
which evidence is cited, which framework stage a stage stands for. Each answer
is defined here, once, so that no two commands can tell a map's story
differently.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from statistics import fmean

from cjm.core.model import Journey, Stage, Step
from cjm.core.paths import channel_predecessors, predecessors


def score(step: Step, persona: str | None = None) -> float | None:
    """The step's emotion for ``persona``: its per-persona score, or its single score.

    A single score counts for every persona; a step scored per persona has no
    score for a persona it does not name, nor (with ``persona`` None) any
    single score: :func:`overall_score` is the mean of its scores.
    """
    if isinstance(step.emotion, Mapping):
        return None if persona is None else step.emotion.get(persona)
    return step.emotion


def overall_score(step: Step) -> float | None:
    """The step's emotion for everyone: its single score, or the mean of its per-persona ones."""
    if isinstance(step.emotion, Mapping):
        values = [float(v) for v in step.emotion.values()]
        return fmean(values) if values else None
    return None if step.emotion is None else float(step.emotion)


def mean(values: Iterator[float | None] | list[float | None]) -> float | None:
    """The mean of the scores that are there, or None when none is."""
    known = [v for v in values if v is not None]
    return fmean(known) if known else None


def stage_score(stage: Stage) -> float | None:
    """The mean of the stage's steps' overall scores."""
    return mean([overall_score(step) for step in stage.steps])


def journey_score(journey: Journey) -> float | None:
    """The mean of the journey's steps' overall scores."""
    return mean([overall_score(step) for step in journey.steps])


def emotion_lines(journey: Journey) -> tuple[str | None, ...]:
    """The journey's emotion lines: ``(None,)`` for a single line, else its persona ids.

    A journey has one line per persona as soon as one step scores per persona.
    The lines are those of the personas the journey names: a score for a persona
    it does not name is a broken reference, which validation reports, and no
    line of its own. Only a journey that names no persona takes its lines from
    its scores.
    """
    if not any(isinstance(step.emotion, Mapping) for step in journey.steps):
        return (None,)
    if journey.personas:
        return tuple(dict.fromkeys(journey.personas))
    names: dict[str, None] = {}
    for step in journey.steps:
        if isinstance(step.emotion, Mapping):
            names.update(dict.fromkeys(step.emotion))
    return tuple(names)


def emotion_line(journey: Journey, persona: str | None) -> list[tuple[Step, float]]:
    """The scored steps of one line, in order, with their scores."""
    return [(step, s) for step in journey.steps if (s := score(step, persona)) is not None]


def emotion_moves(journey: Journey, persona: str | None) -> list[tuple[Step, float, Step, float]]:
    """Each move of one emotion line along the journey's paths: ``(before, its score, step,
    its score)`` from a scored step to a scored step the customer can reach next, passing
    over unscored steps. On a linear journey, each scored step with the one before it;
    where paths branch, a step is compared with every step it can be reached from."""
    moves = []
    for step in journey.steps:
        new = score(step, persona)
        if new is None:
            continue
        scored = predecessors(journey, step, lambda before: score(before, persona) is not None)
        for before in scored:
            old = score(before, persona)
            assert old is not None
            moves.append((before, old, step, new))
    return moves


@dataclass(frozen=True)
class Handoff:
    """The customer is handed from ``before`` to ``after``: the step ``after`` uses none of
    the channels of ``before``, the last step before it that used any."""

    before: Step
    after: Step

    @property
    def noted(self) -> tuple[str, ...]:
        """How the map says the customer is handed over: the later step's `handoff` notes."""
        return tuple(t.handoff for t in self.after.touchpoints if t.handoff)


def handoffs(journey: Journey) -> tuple[Handoff, ...]:
    """Every hand-off of the journey, by the later step's order, then the earlier's.

    The customer's paths are followed (see :mod:`cjm.core.paths`): on a linear
    journey each step is compared with the last step before it that had
    channels; where paths branch or meet, with each step the customer can come
    from. Steps whose touchpoints name no channel are passed over. A step that
    keeps at least one of the channels of the step before it is no hand-off,
    whatever it adds or leaves.
    """
    found = []
    for step in journey.steps:
        if not step.channels:
            continue
        for before in channel_predecessors(journey, step):
            if not set(step.channels) & set(before.channels):
                found.append(Handoff(before, step))
    return tuple(found)


def channels_in_use(journey: Journey) -> tuple[str, ...]:
    """The channels the journey's touchpoints use today, in first-use order, each once."""
    return tuple(dict.fromkeys(c for step in journey.steps for c in step.channels))


def potential_channels(journey: Journey) -> tuple[str, ...]:
    """The channels the journey's touchpoints could use, in first-mention order, each once."""
    return tuple(
        dict.fromkeys(
            c for step in journey.steps for t in step.touchpoints for c in t.potential_channels
        )
    )


def cited_evidence(journey: Journey) -> Iterator[tuple[str, ...]]:
    """The evidence lists of the journey, in document order: its own, its metrics', then
    each stage's, its metrics', and each step's with its touchpoints, pain points,
    opportunities and metrics."""
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


def framework_stage(stage: Stage) -> str:
    """The stage a stage stands for across journeys: its `framework_stage`, else its id."""
    return stage.framework_stage or stage.id


def stage_identity(journey: Journey, stage: Stage) -> str:
    """What a stage is matched by across journeys: the framework stage it declares when its
    journey follows a framework, else its own id."""
    if journey.framework and stage.framework_stage:
        return stage.framework_stage
    return stage.id


def stage_of(journey: Journey) -> dict[str, Stage]:
    """Each step id of the journey with the stage it belongs to."""
    return {step.id: stage for stage in journey.stages for step in stage.steps}
