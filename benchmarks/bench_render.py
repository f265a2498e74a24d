"""Benchmark `cjm render` to HTML and PDF against WeasyPrint's own time.

Generates a workspace holding one large journey (10 stages, 60 steps, every
lane filled, two personas with their own emotion scores, evidence on every
step), then times whole processes with ``time.perf_counter`` around
``subprocess.run``:

* ``cjm render JOURNEY --format html`` (load, validate, template, write);
* ``cjm render JOURNEY --format pdf`` (the same, then WeasyPrint);
* WeasyPrint alone, in a fresh process, laying out and writing the very HTML
  that cjm hands it for the PDF (saved beforehand), so the difference is
  cjm's own share.

Every figure is the median of R runs after one untimed warm-up. Targets: HTML
under 0.5 s; PDF at most 1.2 times WeasyPrint's own time and under 8 s.

Usage::

    python benchmarks/bench_render.py            # R=5
    python benchmarks/bench_render.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = 10
STEPS_PER_STAGE = 6
CHANNELS = ("website", "app", "store", "call-centre", "email", "chat")


def workspace(folder: Path) -> Path:
    """Write the benchmark workspace into ``folder``; return the journey's path."""
    (folder / "journeys").mkdir(parents=True)
    (folder / "cjm.yaml").write_text(
        "kind: workspace\nversion: 1\nname: Render benchmark\nlocale: en\n", encoding="utf-8"
    )
    lines = ["kind: channels", "id: channels", "channels:"]
    for channel in CHANNELS:
        kind = "physical" if channel in ("store", "call-centre") else "digital"
        lines += [f"  - id: {channel}", f"    name: Channel {channel}", f"    type: {kind}"]
    (folder / "channels.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for persona in ("ada", "ben"):
        (folder / f"{persona}.yaml").write_text(
            f"kind: persona\nid: {persona}\nname: {persona.title()} Example\n"
            "quote: I want it to just work.\ngoals: [Get it done quickly]\n",
            encoding="utf-8",
        )
    (folder / "research.yaml").write_text(
        "kind: reality-map\nid: research\ntitle: Research\n"
        "sources:\n  - id: src-crm\n    name: CRM\n"
        "    party: first\n    personal_data: true\n    legal_basis: contract\n"
        "findings:\n"
        + "".join(
            f"  - id: fnd-{n}\n    statement: Finding number {n} about what customers do "
            f"at this point.\n    sources: [src-crm]\n"
            for n in range(1, 11)
        ),
        encoding="utf-8",
    )
    out = [
        "kind: journey",
        "id: big-journey",
        "title: A sixty-step journey",
        "state: current",
        "personas: [ada, ben]",
        "stages:",
    ]
    for s in range(1, STAGES + 1):
        out += [
            f"  - id: stage-{s}",
            f"    name: Stage {s} of the journey",
            "    description: What the customer is trying to achieve in this stage.",
            "    steps:",
        ]
        for k in range(1, STEPS_PER_STAGE + 1):
            n = (s - 1) * STEPS_PER_STAGE + k
            a, b = (n * 7) % 5 - 2, (n * 3) % 5 - 2
            channel = CHANNELS[n % len(CHANNELS)]
            other = CHANNELS[(n + 2) % len(CHANNELS)]
            out += [
                f"      - id: step-{n}",
                f"        name: Step {n}, where the customer does something specific",
                "        actions:",
                "          - Looks for the information they need on the page",
                "          - Compares two options and picks one",
                "        thoughts:",
                '          - "Is this really the best option for me?"',
                f"        emotion: {{ada: {a}, ben: {b}}}",
                "        touchpoints:",
                f"          - id: tp-{n}",
                f"            name: Touchpoint {n}",
                f"            channels: [{channel}]",
                f"            potential_channels: [{other}]",
                "            handoff: The customer carries over what they did on the channel "
                "before.",
                "        pain_points:",
                f"          - id: pp-{n}",
                "            description: It takes too long and nothing says what happens next.",
                "            severity: medium",
                f"            evidence: [fnd-{n % 10 + 1}]",
                "        opportunities:",
                f"          - id: op-{n}",
                "            description: Say what happens next and how long it takes.",
                f"            addresses: [pp-{n}]",
                "        backstage:",
                f"          - id: bs-{n}",
                "            description: The back office checks the request.",
                "        metrics:",
                f"          - id: m-{n}",
                "            name: Completion",
                f"            value: {50 + n % 40}",
                "            unit: '%'",
            ]
    journey = folder / "journeys" / "big-journey.yaml"
    journey.write_text("\n".join(out) + "\n", encoding="utf-8")
    return journey


def timed(command: list[str], runs: int, *, env: dict[str, str] | None = None) -> float:
    subprocess.run(command, check=True, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cjm = shutil.which("cjm")
    if cjm is None:
        print("the cjm command is not on PATH (pip install -e .)", file=sys.stderr)
        return 2
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="cjm-bench-render-") as tmp:
        base = Path(tmp)
        journey = workspace(base / "ws")
        subprocess.run([cjm, "validate", str(base / "ws")], check=True, capture_output=True)
        html = timed(
            [cjm, "render", str(journey), "-f", "html", "-o", str(base / "html")],
            args.runs,
            env=env,
        )
        pdf = timed(
            [cjm, "render", str(journey), "-f", "pdf", "-o", str(base / "pdf")], args.runs, env=env
        )
        print_html = base / "print.html"
        subprocess.run(
            [
                sys.executable,
                "-c",
                (
                    "import sys; from pathlib import Path\n"
                    "from cjm.render.site import load_sites\n"
                    "from cjm.render.outputs import Options\n"
                    "from cjm.render.html import page\n"
                    "from cjm.render.pdf import page_size\n"
                    "site = load_sites([Path(sys.argv[1])])[0]\n"
                    "size = page_size(None)\n"
                    "text = page(site, site.rendered[0], Options(), "
                    "steps_per_part=size.steps_per_part, page_size=size.css)\n"
                    "Path(sys.argv[2]).write_text(text, encoding='utf-8')\n"
                ),
                str(journey),
                str(print_html),
            ],
            check=True,
            env=env,
        )
        weasy = timed(
            [
                sys.executable,
                "-c",
                (
                    "import sys, weasyprint\n"
                    "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])\n"
                ),
                str(print_html),
                str(base / "weasy.pdf"),
            ],
            args.runs,
            env=env,
        )
        html_size = (base / "html" / "journeys" / "big-journey.html").stat().st_size
        pdf_file = base / "pdf" / "journeys" / "big-journey.pdf"
        pages = pdf_file.read_bytes().count(b"/Type /Page\n") or pdf_file.read_bytes().count(
            b"/Type /Page "
        )
    print(
        f"journey: {STAGES} stages, {STAGES * STEPS_PER_STAGE} steps, 2 personas; "
        f"medians of {args.runs} runs"
    )
    print(f"HTML page: {html_size / 1024:.0f} KiB")
    print(f"{'measurement':<44} {'seconds':>8}  target")
    print(f"{'cjm render --format html (whole process)':<44} {html:8.3f}  < 0.5")
    print(f"{'cjm render --format pdf (whole process)':<44} {pdf:8.3f}  < 8")
    print(f"{'WeasyPrint alone on the same HTML':<44} {weasy:8.3f}")
    print(f"{'pdf / WeasyPrint alone':<44} {pdf / weasy:7.2f}x  <= 1.2x")
    if pages:
        print(f"PDF pages (A3 landscape): {pages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
