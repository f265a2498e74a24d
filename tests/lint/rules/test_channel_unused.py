from __future__ import annotations

from pathlib import Path

from ..workspaces import findings

RULE = "channel-unused"
CATALOG = """\
kind: channels
id: catalog
channels:
  - id: web
    name: Website
    type: digital
  - id: store
    name: Store
    type: physical
  - id: phone
    name: Phone
    type: physical
"""


def journey(potential: str) -> str:
    return f"""\
kind: journey
id: j
title: J
stages:
  - id: buy
    name: Buy
    steps:
      - id: order
        name: Orders
        touchpoints:
          - id: tp-shop
            name: Shop
            channels: [web]
            potential_channels: {potential}
"""


def test_a_channel_no_touchpoint_uses_is_reported_in_the_catalog(tmp_path: Path) -> None:
    found = findings(
        tmp_path, RULE, {"channels.yaml": CATALOG, "journeys/j.yaml": journey("[store]")}
    )
    assert [(where, code) for where, code, _ in found] == [("channels.yaml:10:9", RULE)]
    assert "channel 'phone' is used by no touchpoint" in found[0][2]
    assert "remove it from the catalog" in found[0][2]


def test_channels_in_use_or_potential_pass(tmp_path: Path) -> None:
    files = {"channels.yaml": CATALOG, "journeys/j.yaml": journey("[store, phone]")}
    assert findings(tmp_path, RULE, files) == []
