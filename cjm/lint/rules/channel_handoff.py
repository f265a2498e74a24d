"""A change of channel between two steps with no handoff note.

The journey must pass smoothly from one channel to another: when a step uses
none of the channels of the step before it (the customer leaves the website
for the branch, the phone for an email), the map must say how the customer
is handed over, in the `handoff` of one of the later step's touchpoints.
Today's answer may well be "nobody hands them over; they start again": that
is the finding the map exists to show. Steps whose touchpoints name no
channel are skipped: the comparison is with the last step that had channels.

Failing:

    steps:
      - id: start-application
        name: Starts the online application
        touchpoints:
          - {id: tp-web-form, name: Web form, channels: [website]}
      - id: branch-visit
        name: Completes checks in a branch
        touchpoints:
          - {id: tp-branch, name: Branch appointment, channels: [branch]}

Passing:

    steps:
      - id: start-application
        name: Starts the online application
        touchpoints:
          - {id: tp-web-form, name: Web form, channels: [website]}
      - id: branch-visit
        name: Completes checks in a branch
        touchpoints:
          - id: tp-branch
            name: Branch appointment
            channels: [branch]
            handoff: The banker opens the saved web application from the CRM.

Both examples assume:

    # channels.yaml
    kind: channels
    id: channels
    channels:
      - {id: website, name: Website, type: digital}
      - {id: branch, name: Branch, type: physical}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.core import facts
from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "channel-handoff"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        found = facts.handoffs(journey)
        # a step reached from several steps on other channels has a hand-off from each;
        # the one from the step nearest before it in the map keeps the step's own name,
        # so that adding a path does not rename (and un-baseline) a known finding
        order = {step.id: i for i, step in enumerate(journey.steps)}
        named: dict[str, str] = {}
        for handoff in found:
            after, before = handoff.after.id, handoff.before.id
            known = named.get(after)
            if known is None or _nearer(order, after, before, known):
                named[after] = before
        for handoff in found:
            if handoff.noted:
                continue
            previous, step = handoff.before, handoff.after
            touchpoint = next(t for t in step.touchpoints if t.channels)
            yield Finding(
                journey.file,
                (*touchpoint.path, "id"),
                f"step {step.id!r} moves the customer from "
                f"{', '.join(previous.channels)} (step {previous.id!r}) to "
                f"{', '.join(step.channels)} with no handoff note: say in the `handoff` "
                f"of touchpoint {touchpoint.id!r} how the customer is handed over",
                (journey.id, step.id)
                if named[step.id] == previous.id
                else (journey.id, step.id, previous.id),
            )


def _nearer(order: dict[str, int], after: str, before: str, known: str) -> bool:
    """Whether ``before`` comes nearer before ``after`` in the map than ``known`` does
    (a step before it beats one after it, which the customer reaches by going back)."""

    def distance(step: str) -> tuple[bool, int]:
        gap = order[after] - order[step]
        return (gap <= 0, gap if gap > 0 else -gap)

    return distance(before) < distance(known)
