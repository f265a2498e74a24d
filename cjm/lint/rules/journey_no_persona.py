"""A journey that names no persona.

A journey is always someone's: the method starts from research data and the
personas built on it, and the same path reads differently for a digital-first
switcher and for someone who wants a person to talk to. A journey with no
`personas` cannot be compared across customer profiles, and its emotions and
pain points belong to nobody in particular.

Failing:

    kind: journey
    id: onboarding
    title: Opening a current account
    stages:
      - {id: apply, name: Apply}

Passing:

    kind: journey
    id: onboarding
    title: Opening a current account
    personas: [priya-switcher]
    stages:
      - {id: apply, name: Apply}

Both examples assume:

    # personas/priya-switcher.yaml
    kind: persona
    id: priya-switcher
    name: Priya
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "journey-no-persona"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        if not journey.personas:
            yield Finding(
                journey.file,
                ("id",),
                f"journey {journey.id!r} names no persona: add `personas:` with the "
                "ids of the personas whose journey this is",
                (journey.id,),
            )
