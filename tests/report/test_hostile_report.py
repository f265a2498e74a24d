"""`cjm report` on text no terminal was made for: a word of 12,000 characters, a
megabyte of title, a megabyte without a space, wide characters, and figures too
large for a float. The report must come out whole, every line within the page
width, every character of the author's text kept."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.model import Metric
from cjm.diff import words
from cjm.diff.engine import EmotionLine
from cjm.diff.formats import spark
from cjm.present import numbers
from cjm.render.site import load_sites
from cjm.report.analysis import funnel
from cjm.report.text import WIDTH, width, wrap

MEGABYTE = 1024 * 1024


def write_workspace(root: Path, *, title: str = "Journey", note: str = "") -> Path:
    """A valid workspace of two stages and four steps; the hand-off between the second
    and third step carries ``note``."""
    root.mkdir(parents=True)
    (root / "cjm.yaml").write_text("kind: workspace\nversion: 1\nname: Edge\n", "utf-8")
    (root / "channels.yaml").write_text(
        "kind: channels\nid: channels\nchannels:\n"
        "  - {id: web, name: Web, type: digital}\n  - {id: shop, name: Shop, type: physical}\n",
        "utf-8",
    )

    def step(n: int, channel: str, handoff: str | None = None) -> dict[str, Any]:
        touchpoint: dict[str, Any] = {"id": f"tp{n}", "name": f"Touch {n}", "channels": [channel]}
        if handoff:
            touchpoint["handoff"] = handoff
        return {"id": f"s{n}", "name": f"Step {n}", "emotion": n - 2, "touchpoints": [touchpoint]}

    journey = {
        "kind": "journey",
        "id": "edge",
        "title": title,
        "stages": [
            {"id": "a", "name": "First", "steps": [step(0, "web"), step(1, "web")]},
            {"id": "b", "name": "Second", "steps": [step(2, "shop", note), step(3, "shop")]},
        ],
    }
    (root / "journey.yaml").write_text(yaml.safe_dump(journey, width=2**31), "utf-8")
    return root


def report(folder: Path, output_format: str = "text") -> str:
    result = CliRunner().invoke(app, ["report", str(folder), "--format", output_format])
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_fits(text: str) -> None:
    too_wide = [line[:60] for line in text.splitlines() if width(line) > WIDTH]
    assert not too_wide, f"{len(too_wide)} line(s) wider than {WIDTH} columns"


@pytest.mark.parametrize(
    "word",
    ["x" * 12_000, "日本" * 6_000, ("ab\u0301" * 4_000)],
    ids=["ascii", "wide", "combining"],
)
def test_a_12000_character_word_is_cut_into_lines_and_kept_whole(tmp_path: Path, word: str) -> None:
    text = report(write_workspace(tmp_path / "ws", note=word))
    assert_fits(text)
    assert word in "".join(text.split()), "a character of the word was lost or reordered"
    note_lines = [line for line in text.splitlines() if word[:3] in line]
    assert len(note_lines) >= width(word) // WIDTH, "the word was not cut into lines"


def test_a_megabyte_title_wraps_at_spaces_and_keeps_every_word(tmp_path: Path) -> None:
    words = [f"w{n:06d}" for n in range(MEGABYTE // 8)]
    text = report(write_workspace(tmp_path / "ws", title=" ".join(words)))
    assert_fits(text)
    heading = text.split("\n\n")[1].splitlines()  # the journey's heading and its rule
    assert heading[-1] == "=" * max(width(line) for line in heading[:-1])
    assert " ".join(heading[:-1]).startswith(" ".join(words))
    shown = set(text.split())
    assert all(w in shown for w in words)
    assert all(len(line.split()) == 12 for line in heading[:-2]), "lines are filled"


def test_a_megabyte_without_a_space_becomes_full_lines(tmp_path: Path) -> None:
    word = "".join(chr(ord("a") + n % 26) for n in range(MEGABYTE))
    text = report(write_workspace(tmp_path / "ws", note=word))
    assert_fits(text)
    assert word in "".join(text.split())
    json_note = json.loads(report(tmp_path / "ws", "json"))
    assert word in json.dumps(json_note), "the JSON report keeps the note as written"


def test_wrap_cuts_wide_and_combining_characters_at_column_boundaries() -> None:
    assert wrap("日本語のテキスト", 5) == ["日本", "語の", "テキ", "スト"]
    assert wrap("e\u0301" * 6, 3) == ["e\u0301" * 3, "e\u0301" * 3]
    assert wrap("a " + "b" * 7, 4) == ["a bb", "bbbb", "b"]
    assert wrap("日", 1) == ["日"]  # wider than the line, it still goes somewhere
    lines = wrap(" ".join(["word"] * 250_000), 100)
    assert len(lines) == -(-250_000 // 20) and all(width(line) <= 100 for line in lines)


# --- figures too large for a float ----------------------------------------------------

HUGE = int("9" * 400)


def test_figures_beyond_any_float_are_written_in_scientific_form() -> None:
    assert numbers.number(HUGE) == "1e+400"
    assert numbers.number(-HUGE, "it") == "\u22121e+400"
    assert numbers.score(HUGE) == "+1e+400"
    assert numbers.percent(HUGE) == "1e+402%"
    assert numbers.number(123_456_789_012_345) == "123,456,789,012,345"  # still exact
    assert numbers.number(2.5e300) == "2.5e+300"
    assert words.exact(HUGE) == "1e+400" and words.exact(-1.5) == "\u22121.5"


def test_a_funnel_of_400_digit_volumes_is_computed(tmp_path: Path) -> None:
    [site] = load_sites([write_workspace(tmp_path / "ws")], cwd=tmp_path)
    [journey] = site.journeys
    stages = tuple(
        replace(
            stage,
            metrics=(Metric(stage.path, id=f"v{n}", name="Reached", type="volume", value=v),),
        )
        for n, (stage, v) in enumerate(zip(journey.stages, (HUGE, HUGE // 2), strict=True))
    )
    result = funnel(replace(journey, stages=stages))
    assert result is not None
    [first, second] = result["stages"]
    assert first["volume"] == second["volume"] == numbers.LARGEST_EXACT  # held at the edge
    assert second["conversion"] == 1


def test_the_diff_sparkline_places_scores_on_any_scale() -> None:
    scores = (("a", {None: -HUGE}), ("b", {None: 0}), ("c", {None: HUGE}), ("d", {None: None}))
    line = EmotionLine((-HUGE, HUGE), (None,), scores, scores)
    assert spark(line, scores, None) == "▁▅█·"
    line = EmotionLine((-2.0, 2.0), (None,), scores[1:2], scores[1:2])  # type: ignore[arg-type]
    assert spark(line, scores[1:2], None) == "▅"
