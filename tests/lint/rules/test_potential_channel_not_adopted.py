from __future__ import annotations

from pathlib import Path

from ..workspaces import findings

RULE = "potential-channel-not-adopted"
CATALOG = """\
kind: channels
id: catalog
channels:
  - {id: phone, name: Phone, type: physical}
  - {id: app, name: App, type: digital}
  - {id: chat, name: Chat, type: digital}
"""


def journey(id: str, state: str, counterpart: str, channels: str, potential: str = "[]") -> str:
    return f"""\
kind: journey
id: {id}
title: {id}
state: {state}
{counterpart}
stages:
  - id: ask
    name: Ask
    steps:
      - id: asks-stock
        name: Asks about stock
        touchpoints:
          - id: tp-question
            name: Question
            channels: {channels}
            potential_channels: {potential}
"""


def test_a_potential_channel_the_future_map_never_uses_is_reported(tmp_path: Path) -> None:
    files = {
        "channels.yaml": CATALOG,
        "journeys/now.yaml": journey(
            "now", "current", "counterpart: next", "[phone]", "[app, chat]"
        ),
        "journeys/next.yaml": journey("next", "future", "", "[phone, app]"),
    }
    found = findings(tmp_path, RULE, files)
    assert [(where, code) for where, code, _ in found] == [("journeys/now.yaml:16:39", RULE)]
    assert (
        "potential channel 'chat' of touchpoint 'tp-question' is used by no touchpoint of "
        "the future-state journey 'next'"
    ) in found[0][2]


def test_the_counterpart_may_be_named_from_the_future_side(tmp_path: Path) -> None:
    files = {
        "channels.yaml": CATALOG,
        "journeys/now.yaml": journey("now", "current", "", "[phone]", "[chat]"),
        "journeys/next.yaml": journey("next", "future", "counterpart: now", "[app]"),
    }
    found = findings(tmp_path, RULE, files)
    assert [(where, code) for where, code, _ in found] == [("journeys/now.yaml:16:34", RULE)]


def test_adopted_channels_pass(tmp_path: Path) -> None:
    files = {
        "channels.yaml": CATALOG,
        "journeys/now.yaml": journey(
            "now", "current", "counterpart: next", "[phone]", "[app, chat]"
        ),
        "journeys/next.yaml": journey("next", "future", "", "[phone, app, chat]"),
    }
    assert findings(tmp_path, RULE, files) == []


def test_without_a_future_state_journey_nothing_is_reported(tmp_path: Path) -> None:
    files = {
        "channels.yaml": CATALOG,
        "journeys/now.yaml": journey("now", "current", "", "[phone]", "[chat]"),
        "journeys/other.yaml": journey("other", "current", "", "[app]"),
    }
    assert findings(tmp_path, RULE, files) == []
