"""Markdown documents: golden files, and hostile author text that must stay literal.

Golden files live in ``tests/render/golden/<workspace>/<journey>[.<lanes>].md``.
After an intended change, rewrite them with ``python -m tests.render.regenerate``
(or ``CJM_REGENERATE=1 python -m pytest tests/render``) and review the diff.
The rendered HTML is checked with markdown-it-py (CommonMark with tables and
strikethrough, as git hosts read Markdown).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from cjm.cli import app
from cjm.present.escape import plain
from cjm.render import markdown
from cjm.render.outputs import Options
from tests.render.hostile import NASTY, STEP_NAMES, hostile_site
from tests.render.regenerate import ALL_CASES, EXAMPLES, Case, check_golden, site_of


def to_html(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parsed(text: str) -> Tags:
    tags = Tags()
    tags.feed(to_html(text))
    return tags


@pytest.mark.parametrize(
    "case", [c for c in ALL_CASES if c.format == "markdown"], ids=lambda c: c.name
)
def test_markdown_matches_golden(case: Case) -> None:
    check_golden(case)


def test_document_has_title_personas_diagram_and_a_table_per_stage() -> None:
    text = Case("negozio-omnicanale", "acquisto-running-attuale", "markdown").golden.read_text(
        encoding="utf-8"
    )
    assert text.startswith("# Acquisto di scarpe da running — oggi\n")
    assert "**Personas:** Giulia Ferri" in text and "Marco Esposito" in text
    # the journey branches (marketplace or site), so its diagram is a flowchart
    assert (
        '```mermaid\n---\ntitle: "Acquisto di scarpe da running — oggi"\n---\nflowchart LR\n'
        in text
    )
    tags = parsed(text)
    headers = [row for row in tags.rows if row[0] == "Passo"]
    assert len(headers) == 5  # one table per stage
    assert headers[0] == ["Passo", "Canali", "Emozione", "Punti di attrito", "Opportunità"]
    row = next(r for r in tags.rows if r[0] == "Chiede se la taglia è disponibile in negozio")
    assert row[1].split("\n") == [
        "Servizio clienti telefonico",
        "Potenziali: WhatsApp Business, Sito e-commerce",
        "Responsabile: Servizio clienti",
    ]
    assert row[2] == "\u22122"
    assert row[3].split("\n") == [
        "Né sito né servizio clienti vedono le taglie nei negozi. (critica)",
        "Il sabato una chiamata su tre viene abbandonata. (alta)",
    ]


def test_labels_follow_the_locale() -> None:
    site = site_of("negozio-omnicanale")
    journey = next(d for d in site.documents if d.id == "acquisto-running-attuale")
    english = (markdown.render(site, journey, Options(locale="en")) or b"").decode()
    assert "| Step | Channels | Emotion | Pain points | Opportunities |" in english
    assert "**State:** Current state" in english


def test_hostile_text_stays_literal(tmp_path: Path) -> None:
    site, journey = hostile_site(tmp_path / "ws")
    text = (markdown.render(site, journey, Options()) or b"").decode()
    tags = parsed(text)
    # cjm's own markup only: no link, image, emphasis, code, list, quote or author HTML
    assert set(tags.tags) <= {
        "h1",
        "h2",
        "p",
        "strong",
        "em",
        "br",
        "pre",
        "code",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }, set(tags.tags)
    assert tags.tags.count("h1") == 1 and tags.tags.count("pre") == 1
    html = to_html(text)
    assert "<a " not in html and "<b>" not in html and "<s>" not in html
    body = [row for row in tags.rows if row[0] != "Step"]
    assert [row[0].replace("\u2060", "") for row in body] == [plain(n) for n in STEP_NAMES]
    assert all(len(row) == 5 for row in tags.rows)
    assert body[0][3] == f"pain 0 {plain(NASTY)} (high)"
    assert body[0][4] == f"opportunity 0 {plain(NASTY)}"
    assert "\u2060" in body[5][0]  # the URL and the address are not linked
    assert re.search(r"<h1>title He said &quot;no&quot; \\N", html)


def test_cli_writes_markdown_and_prints_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["render", str(EXAMPLES / "bank-onboarding"), "--format", "markdown", "-o", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "journeys").iterdir()) == [
        "onboarding-current.md",
        "onboarding-future.md",
    ]
    assert not [p for p in tmp_path.iterdir() if p.is_file()]  # no index, no persona files
    journey_file = EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml"
    result = CliRunner().invoke(
        app, ["render", str(journey_file), "--format", "markdown", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.output.encode()
        == Case("bank-onboarding", "onboarding-current", "markdown").golden.read_bytes()
    )
