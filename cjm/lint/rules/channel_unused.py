"""A catalog channel that no touchpoint uses, in use or potential.

The channel catalog lists where the company and its customers meet; each
touchpoint names the channels that serve it today (`channels`) and those that
could ease it (`potential_channels`). A channel that no touchpoint names in
either is one the maps never consider: either the journeys miss a part of the
customer's path, or the catalog keeps a channel that no longer matters.

Failing:

    # channels.yaml
    kind: channels
    id: canali
    channels:
      - {id: negozio, name: Negozio, type: physical}
      - {id: volantino, name: Volantino, type: physical}
    ---
    # a step of a journey; no touchpoint names volantino
    touchpoints:
      - {id: tp-prova, name: Prova in negozio, channels: [negozio]}

Passing:

    # channels.yaml
    kind: channels
    id: canali
    channels:
      - {id: negozio, name: Negozio, type: physical}
      - {id: volantino, name: Volantino, type: physical}
    ---
    # a step of a journey
    touchpoints:
      - id: tp-prova
        name: Prova in negozio
        channels: [negozio]
        potential_channels: [volantino]
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "channel-unused"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = True
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    used = {
        channel
        for journey in context.journeys
        for step in journey.steps
        for touchpoint in step.touchpoints
        for channel in (*touchpoint.channels, *touchpoint.potential_channels)
    }
    for catalog in context.catalogs:
        for channel in catalog.channels:
            if channel.id not in used:
                yield Finding(
                    catalog.file,
                    (*channel.path, "id"),
                    f"channel {channel.id!r} is used by no touchpoint, in `channels` "
                    "or `potential_channels`; map where customers meet it, or "
                    "remove it from the catalog",
                    (catalog.id, channel.id),
                )
