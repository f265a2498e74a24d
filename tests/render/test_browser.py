"""Every rendered page in a real headless Chromium, offline: no request leaves the file,
no console error, and the journey grid is laid out as a grid with sticky lane headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app

from .browser import browser_path, visit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
runner = CliRunner()

LAYOUT = {
    # every lane's cells start at the same height in every stage
    "rows_aligned": """(() => {
        const tops = {};
        for (const row of document.querySelectorAll('tbody tr')) {
            const top = Math.round(row.querySelector('td').getBoundingClientRect().top);
            (tops[row.className] = tops[row.className] || new Set()).add(top);
        }
        return Object.values(tops).every(set => set.size === 1) && Object.keys(tops).length;
    })()""",
    # stages left to right in their declared order
    "stages_in_order": """(() => {
        const lefts = [...document.querySelectorAll('.stagehead:not(.continued)')]
            .map(h => h.getBoundingClientRect().left);
        return lefts.length > 1 && lefts.every((x, i) => i === 0 || x > lefts[i - 1]);
    })()""",
    "sticky": """getComputedStyle(document.querySelector('tbody .lanehead')).position""",
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if browser_path() is None:
        pytest.fail("no Chromium: run `sh scripts/setup.sh test`, which installs it")
    out = tmp_path_factory.mktemp("rendered")
    result = runner.invoke(app, ["render", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


PAGES = sorted(
    p.relative_to(EXAMPLES).with_suffix(".html").as_posix()
    for p in EXAMPLES.glob("*/**/*.yaml")
    if p.name != "cjm.yaml"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "page",
    [
        *PAGES,
        "bank-onboarding/index.html",
        "negozio-omnicanale/index.html",
        "bank-onboarding/report.html",
        "negozio-omnicanale/report.html",
    ],
)
def test_page_opens_offline_with_no_error_and_no_request(
    rendered: Path, page: str, tmp_path: Path
) -> None:
    journey = "/journeys/" in page
    seen = visit(rendered / page, evaluate=LAYOUT if journey else None)
    assert seen.outside_requests == []
    assert seen.console_errors == []
    assert seen.errors == []
    shot = tmp_path / "page.png"
    shot.write_bytes(seen.screenshot)
    assert seen.screenshot.startswith(b"\x89PNG") and len(seen.screenshot) > 10_000
    if journey:
        assert seen.values["rows_aligned"], seen.values
        assert seen.values["stages_in_order"] is True
        assert seen.values["sticky"] == "sticky"
