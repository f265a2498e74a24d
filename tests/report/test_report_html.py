"""`cjm report --format html` and the report page of `cjm render --format html`: the
figures on the page, the SVG funnel, locales, escaping of hostile author text, and the
links between the report and the rendered workspace."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app
from cjm.present.html import environment
from cjm.render.site import load_sites
from cjm.report import html as report_html
from cjm.report.analysis import report as analyse

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
runner = CliRunner()


def cjm(*args: str | Path) -> str:
    result = runner.invoke(app, [*map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


# --- a small DOM, enough to find tables, cells and SVG shapes -----------------------------

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        return list(self._iter(tag, cls))

    def _iter(self, tag: str, cls: str | None) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag and (cls is None or cls in child.classes):
                    yield child
                yield from child._iter(tag, cls)

    def one(self, tag: str, cls: str | None = None) -> Element:
        found = self.all(tag, cls)
        assert len(found) == 1, (tag, cls, len(found))
        return found[0]


class Page(HTMLParser):
    """The page as a tree, plus every start tag in order (to compare markup)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        self.tags.append((tag, tuple(attrs)))
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def journey_section(page: Page, journey_id: str) -> Element:
    [section] = [
        s
        for s in page.root.all("section", "report-journey")
        if (s.attrs.get("id") or "").endswith(f"-j-{journey_id}")
    ]
    return section


def body_rows(table: Element) -> list[Element]:
    return table.one("tbody").all("tr")


def cells(row: Element) -> list[str]:
    return [
        " ".join(c.text().split())
        for c in row.children
        if isinstance(c, Element) and c.tag in ("th", "td")
    ]


def facts(element: Element) -> dict[str, str]:
    """The terms and descriptions of the description lists inside ``element``."""
    found: dict[str, str] = {}
    for dl in element.all("dl"):
        items = [c for c in dl.children if isinstance(c, Element) and c.tag in ("dt", "dd")]
        for term, description in zip(items[::2], items[1::2], strict=True):
            found[" ".join(term.text().split())] = " ".join(description.text().split())
    return found


def bar_widths(svg: Element) -> list[float]:
    return [float(r.attrs["width"] or "") for r in svg.all("rect", "funnel-bar")]


# --- the examples -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def negozio() -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return cjm("report", "examples/negozio-omnicanale", "--format", "html")


def test_the_italian_example_shows_its_funnel_in_italian_digits(negozio: str) -> None:
    page = Page(negozio)
    assert '<html lang="it">' in negozio
    current = journey_section(page, "acquisto-running-attuale")
    funnel = current.one("table", "funnel")
    rows = [cells(r) for r in body_rows(funnel)]
    assert [r[0] for r in rows] == [
        "Bisogno",
        "Ricerca online",
        "Confronto",
        "Acquisto in negozio",
        "Utilizzo e fedeltà",
    ]
    assert [r[2] for r in rows] == [
        "180.000 persone",
        "64.000 persone",
        "21.000 persone",
        "7.400 acquisti",
        "2.300 clienti",
    ]
    # conversion and drop-off with one decimal and a decimal comma; none for the top stage
    assert [r[3] for r in rows] == ["\u2013", "35,6%", "32,8%", "35,2%", "31,1%"]
    assert [r[4] for r in rows] == ["\u2013", "64,4%", "67,2%", "64,8%", "68,9%"]
    assert [r[5] for r in rows] == ["100,0%", "35,6%", "11,7%", "4,1%", "1,3%"]
    found = facts(current)
    assert found["Conversione complessiva"] == "1,3%"
    assert found["Abbandono maggiore"] == "Utilizzo e fedeltà (68,9%)"


def test_the_svg_funnel_has_one_bar_per_stage_narrowing_down(negozio: str) -> None:
    page = Page(negozio)
    for journey_id, volumes, second in (
        (
            "acquisto-running-attuale",
            ["180.000", "64.000", "21.000", "7.400", "2.300"],
            "64.000 persone · Conversione 35,6% · Abbandono 64,4%",
        ),
        (
            "acquisto-running-futuro",
            ["180.000", "70.000", "25.000", "9.800", "3.900"],
            "70.000 persone · Conversione 38,9% · Abbandono 61,1%",
        ),
    ):
        svg = journey_section(page, journey_id).one("svg", "funnel-chart")
        assert svg.attrs["role"] == "img"
        title, desc = svg.one("title"), svg.one("desc")
        assert svg.attrs["aria-labelledby"] == f"{title.attrs['id']} {desc.attrs['id']}"
        widths = bar_widths(svg)
        assert len(widths) == 5
        assert widths[0] == 800 and all(a > b > 0 for a, b in pairwise(widths))
        # centred, and drawn with two decimals whatever the share
        for rect in svg.all("rect", "funnel-bar"):
            x, width = float(rect.attrs["x"] or ""), float(rect.attrs["width"] or "")
            assert abs(x + width / 2 - 400) < 0.01
            assert all(len((rect.attrs[a] or "").split(".")[1]) == 2 for a in ("x", "width"))
        names = [t.text() for t in svg.all("text", "funnel-name")]
        assert names[0] == "1. Bisogno" and names[4] == "5. Utilizzo e fedeltà"
        figures = [t.text() for t in svg.all("text", "funnel-figures")]
        assert [label.split(" ")[0] for label in figures] == volumes
        assert figures[0] == "180.000 persone" and figures[1] == second
        assert all(v in desc.text() for v in volumes)
    # the widths follow the share of the first stage: 64,000 of 180,000
    current = bar_widths(journey_section(page, "acquisto-running-attuale").one("svg"))
    assert current[1] == pytest.approx(800 * 64000 / 180000, abs=0.01)


def test_handoffs_coverage_and_experience_of_the_italian_example(negozio: str) -> None:
    current = journey_section(Page(negozio), "acquisto-running-attuale")
    handoffs = current.one("table", "handoffs")
    rows = body_rows(handoffs)
    assert len(rows) == 11
    # the five with an emotion drop first, steepest first, each marked in words
    assert ["drop" in r.classes for r in rows] == [True] * 5 + [False] * 6
    assert all("l'emozione cala" in r.text() for r in rows[:5])
    # -3 twice: back from the store to compare prices online, then the exchange refused
    assert cells(rows[0])[0].startswith("Prova le scarpe con l'analisi del passo Acquisto")
    first = cells(rows[1])
    assert first[0].startswith("Usa le scarpe nei primi allenamenti Utilizzo e fedeltà")
    assert first[1] == (
        "Chiede di cambiare un paio comprato online Utilizzo e fedeltà "
        "Negozio Sito e-commerce Servizio clienti telefonico"
    )
    assert first[2] == "+1 → \u22122 (\u22123) ▼ l'emozione cala"
    assert first[3] == "Dal negozio di nuovo al sito, passando per il servizio clienti."
    summary = "Passaggi di canale: 11, con un calo dell'emozione: 5"
    assert summary in " ".join(current.text().split())
    pairs = [cells(r) for r in body_rows(current.one("table", "pairs"))]
    assert pairs[0] == [
        "Email e newsletter",
        "Negozio",
        "2",
        "Prova le scarpe con l'analisi del passo; Chiede di cambiare un paio comprato online",
    ]
    # coverage: channels in catalog order, in-use and potential counts told apart in text
    coverage = current.one("table", "coverage")
    matrix = {cells(r)[0]: cells(r)[1:] for r in body_rows(coverage)}
    assert list(matrix)[:3] == ["Negozio negozio", "Sito e-commerce sito", "App PassoLungo app"]
    assert matrix["Sito e-commerce sito"] == [
        "",
        "1 in uso +1 potenziali",
        "1 in uso +1 potenziali",
        "1 in uso",
        "1 in uso",
        "4 in uso +2 potenziali",
        "4",
    ]
    assert matrix["App PassoLungo app"][-2:] == ["+8 potenziali", "0"]
    shares = cells(coverage.one("tfoot").one("tr"))
    assert shares[1:3] == ["fisico 33,3% digitale 66,7%", "fisico 0,0% digitale 100,0%"]
    found = facts(current)
    assert found["Canali del catalogo né usati né potenziali"] == "—"
    assert found["Canali solo potenziali"] == "App PassoLungo, WhatsApp Business"
    # experience: every pain point with the opportunities that address it
    pains = [cells(r) for r in body_rows(current.one("table", "pain-points"))]
    assert [p[0] for p in pains] == ["critica"] * 2 + ["alta"] * 3 + ["media"] * 4
    assert (
        pains[0][1] == "Né sito né servizio clienti vedono le taglie nei negozi. "
        "pp-giacenze-invisibili"
    )
    assert "op-giacenze-sito" in pains[0][3] and "op-whatsapp-negozi" in pains[0][3]
    ranked = [cells(r) for r in body_rows(current.one("table", "opportunities-ranked"))]
    assert [(r[0], r[2]) for r in ranked[:2]] == [("1", "7"), ("2", "4")]
    assert ranked[0][5] == "alta" and ranked[0][4] == "innovazione"


def test_personas_and_current_vs_future_of_the_italian_example(negozio: str) -> None:
    page = Page(negozio)
    [personas] = page.root.all("section", "report-personas")
    assert "Giulia Ferri" in personas.text() and "Marco Esposito" in personas.text()
    prevailing = personas.all("table", "prevailing")
    assert len(prevailing) == 2  # current and future state
    assert cells(body_rows(prevailing[0])[0]) == [
        "Bisogno",
        "2 su 2 percorsi",
        "Volantino, Social sponsorizzati, Recensioni e community di runner",
    ]
    [changes] = page.root.all("section", "report-changes")
    summary = [cells(r) for r in body_rows(changes.one("table", "change-summary"))]
    assert summary[0] == ["Passaggi di canale", "11", "2", "\u22129"]
    # -3 over 13 steps, 14 over 13 steps
    assert summary[-1] == ["Emozione media, intero percorso", "\u22120,23", "+1,08", "+1,31"]
    by_stage = [cells(r) for r in body_rows(changes.one("table", "emotion-by-stage"))]
    # three hand-offs into Confronto today: from the reviews, and back from the store
    assert by_stage[2] == ["Confronto", "\u22121,5", "+0,5", "+2", "3", "0"]
    found = facts(changes)
    assert found["Canali aggiunti"] == "App PassoLungo, WhatsApp Business"
    assert found["Canali dismessi"] == "Servizio clienti telefonico"
    assert found["Nuovi punti di attrito"] == (
        "Gli orari del sabato mattina si esauriscono con giorni di anticipo. pp-slot-sabato media"
    )
    assert found["Punti di attrito risolti"].startswith(
        "Le schede usano un gergo che i neofiti non capiscono. pp-gergo-tecnico media"
    )
    assert found["Punti di attrito rimasti"].startswith(
        "Nessuno avvisa il cliente che le scarpe hanno superato i km consigliati. "
        "pp-nessun-promemoria media → bassa"
    )


def test_the_english_example_and_english_digits() -> None:
    html = cjm("report", "examples/bank-onboarding", "--format", "html")
    page = Page(html)
    assert '<html lang="en">' in html and "Channel coverage" in html
    current = journey_section(page, "onboarding-current")
    volumes = [cells(r)[2] for r in body_rows(current.one("table", "funnel"))]
    assert volumes == [
        "120,000 people",
        "42,000 people",
        "15,600 people",
        "6,800 applications",
        "3,900 accounts",
    ]
    assert [cells(r)[3] for r in body_rows(current.one("table", "funnel"))][1] == "35.0%"
    assert len(body_rows(current.one("table", "handoffs"))) == 9
    assert "Hand-offs: 9, with an emotion drop: 2" in " ".join(current.text().split())
    [personas] = page.root.all("section", "report-personas")
    divergence = [cells(r) for r in body_rows(personas.one("table", "divergence"))]
    assert divergence[0] == [
        "Verifies identity online",
        "Apply and verify identity",
        "2",
        "Priya Shah 0",
        "Graham Okafor \u22122",
        "Priya Shah 0, Graham Okafor \u22122",
    ]


def test_the_labels_follow_locale_and_author_text_stays(negozio: str) -> None:
    english = cjm("report", "examples/negozio-omnicanale", "--format", "html", "--locale", "en")
    assert '<html lang="en">' in english and '<html lang="it">' in negozio
    for label_en, label_it in (
        ("Channel coverage", "Copertura dei canali"),
        ("Hand-offs", "Passaggi di canale"),
        ("Persona comparison", "Confronto tra personas"),
        ("Current vs future", "Attuale e futuro a confronto"),
    ):
        assert label_en in english and label_en not in negozio
        assert label_it in negozio and label_it not in english
    for page in (english, negozio):
        assert "Acquisto di scarpe da running — oggi" in page
        assert "Dal negozio di nuovo al sito, passando per il servizio clienti." in page
    assert "180,000 persone" in english and "35.6%" in english
    assert "180.000 persone" in negozio and "35,6%" in negozio


def test_two_runs_give_the_same_bytes(negozio: str) -> None:
    assert cjm("report", "examples/negozio-omnicanale", "--format", "html") == negozio
    bank = cjm("report", "examples/bank-onboarding", "--format", "html")
    assert cjm("report", "examples/bank-onboarding", "--format", "html") == bank


def test_the_page_is_self_contained(negozio: str) -> None:
    page = Page(negozio)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    assert "default-src 'none'" in negozio
    # `cjm report` links only inside the page: no rendered page is known to exist
    hrefs = [a.attrs.get("href") or "" for a in page.root.all("a")]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    ids = [dict(a)["id"] for _t, a in page.tags if "id" in dict(a)]
    assert len(ids) == len(set(ids))
    assert {h[1:] for h in hrefs} <= set(ids)
    # every table has a caption and headers with a scope
    for table in page.root.all("table"):
        assert table.all("caption"), table.attrs
        assert all(th.attrs.get("scope") in ("col", "row") for th in table.all("th"))


def test_several_workspaces_share_one_page_with_unique_ids() -> None:
    html = cjm("report", "examples", "--format", "html")
    page = Page(html)
    ids = [dict(a)["id"] for _t, a in page.tags if "id" in dict(a)]
    assert len(ids) == len(set(ids))
    assert {(a.attrs.get("href") or "")[1:] for a in page.root.all("a")} <= set(ids)
    workspaces = page.root.all("section", "report-workspace")
    assert [w.one("h2").text().split(" examples/")[0] for w in workspaces] == [
        "Brightwell Home \u2014 replacing a large appliance",
        "Northbridge Bank \u2014 current-account onboarding",
        "PassoLungo \u2014 percorso d'acquisto omnicanale",
    ]
    assert [len(w.all("section", "report-journey")) for w in workspaces] == [4, 2, 2]
    assert all(len(s.all("h3")) >= 1 for s in page.root.all("section", "report-journey"))
    assert len(page.root.all("svg", "funnel-chart")) == 8


# --- hostile author text ------------------------------------------------------------------

PAYLOADS = ("<script>alert(1)</script>", '" onerror="x', "</style>", "{{ 7*7 }}")


def _poison(root: Path) -> list[str]:
    """Hostile text in the example's names, descriptions and notes; returns the markers."""
    markers: list[str] = []

    def hostile(field_name: str) -> str:
        marker = f"{field_name}{len(markers)} {PAYLOADS[len(markers) % len(PAYLOADS)]}"
        markers.append(marker)
        return marker

    def edit(relative: str, change: Any) -> None:
        path = root / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def journey(data: dict[str, Any]) -> None:
        first, second = data["stages"][0], data["stages"][1]
        first["name"] = hostile("stage")
        second["name"] = hostile("stage")
        for stage in data["stages"]:
            for step in stage["steps"]:
                step["name"] = hostile("step")
                for pain in step.get("pain_points", []):
                    pain["description"] = hostile("pain")
                for opportunity in step.get("opportunities", []):
                    opportunity["description"] = hostile("opportunity")
                for touchpoint in step.get("touchpoints", []):
                    if touchpoint.get("handoff"):
                        touchpoint["handoff"] = hostile("handoff")
        data["title"] = hostile("title")
        for metric in data["stages"][0].get("metrics", []):
            metric["unit"] = hostile("unit")

    def channels(data: dict[str, Any]) -> None:
        for channel in data["channels"]:
            channel["name"] = hostile("channel")

    def persona(data: dict[str, Any]) -> None:
        data["name"] = hostile("persona")

    def config(data: dict[str, Any]) -> None:
        data["name"] = hostile("workspace")

    edit("journeys/acquisto-running-attuale.yaml", journey)
    edit("journeys/acquisto-running-futuro.yaml", journey)
    edit("channels.yaml", channels)
    edit("personas/giulia-runner-urbana.yaml", persona)
    edit("personas/marco-neofita.yaml", persona)
    edit("cjm.yaml", config)
    return markers


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_hostile_author_text_stays_text(tmp_path: Path) -> None:
    clean_root, hostile_root = tmp_path / "clean", tmp_path / "hostile"
    shutil.copytree(EXAMPLES / "negozio-omnicanale", clean_root)
    shutil.copytree(EXAMPLES / "negozio-omnicanale", hostile_root)
    # the clean copy goes through the same YAML round trip, so only the text differs
    for path in clean_root.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    markers = _poison(hostile_root)
    # every marker the analysis reports must reach the page as the very text written
    reported = list(_strings(json.loads(cjm("report", hostile_root, "--format", "json"))))
    shown = [m for m in markers if any(m in s for s in reported)]
    kinds = {m.split(" ")[0].rstrip("0123456789") for m in shown}
    assert kinds == {
        "stage",
        "step",
        "pain",
        "opportunity",
        "handoff",
        "title",
        "unit",
        "channel",
        "persona",
        "workspace",
    }
    cjm("render", clean_root, "--out", tmp_path / "clean-out")
    cjm("render", hostile_root, "--out", tmp_path / "hostile-out")
    outputs = {
        "report": (
            cjm("report", clean_root, "--format", "html"),
            cjm("report", hostile_root, "--format", "html"),
        ),
        "render": (
            (tmp_path / "clean-out/report.html").read_text(encoding="utf-8"),
            (tmp_path / "hostile-out/report.html").read_text(encoding="utf-8"),
        ),
    }
    for how, (clean, hostile) in outputs.items():
        clean_page, hostile_page = Page(clean), Page(hostile)
        # the very same tags and attributes, in the same order: no markup came from the text
        assert hostile_page.tags == clean_page.tags, how
        assert hostile.count("</style>") == clean.count("</style>") == 1, how
        assert "<script" not in hostile.lower(), how
        text = hostile_page.root.text()
        missing = [m for m in shown if m not in text]
        assert missing == [], how


# --- cjm render writes the report next to the index ---------------------------------------


def test_render_writes_the_report_and_the_index_links_to_it(tmp_path: Path) -> None:
    output = cjm("render", "examples/negozio-omnicanale", "--format", "html", "--out", tmp_path)
    assert f"wrote {tmp_path / 'report.html'}" in output
    index = Page((tmp_path / "index.html").read_text(encoding="utf-8"))
    links = {a.attrs["href"]: a.text() for a in index.root.all("a")}
    assert links["report.html"] == "Rapporto sui percorsi"
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    page = Page(report)
    hrefs = [a.attrs["href"] or "" for a in page.root.all("a")]
    assert "index.html" in hrefs
    assert "journeys/acquisto-running-attuale.html" in hrefs
    # every link to another page lands on a page of the render, at an element it has
    for href in hrefs:
        target, _, anchor = href.partition("#")
        landing = (tmp_path / target).read_text(encoding="utf-8") if target else report
        assert not anchor or f'id="{anchor}"' in landing, href
    # the same figures as `cjm report`, wherever cjm runs from
    standalone = cjm("report", "examples/negozio-omnicanale", "--format", "html")
    assert "180.000 persone" in report and len(Page(standalone).root.all("table")) == len(
        page.root.all("table")
    )


def test_render_of_several_workspaces_writes_one_report_each(tmp_path: Path) -> None:
    cjm("render", EXAMPLES, "--out", tmp_path)
    for workspace, title in (
        ("bank-onboarding", "Journey report"),
        ("negozio-omnicanale", "Rapporto sui percorsi"),
    ):
        index = Page((tmp_path / workspace / "index.html").read_text(encoding="utf-8"))
        assert {a.attrs["href"]: a.text() for a in index.root.all("a")}["report.html"] == title
        assert (tmp_path / workspace / "report.html").is_file()


def test_a_single_file_render_writes_no_report(tmp_path: Path) -> None:
    cjm("render", "examples/bank-onboarding/journeys/onboarding-current.yaml", "--out", tmp_path)
    assert not (tmp_path / "report.html").exists()


# --- edges of the data --------------------------------------------------------------------


def _edge_workspace(root: Path) -> Path:
    """A funnel whose middle stage has a volume but no rate to reach it, and a journey
    with no metric at all."""
    root.mkdir()
    (root / "cjm.yaml").write_text("name: Edge\nlocale: en\n", encoding="utf-8")

    def metric(id_: str, kind: str, value: float, unit: str | None = None) -> dict[str, Any]:
        return {
            "id": id_,
            "name": f"Metric {id_}",
            "type": kind,
            "value": value,
            **({"unit": unit} if unit else {}),
        }

    stages = [
        {
            "id": "a",
            "name": "Aware",
            "metrics": [metric("ma", "conversion", 50, "%")],
            "steps": [{"id": "a1", "name": "Sees", "emotion": 1}],
        },
        {
            "id": "b",
            "name": "Browse",
            "metrics": [metric("mb", "volume", 1000, "people")],
            "steps": [{"id": "b1", "name": "Browses", "emotion": -1}],
        },
        {
            "id": "c",
            "name": "Buy",
            "metrics": [metric("mc", "volume", 250, "people")],
            "steps": [{"id": "c1", "name": "Buys"}],
        },
    ]
    journeys = root / "journeys"
    journeys.mkdir()
    (journeys / "odd.yaml").write_text(
        yaml.safe_dump({"kind": "journey", "id": "odd", "title": "Odd funnel", "stages": stages}),
        encoding="utf-8",
    )
    (journeys / "bare.yaml").write_text(
        yaml.safe_dump(
            {
                "kind": "journey",
                "id": "bare",
                "title": "Bare",
                "stages": [{"id": "x", "name": "Only", "steps": [{"id": "x1", "name": "Does"}]}],
            }
        ),
        encoding="utf-8",
    )
    return root


def test_unknown_shares_draw_an_empty_bar_and_no_funnel_is_said(tmp_path: Path) -> None:
    root = _edge_workspace(tmp_path / "edge")
    [site] = load_sites([root], cwd=tmp_path)
    data = analyse([site], cwd=tmp_path)
    funnels = {j["id"]: j["funnel"] for j in data["workspaces"][0]["journeys"]}
    assert [s["from_top"] for s in funnels["odd"]["stages"]] == [1, None, None]
    assert funnels["bare"] is None
    html = report_html.render(data, "en")
    page = Page(html)
    svg = journey_section(page, "odd").one("svg", "funnel-chart")
    assert bar_widths(svg) == [800, 0, 0]
    rows = [cells(r) for r in body_rows(journey_section(page, "odd").one("table", "funnel"))]
    assert [r[2] for r in rows] == ["\u2013", "1,000 people", "250 people"]
    assert [r[5] for r in rows] == ["100.0%", "\u2013", "\u2013"]
    bare = journey_section(page, "bare")
    assert not bare.all("svg")
    assert "No stage carries a volume or conversion metric." in bare.text()
    # no catalog: channels are shown by id, and there is no hand-off table to draw
    assert not bare.all("table", "handoffs")


def test_funnel_geometry_is_fixed_to_two_decimals() -> None:
    chart = report_html.funnel_chart(
        {"stages": [{"from_top": 1}, {"from_top": 1 / 3}, {"from_top": 0.0001}, {"from_top": None}]}
    )
    assert [b.width for b in chart.bars] == ["800.00", "266.67", "0.08", "0.00"]
    assert [b.x for b in chart.bars] == ["0.00", "266.67", "399.96", "400.00"]
    assert chart.height == 4 * report_html.FUNNEL_ROW


@pytest.mark.parametrize(
    ("name", "value", "locale", "expected"),
    [
        ("percent", 0.3556, "it", "35,6%"),
        ("percent", 0.3556, "en", "35.6%"),
        ("percent", 1, "it", "100,0%"),
        ("percent", None, "en", "\u2013"),
        ("score", -0.25, "it", "\u22120,25"),
        ("score", 1.0769, "en", "+1.08"),
        ("score", 0, "en", "0"),
        ("score", -0.001, "en", "0"),
        ("score", None, "it", "\u2013"),
        ("number", 63999.9999, "it", "64.000"),  # rounded up to a whole number: no dangling point
        ("number", 1234.5, "it", "1.234,5"),
    ],
)
def test_number_filters_follow_the_locale(
    name: str, value: float | None, locale: str, expected: str
) -> None:
    assert environment(None).filters[name](value, locale) == expected


def test_a_workspace_without_journeys_gets_a_report_that_says_so(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws/cjm.yaml").write_text("name: Solo\nlocale: it\n", encoding="utf-8")
    (tmp_path / "ws/pia.yaml").write_text("kind: persona\nid: pia\nname: Pia\n", encoding="utf-8")
    cjm("render", tmp_path / "ws", "--out", tmp_path / "out")
    page = Page((tmp_path / "out/report.html").read_text(encoding="utf-8"))
    assert "Nessun percorso da analizzare." in page.root.text()
    assert not page.root.all("table") and not page.root.all("svg")
