"""`cjm render --format html`: golden pages, escaping, locales, templates, failures.

The golden pages of the examples sit in ``tests/render/golden-html/``;
``CJM_REGENERATE=1 python -m pytest tests/render/test_html.py`` rewrites them
(review the diff before committing it).
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden-html"
WORKSPACES = ("appliance-retail", "bank-onboarding", "negozio-omnicanale")
runner = CliRunner()


def render(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["render", *map(str, args)])
    return result.exit_code, result.output


def pages(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.html"))
    }


@pytest.mark.parametrize("workspace", WORKSPACES)
def test_examples_match_their_golden_pages_byte_for_byte(workspace: str, tmp_path: Path) -> None:
    code, output = render(EXAMPLES / workspace, "-o", tmp_path / "one")
    assert code == 0, output
    code, output = render(EXAMPLES / workspace, "-o", tmp_path / "two")
    assert code == 0, output
    first, second = pages(tmp_path / "one"), pages(tmp_path / "two")
    assert first == second
    golden = GOLDEN / workspace
    if os.environ.get("CJM_REGENERATE"):
        for name, content in first.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(content)
    assert sorted(first) == sorted(pages(golden)), "a page appeared or disappeared"
    for name, content in first.items():
        assert content == (golden / name).read_bytes(), f"{name} differs from its golden page"


def test_a_workspace_renders_one_page_per_document_and_an_index(tmp_path: Path) -> None:
    code, output = render(EXAMPLES / "bank-onboarding", "-o", tmp_path)
    assert code == 0, output
    rendered = sorted(pages(tmp_path))
    assert rendered == [
        "channels.html",
        "empathy-maps/graham-mover-empathy.html",
        "empathy-maps/priya-switcher-empathy.html",
        "index.html",
        "journeys/onboarding-current.html",
        "journeys/onboarding-future.html",
        "personas/graham-mover.html",
        "personas/priya-switcher.html",
        "report.html",
        "research/reality-map.html",
    ]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for page in rendered:
        if page != "index.html":
            assert f'href="{page}"' in index
    assert f"wrote {tmp_path / 'index.html'}" in output


def test_a_single_file_renders_alone_without_an_index(tmp_path: Path) -> None:
    journey = EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml"
    code, output = render(journey, "-o", tmp_path)
    assert code == 0, output
    assert sorted(pages(tmp_path)) == ["journeys/onboarding-current.html"]


class Elements(HTMLParser):
    """Every start tag with its attributes, and every run of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def test_a_journey_page_is_self_contained(tmp_path: Path) -> None:
    render(EXAMPLES / "negozio-omnicanale", "-o", tmp_path)
    for name in pages(tmp_path):
        page = parse((tmp_path / name).read_text(encoding="utf-8"))
        tags = {tag for tag, _ in page.tags}
        assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}, name
        csp = [
            a["content"]
            for t, a in page.tags
            if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
        ]
        assert csp and "default-src 'none'" in (csp[0] or ""), name
        for _tag, attributes in page.tags:
            for attribute in ("href", "src", "xlink:href"):
                value = attributes.get(attribute) or ""
                assert not re.match(r"^[a-z][a-z0-9+.-]*:", value), (name, value)
        assert "@import" not in page.style and "url(" not in page.style


PAYLOADS = (
    "<script>alert(1)</script>",
    '" onerror="alert(2)',
    "</style><b>x</b>",
    "javascript:alert(3)",
    "<img src=x onerror=alert(4)>",
    "{{ 7*7 }}",
    "]]><svg onload=alert(5)>",
    "&lt;escaped&gt; & done",
)


def hostile_workspace(folder: Path) -> int:
    """A workspace whose every free-text field carries a markup payload; returns how
    many fields were filled."""
    counter = iter(range(10_000))

    def text(prefix: str = "") -> str:
        n = next(counter)
        return f"{prefix}P{n}:{PAYLOADS[n % len(PAYLOADS)]}"

    def step(n: int) -> dict[str, object]:
        return {
            "id": f"s{n}",
            "name": text(),
            "description": text(),
            "actions": [text(), text()],
            "thoughts": [text()],
            "emotion": {"p-one": -1, "p-two": 1} if n % 2 else n % 3 - 1,
            "emotion_note": text(),
            "touchpoints": [
                {
                    "id": f"tp{n}",
                    "name": text(),
                    "description": text(),
                    "channels": ["web"],
                    "potential_channels": ["shop"],
                    "handoff": text(),
                    "evidence": ["f-1"],
                }
            ],
            "pain_points": [
                {"id": f"pp{n}", "description": text(), "severity": "high", "evidence": ["f-1"]}
            ],
            "opportunities": [
                {"id": f"op{n}", "description": text(), "owner": text(), "addresses": [f"pp{n}"]}
            ],
            "backstage": [
                {"id": f"b{n}", "description": text(), "owner": text(), "system": text()}
            ],
            "support": [{"id": f"u{n}", "description": text()}],
            "metrics": [
                {"id": f"m{n}", "name": text(), "value": 3, "unit": text(), "period": text()}
            ],
        }

    journey = {
        "kind": "journey",
        "id": "hostile",
        "title": text(),
        "description": text(),
        "owner": text(),
        "state": "current",
        "personas": ["p-one", "p-two"],
        "metrics": [{"id": "jm", "name": text(), "value": 1}],
        "stages": [
            {
                "id": f"st{k}",
                "name": text(),
                "description": text(),
                "metrics": [{"id": f"sm{k}", "name": text(), "value": 2}],
                "steps": [step(k * 2), step(k * 2 + 1)],
            }
            for k in range(2)
        ],
    }
    personas = [
        {
            "kind": "persona",
            "id": pid,
            "name": text(),
            "title": text(),
            "segment": text(),
            "quote": text(),
            "goals": [text()],
            "needs": [text()],
            "frustrations": [text()],
            "behaviours": [text()],
            "demographics": {"city": text()},
            "preferred_channels": ["web"],
        }
        for pid in ("p-one", "p-two")
    ]
    empathy = {
        "kind": "empathy-map",
        "id": "em",
        "title": text(),
        "persona": "p-one",
        "goal": text(),
        **{
            k: [text()]
            for k in ("says", "thinks", "does", "feels", "sees", "hears", "pains", "gains")
        },
    }
    reality = {
        "kind": "reality-map",
        "id": "rm",
        "title": text(),
        "description": text(),
        "sources": [
            {
                "id": "src",
                "name": text(),
                "description": text(),
                "party": "third",
                "provider": text(),
                "personal_data": True,
                "system": text(),
                "collected": text(),
            }
        ],
        "findings": [{"id": "f-1", "statement": text(), "sources": ["src"]}],
        "assumptions": [{"id": "a-1", "statement": text(), "validation": text()}],
    }
    channels = {
        "kind": "channels",
        "id": "ch",
        "title": text(),
        "channels": [
            {"id": "web", "name": text(), "type": "digital", "description": text()},
            {"id": "shop", "name": text(), "type": "physical"},
        ],
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cjm.yaml").write_text(
        yaml.safe_dump({"kind": "workspace", "version": 1, "name": text()}), encoding="utf-8"
    )
    documents = [journey, *personas, empathy, reality, channels]
    for document in documents:
        (folder / f"{document['id']}.yaml").write_text(
            yaml.safe_dump(document, allow_unicode=True), encoding="utf-8"
        )
    return next(counter)


def test_no_author_string_survives_as_markup(tmp_path: Path) -> None:
    filled = hostile_workspace(tmp_path / "ws")
    code, output = render(tmp_path / "ws", "-o", tmp_path / "out")
    assert code == 0, output
    seen: set[str] = set()
    for name, raw in pages(tmp_path / "out").items():
        html = raw.decode("utf-8")
        page = parse(html)
        assert "<script" not in html.lower(), name
        assert html.count("</style>") == 1, name
        for tag, attributes in page.tags:
            assert tag not in ("script", "img", "b", "svg") or (
                tag == "svg" and not any(k.startswith("on") for k in attributes)
            ), (name, tag)
            for key, value in attributes.items():
                assert not key.startswith("on"), (name, tag, key)
                assert not (value or "").lower().startswith("javascript:"), (name, tag, key)
        text = "".join(page.text) + " ".join(
            v or "" for _t, a in page.tags for k, v in a.items() if k.startswith("aria")
        )
        for n in range(filled):
            marker = f"P{n}:{PAYLOADS[n % len(PAYLOADS)]}"
            if marker in text:
                seen.add(marker)
        assert "49" not in re.findall(r"\b49\b", "".join(page.text)), "a template ran"
    # every field shows up somewhere, as the very text the author wrote
    assert len(seen) == filled, sorted(
        f"P{n}" for n in range(filled) if f"P{n}:{PAYLOADS[n % len(PAYLOADS)]}" not in seen
    )


def test_labels_follow_the_locale_and_author_text_is_kept(tmp_path: Path) -> None:
    journey = EXAMPLES / "negozio-omnicanale" / "journeys" / "acquisto-running-attuale.yaml"
    render(journey, "-o", tmp_path / "it")
    render(journey, "-o", tmp_path / "en", "--locale", "en")
    italian = (tmp_path / "it/journeys/acquisto-running-attuale.html").read_text("utf-8")
    english = (tmp_path / "en/journeys/acquisto-running-attuale.html").read_text("utf-8")
    assert '<html lang="it">' in italian and '<html lang="en">' in english
    assert "Punti di attrito" in italian and "Pain points" not in italian
    assert "Pain points" in english and "Punti di attrito" not in english
    for page in (italian, english):
        assert "Si accorge che le scarpe sono da cambiare" in page
        assert "Acquisto di scarpe da running — oggi" in page


def test_lanes_with_no_content_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "j.yaml").write_text(
        "kind: journey\nid: j\ntitle: Small\nstages:\n  - id: a\n    name: Only stage\n"
        "    steps:\n      - id: s\n        name: Only step\n        actions: [Looks]\n",
        encoding="utf-8",
    )
    code, output = render(tmp_path / "ws" / "j.yaml", "-o", tmp_path / "out")
    assert code == 0, output
    page = (tmp_path / "out" / "j.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="r-([a-z_-]+)"', page)
    assert rows == ["stage", "step", "actions"]


def test_future_page_overlays_the_current_curve(tmp_path: Path) -> None:
    render(EXAMPLES / "negozio-omnicanale", "-o", tmp_path)
    future = (tmp_path / "journeys/acquisto-running-futuro.html").read_text("utf-8")
    current = (tmp_path / "journeys/acquisto-running-attuale.html").read_text("utf-8")
    assert 'class="legend"' in future and "Stato attuale" in future
    assert future.count('stroke="#595959"') > 0  # the current state's grey line
    assert 'stroke="#595959" stroke-width="2" cx=' not in current


def test_several_personas_get_one_curve_each_with_a_legend(tmp_path: Path) -> None:
    render(EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml", "-o", tmp_path)
    page = (tmp_path / "journeys/onboarding-current.html").read_text("utf-8")
    legend = page[page.index('class="legend"') : page.index('class="grid-scroll"')]
    assert "Priya Shah" in legend and "Graham Okafor" in legend
    assert 'stroke-dasharray="7 4"' in page  # the second persona's dashed line
    assert "<desc" in page and "Priya Shah: " in page  # the curve's text alternative


def test_a_team_template_overrides_a_block(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "journey.html.j2").write_text(
        '{% extends "cjm/journey.html.j2" %}\n'
        '{% block footer %}<footer class="team">Northbridge CX — {{ doc.title }}</footer>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    journey = EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml"
    code, output = render(journey, "-o", tmp_path / "out", "--template", templates)
    assert code == 0, output
    page = (tmp_path / "out/journeys/onboarding-current.html").read_text("utf-8")
    assert (
        '<footer class="team">Northbridge CX — Opening a current account — today</footer>' in page
    )
    assert "Realises the old account no longer fits" in page


def test_a_broken_team_template_is_reported_without_a_traceback(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "journey.html.j2").write_text(
        "{% block footer %}\n{% endblok %}\n", encoding="utf-8"
    )
    journey = EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml"
    code, output = render(journey, "-o", tmp_path / "out", "--template", templates)
    assert code == 2
    assert "journey.html.j2:2: template error" in output
    assert "Traceback" not in output and not (tmp_path / "out").exists()
    code, output = render(journey, "-o", tmp_path / "out", "--template", tmp_path / "nope")
    assert code == 2 and "not a folder of templates (from --template" in output


def test_an_invalid_workspace_is_not_rendered(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(
        "kind: journey\nid: j\nstages: []\ntitel: x\n", encoding="utf-8"
    )
    code, output = render(tmp_path / "j.yaml", "-o", tmp_path / "out")
    assert code == 2
    assert "j.yaml:4:1:" in output and "nothing was rendered" in output
    assert not (tmp_path / "out").exists()


def test_broken_yaml_is_reported_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text("kind: journey\nid: [j\n", encoding="utf-8")
    code, output = render(tmp_path / "j.yaml", "-o", tmp_path / "out")
    assert code == 2 and "j.yaml:" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_leaves_nothing_behind(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should go", encoding="utf-8")
    journey = EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml"
    code, output = render(journey, "-o", blocker)
    assert code == 2 and "cannot write" in output
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should go"


def test_out_dash_prints_a_single_page(tmp_path: Path) -> None:
    journey = EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml"
    code, output = render(journey, "-o", "-")
    assert code == 0 and output.startswith("<!DOCTYPE html>")
    code, output = render(EXAMPLES / "bank-onboarding", "-o", "-")
    assert code == 2 and "prints one html output" in output


def test_two_outputs_with_one_name_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    import shutil

    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "bank-onboarding", workspace)
    text = (workspace / "journeys" / "onboarding-current.yaml").read_text(encoding="utf-8")
    # a journey saved as report.yaml next to cjm.yaml would take the report page's name
    (workspace / "report.yaml").write_text(
        text.replace("id: onboarding-current", "id: onboarding-report", 1).replace(
            "counterpart: onboarding-future\n", ""
        ),
        encoding="utf-8",
    )
    code, output = render(workspace, "-o", tmp_path / "out")
    assert code == 2
    assert "two outputs would be written to report.html" in output
    assert not (tmp_path / "out").exists()
