"""A lane of the map that no step of the journey fills (no thoughts at all, no emotion at all).

A journey map has its segments: what the customer does and thinks, the
touchpoints, the experience (the emotion line) and the opportunities, with
pain points where to act first. A lane left empty across the whole journey
means a part of the method was skipped: the map cannot show what it is for.
It is reported once per journey and lane, at the journey's `stages`.

The `lanes` option lists the lanes checked, among: actions, thoughts,
emotion, touchpoints, pain_points, opportunities, backstage, support. By
default every one but backstage and support, which many current-state maps
leave for later.

Failing (with the default lanes):

    stages:
      - id: research
        name: Research
        steps:
          - id: browse
            name: Reads the product page
            actions: [Opens the fees PDF]
            emotion: -1
            touchpoints:
              - {id: tp-page, name: Product page, channels: [website]}
    # no step has thoughts, pain_points or opportunities

Passing:

    stages:
      - id: research
        name: Research
        steps:
          - id: browse
            name: Reads the product page
            actions: [Opens the fees PDF]
            thoughts: ["I need a magnifying glass for these fees."]
            emotion: -1
            touchpoints:
              - {id: tp-page, name: Product page, channels: [website]}
            pain_points:
              - {id: pp-fees, description: Fees only in a dense PDF}
            opportunities:
              - {id: op-summary, description: One-screen fees summary, addresses: [pp-fees]}

Both examples assume:

    # channels.yaml
    kind: channels
    id: channels
    channels:
      - {id: website, name: Website, type: digital}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cjm.core.model import Step
from cjm.core.suggest import did_you_mean
from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "lane-empty"
WHAT = {
    "actions": "what the customer does",
    "thoughts": "what the customer thinks or asks, in their words",
    "emotion": "how the customer feels (the emotion line)",
    "touchpoints": "where the customer meets the company",
    "pain_points": "where the experience hurts",
    "opportunities": "what could be done better",
    "backstage": "what staff do out of the customer's sight",
    "support": "the processes and systems behind each step",
}


def _known_lanes(lanes: Any) -> str | None:
    unknown = [lane for lane in lanes if lane not in WHAT]
    if not unknown:
        return None
    return (
        f"names unknown lane {unknown[0]!r} "
        f"(lanes: {', '.join(WHAT)}){did_you_mean(str(unknown[0]), WHAT)}"
    )


DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = (
    Option(
        "lanes",
        list,
        ["actions", "thoughts", "emotion", "touchpoints", "pain_points", "opportunities"],
        f"the lanes checked, among: {', '.join(WHAT)}",
        _known_lanes,
    ),
)


def filled(step: Step, lane: str) -> bool:
    if lane == "emotion":
        return step.emotion is not None
    return bool(getattr(step, lane))


def check(context: Context, options: Options) -> Iterator[Finding]:
    lanes = list(options["lanes"])
    for journey in context.journeys:
        for lane in dict.fromkeys(lanes):
            if not any(filled(step, lane) for step in journey.steps):
                yield Finding(
                    journey.file,
                    ("stages",),
                    f"no step of journey {journey.id!r} fills the {lane} lane: add "
                    f"{WHAT[lane]} (`{lane}:`) to its steps",
                    (journey.id, lane),
                    key=True,
                )
