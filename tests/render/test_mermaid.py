"""Mermaid diagrams: golden files, and the real Mermaid parser run with Node.

Golden files live in ``tests/render/golden/<workspace>/<journey>[.<lanes>].mmd``.
After an intended change, rewrite them with ``python -m tests.render.regenerate``
(or ``CJM_REGENERATE=1 python -m pytest tests/render``) and review the diff.

The parser tests run npm's ``mermaid`` (with ``jsdom`` for the DOM it needs)
from ``.cache/node``, which ``sh scripts/setup.sh test`` installs from
``tests/render/package.json``; they fail, rather than skip, when it is missing.
Nothing is fetched while the tests run.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from cjm.core.paths import graph
from cjm.present.escape import plain
from cjm.render import mermaid
from cjm.render.outputs import Options
from tests.render.hostile import NASTY, STEP_NAMES, hostile_site
from tests.render.regenerate import ALL_CASES, ROOT, Case, check_golden, journeys_of, site_of

NODE_DIR = ROOT / ".cache" / "node"
CHECK = r"""
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
const results = [];
for (const file of process.argv.slice(1)) {
  const source = readFileSync(file, "utf8");
  try {
    await mermaid.parse(source);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
    const db = diagram.db;
    const out = { ok: true, type: diagram.type };
    if (diagram.type === "journey") {
      out.title = db.getDiagramTitle();
      out.sections = db.getSections();
      out.tasks = db.getTasks().map((t) => ({ section: t.section, task: t.task,
                                             score: t.score, people: t.people }));
    } else {
      out.vertices = Object.fromEntries([...db.getVertices()].map(([k, v]) => [k, v.text]));
      out.subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, title: s.title,
                                                     nodes: s.nodes }));
      out.edges = db.getEdges().length;
      out.links = db.getEdges().map((e) => ({ start: e.start, end: e.end, stroke: e.stroke,
                                              style: e.style || [] }));
    }
    results.push(out);
  } catch (e) {
    results.push({ ok: false, error: String((e && e.message) || e) });
  }
}
console.log(JSON.stringify(results));
"""
# what cjm's journey escaping turns characters into, to read the author text back
LOOKALIKES = {
    "\ua789": ":",
    "\uff03": "#",
    "\uff1b": ";",
    "\uff05": "%",
    "\uff0c": ",",
    "\uff1c": "<",
    "\uff1e": ">",
    "\uff06": "&",
    "\u200b": "",
}


def parse(sources: list[str], tmp_path: Path) -> list[dict[str, Any]]:
    """What the real Mermaid parser makes of each source."""
    node = shutil.which("node")
    if (
        node is None
        or not (NODE_DIR / "node_modules" / "mermaid").is_dir()
        or not (NODE_DIR / "node_modules" / "jsdom").is_dir()
    ):
        pytest.fail(
            "Node and npm's mermaid and jsdom packages are needed in .cache/node: "
            "run `sh scripts/setup.sh test`"
        )
    files = []
    for n, source in enumerate(sources):
        path = tmp_path / f"diagram{n}.mmd"
        path.write_text(source, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [node, "--input-type=module", "-e", CHECK, *files],
        capture_output=True,
        text=True,
        cwd=NODE_DIR,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    parsed: list[dict[str, Any]] = json.loads(result.stdout)
    return parsed


def from_journey(text: str) -> str:
    return "".join(LOOKALIKES.get(c, c) for c in text)


def from_flowchart(label: str) -> str:
    """A parsed flowchart label as a reader sees it: cjm's markup gone, entity codes decoded.

    The parser keeps Mermaid's entity codes as placeholders (``#quot;`` as
    ``\ufb02\xb0quot\xb6\xdf``) that its renderer turns into HTML entities.
    """
    label = re.sub(r"</?[bi]>", "", label).replace("<br>", "\n")
    label = label.replace("\ufb02\xb0\xb0", "&#").replace("\ufb02\xb0", "&")
    return html.unescape(label.replace("\xb6\xdf", ";"))


@pytest.mark.parametrize(
    "case", [c for c in ALL_CASES if c.format == "mermaid"], ids=lambda c: c.name
)
def test_mermaid_matches_golden(case: Case) -> None:
    check_golden(case)


def test_every_example_diagram_parses(tmp_path: Path) -> None:
    cases = [c for c in ALL_CASES if c.format == "mermaid"]
    results = parse([c.golden.read_text(encoding="utf-8") for c in cases], tmp_path)
    for case, result in zip(cases, results, strict=True):
        assert result["ok"], (case.name, result.get("error"))
        journey = next(j for j in journeys_of(case.workspace) if j.id == case.journey)
        # a journey diagram cannot branch: a journey with paths of its own is a flowchart
        linear = graph(journey).linear
        assert result["type"] == ("journey" if case.lanes is None and linear else "flowchart-v2")


def test_journey_diagram_carries_stages_steps_scores_and_personas(tmp_path: Path) -> None:
    [result] = parse(
        [
            Case("bank-onboarding", "onboarding-current", "mermaid").golden.read_text(
                encoding="utf-8"
            )
        ],
        tmp_path,
    )
    site = site_of("bank-onboarding")
    journey = next(j for j in journeys_of("bank-onboarding") if j.id == "onboarding-current")
    assert result["title"] == journey.title
    assert result["sections"] == [s.name for s in journey.stages]
    first = journey.stages[0].steps[0]  # emotion: {priya-switcher: -1, graham-mover: -2}
    tasks = [t for t in result["tasks"] if t["task"] == first.name]
    assert [(t["score"], t["people"]) for t in tasks] == [
        (2, ["Priya Shah"]),
        (1, ["Graham Okafor"]),
    ]
    assert {t["task"] for t in result["tasks"]} == {s.name for s in journey.steps}
    assert site.scale(journey) == (-2, 2)


def test_scores_map_onto_mermaids_scale() -> None:
    assert [mermaid.mermaid_score(s, (-2, 2)) for s in (-2, -1, 0, 1, 2)] == [1, 2, 3, 4, 5]
    assert [mermaid.mermaid_score(s, (1, 10)) for s in (1, 5, 10)] == [1, 3, 5]


def test_hostile_journey_parses_with_its_text_intact(tmp_path: Path) -> None:
    site, journey = hostile_site(tmp_path / "ws")
    sources = [
        mermaid.render(site, journey, Options(lanes=lanes)) or b""
        for lanes in (None, "channel", "layer", "persona")
    ]
    results = parse([s.decode("utf-8") for s in sources], tmp_path)
    assert all(r["ok"] for r in results), [r.get("error") for r in results]

    diagram = results[0]
    assert diagram["sections"] and [from_journey(s) for s in diagram["sections"]] == [
        plain(s.name) for s in journey.stages
    ]
    tasks = [from_journey(t["task"]) for t in diagram["tasks"]]
    assert list(dict.fromkeys(tasks)) == [plain(n) for n in STEP_NAMES]
    people = {from_journey(p) for t in diagram["tasks"] for p in t["people"]}
    assert people == {plain("One, " + NASTY), "Two: the other"}
    assert {t["score"] for t in diagram["tasks"]} <= {1, 2, 3, 4, 5}

    flowchart = results[1]
    texts = [from_flowchart(v) for v in flowchart["vertices"].values()]
    for name in STEP_NAMES:
        assert any(t.startswith(plain(name) + "\n") for t in texts), name
    titles = [from_flowchart(s["title"]) for s in flowchart["subgraphs"]]
    assert f"channel A {plain(NASTY)} · digital" in titles
    front = sources[1].decode().split("---\n")[1]
    assert yaml.safe_load(front) == {"title": plain(journey.title or "")}


def test_missing_node_packages_fail_with_the_set_up_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(f"{__name__}.NODE_DIR", tmp_path / "nothing")
    with pytest.raises(pytest.fail.Exception, match=re.escape("sh scripts/setup.sh test")):
        parse(["journey\n"], tmp_path)


def test_other_document_kinds_are_not_drawn() -> None:
    site = site_of("negozio-omnicanale")
    catalog = next(d for d in site.documents if d.kind == "channels")
    assert mermaid.render(site, catalog, Options()) is None
