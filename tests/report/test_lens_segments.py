"""The comparison across profiles through a lens, and the roll-up by segment.

Three personas, one current journey each, all following the workspace's framework
`shop` (discover, consider, buy); ana and ben belong to the segment "Runners",
cara to "Walkers". Ana's and Ben's journeys also map the built-in AIDA framework
(`lenses: [aida]`, each stage's `lenses: {aida: ...}`); Cara's does not:

    journey   stage (shop stage, AIDA stage): score, volume
    buy-ana   a1 (discover, attention): -2, 1000 (pain point, high)
              a2 (buy, action): +2, 100
    buy-ben   b1 (discover, attention): +2, 3000
              b2 (consider, interest): 0, 600
              b3 (buy, action): 0, 300
    buy-cara  c1 (discover, -): +1, 2000
              c2 (buy, -): -1, 500

Worked out by hand:

- Through the lens `aida`: cara's journey is left out (it maps neither AIDA as
  its framework nor in its lenses). Two lines, ana and ben; stages in AIDA's
  order: attention (both), interest (ben only), action (both); desire is mapped
  by no one. Attention: ana -2, ben +2, spread 4; action: ana +2, ben 0, spread
  2. Funnel through the lens: attention 1000 + 3000 = 4000, interest 600
  (ben), action 100 + 300 = 400. Each rate compares like with like, the journeys
  with a volume at both stages: interest from attention, ben only, 600 / 3000 =
  20.0%; action from interest, ben only, 300 / 600 = 50.0%; overall (action
  against attention, both journeys) 400 / 4000 = 10.0%.
- Without a lens, by `shop`: three lines; the state's funnel adds discover 1000
  + 3000 + 2000 = 6000, consider 600, buy 100 + 300 + 500 = 900; overall 900 /
  6000 = 15.0%.
- Roll-up by segment (without a lens): Runners gathers buy-ana and buy-ben:
  discover 4000, consider 600 (ben: 600 / 3000 = 20.0%), buy 400 (from
  consider, ben: 300 / 600 = 50.0%; of discover, 400 / 4000 = 10.0%); its
  emotion is the mean of its five steps, (-2 + 2 + 2 + 0 + 0) / 5 = 0.4; one
  pain point, not addressed. Walkers gathers one journey only: its figures are
  that journey's own, so it is not rolled up.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core import lenses
from cjm.core.model import Journey, Stage

# persona -> segment, lenses, stages: (id, shop stage, AIDA stage, score, volume)
PEOPLE: dict[str, tuple[str, list[tuple[str, str, str | None, int, int]]]] = {
    "ana": (
        "Runners",
        [("a1", "discover", "attention", -2, 1000), ("a2", "buy", "action", 2, 100)],
    ),
    "ben": (
        "Runners",
        [
            ("b1", "discover", "attention", 2, 3000),
            ("b2", "consider", "interest", 0, 600),
            ("b3", "buy", "action", 0, 300),
        ],
    ),
    "cara": ("Walkers", [("c1", "discover", None, 1, 2000), ("c2", "buy", None, -1, 500)]),
}


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _workspace(root: Path) -> Path:
    _write(
        root / "cjm.yaml",
        {
            "kind": "workspace",
            "version": 1,
            "name": "Lenses",
            "locale": "en",
            "frameworks": {
                "shop": {
                    "name": "Shop",
                    "stages": [
                        {"id": "discover", "name": "Discover"},
                        {"id": "consider", "name": "Consider"},
                        {"id": "buy", "name": "Buy"},
                    ],
                }
            },
        },
    )
    for persona, (segment, stages) in PEOPLE.items():
        _write(
            root / "personas" / f"{persona}.yaml",
            {"kind": "persona", "id": persona, "name": persona.title(), "segment": segment},
        )
        maps = any(aida for _s, _f, aida, _e, _v in stages)
        journey: dict[str, Any] = {
            "kind": "journey",
            "id": f"buy-{persona}",
            "title": f"{persona.title()} buys",
            "personas": [persona],
            "framework": "shop",
            **({"lenses": ["aida"]} if maps else {}),
            "stages": [
                {
                    "id": stage_id,
                    "name": f"Stage {stage_id}",
                    "framework_stage": shop,
                    **({"lenses": {"aida": aida}} if aida else {}),
                    "metrics": [
                        {"id": f"v-{stage_id}", "name": "People", "type": "volume", "value": volume}
                    ],
                    "steps": [
                        {
                            "id": f"{stage_id}-1",
                            "name": f"Step {stage_id}",
                            "emotion": score,
                            **(
                                {
                                    "pain_points": [
                                        {"id": "pp-1", "description": "Lost", "severity": "high"}
                                    ]
                                }
                                if stage_id == "a1"
                                else {}
                            ),
                        }
                    ],
                }
                for stage_id, shop, aida, score, volume in stages
            ],
        }
        _write(root / "journeys" / f"buy-{persona}.yaml", journey)
    return root


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["report", str(root), *args])
    return result.exit_code, result.output


def _data(root: Path, *args: str) -> dict[str, Any]:
    code, output = _run(root, "--format", "json", *args)
    assert code == 0, output
    found: dict[str, Any] = json.loads(output)["workspaces"][0]
    return found


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return _workspace(tmp_path)


def test_through_a_lens_the_stages_meet_by_the_lens_stage_in_its_order(root: Path) -> None:
    ws = _data(root, "--lens", "aida")
    assert ws["lens"] == {"id": "aida", "name": "AIDA", "left_out": ["buy-cara"]}
    [comparison] = ws["personas"]
    assert [line["persona"] for line in comparison["lines"]] == ["ana", "ben"]
    assert (comparison["order"], comparison["framework"]) == ("framework", "aida")
    assert [(s["stage"], s["name"], s["lines"], s["spread"]) for s in comparison["stages"]] == [
        ("attention", "Attention", 2, 4),
        ("interest", "Interest", 1, None),
        ("action", "Action", 2, 2),
    ]
    assert comparison["shared_stages"] == ["attention", "action"]
    funnel = comparison["funnel"]
    assert [(r["stage"], r["volume"]) for r in funnel["stages"]] == [
        ("attention", 4000),
        ("interest", 600),
        ("action", 400),
    ]
    assert [r["conversion"] for r in funnel["stages"]] == [None, 0.2, 0.5]
    assert round(funnel["overall_conversion"], 3) == 0.1


def test_the_text_report_says_which_journeys_the_lens_leaves_out(root: Path) -> None:
    code, text = _run(root, "--lens", "aida")
    assert code == 0, text
    assert "Compared through the lens AIDA." in text
    assert "- Left out, as they do not map this lens: Cara buys" in text
    assert "Stages in the order of the framework AIDA." in text


def test_without_a_lens_the_comparison_is_by_the_journeys_framework(root: Path) -> None:
    ws = _data(root)
    assert ws["lens"] is None
    [comparison] = ws["personas"]
    assert comparison["framework"] == "shop"
    assert [r["volume"] for r in comparison["funnel"]["stages"]] == [6000, 600, 900]


def test_funnel_and_experience_roll_up_by_segment(root: Path) -> None:
    [comparison] = _data(root)["personas"]
    [runners] = comparison["segments"]
    assert (runners["segment"], runners["personas"], runners["journeys"]) == (
        "Runners",
        ["ana", "ben"],
        ["buy-ana", "buy-ben"],
    )
    funnel = runners["funnel"]
    assert [(r["stage"], r["volume"]) for r in funnel["stages"]] == [
        ("discover", 4000),
        ("consider", 600),
        ("buy", 400),
    ]
    assert [
        round(r["conversion"], 3) if r["conversion"] is not None else None for r in funnel["stages"]
    ] == [
        None,
        0.2,
        0.5,
    ]
    assert runners["experience"]["score"] == 0.4
    assert (runners["experience"]["pain_points"], runners["experience"]["unaddressed"]) == (1, 1)


def test_the_segment_roll_up_follows_the_state_roll_up_in_markdown(root: Path) -> None:
    code, text = _run(root, "--format", "markdown")
    assert code == 0, text
    state = text.index("### Experience across the journeys")
    segment = text.index("#### Segment: Runners")
    assert state < segment
    after = text[segment:]
    assert "+0.4" in after
    assert "| Consider | 600 | 20.0% | 80.0% | 20.0% | 1 |" in after
    assert "| Buy | 400 | 50.0% | 50.0% | 10.0% | 2 |" in after
    assert (
        "conversion compares only the journeys with a volume at both stages: "
        "Consider from Discover: 1 of 2 journeys; Buy from Consider: 1 of 2 journeys"
    ) in after
    assert "Walkers" not in text


def test_an_unknown_lens_is_a_usage_error(root: Path) -> None:
    code, output = _run(root, "--lens", "no-such-framework")
    assert code == 2, output
    assert "--lens no-such-framework: unknown framework" in output
    assert "(the frameworks: 5a, aida," in output


def test_lens_identity_reads_lenses_then_the_own_framework_then_the_id() -> None:
    mapped = Stage(id="s1", framework_stage="attention", lenses={"5a": "aware"})
    bare = Stage(id="s2")
    journey = Journey(id="j", framework="aida", lenses=("5a",), stages=(mapped, bare))
    assert lenses.identity(journey, mapped, "5a") == "aware"
    assert lenses.identity(journey, mapped, "aida") == "attention"
    assert lenses.identity(journey, mapped, None) == "attention"
    assert lenses.identity(journey, bare, "5a") == "s2"
    assert lenses.maps(journey, "aida") and lenses.maps(journey, "5a")
    assert not lenses.maps(journey, "see-think-do-care")
