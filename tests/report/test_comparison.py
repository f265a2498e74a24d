"""The persona comparison of a workspace written one journey per persona.

Three personas, one current journey each, all following the workspace's own
framework `shop` (discover, consider, buy, use). Each journey names its stages
its own way and maps them with `framework_stage`; the files are read ana, ben,
cara:

    journey   its stages, as written in the file (framework stage: channel, score, volume)
    buy-ana   ana-find (discover: web, -2, 1000), ana-pay (buy: store, +1 and 0, 200),
              ana-after (use: email, -2, no volume)                 -- skips consider
    buy-ben   b-look (discover: web, +2, 3000), b-order (buy: store, +1, 500),
              b-think (consider: web, 0, 1000), b-keep (use: app, +2, 100)
                                                                    -- buys before considering
    buy-cara  c-1 (discover: web, +1, 2000), c-2 (consider: web, -1, 1200),
              c-3 (buy: store, -2, 300), c-4 (use: email, 0, 250)

Worked out by hand (every scale is the default -2..+2, so no score is normalised):

- Stages, in the framework's order: discover, consider, buy, use. Discover, buy
  and use are passed by all three lines; consider by two (ben and cara).
- A line's stage score is the mean of its steps there: ana's buy is (1 + 0) / 2
  = 0.5. Per stage (ana, ben, cara): discover -2, +2, +1: spread 4 (ben highest,
  ana lowest), mean 1/3; consider -, 0, -1: spread 1, mean -0.5; buy 0.5, 1, -2:
  spread 3 (ben, cara), mean -0.5/3; use -2, +2, 0: spread 4 (ben, ana), mean 0.
  Largest spread first, framework order within a spread: discover, use, buy,
  consider. No two journeys share a step: no divergence per step.
- Prevailing model: every stage is passed by more than half of the 3 lines
  (consider by 2), in framework order. Channels used there by more than half of
  the lines passing: discover web (3 of 3), consider web (2 of 2), buy store (3
  of 3), use email (ana and cara, 2 of 3; ben's app 1 of 3).
- Who follows it: ana skips consider; ben goes through buy before consider; cara
  goes through the four stages in order with web, web, store, email: 1 of 3.
- Funnel across the journeys, volumes added per framework stage: discover 1000
  + 3000 + 2000 = 6000 (3 journeys); consider 1000 + 1200 = 2200 (ben, cara);
  buy 200 + 500 + 300 = 1000; use 100 + 250 = 350 (ben, cara). Each rate
  compares like with like, the journeys with a volume at both stages (ana skips
  consider and has no volume for use): consider from discover, ben and cara,
  2200 / (3000 + 2000) = 44.0%, of discover 44.0%; buy from consider, ben and
  cara, (500 + 300) / 2200 = 36.36...% shown 36.4%, drop-off 63.63...% shown
  63.6% (each rounded once, so they add up to 100.0%), the largest; of
  discover, all three, 1000 / 6000 = 16.7%; use from buy, ben and cara, 350 /
  800 = 43.75% shown 43.8%, drop-off 56.25% shown 56.2%; of discover and
  overall, ben and cara, 350 / 5000 = 7.0%. Added up without matching, consider
  would read 2200 / 6000 = 36.7% and use 350 / 1000 = 35.0%, counting ana's
  volumes at stages she has no volume to compare them with.
- Experience across the journeys: the 12 scored steps add up to ana -2 + 1 + 0
  - 2 = -3, ben 2 + 1 + 0 + 2 = 5, cara 1 - 1 - 2 + 0 = -2: 0 in all, mean 0;
  no pain point.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app

Step = tuple[str, list[str], int]
# journey -> stages as written: (stage id, framework stage, volume, steps)
JOURNEYS: dict[str, list[tuple[str, str, int | None, list[Step]]]] = {
    "ana": [
        ("ana-find", "discover", 1000, [("ana-find-1", ["web"], -2)]),
        ("ana-pay", "buy", 200, [("ana-pay-1", ["store"], 1), ("ana-pay-2", ["store"], 0)]),
        ("ana-after", "use", None, [("ana-after-1", ["email"], -2)]),
    ],
    "ben": [
        ("b-look", "discover", 3000, [("b-look-1", ["web"], 2)]),
        ("b-order", "buy", 500, [("b-order-1", ["store"], 1)]),
        ("b-think", "consider", 1000, [("b-think-1", ["web"], 0)]),
        ("b-keep", "use", 100, [("b-keep-1", ["app"], 2)]),
    ],
    "cara": [
        ("c-1", "discover", 2000, [("c-1-1", ["web"], 1)]),
        ("c-2", "consider", 1200, [("c-2-1", ["web"], -1)]),
        ("c-3", "buy", 300, [("c-3-1", ["store"], -2)]),
        ("c-4", "use", 250, [("c-4-1", ["email"], 0)]),
    ],
}
FRAMEWORK = [("discover", "Discover"), ("consider", "Consider"), ("buy", "Buy"), ("use", "Use")]
CHANNELS = [("web", "Website"), ("store", "Store"), ("email", "Email"), ("app", "App")]


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _base(root: Path, *, frameworks: dict[str, Any]) -> None:
    _write(
        root / "cjm.yaml",
        {
            "kind": "workspace",
            "version": 1,
            "name": "One journey per persona",
            "locale": "en",
            **({"frameworks": frameworks} if frameworks else {}),
        },
    )
    _write(
        root / "channels.yaml",
        {
            "kind": "channels",
            "id": "catalog",
            "channels": [
                {"id": i, "name": n, "type": "physical" if i == "store" else "digital"}
                for i, n in CHANNELS
            ],
        },
    )
    for persona in JOURNEYS:
        _write(
            root / "personas" / f"{persona}.yaml",
            {"kind": "persona", "id": persona, "name": persona.title()},
        )


def _stage(stage_id: str, volume: int | None, steps: list[Step]) -> dict[str, Any]:
    stage: dict[str, Any] = {
        "id": stage_id,
        "name": f"Stage {stage_id}",
        "steps": [
            {
                "id": step_id,
                "name": f"Step {step_id}",
                "emotion": emotion,
                "touchpoints": [{"id": f"tp-{step_id}", "name": "Touchpoint", "channels": used}],
            }
            for step_id, used, emotion in steps
        ],
    }
    if volume is not None:
        stage["metrics"] = [
            {"id": f"v-{stage_id}", "name": "People", "type": "volume", "value": volume}
        ]
    return stage


def _workspace(root: Path) -> Path:
    _base(
        root,
        frameworks={
            "shop": {"name": "Shop", "stages": [{"id": i, "name": n} for i, n in FRAMEWORK]}
        },
    )
    for persona, stages in JOURNEYS.items():
        _write(
            root / "journeys" / f"{persona}.yaml",
            {
                "kind": "journey",
                "id": f"buy-{persona}",
                "title": f"Buying, {persona}",
                "state": "current",
                "framework": "shop",
                "personas": [persona],
                "stages": [
                    {**_stage(stage_id, volume, steps), "framework_stage": framework_stage}
                    for stage_id, framework_stage, volume, steps in stages
                ],
            },
        )
    return root


def _apart(root: Path) -> Path:
    """The same three personas with no framework and no stage id in common."""
    _base(root, frameworks={})
    for persona, stages in JOURNEYS.items():
        _write(
            root / "journeys" / f"{persona}.yaml",
            {
                "kind": "journey",
                "id": f"buy-{persona}",
                "title": f"Buying, {persona}",
                "state": "current",
                "personas": [persona],
                "stages": [
                    _stage(stage_id, volume, steps) for stage_id, _f, volume, steps in stages
                ],
            },
        )
    return root


def _run(root: Path, *options: str) -> str:
    result = CliRunner().invoke(app, ["report", str(root), *options])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def comparison(tmp_path: Path) -> dict[str, Any]:
    data = json.loads(_run(_workspace(tmp_path / "ws"), "-f", "json"))
    [found] = data["workspaces"][0]["personas"]
    assert found["state"] == "current"
    result: dict[str, Any] = found
    return result


def test_stages_are_aligned_by_framework_stage_in_framework_order(
    comparison: dict[str, Any],
) -> None:
    assert (comparison["order"], comparison["framework"]) == ("framework", "shop")
    assert comparison["comparable"] is True
    assert comparison["scale"] == {"min": -2, "max": 2, "normalised": False}
    assert [(s["stage"], s["name"], s["lines"]) for s in comparison["stages"]] == [
        ("discover", "Discover", 3),
        ("consider", "Consider", 2),
        ("buy", "Buy", 3),
        ("use", "Use", 3),
    ]
    assert comparison["shared_stages"] == ["discover", "buy", "use"]
    assert comparison["partial_stages"] == [{"stage": "consider", "name": "Consider", "lines": 2}]


def test_divergence_is_measured_per_stage(comparison: dict[str, Any]) -> None:
    assert [
        (d["stage"], d["spread"], d["highest"]["persona"], d["lowest"]["persona"], d["score"])
        for d in comparison["stage_divergence"]
    ] == [
        ("discover", 4, "ben", "ana", 0.3333),
        ("use", 4, "ben", "ana", 0),
        ("buy", 3, "ben", "cara", -0.1667),
        ("consider", 1, "ben", "cara", -0.5),
    ]
    buy = next(s for s in comparison["stages"] if s["stage"] == "buy")
    assert [(s["persona"], s["score"]) for s in buy["scores"]] == [
        ("ana", 0.5),
        ("ben", 1),
        ("cara", -2),
    ]
    # no two journeys share a step
    assert comparison["divergence"] == []


def test_the_prevailing_model_and_who_follows_it(comparison: dict[str, Any]) -> None:
    prevailing = comparison["prevailing"]
    assert [(m["stage"], m["lines"], m["channels"]) for m in prevailing["stages"]] == [
        ("discover", 3, ["web"]),
        ("consider", 2, ["web"]),
        ("buy", 3, ["store"]),
        ("use", 3, ["email"]),
    ]
    assert [line["persona"] for line in prevailing["followed_by"]] == ["cara"]


def test_the_funnel_rolls_up_across_the_journeys(comparison: dict[str, Any]) -> None:
    funnel = comparison["funnel"]
    assert [(row["stage"], row["volume"], row["journeys"]) for row in funnel["stages"]] == [
        ("discover", 6000, ["buy-ana", "buy-ben", "buy-cara"]),
        ("consider", 2200, ["buy-ben", "buy-cara"]),
        ("buy", 1000, ["buy-ana", "buy-ben", "buy-cara"]),
        ("use", 350, ["buy-ben", "buy-cara"]),
    ]
    rows = {row["stage"]: row for row in funnel["stages"]}
    assert rows["discover"]["conversion"] is None and rows["discover"]["from_top"] == 1
    assert rows["consider"]["conversion"] == pytest.approx(2200 / 5000)
    assert rows["consider"]["from_top"] == pytest.approx(2200 / 5000)
    assert rows["buy"]["conversion"] == pytest.approx(800 / 2200)
    assert rows["buy"]["drop_off"] == pytest.approx(1 - 800 / 2200)
    assert rows["buy"]["from_top"] == pytest.approx(1000 / 6000)
    assert rows["use"]["conversion"] == pytest.approx(350 / 800)
    assert funnel["overall_conversion"] == pytest.approx(350 / 5000)
    assert funnel["largest_drop_off"] == "buy"
    experience = comparison["experience"]
    assert (experience["score"], experience["pain_points"]) == (0, 0)


def test_the_text_report_says_it_in_framework_order(tmp_path: Path) -> None:
    output = _run(_workspace(tmp_path / "ws"))
    section = output[output.index("Persona comparison") :]
    assert "Stages in the order of the framework Shop." in section
    assert "The emotion lines do not diverge." not in section
    assert "Followed by: Cara (Buying, cara) (1 of 3 lines)." in section
    funnel = section[section.index("Funnel across the journeys") :]
    rows = [line.split() for line in funnel.splitlines() if line.startswith(("Buy ", "Use "))]
    assert rows == [
        ["Buy", "1,000", "36.4%", "63.6%", "16.7%", "3"],
        ["Use", "350", "43.8%", "56.2%", "7.0%", "2"],
    ]
    assert "Largest drop-off: Buy (63.6%)" in funnel
    assert (
        "conversion compares only the journeys with a volume at both stages: Consider "
        "from Discover: 2 of 3 journeys; Buy from Consider: 2 of 3 journeys; Use from "
        "Buy: 2 of 3 journeys"
    ) in " ".join(funnel.split())


def test_italian_report_names_the_new_sections(tmp_path: Path) -> None:
    output = _run(_workspace(tmp_path / "ws"), "--locale", "it")
    assert "Fasi nell'ordine del modello Shop." in output
    assert "Dove le curve delle emozioni divergono di più, per fase" in output
    assert "Imbuto dei customer journey insieme" in output


def test_nothing_comparable_is_said(tmp_path: Path) -> None:
    root = _apart(tmp_path / "apart")
    [comparison] = json.loads(_run(root, "-f", "json"))["workspaces"][0]["personas"]
    assert comparison["comparable"] is False
    assert comparison["prevailing"] == {"stages": [], "followed_by": []}
    output = _run(root)
    section = output[output.index("Persona comparison") :]
    assert "Nothing to compare: no two lines pass through the same stage" in section
    assert "Prevailing journey model" not in section
    html = _run(root, "-f", "html")
    assert "Nothing to compare" in html


def test_scores_on_different_scales_are_normalised(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    path = root / "journeys" / "cara.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["emotion_scale"] = {"min": 1, "max": 5}
    # cara's scores written on 1..5 (+1 on -2..+2 is 4 on 1..5): the same on the common scale
    for stage in data["stages"]:
        for step in stage["steps"]:
            step["emotion"] += 3
    _write(path, data)
    [comparison] = json.loads(_run(root, "-f", "json"))["workspaces"][0]["personas"]
    assert comparison["scale"] == {"min": -2, "max": 2, "normalised": True}
    discover = comparison["stages"][0]
    assert [(s["persona"], s["score"]) for s in discover["scores"]] == [
        ("ana", -2),
        ("ben", 2),
        ("cara", 1),
    ]
    assert "scores are brought onto \N{MINUS SIGN}2..+2" in _run(root)


def test_without_a_framework_the_order_is_the_one_most_journeys_agree_on(tmp_path: Path) -> None:
    """No framework; stage ids shared. Files read ana, ben, cara:

        ana   b, a, c     (the first file, in an order of its own)
        ben   a, b, c
        cara  a, b

    a before b in ben and cara, after it in ana: a first (2 to 1). b before c in
    ana and ben, a before c in both: b, then c. Order a, b, c, not ana's b, a, c.
    The model keeps a (3 lines), b (3) and c (2 of 3); ben alone passes through
    all three in that order (ana puts b first, cara skips c).
    """
    root = tmp_path / "consensus"
    _base(root, frameworks={})
    orders = {"ana": ["b", "a", "c"], "ben": ["a", "b", "c"], "cara": ["a", "b"]}
    for persona, stages in orders.items():
        _write(
            root / "journeys" / f"{persona}.yaml",
            {
                "kind": "journey",
                "id": f"buy-{persona}",
                "title": f"Buying, {persona}",
                "state": "current",
                "personas": [persona],
                "stages": [_stage(s, None, [(f"{persona}-{s}", ["web"], 0)]) for s in stages],
            },
        )
    [comparison] = json.loads(_run(root, "-f", "json"))["workspaces"][0]["personas"]
    assert (comparison["order"], comparison["framework"]) == ("consensus", None)
    assert [s["stage"] for s in comparison["stages"]] == ["a", "b", "c"]
    prevailing = comparison["prevailing"]
    assert [(m["stage"], m["lines"]) for m in prevailing["stages"]] == [
        ("a", 3),
        ("b", 3),
        ("c", 2),
    ]
    assert [line["persona"] for line in prevailing["followed_by"]] == ["ben"]
    assert comparison["funnel"] is None
    assert "Stages in the order most journeys agree on." in _run(root)
