"""Benchmark `cjm diff` on two versions of a workspace of 1,000 steps.

The script generates (deterministically) a workspace of 10 journeys of 10
stages of 10 steps each (touchpoints, pain points, opportunities, per-persona
emotions), a channel catalog and personas, then a second version in which
every journey changed: emotions up and down, pain points added and resolved,
a step moved, a stage renamed, a channel put in use, and a persona edited. No
file is the same on both sides, so nothing is skipped. It then times, as the
median of R runs after one warm-up:

* the diff in this process (load both sides, compare, format as text, as
  Markdown and as JSON);
* whole processes: ``cjm diff OLD NEW`` for each format.

Usage::

    python benchmarks/bench_diff.py            # R=5
    python benchmarks/bench_diff.py --runs 9

Needs the ``cjm`` command on PATH (``pip install -e .``). The target is under
one second for the whole `cjm diff` process.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

JOURNEYS, STAGES, STEPS = 10, 10, 10
CHANNELS = ("web", "app", "store", "email", "phone", "chat")
PERSONAS = ("ana", "ben")
TARGET_SECONDS = 1.0


def journey(n: int, rng: random.Random) -> dict[str, Any]:
    stages = []
    for s in range(STAGES):
        steps = []
        for t in range(STEPS):
            sid = f"j{n}-s{s}-t{t}"
            step: dict[str, Any] = {
                "id": sid,
                "name": f"Step {t} of stage {s}",
                "actions": [f"Does thing {t}", "Reads the page"],
                "thoughts": ["Is this the right one?"],
                "emotion": {p: rng.randint(-2, 2) for p in PERSONAS},
                "touchpoints": [
                    {
                        "id": f"tp-{sid}",
                        "name": f"Touchpoint {t}",
                        "channels": [CHANNELS[(t + s + n + 1) % 6]],
                        "potential_channels": [CHANNELS[(t + s + n) % 6]],
                    }
                ],
            }
            if t % 3 == 0:
                step["pain_points"] = [
                    {
                        "id": f"pp-{sid}",
                        "severity": "medium",
                        "description": f"Friction at step {t}",
                    }
                ]
                step["opportunities"] = [
                    {
                        "id": f"op-{sid}",
                        "addresses": [f"pp-{sid}"],
                        "description": f"Remove the friction at step {t}",
                    }
                ]
            steps.append(step)
        stages.append({"id": f"j{n}-stage{s}", "name": f"Stage {s}", "steps": steps})
    return {
        "kind": "journey",
        "id": f"journey-{n}",
        "title": f"Journey {n}",
        "personas": list(PERSONAS),
        "stages": stages,
    }


def edit(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    new = copy.deepcopy(data)
    steps = [(stage, step) for stage in new["stages"] for step in stage["steps"]]
    for _stage, step in rng.sample(steps, 10):
        step["emotion"][rng.choice(PERSONAS)] = rng.randint(-2, 2)
    step = steps[5][1]
    step.setdefault("pain_points", []).append(
        {"id": f"pp-new-{step['id']}", "description": "A new friction"}
    )
    steps[9][1].pop("pain_points", None)
    steps[9][1].pop("opportunities", None)
    moved = steps[20][1]
    steps[20][0]["steps"].remove(moved)
    new["stages"][-1]["steps"].append(moved)
    new["stages"][2]["name"] = "A renamed stage"
    touchpoint = steps[40][1]["touchpoints"][0]
    touchpoint["channels"].append(touchpoint["potential_channels"].pop())
    return new


def write(folder: Path, files: dict[str, Any]) -> None:
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def generate(root: Path) -> tuple[Path, Path]:
    rng = random.Random(20260301)
    catalog = {
        "kind": "channels",
        "id": "channels",
        "title": "Channels",
        "channels": [{"id": c, "name": c.title(), "type": "digital"} for c in CHANNELS],
    }
    personas = {
        f"personas/{p}.yaml": {
            "kind": "persona",
            "id": p,
            "name": p.title(),
            "goals": ["Get it done"],
        }
        for p in PERSONAS
    }
    old = {
        "cjm.yaml": {"kind": "workspace", "version": 1, "name": "bench"},
        "channels.yaml": catalog,
        **personas,
    }
    old.update({f"journeys/journey-{n}.yaml": journey(n, rng) for n in range(JOURNEYS)})
    new = {
        rel: (edit(data, rng) if rel.startswith("journeys/") else copy.deepcopy(data))
        for rel, data in old.items()
    }
    new["personas/ana.yaml"]["goals"].append("Pay on the phone")
    write(root / "old", old)
    write(root / "new", new)
    return root / "old", root / "new"


def median_of(runs: int, action: Callable[[], object]) -> tuple[float, float, float]:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    from cjm.diff.engine import diff_sides
    from cjm.diff.inputs import resolve
    from cjm.diff.outputs import FORMATS

    cjm = shutil.which("cjm")
    if cjm is None:
        sys.exit("the cjm command is not on PATH: pip install -e .")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _old, new = generate(root)
        steps = JOURNEYS * STAGES * STEPS
        size = sum(p.stat().st_size for p in new.rglob("*.yaml"))
        sides = resolve(["old", "new"], None, cwd=root)
        result = diff_sides(sides.old, sides.new, old_label="old", new_label="new")
        print(
            f"workspace: {steps} steps in {JOURNEYS} journeys, {size / 1e6:.2f} MB per side; "
            f"{len(result.changes)} changes, {result.warnings} warnings"
        )
        print(f"{'measurement':<44} {'median s':>9} {'min s':>8} {'max s':>8}")
        print("-" * 72)
        rows: list[tuple[str, tuple[float, float, float]]] = []

        def in_process(output: str) -> None:
            found = resolve(["old", "new"], None, cwd=root)
            FORMATS[output](
                diff_sides(found.old, found.new, old_label="old", new_label="new"), False
            )

        for output in ("text", "markdown", "json"):
            rows.append(
                (
                    f"in process: read, diff, format {output}",
                    median_of(options.runs, lambda o=output: in_process(o)),
                )
            )
        for output in ("text", "markdown", "json"):
            rows.append(
                (
                    f"cjm diff old new --format {output}",
                    median_of(
                        options.runs,
                        lambda o=output: subprocess.run(
                            [cjm, "diff", "old", "new", "--format", o],
                            cwd=root,
                            check=True,
                            capture_output=True,
                        ),
                    ),
                )
            )
        for label, (median, low, high) in rows:
            print(f"{label:<44} {median:>9.3f} {low:>8.3f} {high:>8.3f}")
        worst = max(median for label, (median, _l, _h) in rows if label.startswith("cjm"))
        verdict = "PASS" if worst < TARGET_SECONDS else "FAIL"
        print(f"\nslowest whole process {worst:.3f} s, target < {TARGET_SECONDS:.1f} s: {verdict}")
        return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
