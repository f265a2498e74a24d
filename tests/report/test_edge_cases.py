"""`cjm report` on small workspaces at the edges, and its behaviour as a command.

Each workspace is built in ``tmp_path`` from a few stages and steps; the expected
figures are counted by hand from what the test writes, following the definitions
in `cjm/report/analysis.py`. `test_schema.py` reuses the builders (``EDGE_CASES``)
to check that every one of these outputs follows `schemas/report.schema.json`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app

Data = dict[str, Any]

CATALOG: Data = {
    "kind": "channels",
    "id": "catalog",
    "title": "Channels",
    "channels": [
        {"id": "web", "name": "Website", "type": "digital", "ownership": "owned"},
        {"id": "shop", "name": "Shop", "type": "physical", "ownership": "owned"},
        {"id": "phone", "name": "Phone line", "type": "physical"},
    ],
}


# --- building workspaces -----------------------------------------------------------------


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def step(
    id_: str,
    *channels: str,
    emotion: float | dict[str, float] | None = None,
    potential: tuple[str, ...] = (),
    **extra: Any,
) -> Data:
    """A step with one touchpoint using ``channels`` (none when no channel is given)."""
    data: Data = {"id": id_, "name": f"Step {id_}"}
    if emotion is not None:
        data["emotion"] = emotion
    if channels or potential:
        touchpoint: Data = {"id": f"tp-{id_}", "name": f"Touchpoint {id_}"}
        if channels:
            touchpoint["channels"] = list(channels)
        if potential:
            touchpoint["potential_channels"] = list(potential)
        data["touchpoints"] = [touchpoint]
    return {**data, **extra}


def stage(id_: str, *steps: Data, metrics: tuple[Data, ...] = ()) -> Data:
    data: Data = {"id": id_, "name": f"Stage {id_}", "steps": list(steps)}
    if metrics:
        data["metrics"] = list(metrics)
    return data


def journey(id_: str, *stages: Data, **fields: Any) -> Data:
    return {
        "kind": "journey",
        "id": id_,
        "title": f"Journey {id_}",
        "state": "current",
        **fields,
        "stages": list(stages),
    }


def workspace(
    root: Path,
    *journeys: Data,
    catalog: Data | None = CATALOG,
    personas: dict[str, str] | None = None,
) -> Path:
    _write(root / "cjm.yaml", {"name": "Edge", "locale": "en"})
    if catalog is not None:
        _write(root / "channels.yaml", catalog)
    for persona_id, name in (personas or {}).items():
        _write(
            root / "personas" / f"{persona_id}.yaml",
            {"kind": "persona", "id": persona_id, "name": name},
        )
    for data in journeys:
        _write(root / "journeys" / f"{data['id']}.yaml", data)
    return root


def single_channel(root: Path) -> Path:
    """Every step uses the website and nothing else: 2 stages, 3 steps, 4 touchpoints.

    Step a could also use the shop (a potential channel is not a use)."""
    extra_touchpoint = {"id": "tp-c2", "name": "Second touchpoint", "channels": ["web"]}
    buy = step("c", "web", emotion=1)
    buy["touchpoints"].append(extra_touchpoint)
    return workspace(
        root,
        journey(
            "web-only",
            stage(
                "look",
                step("a", "web", emotion=0, potential=("shop",)),
                step("b", "web", emotion=-1),
            ),
            stage("buy", buy),
        ),
    )


def no_metrics(root: Path) -> Path:
    return workspace(
        root,
        journey(
            "no-metrics",
            stage("look", step("a", "web", emotion=1)),
            stage("buy", step("b", "shop", emotion=-1)),
        ),
    )


def one_step(root: Path) -> Path:
    return workspace(
        root,
        journey(
            "tiny",
            stage(
                "only",
                step("s", "shop", emotion=2),
                metrics=(
                    {
                        "id": "m",
                        "name": "Visitors",
                        "type": "volume",
                        "value": 50,
                        "unit": "people",
                    },
                ),
            ),
            personas=["ada"],
        ),
        personas={"ada": "Ada Lovelace"},
    )


def no_emotion(root: Path) -> Path:
    current = journey(
        "calm-now",
        stage("look", step("a", "web"), step("b", "shop")),
        stage("buy", step("c", "phone")),
        counterpart="calm-later",
    )
    future = journey(
        "calm-later",
        stage("look", step("a", "web", emotion=1)),
        stage("buy", step("c", "web", emotion=2)),
        state="future",
        counterpart="calm-now",
    )
    return workspace(root, current, future)


def derived_volume(root: Path) -> Path:
    """A volume, a `%` conversion, a fractional drop-off, a volume, and a stage of NPS only."""
    metrics: dict[str, tuple[Data, ...]] = {
        "reach": (
            {
                "id": "m-reach",
                "name": "Reached",
                "type": "volume",
                "value": 2000,
                "unit": "people",
                "period": "2025-Q1",
            },
        ),
        "visit": (
            {"id": "m-visit", "name": "Visit rate", "type": "conversion", "value": 40, "unit": "%"},
        ),
        "cart": ({"id": "m-cart", "name": "Cart abandonment", "type": "drop-off", "value": 0.75},),
        "buy": (
            {"id": "m-nps-buy", "name": "NPS at purchase", "type": "nps", "value": 20},
            {"id": "m-buy", "name": "Buyers", "type": "volume", "value": 150, "unit": "buyers"},
        ),
        "care": ({"id": "m-nps", "name": "NPS", "type": "nps", "value": 30},),
    }
    stages = [stage(s, step(f"{s}-1", "web", emotion=0), metrics=m) for s, m in metrics.items()]
    return workspace(root, journey("funnel", *stages))


def no_personas(root: Path) -> Path:
    return workspace(
        root,
        journey(
            "anonymous", stage("look", step("a", "web", emotion=1)), stage("buy", step("b", "shop"))
        ),
    )


def no_catalog(root: Path) -> Path:
    """No channels.yaml: the touchpoints name no channel, one step has no touchpoint."""
    touchpoint = {"id": "tp-leaflet", "name": "Leaflet", "type": "communication"}
    return workspace(
        root,
        journey(
            "uncharted",
            stage("look", step("a", emotion=-1, touchpoints=[touchpoint])),
            stage("buy", step("b", emotion=1)),
        ),
        catalog=None,
    )


def no_counterpart(root: Path) -> Path:
    return workspace(
        root,
        journey(
            "alone", stage("look", step("a", "web", emotion=0)), stage("buy", step("b", "shop"))
        ),
    )


def current_counterpart(root: Path) -> Path:
    """Two current journeys naming each other: no pair of states, which validation refuses."""
    return workspace(
        root,
        journey("now-a", stage("look", step("a", "web", emotion=1)), counterpart="now-b"),
        journey("now-b", stage("look", step("a", "shop", emotion=-1)), counterpart="now-a"),
    )


def persona_lines(root: Path) -> Path:
    """Three current journeys, one persona each, on partly different stages and channels."""
    one = journey(
        "line-1",
        stage("arrive", step("land", "web", emotion=2), step("call", "phone", emotion=1)),
        stage("browse", step("browse-1", "web", emotion=1)),
        stage("pay", step("pay-1", "shop", emotion=0)),
        personas=["p1"],
    )
    two = journey(
        "line-2",
        stage("arrive", step("land", "web", "phone", emotion=0)),
        stage("pay", step("pay-1", "shop", emotion=0)),
        personas=["p2"],
    )
    three = journey(
        "line-3",
        stage("arrive", step("land", "phone", emotion=-1)),
        stage("browse", step("browse-1", "web", emotion=1)),
        personas=["p3"],
    )
    return workspace(root, one, two, three, personas={"p1": "Paola", "p2": "Piero", "p3": "Pia"})


def unaddressed(root: Path) -> Path:
    """Pain points of every severity, some addressed, one opportunity addressing none."""
    pains = [
        {"id": "pp-low", "description": "Low.", "severity": "low"},
        {"id": "pp-unrated", "description": "Unrated."},
        {"id": "pp-critical", "description": "Critical.", "severity": "critical"},
        {"id": "pp-high", "description": "High.", "severity": "high"},
    ]
    opportunities = [
        {"id": "op-vague", "description": "Addresses nothing."},
        {
            "id": "op-two",
            "description": "Low and unrated.",
            "addresses": ["pp-low", "pp-unrated"],
            "priority": "high",
        },
        {"id": "op-high", "description": "High.", "addresses": ["pp-high"]},
    ]
    return workspace(
        root,
        journey(
            "pains",
            stage("look", step("a", "web", emotion=-1, pain_points=pains[:2])),
            stage(
                "buy",
                step("b", "web", emotion=-1, pain_points=pains[2:], opportunities=opportunities),
            ),
        ),
    )


def no_config(root: Path) -> Path:
    """A lone journey with no `cjm.yaml` above it and no channel."""
    _write(root / "lone.yaml", journey("lone", stage("only", step("a", emotion=1))))
    return root / "lone.yaml"


EDGE_CASES: dict[str, Callable[[Path], Path]] = {
    "single-channel": single_channel,
    "no-metrics": no_metrics,
    "one-step": one_step,
    "no-emotion": no_emotion,
    "derived-volume": derived_volume,
    "no-personas": no_personas,
    "no-catalog": no_catalog,
    "no-counterpart": no_counterpart,
    "persona-lines": persona_lines,
    "unaddressed": unaddressed,
    "no-config": no_config,
}


# --- running the command -----------------------------------------------------------------


def run(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["report", *map(str, args)], env={"NO_COLOR": "1"})
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def report_of(root: Path) -> Data:
    code, out, err = run(root, "-f", "json")
    assert code == 0, out + err
    data: Data = json.loads(out)
    [ws] = data["workspaces"]
    assert isinstance(ws, dict)
    return ws


def only_journey(ws: Data) -> Data:
    [data] = ws["journeys"]
    assert isinstance(data, dict)
    return data


def close(value: float | None, expected: float) -> bool:
    """``value`` is ``expected`` rounded to 4 decimals, as the report writes figures."""
    return value is not None and abs(value - expected) <= 0.00005 + 1e-9


# --- the edge cases ----------------------------------------------------------------------


def test_a_single_channel_journey_has_no_handoff_and_one_coverage_row(tmp_path: Path) -> None:
    ws = report_of(single_channel(tmp_path))
    data = only_journey(ws)
    assert data["handoffs"] == {"count": 0, "drops": 0, "items": [], "pairs": []}
    coverage = data["coverage"]
    # look: steps a and b, one web touchpoint each; buy: step c, two web touchpoints
    assert [(s["stage"], s["touchpoints"], s["in_use"]) for s in coverage["stages"]] == [
        ("look", 2, {"web": 2}),
        ("buy", 2, {"web": 2}),
    ]
    for row in coverage["stages"]:
        assert (row["physical"], row["digital"]) == (0, 2)
        assert (row["physical_share"], row["digital_share"]) == (0, 1)
    assert [s["potential"] for s in coverage["stages"]] == [{"shop": 1}, {}]
    assert [
        (c["channel"], c["in_use"], c["potential"], c["stages"]) for c in coverage["channels"]
    ] == [("web", 4, 0, 2), ("shop", 0, 1, 0), ("phone", 0, 0, 0)]
    assert coverage["unused"] == ["phone"]  # shop is at least listed as potential
    assert coverage["potential_only"] == ["shop"]
    assert ws["unused_channels"] == ["shop", "phone"]


def test_a_journey_without_metrics_has_no_funnel(tmp_path: Path) -> None:
    data = only_journey(report_of(no_metrics(tmp_path)))
    assert data["funnel"] is None
    # the rest is still there: web (a) to shop (b) is one hand-off, an emotion drop of 2
    assert data["handoffs"]["count"] == 1
    assert data["handoffs"]["items"][0]["emotion_change"] == -2


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_text_and_markdown_say_there_is_no_funnel(tmp_path: Path, output_format: str) -> None:
    pytest.importorskip(f"cjm.report.{output_format}")
    from cjm.present.labels import labels_for

    code, out, err = run(no_metrics(tmp_path), "-f", output_format)
    assert code == 0, out + err
    assert labels_for("en")["report.no_funnel"] in out


def test_one_stage_with_one_step(tmp_path: Path) -> None:
    ws = report_of(one_step(tmp_path))
    data = only_journey(ws)
    assert data["stages"] == [{"id": "only", "name": "Stage only", "steps": 1}]
    assert data["handoffs"]["count"] == 0
    assert data["experience"]["lowest"] == {
        "score": 2,
        "steps": [
            {
                "step": "s",
                "name": "Step s",
                "stage": "only",
                "score": 2,
                "scores": {},
                "pain_points": [],
            }
        ],
        "by_persona": [],
    }
    # one funnel row: nothing before it to convert from, the whole of itself from the top
    funnel = data["funnel"]
    [row] = funnel["stages"]
    assert (row["volume"], row["unit"], row["conversion"], row["drop_off"], row["from_top"]) == (
        50,
        "people",
        None,
        None,
        1,
    )
    assert funnel["overall_conversion"] == 1
    assert funnel["largest_drop_off"] is None
    # one line is the majority of one: it makes the model and follows it
    [current] = ws["personas"]
    line = {"journey": "tiny", "persona": "ada", "name": "Ada Lovelace"}
    assert current["lines"] == [line]
    assert current["prevailing"] == {
        "stages": [{"stage": "only", "name": "Stage only", "lines": 1, "channels": ["shop"]}],
        "followed_by": [line],
    }
    assert current["divergence"] == []


def test_a_journey_without_emotions_has_no_lowest_moment(tmp_path: Path) -> None:
    ws = report_of(no_emotion(tmp_path))
    current = next(j for j in ws["journeys"] if j["id"] == "calm-now")
    assert current["experience"]["lowest"] is None
    # a (web) to b (shop) to c (phone): two hand-offs, neither scored nor a drop
    items = current["handoffs"]["items"]
    assert [i["to_step"] for i in items] == ["b", "c"]
    for item in items:
        assert (
            item["emotion_before"],
            item["emotion_after"],
            item["emotion_change"],
            item["drop"],
        ) == (None, None, None, False)
    assert current["handoffs"]["drops"] == 0
    # against a scored future: the before side is unknown, so is the change
    [change] = ws["changes"]
    emotion = change["emotion"]
    assert (emotion["before"], emotion["after"], emotion["change"]) == (None, 1.5, None)
    assert [(s["stage"], s["before"], s["after"], s["change"]) for s in emotion["stages"]] == [
        ("look", None, 1, None),
        ("buy", None, 2, None),
    ]
    # the future uses only the website: no hand-off left
    assert (change["handoffs"]["before"], change["handoffs"]["after"]) == (2, 0)
    assert change["channels"]["removed"] == ["shop", "phone"]


def test_a_rate_only_stage_derives_its_volume_from_the_stage_before(tmp_path: Path) -> None:
    funnel = only_journey(report_of(derived_volume(tmp_path)))["funnel"]
    rows = {r["stage"]: r for r in funnel["stages"]}
    assert list(rows) == ["reach", "visit", "cart", "buy"]  # care has no funnel metric
    # visit: 40 % of 2000 people = 800 people, derived
    visit = rows["visit"]
    assert (visit["metric"], visit["volume"], visit["unit"], visit["derived"]) == (
        "m-visit",
        800,
        "people",
        True,
    )
    assert close(visit["conversion"], 0.4) and close(visit["drop_off"], 0.6)
    assert close(visit["from_top"], 0.4)
    assert visit["period"] is None
    # cart: a drop-off of 0.75 (a fraction: no unit, not above 1) converts 0.25: 200 people
    cart = rows["cart"]
    assert (cart["volume"], cart["derived"]) == (200, True)
    assert close(cart["conversion"], 0.25) and close(cart["drop_off"], 0.75)
    assert close(cart["from_top"], 0.1)
    # buy: the volume metric wins over the NPS listed first; 150 / 200
    buy = rows["buy"]
    assert (buy["metric"], buy["volume"], buy["unit"], buy["derived"]) == (
        "m-buy",
        150,
        "buyers",
        False,
    )
    assert close(buy["conversion"], 0.75) and close(buy["from_top"], 150 / 2000)
    assert rows["reach"]["derived"] is False and rows["reach"]["period"] == "2025-Q1"
    assert close(funnel["overall_conversion"], 150 / 2000)
    assert funnel["largest_drop_off"] == "cart"


def test_a_journey_without_personas_takes_no_part_in_the_persona_comparison(tmp_path: Path) -> None:
    ws = report_of(no_personas(tmp_path))
    assert only_journey(ws)["personas"] == []
    assert ws["personas"] == []
    assert only_journey(ws)["handoffs"]["count"] >= 0  # the journey itself is reported


def test_a_workspace_without_channel_catalog(tmp_path: Path) -> None:
    ws = report_of(no_catalog(tmp_path))
    assert ws["channels"] == []
    assert ws["unused_channels"] == []
    data = only_journey(ws)
    coverage = data["coverage"]
    assert coverage["channels"] == [] and coverage["unused"] == []
    assert [(s["stage"], s["touchpoints"], s["in_use"]) for s in coverage["stages"]] == [
        ("look", 1, {}),
        ("buy", 0, {}),
    ]
    for row in coverage["stages"]:
        assert (row["physical_share"], row["digital_share"]) == (None, None)
    assert data["handoffs"]["count"] == 0
    assert data["experience"]["lowest"]["score"] == -1


def test_a_journey_without_workspace_file(tmp_path: Path) -> None:
    ws = report_of(no_config(tmp_path))
    assert (ws["name"], ws["path"], ws["locale"]) == (None, ".", "en")
    assert only_journey(ws)["file"] == "lone.yaml"


def test_a_current_journey_without_counterpart_has_no_changes(tmp_path: Path) -> None:
    ws = report_of(no_counterpart(tmp_path))
    assert only_journey(ws)["counterpart"] is None
    assert ws["changes"] == []
    assert ws["personas"] == []  # no persona named, nothing to compare


def test_a_counterpart_in_the_same_state_is_an_input_error(tmp_path: Path) -> None:
    root = current_counterpart(tmp_path / "ws")
    code, out, err = run(root, "-f", "json", cwd=tmp_path)
    assert code == 2
    assert "'now-a' and its counterpart 'now-b' are both current-state journeys" in err
    assert out == ""


def test_a_counterpart_that_does_not_exist_is_an_input_error(tmp_path: Path) -> None:
    root = no_counterpart(tmp_path / "ws")
    path = root / "journeys" / "alone.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "state: current\n", "state: current\ncounterpart: alone-future\n"
        ),
        encoding="utf-8",
    )
    out_file = tmp_path / "report.json"
    code, out, err = run(root, "-f", "json", "-o", out_file, cwd=tmp_path)
    assert code == 2
    assert "ws/journeys/alone.yaml:5:14: [error] unknown journey 'alone-future'" in err
    assert out == ""
    assert not out_file.exists()


def test_the_counterpart_is_found_when_only_the_current_file_is_given(tmp_path: Path) -> None:
    root = no_emotion(tmp_path)
    code, out, err = run(root / "journeys" / "calm-now.yaml", "-f", "json")
    assert code == 0, out + err
    [ws] = json.loads(out)["workspaces"]
    assert [j["id"] for j in ws["journeys"]] == ["calm-now"]
    assert [(c["current"], c["future"]) for c in ws["changes"]] == [("calm-now", "calm-later")]
    # channels are unused when no journey asked for uses them: calm-now uses all three
    assert ws["unused_channels"] == []


def test_persona_lines_that_differ_and_the_prevailing_model(tmp_path: Path) -> None:
    [current] = report_of(persona_lines(tmp_path))["personas"]
    one = {"journey": "line-1", "persona": "p1", "name": "Paola"}
    two = {"journey": "line-2", "persona": "p2", "name": "Piero"}
    three = {"journey": "line-3", "persona": "p3", "name": "Pia"}
    assert current["lines"] == [one, two, three]
    # arrive: all three lines; browse: one and three; pay: one and two
    assert current["shared_stages"] == ["arrive"]
    assert current["partial_stages"] == [
        {"stage": "browse", "name": "Stage browse", "lines": 2},
        {"stage": "pay", "name": "Stage pay", "lines": 2},
    ]
    # web and phone: all three; shop: one and two
    assert current["shared_channels"] == ["web", "phone"]
    assert current["partial_channels"] == [{"channel": "shop", "lines": 2}]
    # every stage has 2 or 3 of 3 lines (more than 1.5). At arrive, web is used by one and
    # two, phone by all three; at browse web by both lines there; at pay shop by both.
    assert current["prevailing"]["stages"] == [
        {"stage": "arrive", "name": "Stage arrive", "lines": 3, "channels": ["web", "phone"]},
        {"stage": "browse", "name": "Stage browse", "lines": 2, "channels": ["web"]},
        {"stage": "pay", "name": "Stage pay", "lines": 2, "channels": ["shop"]},
    ]
    # only line one passes arrive, browse and pay with web and phone at arrive
    assert current["prevailing"]["followed_by"] == [one]
    # step land is scored 2, 0, -1 by the three lines: spread 3; browse-1 (1, 1) and
    # pay-1 (0, 0) agree, and call is scored by one line only
    [divergent] = current["divergence"]
    assert (divergent["stage"], divergent["step"], divergent["spread"]) == ("arrive", "land", 3)
    assert divergent["highest"] == {**one, "score": 2}
    assert divergent["lowest"] == {**three, "score": -1}
    assert [s["score"] for s in divergent["scores"]] == [2, 0, -1]


def test_pain_points_by_severity_unaddressed_and_weights(tmp_path: Path) -> None:
    experience = only_journey(report_of(unaddressed(tmp_path)))["experience"]
    pains = experience["pain_points"]
    assert pains["count"] == 4
    assert pains["by_severity"] == {"critical": 1, "high": 1, "medium": 0, "low": 1, "unrated": 1}
    # op-two addresses pp-low and pp-unrated, op-high pp-high; pp-critical is left alone
    assert (pains["addressed"], pains["unaddressed"]) == (3, 1)
    assert [(p["id"], p["addressed_by"]) for p in pains["items"]] == [
        ("pp-critical", []),
        ("pp-high", ["op-high"]),
        ("pp-low", ["op-two"]),
        ("pp-unrated", ["op-two"]),
    ]
    # op-high: high 3; op-two: low 1 + unrated 1 = 2; op-vague: nothing, 0
    assert [(o["rank"], o["id"], o["weight"]) for o in experience["opportunities"]] == [
        (1, "op-high", 3),
        (2, "op-two", 2),
        (3, "op-vague", 0),
    ]
    # both steps score -1: two lowest moments
    assert [s["step"] for s in experience["lowest"]["steps"]] == ["a", "b"]


# --- the command -------------------------------------------------------------------------


def test_invalid_yaml_exits_2_with_its_location_and_writes_nothing(tmp_path: Path) -> None:
    root = single_channel(tmp_path / "ws")
    path = root / "journeys" / "web-only.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Journey web-only", "title: [Journey web-only"
        ),
        encoding="utf-8",
    )
    out_file = tmp_path / "report.json"
    code, out, err = run("ws", "-f", "json", "-o", out_file, cwd=tmp_path)
    assert code == 2
    assert re.search(
        r"^ws/journeys/web-only\.yaml:\d+:\d+: \[error\] YAML syntax error", err, re.MULTILINE
    ), out + err
    assert out == ""
    assert "Traceback" not in out + err
    assert not out_file.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]


def test_output_file_holds_exactly_what_stdout_would(tmp_path: Path) -> None:
    root = persona_lines(tmp_path / "ws")
    code, printed, _err = run("ws", "-f", "json", cwd=tmp_path)
    assert code == 0
    out_file = tmp_path / "out" / "report.json"
    out_file.parent.mkdir()
    out_file.write_text("an older report, longer than the new one " * 1000, encoding="utf-8")
    code, out, err = run("ws", "-f", "json", "-o", out_file, cwd=tmp_path)
    assert code == 0, out + err
    assert out == ""
    assert f"wrote {out_file}" in err
    assert out_file.read_text(encoding="utf-8") == printed
    # replaced whole, with no temporary file left beside it
    assert [p.name for p in out_file.parent.iterdir()] == ["report.json"]
    assert root.is_dir()


def test_two_runs_give_byte_identical_json(tmp_path: Path) -> None:
    root = persona_lines(tmp_path)
    first = run(root, "-f", "json")
    second = run(root, "-f", "json")
    assert first[0] == 0
    assert first[1].encode("utf-8") == second[1].encode("utf-8")
