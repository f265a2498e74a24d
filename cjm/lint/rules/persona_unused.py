"""A persona that no journey follows.

A persona exists to be walked through a journey: the method builds personas
from research and then maps, stage by stage, the path each of them takes. A
persona that no journey names in `personas` is research nobody uses, or a
journey that forgot to say whose path it is.

Failing:

    # personas/marco-neofita.yaml
    kind: persona
    id: marco-neofita
    name: Marco
    # and no journey lists marco-neofita in `personas`

Passing:

    # personas/marco-neofita.yaml
    kind: persona
    id: marco-neofita
    name: Marco
    ---
    # journeys/acquisto-running.yaml
    kind: journey
    id: acquisto-running
    title: Acquisto delle scarpe da running
    personas: [marco-neofita]
    stages:
      - {id: bisogno, name: Bisogno}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "persona-unused"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = True
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    followed = {persona for journey in context.journeys for persona in journey.personas}
    for persona in context.personas:
        if persona.id not in followed:
            yield Finding(
                persona.file,
                ("id",),
                f"persona {persona.id!r} is named by no journey; add it to the "
                "`personas` of the journey it walks, or remove the persona",
                (persona.id,),
            )
