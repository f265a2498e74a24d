"""An improvement opportunity that addresses no pain point.

An improvement must improve something: an opportunity of type `improvement`
(or of no type, which reads as one) that lists no pain point in `addresses`
floats free of the map, and nobody can tell which friction it removes or
whether it was worth the effort. Opportunities of type `gap`, `upsell` and
`innovation` may stand alone: a gap in the offer, an upsell moment or a new
idea need not start from a pain point.

Failing:

    opportunities:
      - id: op-fees-summary
        description: Show a one-screen fees summary
        type: improvement

Passing:

    pain_points:
      - id: pp-fees-in-pdf
        description: Fees only appear in a dense PDF
    opportunities:
      - id: op-fees-summary
        description: Show a one-screen fees summary
        type: improvement
        addresses: [pp-fees-in-pdf]
      - id: op-poster-qr
        description: Add a QR code to the branch posters
        type: gap
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "opportunity-unlinked"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        for step in journey.steps:
            for opportunity in step.opportunities:
                if opportunity.addresses or opportunity.type not in (None, "improvement"):
                    continue
                what = "an improvement" if opportunity.type else "an opportunity with no type"
                yield Finding(
                    journey.file,
                    (*opportunity.path, "id"),
                    f"opportunity {opportunity.id!r} is {what} that addresses no pain "
                    "point: list the pain points it improves in `addresses`, or give "
                    "it the type gap, upsell or innovation",
                    (journey.id, opportunity.id),
                )
