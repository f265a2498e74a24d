"""What a reader of the report notices in the sections on timing, hand-offs between
channels, the funnel across journeys and lenses.

The workspace is the one of the branching-journey tests (`test_paths_moments_owners`):
step s2 comes 30 minutes after s1 (`PT30M`).
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cjm.cli import app
from tests.report.test_paths_moments_owners import _workspace


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
