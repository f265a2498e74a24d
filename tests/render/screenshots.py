"""Regenerate the README's pictures of rendered maps, made by cjm from the examples.

    python -m tests.render.screenshots

writes ``docs/images/journey-html.png`` (the Italian future-state journey in
headless Chromium) and ``docs/images/journey-pdf.png`` (the first page of the
English current-state journey's PDF, through poppler's ``pdftoppm``). Both
Chromium and pdftoppm come from Debian (`chromium`, `poppler-utils`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from cjm.cli import app

from .browser import visit

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    with tempfile.TemporaryDirectory(prefix="cjm-shots-") as tmp:
        out = Path(tmp)
        journey = ROOT / "examples/negozio-omnicanale/journeys/acquisto-running-futuro.yaml"
        result = runner.invoke(app, ["render", str(journey), "-o", str(out)])
        assert result.exit_code == 0, result.output
        seen = visit(
            out / "journeys/acquisto-running-futuro.html", width=1500, height=1250, full_page=False
        )
        (IMAGES / "journey-html.png").write_bytes(seen.screenshot)
        pdf = ROOT / "examples/bank-onboarding/journeys/onboarding-current.yaml"
        result = runner.invoke(app, ["render", str(pdf), "-f", "pdf", "-o", str(out)])
        assert result.exit_code == 0, result.output
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(out / "journeys/onboarding-current.pdf"),
                str(IMAGES / "journey-pdf"),
            ],
            check=True,
        )
    for name in ("journey-html.png", "journey-pdf.png"):
        print(f"wrote {(IMAGES / name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
