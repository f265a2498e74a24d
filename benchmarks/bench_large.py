"""Benchmark cjm on very large journeys: time must grow in proportion to the steps.

Generates one workspace per size (1,000, 5,000, 10,000 and 20,000 steps, in
stages of 50 steps, every step scored, with a touchpoint, a pain point and a
hand-off note of a few hundred characters), then times whole processes with
``time.perf_counter`` around ``subprocess.run``:

* ``cjm render JOURNEY --format html`` (load, validate, lay out the grid and
  the emotion curves, template, write);
* ``cjm report FOLDER --format text`` (the figures, then every table and
  paragraph fitted to the terminal's width);
* ``cjm render JOURNEY --format pdf`` on a journey above the PDF's limit: the
  refusal, which must come after loading and before any layout.

Every figure is the median of R runs after one untimed warm-up. Besides the
seconds, the table shows the time per 1,000 steps: for linear growth that column
stays flat (the start-up of a process weighs on the smallest size), while a
quadratic step would double it with every doubling of the size. The command
exits with 1 when the time per 1,000 steps at 20,000 steps is more than twice
that at 5,000.

Usage::

    python benchmarks/bench_large.py            # R=3
    python benchmarks/bench_large.py --runs 5 --sizes 1000 2000 4000
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

SIZES = (1_000, 5_000, 10_000, 20_000)
STEPS_PER_STAGE = 50
NOTE = (
    "The customer starts again on the other channel and types in everything that was "
    "already said on the first one, because nothing carries over between them; "
) * 2


def workspace(folder: Path, steps: int) -> Path:
    """Write a workspace with one journey of ``steps`` steps into ``folder``; return the
    journey's path."""
    (folder / "journeys").mkdir(parents=True)
    (folder / "cjm.yaml").write_text(
        "kind: workspace\nversion: 1\nname: Large journeys\nlocale: en\n"
        "limits: {max_file_size: 100000000}\n",  # 20,000 steps take 13 MB of YAML
        encoding="utf-8",
    )
    (folder / "channels.yaml").write_text(
        "kind: channels\nid: channels\nchannels:\n"
        "  - {id: web, name: Website, type: digital}\n"
        "  - {id: shop, name: Shop, type: physical}\n",
        encoding="utf-8",
    )
    out = ["kind: journey", "id: large", f"title: A journey of {steps} steps", "stages:"]
    for s in range(steps // STEPS_PER_STAGE):
        out += [f"  - id: stage-{s}", f"    name: Stage {s}", "    steps:"]
        for k in range(STEPS_PER_STAGE):
            n = s * STEPS_PER_STAGE + k
            out += [
                f"      - id: step-{n}",
                f"        name: Step {n}, where the customer does something",
                f"        emotion: {n % 5 - 2}",
                "        touchpoints:",
                f"          - id: tp-{n}",
                f"            name: Touchpoint {n}",
                f"            channels: [{'web' if n % 3 else 'shop'}]",
                f"            handoff: {NOTE}",
                "        pain_points:",
                f"          - id: pp-{n}",
                "            description: It takes too long and nothing says what happens next.",
            ]
    journey = folder / "journeys" / "large.yaml"
    journey.write_text("\n".join(out) + "\n", encoding="utf-8")
    return journey


def timed(command: list[str], runs: int, *, expect: int = 0) -> float:
    """The median wall time of ``command`` over ``runs`` runs, after a warm-up run."""
    times = []
    for run in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != expect:
            raise SystemExit(f"{' '.join(command)}: exit {done.returncode}\n{done.stderr!r}")
        if run:
            times.append(elapsed)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    cjm = shutil.which("cjm")
    if cjm is None:
        print("the cjm command is not on PATH (pip install -e .)", file=sys.stderr)
        return 2
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    rows: list[tuple[int, float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="cjm-bench-large-") as tmp:
        base = Path(tmp)
        for steps in args.sizes:
            folder = base / f"ws-{steps}"
            journey = workspace(folder, steps)
            html = timed(
                [cjm, "render", str(journey), "-o", str(base / f"html-{steps}")], args.runs
            )
            text = timed([cjm, "report", str(folder), "--format", "text"], args.runs)
            refused = timed(
                [cjm, "render", str(journey), "-f", "pdf", "-o", str(base / "pdf")],
                args.runs,
                expect=2,
            )
            rows.append((steps, html, text, refused))
            print(f"  {steps:>6,} steps done", file=sys.stderr)
    print(f"Median of {args.runs} runs; seconds, and seconds per 1,000 steps in brackets.\n")
    print(f"{'steps':>7}  {'render html':>18}  {'report text':>18}  {'pdf refused':>18}")
    for steps, *times in rows:
        cells = [f"{t:7.2f} s ({t / steps * 1000:5.2f})" for t in times]
        print(f"{steps:>7,}  " + "  ".join(f"{c:>18}" for c in cells))
    return _verdict(rows)


def _verdict(rows: list[tuple[int, float, float, float]]) -> int:
    """1 when some command's time per step at the largest size is more than twice that
    at the second smallest (the smallest is mostly start-up)."""
    if len(rows) < 3:
        return 0
    middle, largest = rows[1], rows[-1]
    names = ("render html", "report text", "pdf refused")
    slower = [
        name
        for i, name in enumerate(names, 1)
        if largest[i] / largest[0] > 2 * middle[i] / middle[0]
    ]
    if slower:
        print(f"\nnot linear: {', '.join(slower)}")
        return 1
    print("\nlinear: the time per step does not grow with the journey")
    return 0


if __name__ == "__main__":
    sys.exit(main())
