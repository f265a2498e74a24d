"""A journey that is not linear, rendered in every format.

The workspace in ``tests/render/branching/`` has a journey with an alternative path
(from the store to the marketplace), a return (no stock: back to the web shop), a jump
(from buying in store over the marketplace step to the first run), a loop (asking
support again), a step where the journey can end before its last, a moment of truth,
a distinctive moment, a trigger, times since the previous step, its own framework (5A)
and two more lenses (AIDA, see-think-do-care); and a reality map whose CRM has two uses,
a controller, a joint controller and the channels and touchpoints it is collected at.
Golden files sit in ``tests/render/golden/branching/``;
``CJM_REGENERATE=1`` rewrites them (review the diff before committing it).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core import facts
from cjm.core.loading import load_paths
from cjm.core.model import Journey
from cjm.render import dot, html
from cjm.render.outputs import Options
from cjm.render.site import load_sites

from .browser import browser_path, visit
from .hostile import NASTY
from .test_mermaid import parse

ROOT = Path(__file__).resolve().parents[2]
WORKSPACE = Path(__file__).resolve().parent / "branching"
JOURNEY = WORKSPACE / "journeys" / "buying.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "branching"
runner = CliRunner()


def cli(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def printed(*args: str | Path) -> str:
    code, out, err = cli(*args, "-o", "-")
    assert code == 0, err
    return out


GOLDEN_CASES = {
    "buying.html": (JOURNEY, "-f", "html"),
    "buying.aida.html": (JOURNEY, "-f", "html", "--lens", "aida"),
    "buying.dot": (JOURNEY, "-f", "dot"),
    "buying.layer.dot": (JOURNEY, "-f", "dot", "--lanes", "layer"),
    "buying.mmd": (JOURNEY, "-f", "mermaid"),
    "buying.layer.mmd": (JOURNEY, "-f", "mermaid", "--lanes", "layer"),
    "buying.aida.md": (JOURNEY, "-f", "markdown", "--lens", "aida"),
    "buying.it.md": (JOURNEY, "-f", "markdown", "--locale", "it"),
    "reality.html": (WORKSPACE / "research" / "reality.yaml", "-f", "html"),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_branching_journey_matches_its_golden_files(name: str) -> None:
    output = printed(*GOLDEN_CASES[name])
    golden = GOLDEN / name
    if os.environ.get("CJM_REGENERATE") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8"), f"{name} differs from its golden file"


class Cells(HTMLParser):
    """The text of each step header (by step id) and of each lens band cell."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        self.lens: list[tuple[str, int]] = []
        self._step: str | None = None
        self._lens: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "th" and "stephead" in classes and a.get("id"):
            self._step, self._text = str(a["id"])[len("step-") :], []
            self.links[self._step] = []
        elif tag == "th" and "lenshead" in classes:
            self._lens, self._text = int(a.get("colspan") or 1), []
        elif tag == "a" and self._step is not None:
            self.links[self._step].append(a.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag != "th":
            return
        text = re.sub(r"\s+", " ", "".join(self._text)).strip()
        if self._step is not None:
            self.steps[self._step] = text
        elif self._lens is not None:
            self.lens.append((text, self._lens))
        self._step = self._lens = None

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def cells(page: str) -> Cells:
    found = Cells()
    found.feed(page)
    return found


def test_html_grid_says_where_each_step_leads_and_where_it_is_reached_from() -> None:
    grid = cells(printed(JOURNEY, "-f", "html"))
    store = grid.steps["visit-store"]
    assert "Leads to:" in store
    assert "→ Buys in store Size in stock" in store
    assert "↩ Browses the web shop (return) No stock in store" in store
    assert "↷ Buys on the marketplace (jump ahead) Prefers the marketplace" in store
    assert grid.links["visit-store"] == [
        "#step-buy-store",
        "#step-browse-site",
        "#step-buy-marketplace",
    ]
    assert "↻ Asks about a blister (loop) No answer within a day" in grid.steps["ask-support"]
    assert "↷ First run (jump ahead)" in grid.steps["buy-store"]
    # the web shop is reached from the ad and, back, from the store
    assert "Reached from: Sees an ad, Tries shoes in store" in grid.steps["browse-site"]
    assert "Reached from: Buys in store" in grid.steps["first-run"]
    assert "The journey can end here" in grid.steps["buy-marketplace"]
    # steps that simply lead to the next one say nothing more
    for plain_step in ("notice-wear", "see-ad", "review"):
        assert "Leads to" not in grid.steps[plain_step]
        assert "Reached from" not in grid.steps[plain_step]
    assert "can end" not in grid.steps["review"]  # the last step ends the journey anyway


def test_html_marks_moments_triggers_and_times_in_the_readers_language() -> None:
    page = printed(JOURNEY, "-f", "html")
    grid = cells(page)
    assert "Moment of truth" in grid.steps["visit-store"]
    assert "1 week later" in grid.steps["visit-store"]
    assert "Distinctive moment" in grid.steps["first-run"]
    assert "1 day 2 hours later" in grid.steps["first-run"]
    assert "Trigger: The shoes have done 800 km" in grid.steps["notice-wear"]
    # the emotion curve marks the two moments on their points
    assert page.count('<text class="moment moment-truth"') == 1
    assert page.count('<text class="moment moment-distinctive"') == 1
    italian = cells(printed(JOURNEY, "-f", "html", "--locale", "it"))
    assert "Momento della verità" in italian.steps["visit-store"]
    assert "1 settimana dopo" in italian.steps["visit-store"]
    assert "Porta a:" in italian.steps["visit-store"]
    assert "(ritorno)" in italian.steps["visit-store"]
    assert "Il percorso può finire qui" in italian.steps["buy-marketplace"]
    assert "Innesco: The shoes have done 800 km" in italian.steps["notice-wear"]


def test_lens_band_merges_stages_of_one_lens_stage_and_dashes_the_unmapped() -> None:
    assert cells(printed(JOURNEY, "-f", "html")).lens == []  # no --lens: no band
    aida = cells(printed(JOURNEY, "-f", "html", "--lens", "aida")).lens
    # buy and use both stand for Action (2 + 2 steps); advocate for no AIDA stage
    # (in print the journey's six first steps make a page: Action goes on over the next)
    assert aida == [
        ("Attention", 2),
        ("Interest", 2),
        ("Action", 2),
        ("Action (…)", 2),
        ("—no stage of this lens", 1),
    ]
    italian = cells(printed(JOURNEY, "-f", "html", "--lens", "see-think-do-care", "--locale", "it"))
    assert italian.lens == [("Vedere", 2), ("Pensare", 2), ("Fare", 2), ("Curare", 3)]
    assert ("Cura", 3) not in italian.lens
    own = cells(printed(JOURNEY, "-f", "html", "--lens", "5a")).lens  # the journey's framework
    assert own == [("Aware", 2), ("Ask", 2), ("Act", 2), ("Act (…)", 2), ("Advocate", 1)]


def test_an_unknown_or_unmapped_lens_is_refused_by_name() -> None:
    code, out, err = cli(JOURNEY, "-f", "html", "--lens", "aidaa", "-o", "-")
    assert code == 2
    assert "--lens aidaa: unknown framework" in err and "'aida'" in err
    assert out == ""
    code, _out, err = cli(JOURNEY, "-f", "html", "--lens", "purchase-funnel", "-o", "-")
    assert code == 2
    assert "no journey maps its stages to purchase-funnel (buying)" in err
    assert "aida" in err and "Traceback" not in err


def test_in_a_workspace_only_the_journeys_that_map_the_lens_get_its_band(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    (workspace / "journeys" / "plain.yaml").write_text(
        "kind: journey\nid: plain\ntitle: Plain\nstages:\n"
        "  - id: one\n    name: One\n    steps:\n      - id: only\n        name: Only\n",
        encoding="utf-8",
    )
    code, _out, err = cli(workspace, "--lens", "aida", "-o", tmp_path / "out")
    assert code == 0, err
    assert "journey plain does not map its stages to aida" in err
    assert "buying" not in err
    assert cells((tmp_path / "out" / "journeys" / "buying.html").read_text()).lens
    assert not cells((tmp_path / "out" / "journeys" / "plain.html").read_text()).lens


def test_a_cited_assumption_is_shown_as_an_assumption(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    journey = workspace / "journeys" / "buying.yaml"
    journey.write_text(
        journey.read_text().replace(
            "evidence: [fact-800km]\nstages:", "evidence: [fact-800km, guess-marketplace]\nstages:"
        ),
        encoding="utf-8",
    )
    report = load_paths([workspace], jobs=1, cwd=tmp_path, keep_documents=True, keep_sources=False)
    [site] = report.workspaces
    [document] = [d for d in site.documents if isinstance(d, Journey)]
    page = html.page(site, document, Options())
    notes = page[page.index('<section class="footnotes"') :]
    assert (
        '<li id="fn-2" value="2" class="assumption">'
        '<span class="tag evidence-kind">Assumption:</span> Runners who do not find their size'
    ) in notes
    assert 'href="../research/reality.html#assumption-guess-marketplace"' in notes
    assert "Runners change shoes after about 800 km." in notes  # the finding, unlabelled
    italian = html.page(site, document, Options(locale="it"))
    assert '<span class="tag evidence-kind">Ipotesi:</span>' in italian
    persona = workspace / "personas" / "runner.yaml"
    persona.write_text(
        persona.read_text().replace("[fact-800km]", "[fact-800km, guess-marketplace]"),
        encoding="utf-8",
    )
    report = load_paths([workspace], jobs=1, cwd=tmp_path, keep_documents=True, keep_sources=False)
    [site] = report.workspaces
    [runner] = [d for d in site.documents if d.id == "runner"]
    card = html.page(site, runner, Options())
    assert (
        '<li class="assumption"><span class="tag evidence-kind">Assumption:</span> Runners who'
    ) in card
    assert "<li>Runners change shoes after about 800 km." in card


def test_reality_map_shows_uses_controllers_and_where_data_is_collected(tmp_path: Path) -> None:
    page = printed(WORKSPACE / "research" / "reality.yaml", "-f", "html")
    crm = page[page.index('id="source-crm"') : page.index('id="source-survey"')]
    text = re.sub(r"<[^>]+>", " ", crm)
    text = re.sub(r"\s+", " ", text)
    assert "Controller Stride S.p.A." in text
    assert "Joint controllers Marketplace Europe S.à r.l." in text
    assert "Purpose: Order fulfilment Data: name, address, purchase history" in text
    assert "Legal basis: contract Retention: 10 years after the order" in text
    assert "Purpose: Newsletter &lt;b&gt;offers&lt;/b&gt;" in text  # escaped, not markup
    assert "Retention: until consent is withdrawn" in text
    assert "Collected from: Channels: Store, Web shop" in text
    assert "Touchpoints: Checkout (Buying running shoes); Gait analysis (Buying running" in text
    code, _out, err = cli(WORKSPACE, "-o", tmp_path)
    assert code == 0, err
    linked = (tmp_path / "research" / "reality.html").read_text(encoding="utf-8")
    assert '<a href="../journeys/buying.html#tp-tp-fitting">Gait analysis</a>' in linked
    assert "no legal basis stated" not in text  # each use names its basis


def test_real_dot_lays_out_the_branches_without_a_warning(tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.fail("Graphviz `dot` is needed: run `sh scripts/setup.sh test`")
    for lanes in (None, "channel", "layer", "persona"):
        source = printed(JOURNEY, "-f", "dot", *(("--lanes", lanes) if lanes else ()))
        for output_format in ("svg", "json"):
            made = subprocess.run(
                ["dot", f"-T{output_format}"],
                input=source,
                capture_output=True,
                text=True,
                check=False,
            )
            assert made.returncode == 0, (lanes, made.stderr)
            assert made.stderr == "", (lanes, made.stderr)
        drawn = json.loads(made.stdout)
        names = {o["_gvid"]: o["name"] for o in drawn["objects"]}
        edges = {
            (names[e["tail"]], names[e["head"]]): e
            for e in drawn["edges"]
            if e.get("style") != "invis"
        }
        suffix = "_persona0" if lanes == "persona" else ""
        store, shop, buy, market, run, support, review = (
            f"step{n}{suffix}" for n in (3, 2, 4, 5, 6, 7, 8)
        )
        assert edges[(store, buy)]["label"] == "<I>Size in stock</I>"
        assert edges[(store, shop)]["style"] == "dashed"  # the return
        assert edges[(store, shop)]["constraint"] == "false"
        assert "Prefers the" in edges[(store, market)]["label"]
        assert edges[(support, support)]["style"] == "dashed"  # the loop
        assert (buy, run) in edges and (support, review) in edges
        assert (buy, market) not in edges and (market, run) not in edges  # an end leads nowhere
        ends = [o for o in drawn["objects"] if o.get("peripheries") == "2"]
        assert [o["name"] for o in ends] == [market]
    layer = printed(JOURNEY, "-f", "dot", "--lanes", "layer")
    assert "◆ Moment of truth" in layer and "★ Distinctive moment" in layer
    assert "Owned by: Store network" in layer


def test_real_dot_draws_svg_and_png_of_the_branching_journey(tmp_path: Path) -> None:
    code, _out, err = cli(JOURNEY, "-f", "svg", "-o", tmp_path)
    assert code == 0, err
    svg = (tmp_path / "journeys" / "buying.svg").read_text(encoding="utf-8")
    assert "No stock in store" in svg and "Moment of truth" in svg
    code, _out, err = cli(JOURNEY, "-f", "png", "-o", tmp_path)
    assert code == 0, err
    assert (tmp_path / "journeys" / "buying.png").read_bytes().startswith(b"\x89PNG")


def test_mermaid_draws_every_path_and_the_real_parser_reads_it(tmp_path: Path) -> None:
    sources = [
        printed(JOURNEY, "-f", "mermaid"),
        printed(JOURNEY, "-f", "mermaid", "--lanes", "layer"),
        printed(JOURNEY, "-f", "mermaid", "--lanes", "channel"),
    ]
    parsed = parse(sources, tmp_path)
    assert all(p["ok"] for p in parsed), parsed
    default = parsed[0]
    assert default["type"] == "flowchart-v2"
    assert [s["title"] for s in default["subgraphs"]] == [
        "Discover",
        "Consider",
        "Buy",
        "Use",
        "Advocate",
    ]
    assert default["edges"] == 10  # 7 paths in order, the return, the jump and the loop
    assert '-.->|"No stock in store"| step2' in sources[0]
    assert 'step7 -.->|"No answer within a day"| step7' in sources[0]
    assert "style step5 fill:#f4a582,stroke-width:4px" in sources[0]  # where it can end
    assert "◆ Moment of truth" in default["vertices"]["step3"]


def test_a_linear_journey_keeps_its_journey_diagram() -> None:
    [site] = load_sites([ROOT / "examples" / "bank-onboarding"], cwd=ROOT)
    journey = next(d for d in site.documents if isinstance(d, Journey))
    source = dot.render(site, journey, Options())
    assert (
        source is not None
        and b"peripheries" not in source
        and b'constraint="false", label' not in source
    )
    code, out, _err = cli(
        ROOT / "examples" / "bank-onboarding" / "journeys" / f"{journey.id}.yaml",
        "-f",
        "mermaid",
        "-o",
        "-",
    )
    assert code == 0 and out.startswith("journey\n")


def test_markdown_lists_the_paths_in_the_readers_language() -> None:
    english = printed(JOURNEY, "-f", "markdown")
    paths = english[english.index("## Paths") :]
    assert (
        "- ↩ **Tries shoes in store** → **Browses the web shop** (return): No stock in store"
        in paths
    )
    assert (
        "- ↻ **Asks about a blister** → **Asks about a blister** (loop): No answer within a day"
        in paths
    )
    assert "- ■ **Buys on the marketplace**: The journey can end here" in paths
    assert "**Tries shoes in store**<br>◆ *Moment of truth*<br>1 week later" in english
    italian = printed(JOURNEY, "-f", "markdown", "--locale", "it")
    assert "## Percorsi" in italian and "(ritorno): No stock in store" in italian
    assert "1 giorno 2 ore dopo" in italian
    lens = printed(JOURNEY, "-f", "markdown", "--lens", "aida")
    assert "*Lens AIDA:* Action" in lens and "*Lens AIDA:* —" in lens


def test_path_labels_are_escaped_in_every_format(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    journey = workspace / "journeys" / "buying.yaml"
    journey.write_text(
        journey.read_text()
        .replace("label: No stock in store", f"label: {json.dumps(NASTY, ensure_ascii=False)}")
        .replace(
            "trigger: The shoes have done 800 km",
            f"trigger: {json.dumps(NASTY, ensure_ascii=False)}",
        ),
        encoding="utf-8",
    )
    page = printed(journey, "-f", "html")
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    source = printed(journey, "-f", "dot")
    made = subprocess.run(
        ["dot", "-Tjson"], input=source, capture_output=True, text=True, check=False
    )
    assert made.returncode == 0 and made.stderr == "", made.stderr
    visible = [e for e in json.loads(made.stdout)["edges"] if e.get("style") != "invis"]
    benign = subprocess.run(
        ["dot", "-Tjson"],
        input=printed(JOURNEY, "-f", "dot"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert len(visible) == len(
        [e for e in json.loads(benign.stdout)["edges"] if e.get("style") != "invis"]
    )
    parsed = parse(
        [
            printed(journey, "-f", "mermaid"),
            printed(journey, "-f", "mermaid", "--lanes", "channel"),
        ],
        tmp_path,
    )
    assert all(p["ok"] for p in parsed), parsed
    assert parsed[0]["edges"] == 10
    markdown = printed(journey, "-f", "markdown")
    line = next(x for x in markdown.splitlines() if "(return)" in x)
    assert "<b>" not in line and "\n" not in line
    row = next(x for x in markdown.splitlines() if x.startswith("| **Notices worn shoes**"))
    assert "<b>" not in row and row.count(" | ") == 4  # the trigger ends no cell


def test_branching_journey_renders_to_pdf(tmp_path: Path) -> None:
    code, _out, err = cli(JOURNEY, "-f", "pdf", "--lens", "aida", "-o", tmp_path)
    assert code == 0, err
    text = " ".join(
        page.extract_text() for page in PdfReader(tmp_path / "journeys" / "buying.pdf").pages
    )
    text = re.sub(r"\s+", " ", text)
    for words in (
        "Moment of truth",
        "Leads to:",
        "No stock in store",
        "The journey can end here",
        "Attention",
        "1 week later",
    ):
        assert words in text, words


@pytest.mark.slow
def test_branching_journey_in_the_real_browser(tmp_path: Path) -> None:
    if browser_path() is None:
        pytest.fail("no Chromium: run `sh scripts/setup.sh test`, which installs it")
    code, _out, err = cli(WORKSPACE, "--lens", "aida", "-o", tmp_path)
    assert code == 0, err
    seen = visit(
        tmp_path / "journeys" / "buying.html",
        evaluate={
            # every path list is shown, inside its step's header cell
            "paths": """(() => [...document.querySelectorAll('.stephead .paths')].map(list => {
                const cell = list.closest('th').getBoundingClientRect();
                const box = list.getBoundingClientRect();
                const items = [...list.querySelectorAll('li')]
                    .map(li => li.getBoundingClientRect());
                return box.width > 0 && box.height > 0 && items.every(r =>
                    r.left >= cell.left - 0.5 && r.right <= cell.right + 0.5 &&
                    r.bottom <= cell.bottom + 0.5);
            }))()""",
            # the lens band sits above the stage headers, its Action over two stages
            "lens": """(() => {
                const band = [...document.querySelectorAll('.lenshead')];
                const stage = document.querySelector('.stagehead').getBoundingClientRect();
                const action = band.find(b => b.textContent.includes('Action'))
                    .getBoundingClientRect();
                const buy = document.getElementById('stage-buy').getBoundingClientRect();
                const use = document.getElementById('stage-use').getBoundingClientRect();
                return band.every(b => b.getBoundingClientRect().bottom <= stage.top + 0.5) &&
                    Math.abs(action.left - buy.left) < 1 && Math.abs(action.right - use.right) < 1;
            })()""",
            "overflow": """[...document.querySelectorAll('.stephead')].filter(
                c => c.scrollWidth > c.clientWidth + 1).length""",
        },
    )
    assert seen.errors == [] and seen.console_errors == [] and seen.outside_requests == []
    (tmp_path / "buying.png").write_bytes(seen.screenshot)
    assert seen.screenshot.startswith(b"\x89PNG") and len(seen.screenshot) > 10_000
    assert seen.values["paths"] == [True, True, True], seen.values
    assert seen.values["lens"] is True
    assert seen.values["overflow"] == 0


def test_every_hand_off_the_facts_count_is_drawn_as_one_in_the_mermaid_swimlanes(
    tmp_path: Path,
) -> None:
    [site] = load_sites([WORKSPACE], cwd=ROOT)
    journey = next(d for d in site.documents if isinstance(d, Journey))
    handoffs = {(h.before.id, h.after.id) for h in facts.handoffs(journey)}
    assert ("visit-store", "browse-site") in handoffs  # a hand-off on a return
    (parsed,) = parse([printed(JOURNEY, "-f", "mermaid", "--lanes", "channel")], tmp_path)
    assert parsed["ok"], parsed
    steps = {f"step{i}": step.id for i, step in enumerate(journey.steps)}
    drawn = {
        (steps[link["start"]], steps[link["end"]])
        for link in parsed["links"]
        if link["stroke"] == "thick" or "stroke-width:3.5px" in link["style"]
    }
    assert drawn == handoffs
    back = next(x for x in parsed["links"] if (x["start"], x["end"]) == ("step3", "step2"))
    assert back["stroke"] == "dotted"  # still drawn as a way back


def test_the_emotion_curve_joins_two_steps_only_where_a_path_leads_from_one_to_the_other() -> None:
    page = printed(JOURNEY, "-f", "html")
    curves = re.findall(r'<svg class="curve".*?</svg>', page, flags=re.S)
    joined: set[tuple[str, str]] = set()
    for curve in curves:
        desc = re.search(r'<desc id="[^"]*">Emotion: (.*?)</desc>', curve)
        assert desc is not None
        names = [re.sub(r" \S+$", "", item) for item in desc.group(1).split(", ")]
        at = {f"{(i + 0.5) * 240:g}": name for i, name in enumerate(names)}
        for points in re.findall(r'<polyline [^>]*points="([^"]*)"', curve):
            xs = [at.get(point.split(",")[0]) for point in points.split()]
            joined |= {(a, b) for a, b in itertools.pairwise(xs) if a and b}
    assert ("Tries shoes in store", "Buys in store") in joined
    assert ("Asks about a blister", "Writes a review") in joined
    # alternatives side by side in the map: no customer goes from one to the other
    assert ("Buys in store", "Buys on the marketplace") not in joined
    after_the_marketplace = next(c for c in curves if "Emotion: First run" in c)
    assert 'points="0,' not in after_the_marketplace  # no half line from the marketplace


@pytest.mark.parametrize("lanes", ["channel", "layer", "persona"])
def test_the_swimlanes_show_each_steps_trigger_and_time_in_the_readers_language(
    lanes: str,
) -> None:
    for form in ("dot", "mermaid"):
        english = printed(JOURNEY, "-f", form, "--lanes", lanes)
        assert "Trigger: The shoes have done" in english
        assert "3 days later" in english and "30 minutes later" in english
        italian = printed(JOURNEY, "-f", form, "--lanes", lanes, "--locale", "it")
        assert "Innesco: The shoes have done" in italian
        assert "3 giorni dopo" in italian and "1 giorno 2 ore dopo" in italian


def test_a_trigger_in_the_mermaid_swimlanes_is_the_authors_text_and_nothing_more(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    journey = workspace / "journeys" / "buying.yaml"
    journey.write_text(
        journey.read_text().replace(
            "trigger: The shoes have done 800 km",
            f"trigger: {json.dumps(NASTY, ensure_ascii=False)}",
        ),
        encoding="utf-8",
    )
    source = printed(journey, "-f", "mermaid", "--lanes", "channel")
    (parsed,) = parse([source], tmp_path)
    assert parsed["ok"], parsed
    assert "<b>bold</b>" not in source
    assert parsed["edges"] == source.count("\n  step")  # no link smuggled in by the text


def test_a_touchpoint_two_journeys_share_links_to_both_from_the_reality_map(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(WORKSPACE, workspace)
    (workspace / "journeys" / "next-year.yaml").write_text(
        "kind: journey\n"
        "id: buying-future\n"
        "title: Buying running shoes, next year\n"
        "state: future\n"
        "stages:\n"
        "  - id: buy\n"
        "    name: Buy\n"
        "    steps:\n"
        "      - id: pay\n"
        "        name: Pays at the till\n"
        "        touchpoints:\n"
        "          - {id: tp-checkout, name: Self checkout, channels: [store]}\n",
        encoding="utf-8",
    )
    code, _out, err = cli(workspace, "-f", "html", "-o", tmp_path / "site")
    assert code == 0, err
    [reality] = (tmp_path / "site" / "research").glob("*.html")
    page = reality.read_text(encoding="utf-8")
    collected = re.search(r'<p class="collected-from">.*?</p>', page, flags=re.S)
    assert collected is not None
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a> \(([^)]*)\)', collected.group(0))
    assert links == [
        ("../journeys/buying.html#tp-tp-checkout", "Checkout", "Buying running shoes"),
        (
            "../journeys/next-year.html#tp-tp-checkout",
            "Self checkout",
            "Buying running shoes, next year",
        ),
        ("../journeys/buying.html#tp-tp-fitting", "Gait analysis", "Buying running shoes"),
    ]
