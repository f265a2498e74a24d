"""`cjm report --format text|markdown`: golden Markdown, the text layout, escaping, locales.

The golden reports of the examples sit in ``tests/report/golden/``;
``CJM_REGENERATE=1 python -m pytest tests/report/test_text_markdown.py``
rewrites them (review the diff before committing it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from cjm.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
WORKSPACES = ("appliance-retail", "bank-onboarding", "negozio-omnicanale")
runner = CliRunner()


def report(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["report", *map(str, args)])
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("workspace", WORKSPACES)
def test_markdown_report_of_the_examples_matches_its_golden_file(workspace: str) -> None:
    code, first = report(f"examples/{workspace}", "--format", "markdown")
    assert code == 0, first
    code, second = report(f"examples/{workspace}", "--format", "markdown")
    assert first == second
    golden = GOLDEN / f"{workspace}.md"
    if os.environ.get("CJM_REGENERATE"):
        golden.write_text(first, encoding="utf-8")
    assert first == golden.read_text(encoding="utf-8")


def test_the_readme_shows_the_markdown_report_of_the_italian_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    golden = (GOLDEN / "negozio-omnicanale.md").read_text(encoding="utf-8")
    assert golden.strip() in readme


def _tables(markdown: str) -> list[list[list[str]]]:
    """Each table of the document as rows of cell texts (header row first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and tables and token.map is not None:
            row.append("".join(c.content for c in token.children or [] if c.type == "text"))
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_markdown_tables_carry_the_figures_a_reader_checks() -> None:
    code, markdown = report("examples/negozio-omnicanale", "--format", "markdown")
    assert code == 0, markdown
    tables = _tables(markdown)
    funnel = next(t for t in tables if t[0][:2] == ["Fase", "Volume"])
    assert [row[:4] for row in funnel[1:]] == [
        ["Bisogno", "180.000 persone", "-", "-"],
        ["Ricerca online", "64.000 persone", "35,6%", "64,4%"],
        ["Confronto", "21.000 persone", "32,8%", "67,2%"],
        ["Acquisto in negozio", "7.400 acquisti", "35,2%", "64,8%"],
        ["Utilizzo e fedeltà", "2.300 clienti", "31,1%", "68,9%"],
    ]
    coverage = tables[0]
    assert coverage[0] == [
        "Canale",
        "Bisogno",
        "Ricerca online",
        "Confronto",
        "Acquisto in negozio",
        "Utilizzo e fedeltà",
        "Totale",
    ]
    negozio = next(r for r in coverage if r[0].startswith("Negozio"))
    assert negozio[1:] == [".", ".", ".", "2", "2", "4"]
    # the emotion drops of -3 (back from the store, then the exchange refused) and -2
    # open the hand-off table
    handoffs = next(t for t in tables if t[0][0] == "Da" and len(t[0]) == 4)
    assert [row[2][-4:] for row in handoffs[1:4]] == ["(\u22123)", "(\u22123)", "(\u22122)"]


def test_english_labels_with_locale_en() -> None:
    code, markdown = report("examples/negozio-omnicanale", "-f", "markdown", "--locale", "en")
    assert code == 0, markdown
    assert "#### Channel coverage" in markdown and "Copertura dei canali" not in markdown
    assert "180,000 persone" in markdown  # author words stay, figures follow the locale


def test_text_report_aligns_its_tables_in_columns() -> None:
    code, text = report("examples/bank-onboarding")
    assert code == 0, text
    lines = text.splitlines()
    header = next(
        i for i, line in enumerate(lines) if line.startswith("Stage ") and "Volume" in line
    )
    columns = [m.span() for m in re.finditer(r"-+", lines[header + 1])]
    assert len(columns) == 5
    rows = lines[header + 2 : header + 7]
    # figures end on their column's right edge; stage names start on the left one
    for row in rows:
        for _start, end in columns[1:]:
            assert row[end - 1] != " " and (end == len(row) or row[end] == " "), row
        assert row[columns[0][0]] != " "
    assert rows[0].split("  ")[0].strip() == "Need and awareness"
    assert "120,000 people" in rows[0] and "35.0%" in rows[1]


def _hostile_workspace(tmp_path: Path) -> Path:
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "negozio-omnicanale", workspace)
    path = workspace / "journeys" / "acquisto-running-attuale.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = "# Heading? [link](http://evil.example) <b>bold</b>"
    stage = data["stages"][0]
    stage["name"] = "| pipe | *star* `tick`"
    step = stage["steps"][0]
    step["pain_points"][0]["description"] = "<script>alert(1)</script> ![img](x.png)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return workspace


def test_markdown_escapes_author_text(tmp_path: Path) -> None:
    workspace = _hostile_workspace(tmp_path)
    code, markdown = report(workspace, "-f", "markdown")
    assert code == 0, markdown
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in html and "<b>" not in html and "<img" not in html
    assert "<a " not in html and "<em>" not in html and "<code>" not in html
    tables = _tables(markdown)
    assert tables[0][0][1] == "| pipe | *star* `tick`"  # one cell, not three
    assert "<script>alert(1)</script> ![img](x.png)" in html.replace("&lt;", "<").replace(
        "&gt;", ">"
    )


def test_text_report_drops_control_characters(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "bank-onboarding", workspace)
    path = workspace / "journeys" / "onboarding-current.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["stages"][0]["name"] = "Need\x1b[2J and\nawareness"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, text = report(workspace)
    assert code == 0, text
    assert "\x1b" not in text
    assert "Need and awareness" in text  # the escape sequence goes whole


def test_output_file_is_written_and_matches_standard_output(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    code, printed = report("examples/bank-onboarding", "-f", "markdown")
    assert code == 0
    code, output = report("examples/bank-onboarding", "-f", "markdown", "-o", target)
    assert code == 0, output
    assert target.read_text(encoding="utf-8") == printed


def test_a_file_with_an_error_reports_where_and_writes_nothing(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "bank-onboarding", workspace)
    broken = workspace / "journeys" / "onboarding-current.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("stages:", "stages: [", 1), encoding="utf-8"
    )
    target = tmp_path / "report.md"
    code, output = report(workspace, "-f", "markdown", "-o", target)
    assert code == 2
    assert "onboarding-current.yaml:" in output
    assert not target.exists()
    assert "Traceback" not in output


def test_several_workspaces_make_one_report_each_in_its_own_language() -> None:
    code, text = report("examples/bank-onboarding", "examples/negozio-omnicanale")
    assert code == 0, text
    assert text.index("Journey report: Northbridge Bank") < text.index(
        "Rapporto sui percorsi: PassoLungo"
    )
    code, text = report("examples/bank-onboarding", "examples/negozio-omnicanale", "--locale", "it")
    assert code == 0, text
    assert "Rapporto sui percorsi: Northbridge Bank" in text


def test_problems_go_to_standard_error_so_a_json_pipe_gets_nothing(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "bank-onboarding", workspace)
    journey = workspace / "journeys" / "onboarding-current.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("channels: [website]", "channels: [websit]", 1),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "cjm", "report", str(workspace), "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert re.search(
        r"onboarding-current\.yaml:\d+:\d+: \[error\] unknown channel 'websit'", done.stderr
    )
    assert "no report was made" in done.stderr and "Traceback" not in done.stderr


def test_a_locale_without_labels_is_refused() -> None:
    code, output = report("examples/bank-onboarding", "--locale", "fr")
    assert code == 2
    assert "--locale fr: cjm has labels in en, it" in output
    code, output = report("examples/bank-onboarding", "--locale", "it-CH")
    assert code == 0 and "Copertura dei canali" in output


def test_text_report_fits_a_hundred_columns() -> None:
    from cjm.report.text import width

    for workspace in WORKSPACES:
        code, text = report(f"examples/{workspace}")
        assert code == 0, text
        assert max(width(line) for line in text.splitlines()) <= 100
    # a wrapped cell keeps its words in order, across lines (other columns in between)
    code, text = report("examples/negozio-omnicanale")
    note = (
        "Senza tessera l'acquisto in negozio non arriva al profilo online, e quello sul "
        "marketplace resta al marketplace; la newsletter non sa che cosa il cliente ha comprato."
    )
    stream = iter(text.split())
    assert all(word in stream for word in note.split())


def test_current_vs_future_lists_resolved_kept_and_new_pain_points() -> None:
    code, markdown = report("examples/negozio-omnicanale", "-f", "markdown")
    assert code == 0, markdown
    section = markdown[markdown.index("### Attuale e futuro a confronto") :]
    kept = section[section.index("#### Punti di attrito rimasti") :]
    assert (
        "- Nessuno avvisa il cliente che le scarpe hanno superato i km consigliati. "
        "(media → bassa)" in kept
    )
    assert "#### Punti di attrito risolti" in section and "#### Nuovi punti di attrito" in section


def test_output_to_dev_stdout_appends_to_a_redirected_file_and_feeds_a_pipe(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("previous line\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "cjm",
        "report",
        "examples/bank-onboarding",
        "-f",
        "json",
        "-o",
        "/dev/stdout",
    ]
    with log.open("a", encoding="utf-8") as stream:
        done = subprocess.run(
            command, stdout=stream, stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False
        )
    assert done.returncode == 0, done.stderr
    content = log.read_text(encoding="utf-8")
    assert content.startswith("previous line\n{")
    piped = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith('{\n  "report": 1,')
