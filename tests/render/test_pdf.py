"""`cjm render --format pdf`: real WeasyPrint output, read back with pypdf."""

from __future__ import annotations

import re
import socket
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.model import Journey, build
from cjm.render import pdf
from cjm.render.pdf import LANE_COLUMN_MM, STEP_COLUMN_MM, page_size

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
MM = 72 / 25.4  # points per millimetre
runner = CliRunner()
JOURNEYS = sorted(EXAMPLES.glob("*/journeys/*.yaml"))


def render(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["render", "--format", "pdf", *map(str, args)])
    return result.exit_code, result.output


def columns_text(path: Path) -> str:
    """The PDF's text read column by column of the journey grid, top to bottom in each,
    so that a name wrapped over several lines of its cell reads as one."""
    reader = PdfReader(path)
    chunks: list[tuple[int, int, float, float, str]] = []
    for number, page in enumerate(reader.pages):

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            _font: object,
            _size: object,
            number: int = number,
        ) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            column = int((x - (10 + LANE_COLUMN_MM) * MM) // (STEP_COLUMN_MM * MM))
            chunks.append((number, column, -round(y, 1), x, text))

        page.extract_text(visitor_text=visit)
    chunks.sort()
    return re.sub(r"\s+", " ", " ".join(c[4] for c in chunks))


def embedded_fonts(path: Path) -> set[str]:
    """The fonts of the PDF, each of which must carry its own glyphs."""
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    descriptor["/FontName"]
                )
                names.add(str(descriptor["/FontName"]))
    return names


def journey_model(path: Path) -> Journey:
    import yaml

    model = build("journey", yaml.safe_load(path.read_text(encoding="utf-8")))
    assert isinstance(model, Journey)
    return model


@pytest.mark.parametrize("path", JOURNEYS, ids=lambda p: p.stem)
def test_every_stage_and_step_name_is_in_the_pdf_text(path: Path, tmp_path: Path) -> None:
    code, output = render(path, "-o", tmp_path)
    assert code == 0, output
    (made,) = tmp_path.rglob("*.pdf")
    text = columns_text(made)
    journey = journey_model(path)
    for stage in journey.stages:
        assert stage.name in text, stage.name
    for step in journey.steps:
        assert step.name in text, step.name
    assert journey.title is not None and journey.title in text


def test_two_renders_are_byte_identical_and_fonts_are_embedded(tmp_path: Path) -> None:
    journey = EXAMPLES / "negozio-omnicanale" / "journeys" / "acquisto-running-futuro.yaml"
    for out in ("one", "two"):
        code, output = render(journey, "-o", tmp_path / out)
        assert code == 0, output
    one = (tmp_path / "one/journeys/acquisto-running-futuro.pdf").read_bytes()
    two = (tmp_path / "two/journeys/acquisto-running-futuro.pdf").read_bytes()
    assert one == two
    assert one.startswith(b"%PDF-")
    assert embedded_fonts(tmp_path / "one/journeys/acquisto-running-futuro.pdf")
    assert b"/CreationDate" not in one and b"/ModDate" not in one


def small_workspace(folder: Path, *, stages: int = 4, steps: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["kind: journey", "id: small", "title: Small journey", "state: current", "stages:"]
    for s in range(stages):
        lines += [f"  - id: st{s}", f"    name: Stage {s}", "    steps:"]
        for k in range(steps):
            lines += [
                f"      - id: s{s}-{k}",
                f"        name: Step {s}.{k}",
                "        actions: [Does one thing]",
                f"        emotion: {(s + k) % 3 - 1}",
            ]
    path = folder / "small.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("size", "pages"),
    [
        # A3 landscape: 6 step columns a page, so two pages of two stages each
        (None, 2),
        # A4 landscape: 4 columns; each 3-step stage gets a page of its own
        ("A4 landscape", 4),
        # A4 portrait: 2 columns; each stage splits into 2 + 1 steps, one table a page
        ("A4 portrait", 8),
    ],
)
def test_page_count_follows_the_page_size(size: str | None, pages: int, tmp_path: Path) -> None:
    journey = small_workspace(tmp_path / "ws")
    extra = ["--page-size", size] if size else []
    code, output = render(journey, "-o", tmp_path / "out", *extra)
    assert code == 0, output
    reader = PdfReader(tmp_path / "out" / "small.pdf")
    assert len(reader.pages) == pages
    width, height = page_size(size).css, reader.pages[0].mediabox
    if size is None or "landscape" in size:
        assert height.width > height.height, width
    else:
        assert height.width < height.height, width
    last = reader.pages[-1].extract_text()
    assert f"{pages}" in last and "Page" in last  # "Page x of y" in the footer


def test_the_footer_date_honours_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = small_workspace(tmp_path / "ws", stages=1, steps=1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    code, output = render(journey, "-o", tmp_path / "out")
    assert code == 0, output
    text = PdfReader(tmp_path / "out" / "small.pdf").pages[0].extract_text()
    assert "2026-01-01" in text and "Small journey" in text


def test_unknown_page_sizes_are_refused(tmp_path: Path) -> None:
    journey = small_workspace(tmp_path / "ws", stages=1, steps=1)
    for bad in ("A3 sideways", "huge", "1mm; } body { color: red", "10mm"):
        code, output = render(journey, "-o", tmp_path / "out", "--page-size", bad)
        assert code == 2, bad
        assert "unknown page size" in output
    assert not (tmp_path / "out").exists()


def test_outside_files_and_urls_are_never_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    connections: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connections.append(listener.accept())
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    outside = tmp_path / "outside.css"
    outside.write_text("body { color: red }", encoding="utf-8")
    inside = tmp_path / "ws" / "logo.svg"
    journey = small_workspace(tmp_path / "ws", stages=1, steps=1)
    (tmp_path / "ws" / "cjm.yaml").write_text("kind: workspace\nversion: 1\n", encoding="utf-8")
    inside.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', encoding="utf-8"
    )
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "journey.html.j2").write_text(
        '{% extends "cjm/journey.html.j2" %}{% block footer %}'
        f'<img src="http://127.0.0.1:{port}/tracker.png">'
        f'<link rel="stylesheet" href="{outside.as_uri()}">'
        '<img src="../outside.css"><img src="logo.svg">'
        "{% endblock %}",
        encoding="utf-8",
    )
    fetchers: list[object] = []
    original = pdf.local_fetcher

    def spy(root: Path) -> object:
        fetcher = original(root)
        fetchers.append(fetcher)
        return fetcher

    monkeypatch.setattr(pdf, "local_fetcher", spy)
    try:
        code, output = render(journey, "-o", tmp_path / "out", "--template", templates)
    finally:
        stop.set()
        thread.join()
        listener.close()
    assert code == 0, output
    assert (tmp_path / "out" / "small.pdf").read_bytes().startswith(b"%PDF-")
    assert connections == []
    (fetcher,) = fetchers
    refused = fetcher.refused  # type: ignore[attr-defined]
    assert f"http://127.0.0.1:{port}/tracker.png" in refused
    assert outside.as_uri() in refused
    assert not any(url.endswith("logo.svg") for url in refused)  # inside the workspace
