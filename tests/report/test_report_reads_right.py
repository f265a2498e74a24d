"""What a reader of the report notices in the sections on timing, hand-offs between
channels, the funnel across journeys and lenses.

The workspace is the one of the branching-journey tests (`test_paths_moments_owners`):
step s2 comes 30 minutes after s1 (`PT30M`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cjm.cli import app
from tests.report.test_paths_moments_owners import _workspace

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _report(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["report", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_time_since_the_previous_step_is_said_in_words(tmp_path: Path) -> None:
    """`PT30M` reads as the journey page says it, in every format and language."""
    root = _workspace(tmp_path)
    text = _report(root)
    assert "30 minutes later" in text
    assert "PT30M" not in text
    markdown = _report(root, "--format", "markdown", "--locale", "it")
    assert "| 30 minuti dopo |" in markdown
    assert "PT30M" not in markdown
    html = _report(root, "--format", "html", "--locale", "it")
    assert "<td>30 minuti dopo</td>" in html
    assert "PT30M" not in html


def test_a_workspace_locale_in_capitals_still_names_framework_stages_in_italian(
    tmp_path: Path,
) -> None:
    """`locale: IT` is Italian wherever cjm reads a locale: the persona comparison names
    the stages of the built-in framework `linear-five` in Italian, as render does."""
    root = tmp_path / "negozio"
    shutil.copytree(EXAMPLES / "negozio-omnicanale", root)
    config = root / "cjm.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("\nlocale: it\n", "\nlocale: IT\n"),
        encoding="utf-8",
    )
    data = json.loads(_report(root, "--format", "json"))
    comparison = data["workspaces"][0]["personas"][0]
    assert [s["name"] for s in comparison["stages"]][:2] == ["Bisogno", "Conoscenza"]
    assert comparison["funnel"]["stages"][0]["name"] == "Bisogno"


def test_a_lens_no_journey_maps_stops_report_as_it_stops_render(tmp_path: Path) -> None:
    """The appliance journeys map 5A and see-think-do-care, not AIDA: both commands
    exit 2 with the same message, naming the lenses the journeys do map."""
    example = EXAMPLES / "appliance-retail"
    report = CliRunner().invoke(app, ["report", str(example), "--lens", "aida"])
    render = CliRunner().invoke(
        app, ["render", str(example), "--lens", "aida", "-o", str(tmp_path / "site")]
    )
    assert (report.exit_code, render.exit_code) == (2, 2)
    message = "the lenses they map: 5a, appliance-path, see-think-do-care"
    assert "--lens aida: no journey maps its stages to aida" in report.output
    assert message in report.output
    assert message in render.output
    assert "Traceback" not in report.output


def test_a_step_reached_by_two_hand_offs_of_one_channel_pair_is_listed_once() -> None:
    """In Aisha's kitchen today, the showroom visit is reached from the website twice:
    after the shortlist (website and app → store) and back from comparing at home
    (website → store). The pair Website → Store counts 2 hand-offs and names the one
    step once, with the two steps they come from; Brightwell app → Store counts 1."""
    example = str(EXAMPLES / "appliance-retail")
    markdown = _report(Path(example), "--format", "markdown", "--locale", "it")
    assert (
        "| Website | Store | 2 | showroom-visit (da saves-shortlist, compares-at-home) |"
        in markdown
    )
    assert "| Brightwell app | Store | 1 | showroom-visit |" in markdown
    assert "showroom-visit, showroom-visit" not in markdown
    html = _report(Path(example), "--format", "html")
    assert (
        '<td class="num">2</td><td>Sees and hears the appliances in the showroom (from '
        "Saves a shortlist, Compares specifications at home)</td>"
    ) in html


def _journey(persona: str, stages: list[tuple[str, int]]) -> str:
    lines = [
        "kind: journey",
        f"id: buy-{persona}",
        f"title: Buying, {persona}",
        f"personas: [{persona}]",
        "stages:",
    ]
    for stage, volume in stages:
        lines += [
            f"  - id: {stage}",
            f"    name: {stage.title()}",
            f"    metrics: [{{id: v-{stage}, name: People, type: volume, value: {volume}}}]",
            "    steps:",
            f"      - {{id: {persona}-{stage}, name: Step, emotion: 0}}",
        ]
    return "\n".join(lines) + "\n"


def test_a_rate_no_journey_can_compare_is_not_computed(tmp_path: Path) -> None:
    """Ana goes need (100) → explore (50), Ben need (200) → compare (80); no framework,
    so the stages meet by id, in the order need, compare, explore (explore and compare
    are never in one journey: by id). Compare from need is Ben's alone, 80 / 200 =
    40.0%; no journey has both compare and explore, so that conversion is not
    computed (rather than 50 / 80 = 62.5%); explore of need is Ana's, 50 / 100 = 50.0%."""
    files = {
        "cjm.yaml": "kind: workspace\nversion: 1\nname: Skips\nlocale: en\n",
        "personas/ana.yaml": "kind: persona\nid: ana\nname: Ana\n",
        "personas/ben.yaml": "kind: persona\nid: ben\nname: Ben\n",
        "journeys/ana.yaml": _journey("ana", [("need", 100), ("explore", 50)]),
        "journeys/ben.yaml": _journey("ben", [("need", 200), ("compare", 80)]),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    data = json.loads(_report(tmp_path, "--format", "json"))
    funnel = data["workspaces"][0]["personas"][0]["funnel"]
    rows = [(r["stage"], r["volume"], r["conversion"], r["from_top"]) for r in funnel["stages"]]
    assert rows == [
        ("need", 300, None, 1),
        ("compare", 80, 0.4, 0.4),
        ("explore", 50, None, 0.5),
    ]
    text = " ".join(_report(tmp_path, "--locale", "it").split())
    assert "Explore da Compare: nessuno, non calcolabile" in text


def test_a_state_with_one_persona_line_does_not_claim_the_lines_agree() -> None:
    """The future state of the appliance example has Aisha's journey only: there is no
    other line, so the report says that rather than "the emotion lines do not diverge"."""
    text = _report(EXAMPLES / "appliance-retail")
    future = text[text.index("Persona comparison: Future state") :]
    future = future[: future.index("Prevailing journey model")]
    assert "One persona line only: there is no other to compare it with." in future
    assert "do not diverge" not in future


def _scored(persona: str, stages: list[tuple[str, int]]) -> str:
    text = _journey(persona, [(stage, 10) for stage, _ in stages])
    for stage, emotion in stages:
        text = text.replace(
            f"{{id: {persona}-{stage}, name: Step, emotion: 0}}",
            f"{{id: {persona}-{stage}, name: Step, emotion: {emotion}}}",
        )
    return text


def _workspace_of(root: Path, journeys: dict[str, list[tuple[str, int]]]) -> Path:
    files = {"cjm.yaml": "kind: workspace\nversion: 1\nname: Ties\nlocale: en\n"}
    for who, stages in journeys.items():
        files[f"personas/{who}.yaml"] = f"kind: persona\nid: {who}\nname: {who.title()}\n"
        files[f"journeys/{who}.yaml"] = _scored(who, stages)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_lines_that_tie_are_all_named(tmp_path: Path) -> None:
    """Need: Ana +1, Ben +1, Cy -1: the highest is Ana and Ben together (+1), the lowest
    Cy (-1); the spread is 2. The model (stages most lines go through) is need, explore,
    buy; Ana and Ben follow it, 2 of 3: more than half, nothing more to say."""
    root = _workspace_of(
        tmp_path,
        {
            "ana": [("need", 1), ("explore", 0), ("buy", 0)],
            "ben": [("need", 1), ("explore", 0), ("buy", 0)],
            "cy": [("need", -1), ("buy", 0)],
        },
    )
    markdown = _report(root, "--format", "markdown")
    assert "| Need | 2 | Ana, Ben +1 | Cy \u22121 |" in markdown
    assert "Followed by: Ana (Buying, ana), Ben (Buying, ben) (2 of 3 lines)." in markdown
    assert "Fewer than half of the journeys follow this model" not in markdown
    html = _report(root, "--format", "html")
    assert "<td>Ana, Ben <strong>+1</strong></td>" in html


def test_a_model_fewer_than_half_follow_says_so(tmp_path: Path) -> None:
    """Ana goes a → b, Ben b → c, Cy a → c: each stage is in 2 of the 3 lines, so the
    model is a, b, c, and no line goes through all three: 0 of 3 follow it, which the
    report says rather than let the model pass for the prevailing path."""
    root = _workspace_of(
        tmp_path,
        {
            "ana": [("a", 0), ("b", 0)],
            "ben": [("b", 0), ("c", 0)],
            "cy": [("a", 0), ("c", 0)],
        },
    )
    markdown = _report(root, "--format", "markdown")
    assert "(0 of 3 lines)" in markdown
    assert "Fewer than half of the journeys follow this model" in markdown
    html = _report(root, "--format", "html", "--locale", "it")
    assert "Meno della metà dei percorsi segue questo modello" in html
