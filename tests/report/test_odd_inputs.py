"""Odd but schema-valid maps: nothing crashes, nothing overflows, figures stay honest."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from cjm.cli import app
from cjm.report.document import score
from cjm.report.text import width
from tests.report.test_edge_cases import journey, stage, step, workspace

runner = CliRunner()
NUMBERS = itertools.count(1)  # metric ids, unique in any document


def report(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["report", *map(str, args)])
    return result.exit_code, result.stdout


def data_of(root: Path) -> dict[str, Any]:
    code, out = report(root, "-f", "json")
    assert code == 0, out

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    ws: dict[str, Any] = json.loads(out, parse_constant=refuse)["workspaces"][0]
    return ws


def volume(value: float, unit: str = "people") -> dict[str, Any]:
    return {
        "id": f"m-{next(NUMBERS)}",
        "name": "Reached",
        "type": "volume",
        "value": value,
        "unit": unit,
    }


def test_a_stage_named_with_spaces_only_and_no_step(tmp_path: Path) -> None:
    blank = {"id": "s1", "name": " "}
    root = workspace(tmp_path / "ws", journey("j", blank, stage("s2", step("a", "web"))))
    for output_format in ("text", "markdown", "json", "html"):
        code, out = report(root, "-f", output_format)
        assert code == 0, out


@pytest.mark.parametrize(
    "names",
    [
        (
            "Awareness",
            "Consideration",
            "Application",
            "Verification",
            "Onboarding",
            "Activation",
            "Retention",
        ),
        (
            "Oneverylongstagenamewithoutanyspaceatall",
            "Another-very-long-stage-name-too",
            "A third stage name that is long",
            "Four",
            "Five",
        ),
    ],
)
def test_text_tables_fit_a_hundred_columns_whatever_the_stage_names(
    tmp_path: Path, names: tuple[str, ...]
) -> None:
    stages = []
    for n, name in enumerate(names):
        data = stage(
            f"s{n}",
            step(f"t{n}", "web" if n % 2 else "shop", emotion=n % 3 - 1),
            metrics=(volume(10000 - n * 1000, "applications started"),) if n != 1 else (),
        )
        data["name"] = name
        stages.append(data)
    root = workspace(tmp_path / "ws", journey("j", *stages))
    code, text = report(root)
    assert code == 0, text
    assert max(width(line) for line in text.splitlines()) <= 100
    stream = iter(text.split())
    # the stage skipped by the funnel is named next to the conversion measured across it
    assert "(against" in text and all(w in stream for w in names[0].split())


def test_a_change_that_rounds_to_nothing_is_no_drop_and_no_divergence(tmp_path: Path) -> None:
    root = workspace(
        tmp_path / "ws",
        journey(
            "j",
            stage(
                "s",
                step("a", "web", emotion={"ann": 0.1, "bob": 0.2}),
                step("b", "shop", emotion=0.15),
                step("c", "shop", emotion={"ann": 1, "bob": 1.00001}),
            ),
            personas=["ann", "bob"],
        ),
        personas={"ann": "Ann", "bob": "Bob"},
    )
    ws = data_of(root)
    [handoff] = ws["journeys"][0]["handoffs"]["items"]
    assert handoff["emotion_change"] == 0 and handoff["drop"] is False
    steps = [d["step"] for d in ws["personas"][0]["divergence"]]
    assert steps == ["a"]  # c differs by 0.00001 only


def test_scores_never_end_with_a_decimal_mark() -> None:
    assert [score(v, "en") for v in (1.004, 0.004, -0.004, 1.25, -2)] == [
        "+1",
        "0",
        "0",
        "+1.25",
        "\u22122",
    ]
    assert score(0.5, "it") == "+0,5"


def test_a_growing_funnel_has_no_largest_drop_off(tmp_path: Path) -> None:
    root = workspace(
        tmp_path / "ws",
        journey(
            "j",
            stage("visit", step("a", "web"), metrics=(volume(1000),)),
            stage("buy", step("b", "shop"), metrics=(volume(1200),)),
        ),
    )
    funnel = data_of(root)["journeys"][0]["funnel"]
    assert funnel["stages"][1]["conversion"] == 1.2
    assert funnel["largest_drop_off"] is None


def test_extreme_volumes_give_null_not_infinity(tmp_path: Path) -> None:
    root = workspace(
        tmp_path / "ws",
        journey(
            "j",
            stage("tiny", step("a", "web"), metrics=(volume(1e-300),)),
            stage("huge", step("b", "shop"), metrics=(volume(1e15),)),  # the schema's largest
        ),
    )
    funnel = data_of(root)["journeys"][0]["funnel"]
    assert funnel["stages"][1]["conversion"] is None
    code, text = report(root)
    assert code == 0 and "inf" not in text


def test_a_locale_in_capitals_formats_numbers_the_italian_way(tmp_path: Path) -> None:
    code, text = report("examples/bank-onboarding", "--locale", "IT")
    assert code == 0, text
    assert "Conversione complessiva: 3,2%" in text


def test_a_channel_both_used_and_potential_on_one_touchpoint_counts_once(tmp_path: Path) -> None:
    root = workspace(
        tmp_path / "ws", journey("j", stage("s", step("a", "web", potential=("web", "shop"))))
    )
    coverage = data_of(root)["journeys"][0]["coverage"]
    assert coverage["stages"][0]["in_use"] == {"web": 1}
    assert coverage["stages"][0]["potential"] == {"shop": 1}


def test_markdown_list_items_that_look_like_lists_stay_text(tmp_path: Path) -> None:
    data = journey("j", stage("s", step("a", "web", emotion=-2), step("b", "shop", emotion=1)))
    data["stages"][0]["steps"][0]["name"] = "2. Calls the bank"
    root = workspace(tmp_path / "ws", data)
    code, markdown = report(root, "-f", "markdown")
    assert code == 0, markdown
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<ol" not in html
    assert re.search(r"<li>2\. Calls the bank \(Stage s\)</li>", html)
