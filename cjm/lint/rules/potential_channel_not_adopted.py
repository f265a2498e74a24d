"""A potential channel of a current-state journey that its future-state map never uses.

For every touchpoint the method lists the channels already present and those
that could ease the interaction (`potential_channels`). The future-state map is
where those ideas become the design: a potential channel that no touchpoint of
the future-state counterpart uses was either dropped without saying so, or
forgotten. The rule only looks at current-state journeys whose counterpart
(`counterpart`, named from either side) is a journey with `state: future`.

Failing:

    # journeys/acquisto-futuro.yaml: no touchpoint has whatsapp in `channels`
    kind: journey
    id: acquisto-futuro
    title: Acquisto, stato futuro
    state: future
    stages:
      - id: scelta
        name: Scelta
        steps:
          - id: chiede-taglia
            name: Chiede se la taglia è disponibile
            touchpoints:
              - id: tp-servizio-clienti
                name: Servizio clienti telefonico
                channels: [call-center]

Passing:

    # journeys/acquisto-futuro.yaml
    kind: journey
    id: acquisto-futuro
    title: Acquisto, stato futuro
    state: future
    stages:
      - id: scelta
        name: Scelta
        steps:
          - id: chiede-taglia
            name: Chiede se la taglia è disponibile
            touchpoints:
              - id: tp-whatsapp-negozio
                name: Domanda su WhatsApp al negozio
                channels: [whatsapp]

Both examples assume:

    # journeys/acquisto-attuale.yaml: the current state, with its potential channel
    kind: journey
    id: acquisto-attuale
    title: Acquisto, stato attuale
    state: current
    counterpart: acquisto-futuro
    stages:
      - id: scelta
        name: Scelta
        steps:
          - id: chiede-taglia
            name: Chiede se la taglia è disponibile
            touchpoints:
              - id: tp-servizio-clienti
                name: Servizio clienti telefonico
                channels: [call-center]
                potential_channels: [whatsapp]
    ---
    # channels.yaml
    kind: channels
    id: canali
    channels:
      - {id: call-center, name: Servizio clienti telefonico, type: physical}
      - {id: whatsapp, name: WhatsApp, type: digital}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.core.model import Journey
from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "potential-channel-not-adopted"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = True
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    by_id: dict[str, list[Journey]] = {}
    naming: dict[str, list[Journey]] = {}
    for future in context.journeys:
        if future.state == "future":
            by_id.setdefault(future.id, []).append(future)
            if future.counterpart is not None:
                naming.setdefault(future.counterpart, []).append(future)
    for journey in context.journeys:
        if journey.state != "current":
            continue
        paired = (*by_id.get(journey.counterpart or "", []), *naming.get(journey.id, []))
        futures = list({id(future): future for future in paired}.values())
        if not futures:
            continue
        adopted = {
            channel
            for future in futures
            for step in future.steps
            for touchpoint in step.touchpoints
            for channel in touchpoint.channels
        }
        names = " or ".join(repr(future.id) for future in futures)
        for step in journey.steps:
            for touchpoint in step.touchpoints:
                for n, channel in enumerate(touchpoint.potential_channels):
                    if channel in adopted:
                        continue
                    yield Finding(
                        journey.file,
                        (*touchpoint.path, "potential_channels", n),
                        f"potential channel {channel!r} of touchpoint {touchpoint.id!r} is used "
                        f"by no touchpoint of the future-state journey {names}; adopt it there, "
                        "or remove it from `potential_channels` if it was ruled out",
                        (journey.id, touchpoint.id, channel),
                    )
