"""Graphviz swimlanes: golden DOT, the real `dot` program, the grid it draws, hostile labels.

Golden files live in ``tests/render/golden/<workspace>/<journey>[.<lanes>].dot``.
After an intended change, rewrite them with ``python -m tests.render.regenerate``
(or ``CJM_REGENERATE=1 python -m pytest tests/render``) and review the diff.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.model import Journey
from cjm.present.escape import plain
from cjm.render import dot
from cjm.render.outputs import Options
from cjm.render.swimlanes import build_grid
from tests.render.hostile import NASTY, STEP_NAMES, hostile_site
from tests.render.regenerate import (
    ALL_CASES,
    EXAMPLES,
    WORKSPACES,
    Case,
    check_golden,
    journeys_of,
    rendered_under_two_hash_seeds,
    site_of,
)

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLE_JOURNEYS = [(w, j.id) for w in WORKSPACES for j in journeys_of(w)]


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.format == "dot"], ids=lambda c: c.name)
def test_dot_matches_golden(case: Case) -> None:
    check_golden(case)


def test_dot_is_byte_identical_across_processes() -> None:
    journey_file = EXAMPLES / "negozio-omnicanale" / "journeys" / "acquisto-running-attuale.yaml"
    outputs = rendered_under_two_hash_seeds(str(journey_file), "--format", "dot", "-o", "-")
    assert len(outputs) == 1


def journey(workspace: str, journey_id: str) -> Journey:
    return next(j for j in journeys_of(workspace) if j.id == journey_id)


def svg_of(workspace: str, journey_id: str, lanes: str | None = None) -> ET.Element:
    output = dot.render_svg(
        site_of(workspace), journey(workspace, journey_id), Options(lanes=lanes)
    )
    assert output is not None
    return ET.fromstring(output)


def shapes(svg: ET.Element, kind: str) -> dict[str, list[tuple[float, float]]]:
    """The points of every node's (or cluster's) outline, by its DOT name."""
    found: dict[str, list[tuple[float, float]]] = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") != kind:
            continue
        name = group.findtext(f"{SVG}title") or ""
        points: list[tuple[float, float]] = []
        for element in group:
            if element.tag in (f"{SVG}polygon", f"{SVG}path"):
                numbers = re.findall(
                    r"-?\d+(?:\.\d+)?", element.get("points") or element.get("d") or ""
                )
                points += [
                    (float(x), float(y)) for x, y in zip(numbers[::2], numbers[1::2], strict=False)
                ]
            elif element.tag == f"{SVG}text":
                points.append((float(element.get("x", 0)), float(element.get("y", 0))))
            elif element.tag == f"{SVG}ellipse":
                points.append((float(element.get("cx", 0)), float(element.get("cy", 0))))
        found[name] = points
    return found


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def node_texts(svg: ET.Element) -> dict[str, str]:
    """Each node's visible text, its lines joined by spaces."""
    texts = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") == "node":
            words = " ".join("".join(t.itertext()) for t in group.iter(f"{SVG}text"))
            words = words.replace("\u2060", "")  # cjm's word joiner after a backslash
            texts[group.findtext(f"{SVG}title") or ""] = " ".join(words.split())
    return texts


@pytest.mark.parametrize(("workspace", "journey_id"), EXAMPLE_JOURNEYS)
@pytest.mark.parametrize("lanes", [None, "layer", "persona"])
def test_svg_draws_lanes_top_to_bottom_and_stages_left_to_right(
    workspace: str, journey_id: str, lanes: str | None
) -> None:
    svg = svg_of(workspace, journey_id, lanes)
    grid = build_grid(site_of(workspace), journey(workspace, journey_id), mode=lanes, locale="en")
    nodes, clusters = shapes(svg, "node"), shapes(svg, "cluster")

    lane_ys = [centre(nodes[f"{lane.key}_title"])[1] for lane in grid.lanes]
    assert lane_ys == sorted(lane_ys) and len(set(lane_ys)) == len(lane_ys)

    stage_boxes = [clusters[f"cluster_{stage.key}"] for stage in grid.stages]
    lefts = [min(x for x, _y in box) for box in stage_boxes]
    rights = [max(x for x, _y in box) for box in stage_boxes]
    assert all(r < left for r, left in zip(rights, lefts[1:], strict=False)), (lefts, rights)

    for (lane, column), boxes in grid.cells.items():
        stage = next(s for s in grid.stages if s.first <= column <= s.last)
        low, high = (
            min(x for x, _y in stage_boxes[grid.stages.index(stage)]),
            max(x for x, _y in stage_boxes[grid.stages.index(stage)]),
        )
        for box in boxes:
            x, y = centre(nodes[box.key])
            assert low - 1 < x < high + 1 or stage.first == stage.last, (box.key, stage.name)
            # below its lane's title row's upper neighbour, above the next lane's
            if lane > 0:
                assert y > lane_ys[lane - 1], (box.key, grid.lanes[lane].title)
            if lane + 1 < len(lane_ys):
                assert y < lane_ys[lane + 1], (box.key, grid.lanes[lane].title)


def test_columns_follow_the_journey_order() -> None:
    svg = svg_of("negozio-omnicanale", "acquisto-running-attuale")
    nodes = shapes(svg, "node")
    xs = [centre(nodes[f"step{i}"])[0] for i in range(12)]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)


def test_empty_cells_keep_the_grid() -> None:
    """A lane that a column leaves empty still gets its invisible placeholder there."""
    source = dot.render(
        site_of("bank-onboarding"),
        journey("bank-onboarding", "onboarding-current"),
        Options(lanes="layer"),
    ).decode()
    placeholders = re.findall(r'"(lane\d+_empty\d+)" \[shape="point", style="invis"', source)
    assert placeholders
    for name in placeholders:
        column = name.rsplit("empty", 1)[1]
        assert re.search(rf'{{ rank="same"; "head{column}";[^}}]*"{name}";', source)


@pytest.mark.parametrize(("workspace", "journey_id"), EXAMPLE_JOURNEYS)
def test_every_example_renders_to_png(workspace: str, journey_id: str) -> None:
    output = dot.render_png(site_of(workspace), journey(workspace, journey_id), Options())
    assert output is not None and output.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(output) > 50_000


def test_svg_is_byte_identical_across_runs() -> None:
    site, document = site_of("bank-onboarding"), journey("bank-onboarding", "onboarding-future")
    assert dot.render_svg(site, document, Options()) == dot.render_svg(site, document, Options())


def test_emotion_shows_as_colour_and_score() -> None:
    svg = svg_of("negozio-omnicanale", "acquisto-running-attuale")
    texts = node_texts(svg)
    assert texts["step5"].endswith("Emozione: \u22122")
    assert "Emozione: +2" in texts["step7"]
    assert texts["step7"].endswith("◆ Momento della verità")
    fills = {}
    for group in svg.iter(f"{SVG}g"):
        name = group.findtext(f"{SVG}title")
        if name in ("step5", "step7"):
            fills[name] = next(p.get("fill") for p in group if p.tag == f"{SVG}path")
    assert fills == {"step5": dot.EMOTION_COLOURS[0], "step7": dot.EMOTION_COLOURS[-1]}


def test_potential_channels_are_dashed() -> None:
    source = dot.render(
        site_of("negozio-omnicanale"),
        journey("negozio-omnicanale", "acquisto-running-attuale"),
        Options(),
    ).decode()
    potential = re.search(
        r'"step0_channel\d+" \[shape="box", style="rounded,dashed"[^\n]*'
        r"<B>potenziale</B>",
        source,
    )
    assert potential, "the app, a potential channel of the first step, is drawn dashed"


def test_hostile_labels_reach_the_svg_intact(tmp_path: Path) -> None:
    site, document = hostile_site(tmp_path / "ws")
    benign_site, benign = hostile_site(tmp_path / "benign")
    for lanes in (None, "layer", "persona"):
        source = dot.render(site, document, Options(lanes=lanes))
        assert source is not None
        svg = ET.fromstring(dot.run_dot(source, "svg"))
        texts = node_texts(svg)
        for n, name in enumerate(STEP_NAMES):
            key = f"step{n}" if lanes != "persona" else f"step{n}_persona0"
            assert texts[key].startswith(" ".join(plain(name).split())), (lanes, texts[key])
        lane_titles = " ".join(texts[k] for k in texts if k.endswith("_title"))
        if lanes is None:
            assert " ".join(f"channel A {plain(NASTY)}".split()) in lane_titles
        # the same nodes and edges as a map of the same shape: no label changed the graph
        benign_svg = ET.fromstring(
            dot.run_dot(dot.render(benign_site, benign, Options(lanes=lanes)) or b"", "svg")
        )
        assert sorted(node_texts(svg)) == sorted(node_texts(benign_svg))
        assert len(shapes(svg, "edge")) == len(shapes(benign_svg, "edge"))


def test_missing_dot_is_a_one_line_error_but_dot_source_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("dot") is None
    journey_file = str(EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml")
    for output_format in ("svg", "png"):
        result = CliRunner().invoke(
            app, ["render", journey_file, "--format", output_format, "-o", str(tmp_path / "out")]
        )
        assert result.exit_code == 2, result.output
        assert "apt-get install graphviz" in result.output
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(app, ["render", journey_file, "--format", "dot", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("digraph journey {")


def test_cli_writes_one_dot_file_per_journey(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["render", str(EXAMPLES / "negozio-omnicanale"), "--format", "dot", "-o", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert written == [
        "journeys",
        "journeys/acquisto-running-attuale.dot",
        "journeys/acquisto-running-futuro.dot",
    ]
    golden = Case("negozio-omnicanale", "acquisto-running-attuale", "dot").golden
    assert (
        tmp_path / "journeys" / "acquisto-running-attuale.dot"
    ).read_bytes() == golden.read_bytes()


def test_cli_prints_one_journey_and_refuses_invalid_input(tmp_path: Path) -> None:
    journey_file = EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-future.yaml"
    result = CliRunner().invoke(
        app, ["render", str(journey_file), "--format", "dot", "--lanes", "persona", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.output.encode()
        == Case("bank-onboarding", "onboarding-future", "dot", "persona").golden.read_bytes()
    )
    copy = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "bank-onboarding", copy)
    broken = copy / "journeys" / "onboarding-future.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace(
            "name: Apply and verify", "nmae: Apply and verify"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["render", str(copy), "--format", "dot", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2, result.output
    assert "nothing was rendered" in result.output
    assert not (tmp_path / "out").exists()


def test_other_document_kinds_are_not_drawn() -> None:
    site = site_of("bank-onboarding")
    persona = next(d for d in site.documents if d.kind == "persona")
    assert dot.render(site, persona, Options()) is None
