"""A loop of steps that the customer, once in it, can never leave.

A journey ends at its last step and at any step marked `end: true`. When the
paths between steps (`next`) lead into a loop with no way out and no end in
it, every customer who gets there goes round for ever: usually a `next` that
forgot the way on, or an end that was never marked. The finding is at the
first step of the loop (in the map's order) and names its steps; every step
that leads only into the loop is a dead end too, and is fixed with it. Open
the loop with a `next` to a step outside it, or mark `end: true` on a step
where the customer can stop.

Failing:

    steps:
      - id: scheda
        name: Legge la scheda prodotto
        next:
          - {to: confronta, label: ha dei dubbi}
          - {to: compra, label: sa cosa vuole}
      - id: confronta
        name: Confronta i modelli
      - id: recensioni
        name: Legge le recensioni
        next: [{to: confronta, label: ha altri dubbi}]
      - id: compra
        name: Compra

Passing:

    steps:
      - id: scheda
        name: Legge la scheda prodotto
        next:
          - {to: confronta, label: ha dei dubbi}
          - {to: compra, label: sa cosa vuole}
      - id: confronta
        name: Confronta i modelli
      - id: recensioni
        name: Legge le recensioni
        next:
          - {to: confronta, label: ha altri dubbi}
          - {to: compra, label: si è convinto}
      - id: compra
        name: Compra
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.core.paths import graph
from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "path-dead-end"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()

_NAMED = 6
"""How many steps of a loop a finding names before it counts the rest."""


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        found = graph(journey)
        if found.unreachable():
            continue  # validation's unreachable step names the loop to open: one slip, one message
        for loop in found.traps():
            first = loop[0]
            if len(loop) == 1:
                what = f"step {first.id!r} leads only back to itself"
            else:
                named = " → ".join(repr(step.id) for step in loop[:_NAMED])
                more = f" → … ({len(loop)} steps)" if len(loop) > _NAMED else ""
                what = f"steps {named}{more} lead only to each other"
            yield Finding(
                journey.file,
                (*first.path, "id"),
                f"{what}: no path from there reaches an end of journey {journey.id!r}; "
                "add a `next` out of the loop, or `end: true` on a step where the "
                "customer can stop",
                (journey.id, first.id),
            )
