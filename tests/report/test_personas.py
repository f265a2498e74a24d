"""The persona comparison on journeys of different personas: shared and partial stages and
channels, where the emotion lines diverge, and the prevailing journey model.

Three current journeys, one per persona, over stages `s1`, `s2`, `s3`:

    persona  s1 (score)             s2 (score)     s3 (score)
    ana      web (-1)               store (+1)     email (0)
    ben      web, app (+1)          store (+1)     email (0)
    cara     app (+2)               -              phone (-2)

Worked out by hand from the definitions (a majority is more than half):
stages s1 and s3 are in all three lines, s2 in two; no channel is used by all
three, web, app, store and email by two, phone by one. The model keeps s1
(3 lines), s2 (2 of 3) and s3 (3); at s1 web and app are each used by 2 of the
3 lines there, at s2 store by both lines there, at s3 email by 2 of 3 (phone by
1, not kept). Only ben passes through s1, s2, s3 with web and app, store, email:
ana lacks app at s1, cara skips s2. The step at s1 spreads from -1 (ana) to +2
(cara), 3 points; the step at s3 from 0 to -2, 2 points; the s2 step not at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from cjm.cli import app

CHANNELS = [
    ("web", "Website", "digital"),
    ("app", "App", "digital"),
    ("store", "Store", "physical"),
    ("email", "Email", "digital"),
    ("phone", "Phone", "physical"),
]
LINES = {
    "ana": [("s1", ["web"], -1), ("s2", ["store"], 1), ("s3", ["email"], 0)],
    "ben": [("s1", ["web", "app"], 1), ("s2", ["store"], 1), ("s3", ["email"], 0)],
    "cara": [("s1", ["app"], 2), ("s3", ["phone"], -2)],
}


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _workspace(root: Path) -> Path:
    _write(
        root / "cjm.yaml",
        {"kind": "workspace", "version": 1, "name": "Three personas", "locale": "en"},
    )
    _write(
        root / "channels.yaml",
        {
            "kind": "channels",
            "id": "catalog",
            "channels": [{"id": i, "name": n, "type": t} for i, n, t in CHANNELS],
        },
    )
    for persona, stages in LINES.items():
        _write(
            root / "personas" / f"{persona}.yaml",
            {"kind": "persona", "id": persona, "name": persona.title()},
        )
        _write(
            root / "journeys" / f"{persona}.yaml",
            {
                "kind": "journey",
                "id": f"buy-{persona}",
                "title": f"Buying, {persona}",
                "state": "current",
                "personas": [persona],
                "stages": [
                    {
                        "id": stage,
                        "name": stage.upper(),
                        "steps": [
                            {
                                "id": f"{stage}-step",
                                "name": f"Step of {stage}",
                                "emotion": score,
                                "touchpoints": [
                                    {
                                        "id": f"tp-{stage}",
                                        "name": "Touchpoint",
                                        "channels": channels,
                                    }
                                ],
                            }
                        ],
                    }
                    for stage, channels, score in stages
                ],
            },
        )
    return root


def _comparison(tmp_path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["report", str(_workspace(tmp_path / "ws")), "-f", "json"])
    assert result.exit_code == 0, result.output
    comparisons = json.loads(result.output)["workspaces"][0]["personas"]
    assert [c["state"] for c in comparisons] == ["current"]
    found: dict[str, Any] = comparisons[0]
    return found


def test_shared_and_partial_stages_and_channels(tmp_path: Path) -> None:
    comparison = _comparison(tmp_path)
    assert [line["persona"] for line in comparison["lines"]] == ["ana", "ben", "cara"]
    assert comparison["shared_stages"] == ["s1", "s3"]
    assert comparison["partial_stages"] == [{"stage": "s2", "name": "S2", "lines": 2}]
    assert comparison["shared_channels"] == []
    assert comparison["partial_channels"] == [
        {"channel": "web", "lines": 2},
        {"channel": "app", "lines": 2},
        {"channel": "store", "lines": 2},
        {"channel": "email", "lines": 2},
        {"channel": "phone", "lines": 1},
    ]


def test_prevailing_model_keeps_majority_stages_and_channels(tmp_path: Path) -> None:
    prevailing = _comparison(tmp_path)["prevailing"]
    assert [(m["stage"], m["channels"], m["lines"]) for m in prevailing["stages"]] == [
        ("s1", ["web", "app"], 3),
        ("s2", ["store"], 2),
        ("s3", ["email"], 3),
    ]
    # cara skips s2; ana uses one of the two s1 channels, which is enough to follow it
    assert [line["persona"] for line in prevailing["followed_by"]] == ["ana", "ben"]


def test_divergence_lists_the_widest_spread_first(tmp_path: Path) -> None:
    divergence = _comparison(tmp_path)["divergence"]
    assert [
        (d["step"], d["spread"], d["highest"]["persona"], d["lowest"]["persona"])
        for d in divergence
    ] == [("s1-step", 3, "cara", "ana"), ("s3-step", 2, "ana", "cara")]


def test_text_report_names_the_model_and_who_follows_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(_workspace(tmp_path / "ws"))])
    assert result.exit_code == 0, result.output
    section = result.output[result.output.index("Prevailing journey model") :]
    assert "S1     Website, App" in section
    assert "Followed by: Ana (Buying, ana), Ben (Buying, ben) (2 of 3 lines)." in section
