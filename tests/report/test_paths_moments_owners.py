"""The report of a branching journey: its paths, the hand-offs along them, its moments
and the teams that own its touchpoints.

One journey, `buy`, for one persona, on the default scale -2..+2:

    stage look  s1 Browses          web    +1  owner Web team
                s2 Calls the shop   phone  -1  owner Contact centre, pain "Waits on hold"
                   moment of truth, trigger "Cannot find the size", 30 minutes after s1
                   next: s3 ("size in stock"), s1 ("no stock")
    stage buy   s3 Tries on         store  +2  owner Stores, distinctive moment
                s4 Pays             store   0  owner Stores
                   next: s5, s4 ("another pair")
                s5 Gets the receipt web    +1  owner Web team

Worked out by hand:

- Paths: s1 → s2 and s3 → s4 go on to the step after; s2 branches (on to s3, back
  to s1), s4 branches (on to s5, a loop on itself); s5 leads nowhere, so the
  journey ends there. Branch points s2 and s4; one end, s5.
- Hand-offs follow the paths: s1 (web) is reached from s2 (phone), a hand-off
  s2 → s1 (-1 → +1, up 2); s2 from s1 (web → phone, +1 → -1, a drop of 2); s3
  (store) from s2 (phone → store, -1 → +2, up 3); s4 from s3 and from itself,
  both on store, no hand-off; s5 (web) from s4 (store), 0 → +1. Four hand-offs,
  one drop. A walk in file order alone would miss s2 → s1.
- Moments: s2 is a moment of truth scoring -1, below the middle of the scale (0):
  flagged; s3 a distinctive moment at +2.
- Owners, in order of first mention: Web team holds s1 and s5, mean (1 + 1) / 2 =
  +1, no pain point, hand-offs s2 → s1 (in), s1 → s2 (out), s4 → s5 (in); Contact
  centre holds s2, -1, "Waits on hold", hand-offs s2 → s1 (out), s1 → s2 (in),
  s2 → s3 (out); Stores hold s3 and s4, mean (2 + 0) / 2 = +1, hand-offs s2 → s3
  (in) and s4 → s5 (out).
"""

# ruff: noqa: RUF001 - the report writes scores with a true minus sign
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cjm.cli import app

WORKSPACE = {
    "cjm.yaml": """\
kind: workspace
version: 1
name: Branching
locale: en
""",
    "channels.yaml": """\
kind: channels
id: catalog
channels:
  - {id: web, name: Website, type: digital}
  - {id: phone, name: Phone, type: digital}
  - {id: store, name: Store, type: physical}
""",
    "personas/ana.yaml": """\
kind: persona
id: ana
name: Ana
""",
    "journeys/buy.yaml": """\
kind: journey
id: buy
title: Buying shoes
personas: [ana]
stages:
  - id: look
    name: Look
    steps:
      - id: s1
        name: Browses
        emotion: 1
        touchpoints:
          - {id: tp-site, name: Product pages, channels: [web], owner: Web team}
      - id: s2
        name: Calls the shop
        emotion: -1
        moment: truth
        trigger: Cannot find the size
        since_previous: PT30M
        touchpoints:
          - {id: tp-call, name: Phone line, channels: [phone], owner: Contact centre}
        pain_points:
          - {id: pp-wait, description: Waits on hold, severity: high}
        next:
          - {to: s3, label: size in stock}
          - {to: s1, label: no stock}
  - id: buy
    name: Buy
    steps:
      - id: s3
        name: Tries on
        emotion: 2
        moment: distinctive
        touchpoints:
          - {id: tp-fit, name: Fitting, channels: [store], owner: Stores}
      - id: s4
        name: Pays
        emotion: 0
        touchpoints:
          - {id: tp-till, name: Till, channels: [store], owner: Stores}
        next:
          - {to: s5}
          - {to: s4, label: another pair}
      - id: s5
        name: Gets the receipt
        emotion: 1
        touchpoints:
          - {id: tp-mail, name: Receipt page, channels: [web], owner: Web team}
""",
}


def _workspace(root: Path) -> Path:
    for name, text in WORKSPACE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _report(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["report", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def journey(tmp_path: Path) -> dict[str, Any]:
    data = json.loads(_report(_workspace(tmp_path), "--format", "json"))
    found: dict[str, Any] = data["workspaces"][0]["journeys"][0]
    return found


def test_the_report_names_the_branch_points_and_the_end(journey: dict[str, Any]) -> None:
    paths = journey["paths"]
    assert [
        (b["step"], [(p["to"], p["label"], p["kind"]) for p in b["paths"]])
        for b in paths["branches"]
    ] == [
        ("s2", [("s3", "size in stock", "next"), ("s1", "no stock", "return")]),
        ("s4", [("s5", None, "next"), ("s4", "another pair", "loop")]),
    ]
    assert [e["step"] for e in paths["ends"]] == ["s5"]


def test_hand_offs_follow_the_paths_back_as_well(journey: dict[str, Any]) -> None:
    handoffs = journey["handoffs"]
    assert handoffs["count"] == 4
    assert handoffs["drops"] == 1
    found = {(h["from_step"], h["to_step"]): h["emotion_change"] for h in handoffs["items"]}
    assert found == {("s2", "s1"): 2, ("s1", "s2"): -2, ("s2", "s3"): 3, ("s4", "s5"): 1}


def test_moments_with_their_timing_and_the_low_moment_of_truth(
    journey: dict[str, Any],
) -> None:
    assert [
        (m["step"], m["moment"], m["score"], m["low"], m["trigger"], m["since_previous"])
        for m in journey["moments"]
    ] == [
        ("s2", "truth", -1, True, "Cannot find the size", "PT30M"),
        ("s3", "distinctive", 2, False, None, None),
    ]


def test_each_owner_with_its_touchpoints_emotion_pain_points_and_hand_offs(
    journey: dict[str, Any],
) -> None:
    owners = {
        o["owner"]: (
            [t["id"] for t in o["touchpoints"]],
            o["emotion"],
            [p["id"] for p in o["pain_points"]],
            [(h["from_step"], h["to_step"], h["direction"]) for h in o["handoffs"]],
        )
        for o in journey["owners"]
    }
    assert list(owners) == ["Web team", "Contact centre", "Stores"]
    assert owners["Web team"] == (
        ["tp-site", "tp-mail"],
        1,
        [],
        [("s2", "s1", "in"), ("s1", "s2", "out"), ("s4", "s5", "in")],
    )
    assert owners["Contact centre"] == (
        ["tp-call"],
        -1,
        ["pp-wait"],
        [("s2", "s1", "out"), ("s1", "s2", "in"), ("s2", "s3", "out")],
    )
    assert owners["Stores"] == (
        ["tp-fit", "tp-till"],
        1,
        [],
        [("s2", "s3", "in"), ("s4", "s5", "out")],
    )


def test_the_text_report_says_where_the_journey_branches(tmp_path: Path) -> None:
    text = _report(_workspace(tmp_path))
    assert "- Calls the shop: → Tries on (“size in stock”), → Browses (“no stock”; return)" in text
    assert "- Pays: → Gets the receipt, → Pays (“another pair”; loop)" in text
    assert "- The journey can end at: Gets the receipt" in text
    assert (
        "Moments of truth scoring in the lower half of the scale: these decide: Calls the shop"
        in text
    )


def test_the_markdown_report_in_italian_lists_owners_and_moments(tmp_path: Path) -> None:
    text = _report(_workspace(tmp_path), "--format", "markdown", "--locale", "it")
    assert "#### Responsabili dei touchpoint" in text
    assert "| Contact centre | Phone line (Calls the shop) | −1 | Waits on hold |" in text
    assert "momento della verità" in text
    assert "(“no stock”; ritorno)" in text


def test_the_html_report_shows_paths_moments_and_owners_escaped(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    journey = root / "journeys" / "buy.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("label: no stock", "label: <b>no stock</b>"),
        encoding="utf-8",
    )
    html = _report(root, "--format", "html")
    assert "&lt;b&gt;no stock&lt;/b&gt;" in html
    assert "<b>no stock</b>" not in html
    assert 'id="w1-j-buy-paths"' in html
    assert "Touchpoint owners" in html
    assert "Moments and timing" in html


def test_a_linear_journey_has_no_paths_to_say(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    journey = root / "journeys" / "buy.yaml"
    text = journey.read_text(encoding="utf-8")
    start = text.index("        next:\n          - {to: s3")
    end = text.index("  - id: buy\n")
    text = text[:start] + text[end:]
    start = text.index("        next:\n          - {to: s5}")
    end = text.index("      - id: s5")
    journey.write_text(text[:start] + text[end:], encoding="utf-8")
    data = json.loads(_report(root, "--format", "json"))
    assert data["workspaces"][0]["journeys"][0]["paths"] is None
    assert "Paths" not in _report(root)
