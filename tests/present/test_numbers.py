"""One way to write a score: the same sign, decimal mark and rounding in every output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.present.numbers import number, percent, score

MINUS = "\u2212"
WORKSPACE = {
    "cjm.yaml": "name: Scarpe\nlocale: it\n",
    "channels.yaml": (
        "kind: channels\nid: canali\nchannels:\n"
        "  - id: sito\n    name: Sito\n    type: digital\n"
        "  - id: negozio\n    name: Negozio\n    type: physical\n"
    ),
    "journeys/acquisto.yaml": (
        "kind: journey\nid: acquisto\ntitle: Acquisto\nstate: current\nstages:\n"
        "  - id: scelta\n    name: Scelta\n    steps:\n"
        "      - id: cerca\n        name: Cerca\n        emotion: 1.5\n"
        "        touchpoints:\n          - id: tp-cerca\n            name: Ricerca\n"
        "            channels: [sito]\n"
        "      - id: prova\n        name: Prova\n        emotion: -0.5\n"
        "        touchpoints:\n          - id: tp-prova\n            name: Camerino\n"
        "            channels: [negozio]\n"
    ),
}
# -0.5 as an Italian workspace must not show it: a hyphen, or a decimal point
WRONG = ("-0,5", "-0.5", f"{MINUS}0.5")


@pytest.fixture
def italian(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    for name, text in WORKSPACE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def cjm(*args: str | Path) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_italian_score_reads_the_same_on_the_page_in_the_report_and_in_markdown(
    italian: Path, tmp_path: Path
) -> None:
    cjm("render", italian, "--out", tmp_path / "html")
    page = (tmp_path / "html" / "journeys" / "acquisto.html").read_text(encoding="utf-8")
    shown = {
        "journey page": " ".join(re.findall(r'class="score">([^<]*)<', page)),
        "report, markdown": cjm("report", italian, "-f", "markdown"),
        "report, text": cjm("report", italian, "-f", "text"),
        "render, markdown": cjm(
            "render", italian / "journeys/acquisto.yaml", "-f", "markdown", "--out", "-"
        ),
    }
    for output, text in shown.items():
        assert f"{MINUS}0,5" in text, output
        assert not [w for w in WRONG if w in text], (output, text)
    assert "+1,5" in shown["journey page"] and "+1,5" in shown["render, markdown"]


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (-0.5, "it", f"{MINUS}0,5"),
        (-0.5, "en", f"{MINUS}0.5"),
        (1.5, "it-CH", "+1,5"),
        (2, "en", "+2"),
        (0, "it", "0"),
        (-0.001, "en", "0"),  # rounds to zero: no sign
        (-1234.5, "it", f"{MINUS}1.234,5"),
        (1 / 3, "en", "+0.33"),
        (None, "en", "\u2013"),
    ],
)
def test_score(value: float | None, locale: str, expected: str) -> None:
    assert score(value, locale) == expected


def test_number_and_percent() -> None:
    assert number(1234.5, "it") == "1.234,5"
    assert number(-3, "en") == f"{MINUS}3"
    assert number(-0.001, "en") == "0"
    assert number(None, "en", missing="-") == "-"
    assert percent(0.3556, "it") == "35,6%"
    assert percent(None, "en", missing="-") == "-"
