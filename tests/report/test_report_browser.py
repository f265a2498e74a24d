"""The HTML report of each example in a real headless Chromium, offline: no request
leaves the file, no console error or exception, the SVG funnels are drawn with a size,
and wide tables scroll inside the page instead of widening it."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from tests.render.browser import browser_path, visit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WORKSPACES = ("bank-onboarding", "negozio-omnicanale")
runner = CliRunner()

SEEN = {
    "funnels": """[...document.querySelectorAll('svg.funnel-chart')].map(svg => {
        const box = svg.getBoundingClientRect();
        return {width: box.width, height: box.height,
                bars: [...svg.querySelectorAll('rect.funnel-bar')]
                    .map(bar => bar.getBoundingClientRect().width)};
    })""",
    "page_fits": "document.documentElement.scrollWidth <= window.innerWidth",
    "tables": "document.querySelectorAll('table').length",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if browser_path() is None:
        pytest.fail("no Chromium: run `sh scripts/setup.sh test`, which installs it")
    out = tmp_path_factory.mktemp("reports")
    for workspace in WORKSPACES:
        result = runner.invoke(
            app,
            [
                "report",
                str(EXAMPLES / workspace),
                "--format",
                "html",
                "--output",
                str(out / f"{workspace}.html"),
            ],
        )
        assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow
@pytest.mark.parametrize("width", [1400, 700])
@pytest.mark.parametrize("workspace", WORKSPACES)
def test_report_opens_offline_with_its_funnels_drawn(
    reports: Path, workspace: str, width: int
) -> None:
    seen = visit(reports / f"{workspace}.html", width=width, evaluate=SEEN)
    assert seen.outside_requests == []
    assert seen.console_errors == []
    assert seen.errors == []
    assert seen.screenshot.startswith(b"\x89PNG") and len(seen.screenshot) > 10_000
    assert seen.values["tables"] > 10
    funnels = seen.values["funnels"]
    assert len(funnels) == 2  # the current and the future journey
    for funnel in funnels:
        assert funnel["width"] > 0 and funnel["height"] > 0, funnel
        bars = funnel["bars"]
        assert len(bars) == 5 and all(a > b > 0 for a, b in pairwise(bars)), bars
        assert bars[0] == pytest.approx(funnel["width"], abs=1)
    assert seen.values["page_fits"] is True
