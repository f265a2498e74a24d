"""A pain point that no opportunity addresses.

Friction points are where to act first: a pain point with no opportunity
linked to it (through an opportunity's `addresses`) is a problem the map
shows and nobody plans to solve. Opportunities anywhere in the journey count.

Failing:

    pain_points:
      - id: pp-queue
        description: Twenty minutes in the queue
    # and no opportunity lists pp-queue in `addresses`

Passing:

    pain_points:
      - id: pp-queue
        description: Twenty minutes in the queue
    opportunities:
      - id: op-booking
        description: Book a time slot in the app
        addresses: [pp-queue]
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options, pain_points
from cjm.lint.rule import Level, Option

ID = "pain-point-unaddressed"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        addressed = {
            target
            for step in journey.steps
            for opportunity in step.opportunities
            for target in opportunity.addresses
        }
        for _step, pain in pain_points(journey):
            if pain.id not in addressed:
                yield Finding(
                    journey.file,
                    (*pain.path, "id"),
                    f"pain point {pain.id!r} is addressed by no opportunity",
                    (journey.id, pain.id),
                )
