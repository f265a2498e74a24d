"""`cjm render` against what a hostile repository can hold: team templates that try to
run code or fail, figures of any size, wide or fractional scales, and very large
journeys. Nothing may end in a traceback, run a process, write half the output or
take time out of proportion to the journey."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.model import EmotionScale, Journey, Metric
from cjm.present import html
from cjm.render import dot, emotion, mermaid
from cjm.render.html import journey_view, page
from cjm.render.outputs import FORMATS, Options
from cjm.render.site import Site, load_sites

ROOT = Path(__file__).resolve().parents[2]
JOURNEY = ROOT / "examples" / "bank-onboarding" / "journeys" / "onboarding-current.yaml"
HUGE = int("9" * 400)  # a 400-digit integer: larger than any float
runner = CliRunner()


def render(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["render", *map(str, args)])
    return result.exit_code, result.output


def write_journey(root: Path, steps: int, *, stages: int = 1) -> Path:
    """A valid workspace with one journey of ``steps`` scored steps; its file."""
    (root / "journeys").mkdir(parents=True)
    (root / "cjm.yaml").write_text("kind: workspace\nversion: 1\nname: Large\n", "utf-8")
    (root / "channels.yaml").write_text(
        "kind: channels\nid: channels\nchannels:\n  - {id: web, name: Web, type: digital}\n",
        "utf-8",
    )
    per_stage = steps // stages
    journey: dict[str, Any] = {
        "kind": "journey",
        "id": "large",
        "title": "Large",
        "stages": [
            {
                "id": f"stage-{s}",
                "name": f"Stage {s}",
                "steps": [
                    {
                        "id": f"step-{n}",
                        "name": f"Step number {n}",
                        "emotion": n % 5 - 2,
                        "touchpoints": [
                            {"id": f"tp-{n}", "name": f"Touch {n}", "channels": ["web"]}
                        ],
                    }
                    for n in range(s * per_stage, (s + 1) * per_stage)
                ],
            }
            for s in range(stages)
        ],
    }
    path = root / "journeys" / "large.yaml"
    path.write_text(yaml.safe_dump(journey, sort_keys=False, width=1000), "utf-8")
    return path


def team_template(tmp_path: Path, text: str) -> Path:
    templates = tmp_path / "brand"
    templates.mkdir()
    (templates / "journey.html.j2").write_text(text, encoding="utf-8")
    return templates


# --- team templates -------------------------------------------------------------------


def test_a_team_template_cannot_run_a_process(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    templates = team_template(
        tmp_path,
        "<p>{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}</p>\n",
    )
    code, output = render(JOURNEY, "-o", tmp_path / "out", "--template", templates)
    assert code == 2, output
    assert not marker.exists(), "the template ran a process"
    assert f"{templates / 'journey.html.j2'}:1: template error:" in output
    assert "unsafe" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists(), "something was written"


@pytest.mark.parametrize(
    ("template", "line", "says"),
    [
        ("<p>\n{% if %}\n", 2, "template error: Expected an expression"),
        ("<p>\n\n{{ nothing_called_so.field }}\n", 3, "'nothing_called_so' is undefined"),
        ("<p>\n{{ 1 / 0 }}\n", 2, "division by zero"),
        ('{% extends "journey.html.j2" %}\n', 1, "leads back to itself"),
        ("{% macro again() %}{{ again() }}{% endmacro %}\n{{ again() }}\n", 1, "itself"),
        ("<p>\n{{ doc.__class__.__mro__ }}\n", 2, "unsafe"),
        ("<p>{{ 'x' * 10 ** 12 }}\n", 1, "too large"),
        ("{% for i in range(10 ** 10) %}{% endfor %}\n", 1, "more than a page can use"),
        ("<p>{{ doc.title.encode('ascii') }}\n", 1, "template error: UnicodeEncodeError"),
        ('<p>\n{{ "x"|center(10 ** 8) }}\n', 2, "too large a size for a page"),
        ('<p>{{ "%99999999d"|format(1) }}\n', 1, "too wide for a page"),
        ('<p>{{ "{:>999999999}".format(1) }}\n', 1, "too wide for a page"),
        ('<p>{{ "%99999999d" % 1 }}\n', 1, "too wide for a page"),
        ('<p>{{ "%*d" % (999999999, 1) }}\n', 1, "too large a size for a page"),
    ],
    ids=[
        "syntax",
        "undefined",
        "zero-division",
        "extends-itself",
        "macro-recursion",
        "sandbox",
        "huge-repeat",
        "huge-range",
        "runtime",
        "huge-filter-argument",
        "wide-format-filter",
        "wide-str-format",
        "wide-percent-format",
        "star-percent-format",
    ],
)
def test_a_failing_team_template_names_its_file_and_line(
    tmp_path: Path, template: str, line: int, says: str
) -> None:
    templates = team_template(tmp_path, template)
    code, output = render(JOURNEY, "-o", tmp_path / "out", "--template", templates)
    assert code == 2, output
    assert f"{templates / 'journey.html.j2'}:{line}: " in output
    assert says in output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists(), "something was written"


def test_a_page_larger_than_any_journey_needs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html, "MAX_PAGE", 1_000)
    templates = team_template(tmp_path, "{% for i in range(2000) %}x{% endfor %}\n")
    code, output = render(JOURNEY, "-o", tmp_path / "out", "--template", templates)
    assert code == 2, output
    assert "template error: the page passed 1,000 characters" in output
    assert not (tmp_path / "out").exists(), "something was written"


def test_a_team_template_that_loops_without_end_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html, "TEAM_TEMPLATE_SECONDS", 1)
    templates = team_template(
        tmp_path,
        "<p>\n{% for i in range(1000000) %}{% for j in range(1000000) %}{% endfor %}{% endfor %}\n",
    )
    code, output = render(JOURNEY, "-o", tmp_path / "out", "--template", templates)
    assert code == 2, output
    assert f"{templates / 'journey.html.j2'}:2: template error: the page took longer" in output
    assert not (tmp_path / "out").exists(), "something was written"


def test_a_template_that_is_not_text_is_named(tmp_path: Path) -> None:
    templates = tmp_path / "brand"
    templates.mkdir()
    (templates / "journey.html.j2").write_bytes(b"\xff\xfe<p>\x00")
    code, output = render(JOURNEY, "-o", tmp_path / "out", "--template", templates)
    assert code == 2, output
    assert f"{templates / 'journey.html.j2'}: template error: the template is not UTF-8" in output
    assert not (tmp_path / "out").exists()


def test_a_team_template_still_extends_the_built_in_one_in_the_sandbox(tmp_path: Path) -> None:
    templates = team_template(
        tmp_path,
        '{% extends "cjm/journey.html.j2" %}\n'
        "{% block footer %}<footer>{{ doc.title | upper }} · {{ 2 ** 10 }} · "
        "{{ view.parts | length }} parts</footer>{% endblock %}\n",
    )
    code, output = render(JOURNEY, "-o", tmp_path / "out", "--template", templates)
    assert code == 0, output
    page_text = (tmp_path / "out" / "journeys" / "onboarding-current.html").read_text("utf-8")
    assert "<footer>OPENING A CURRENT ACCOUNT — TODAY · 1024 · " in page_text
    assert "Realises the old account no longer fits" in page_text


# --- figures of any size --------------------------------------------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Journey]:
    path = write_journey(tmp_path_factory.mktemp("small"), 12, stages=2)
    [site] = load_sites([path], cwd=path.parent)
    [journey] = site.journeys
    return site, journey


def with_journey(site: Site, journey: Journey) -> Site:
    """The workspace with ``journey`` in place of its namesake: figures that the schemas
    may refuse still reach the renderers from elsewhere (a future schema, the API)."""
    documents = tuple(journey if d.id == journey.id else d for d in site.documents)
    return replace(site, documents=documents)


def scaled(journey: Journey, low: float, high: float) -> Journey:
    return replace(journey, emotion_scale=EmotionScale(journey.path, min=low, max=high))  # type: ignore[arg-type]


def with_metric(journey: Journey, value: float) -> Journey:
    first = journey.stages[0]
    metric = Metric(first.path, id="reached", name="Reached", type="volume", value=value)
    return replace(journey, stages=(replace(first, metrics=(metric,)), *journey.stages[1:]))


def gridlines(html: str) -> int:
    return len(re.findall(r'<line class="(?:grid|zero)"', html))


@pytest.mark.parametrize(
    ("low", "high", "lines"),
    [(-2, 2, 5), (-2.0, 2.0, 5), (1, 10, 10), (-(10**8), 10**8, 21), (-HUGE, HUGE, 21)],
    ids=["usual", "float-bounds", "one-to-ten", "1e8-wide", "400-digits"],
)
def test_every_scale_draws_a_bounded_number_of_gridlines(
    small: tuple[Site, Journey], low: float, high: float, lines: int
) -> None:
    site, journey = small
    journey = scaled(journey, low, high)
    html = page(with_journey(site, journey), journey, Options())
    [curve, *_] = [
        p.curve
        for p in journey_view(
            with_journey(site, journey), journey, locale="en", steps_per_part=6
        ).parts
    ]
    assert curve is not None and gridlines(str(curve)) == lines
    assert "Step number 11" in html
    if low < 0 < high:
        assert 'class="zero"' in str(curve), "zero stays marked on a scale through zero"


def test_a_400_digit_figure_is_shown_in_scientific_form(small: tuple[Site, Journey]) -> None:
    site, journey = small
    journey = with_metric(scaled(journey, -HUGE, HUGE), HUGE)
    html = page(with_journey(site, journey), journey, Options())
    assert "1e+400" in html and "\u22121e+400" in html  # the metric, and the scale's low end
    assert "9" * 20 not in html


@pytest.mark.parametrize("scale", [(-HUGE, HUGE), (-2.0, 2.0), (-(10**8), 10**8)])
def test_diagrams_place_scores_on_any_scale(
    small: tuple[Site, Journey], scale: tuple[float, float]
) -> None:
    site, journey = small
    journey = scaled(journey, *scale)
    site = with_journey(site, journey)
    graph = dot.render(site, journey, Options()).decode("utf-8")
    diagram = mermaid.render(site, journey, Options())
    assert diagram is not None
    assert graph.count("Step number") == 12 and "fillcolor" in graph
    assert diagram.decode("utf-8").count("Step number") >= 12
    assert [mermaid.mermaid_score(s, scale) for s in (scale[0], 0, scale[1], None)] == [1, 3, 5, 3]
    assert dot.emotion_colour(scale[0], scale) != dot.emotion_colour(scale[1], scale)


def test_the_curve_draws_a_score_beyond_any_float_at_its_edge() -> None:
    assert emotion.gridlines(-HUGE, HUGE)[0] < 0 < emotion.gridlines(-HUGE, HUGE)[-1]
    assert len(emotion.gridlines(-HUGE, HUGE)) <= emotion.MAX_GRIDLINES
    assert emotion.gridlines(0.5, 0.7) == []


# --- large journeys -------------------------------------------------------------------


def test_twenty_thousand_steps_render_to_html_with_every_step(tmp_path: Path) -> None:
    path = write_journey(tmp_path / "ws", 20_000, stages=40)
    code, output = render(path, "-o", tmp_path / "out")
    assert code == 0, output
    html = (tmp_path / "out" / "journeys" / "large.html").read_text("utf-8")
    names = set(re.findall(r"Step number (\d+)<", html))
    assert names == {str(n) for n in range(20_000)}
    parts_per_stage = -(-500 // 6)  # six step columns a part, stages never share one here
    assert html.count('<svg class="curve"') == 40 * parts_per_stage


@pytest.mark.parametrize(
    ("output_format", "layout"), [("pdf", "the PDF"), ("svg", "Graphviz"), ("png", "Graphviz")]
)
def test_a_journey_too_large_to_lay_out_is_refused_up_front(
    tmp_path: Path, output_format: str, layout: str
) -> None:
    limit = FORMATS[output_format].max_steps
    assert limit is not None
    path = write_journey(tmp_path / "ws", limit + 1)
    code, output = render(path, "--format", output_format, "-o", tmp_path / "out")
    assert code == 2, output
    assert (
        f"large.yaml: {limit + 1:,} steps is more than {layout} can lay out "
        f"(limit {limit:,}); render HTML, or split the journey"
    ) in output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "epoch", ["abc", "1e400", "-" + "9" * 30, "9" * 30, "١٢٣", "12.5"], ids=repr
)
def test_a_bad_source_date_epoch_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    path = write_journey(tmp_path / "ws", 3)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code, output = render(path, "--format", "pdf", "-o", tmp_path / "out")
    assert code == 2, output
    assert "SOURCE_DATE_EPOCH=" in output and "not a number of seconds" in output
    assert "Traceback" not in output and not (tmp_path / "out").exists()
