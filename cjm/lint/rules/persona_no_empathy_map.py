"""A persona with no empathy map.

An empathy map brings a persona's point of view into focus: what they say,
think, do and feel, what they see and hear, their pains and gains. Without one
the persona stays a list of facts, and the journey's thoughts and emotions
have nothing to be checked against. An empathy map counts when its `persona`
names the persona.

Failing:

    # personas/giulia-runner.yaml
    kind: persona
    id: giulia-runner
    name: Giulia
    # and no empathy map has `persona: giulia-runner`

Passing:

    # personas/giulia-runner.yaml
    kind: persona
    id: giulia-runner
    name: Giulia
    ---
    # empathy-maps/giulia-runner-empathy.yaml
    kind: empathy-map
    id: giulia-runner-empathy
    persona: giulia-runner
    says: ["C'è il 38 e mezzo in negozio?"]
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "persona-no-empathy-map"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = True
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    mapped = {empathy_map.persona for empathy_map in context.empathy_maps}
    for persona in context.personas:
        if persona.id not in mapped:
            yield Finding(
                persona.file,
                ("id",),
                f"persona {persona.id!r} has no empathy map; add one with "
                f"`persona: {persona.id}` (says, thinks, does, feels, pains, gains)",
                (persona.id,),
            )
