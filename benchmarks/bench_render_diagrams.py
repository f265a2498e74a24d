"""Benchmark the Graphviz swimlanes: cjm's DOT generation against `dot -Tsvg` on it.

The script writes a workspace to a temporary folder (a cjm.yaml, a channel
catalog, two personas and one journey of 10 stages and 60 steps, each step with
touchpoints on one to three channels, potential channels, pain points,
opportunities and back-office processes), loads it as `cjm render` does, then
times, as medians of R runs after one untimed warm-up:

* cjm's DOT generation, in-process (:func:`cjm.render.dot.render`);
* the `dot -Tsvg` process on that DOT;

and prints cjm's share of the total (target: under 10%).

Usage::

    python benchmarks/bench_render_diagrams.py            # R=7, default lanes
    python benchmarks/bench_render_diagrams.py --runs 3 --lanes layer
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from cjm.core.model import Journey
from cjm.render import dot
from cjm.render.outputs import Options
from cjm.render.site import load_sites

STAGES, STEPS_PER_STAGE = 10, 6
CHANNELS = [
    ("store", "Store", "physical"),
    ("web", "Website", "digital"),
    ("app", "Mobile app", "digital"),
    ("email", "Email", "digital"),
    ("phone", "Call centre", "physical"),
    ("social", "Social ads", "digital"),
]
TARGET = 0.10


def write_workspace(root: Path) -> Path:
    documents = {
        "cjm.yaml": {"kind": "workspace", "version": 1, "name": "Benchmark", "locale": "en"},
        "channels.yaml": {
            "kind": "channels",
            "id": "channels",
            "channels": [{"id": i, "name": n, "type": t} for i, n, t in CHANNELS],
        },
        "personas/first.yaml": {"kind": "persona", "id": "first", "name": "First customer"},
        "personas/second.yaml": {"kind": "persona", "id": "second", "name": "Second customer"},
    }
    stages = []
    for s in range(STAGES):
        steps = []
        for k in range(STEPS_PER_STAGE):
            n = s * STEPS_PER_STAGE + k
            used = [CHANNELS[(n + j) % len(CHANNELS)][0] for j in range(1 + n % 3)]
            steps.append(
                {
                    "id": f"step-{n}",
                    "name": f"Step {n}: the customer compares offers again",
                    "actions": [f"Looks at option {n}", "Asks a friend what they think"],
                    "emotion": {"first": (n % 5) - 2, "second": ((n + 2) % 5) - 2},
                    "touchpoints": [
                        {
                            "id": f"tp-{n}",
                            "name": f"Touchpoint {n}",
                            "type": "interface",
                            "channels": used,
                            "potential_channels": [CHANNELS[(n + 4) % len(CHANNELS)][0]],
                        }
                    ],
                    "pain_points": [
                        {
                            "id": f"pp-{n}",
                            "severity": "medium",
                            "description": f"Pain point {n}: waits too long for an answer",
                        }
                    ],
                    "opportunities": [
                        {
                            "id": f"op-{n}",
                            "addresses": [f"pp-{n}"],
                            "description": f"Opportunity {n}: answer in one minute",
                        }
                    ],
                    "backstage": [{"id": f"bs-{n}", "description": "The team checks the order"}],
                    "support": [{"id": f"sp-{n}", "description": "The CRM keeps the history"}],
                }
            )
        stages.append({"id": f"stage-{s}", "name": f"Stage {s}", "steps": steps})
    documents["journeys/big.yaml"] = {
        "kind": "journey",
        "id": "big",
        "title": "A 60-step journey",
        "personas": ["first", "second"],
        "stages": stages,
    }
    for name, data in documents.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return root


def median_seconds(action: object, runs: int) -> float:
    assert callable(action)
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lanes", choices=["channel", "layer", "persona"], default=None)
    args = parser.parse_args()
    dot_program = shutil.which("dot")
    if dot_program is None:
        print("the Graphviz `dot` program is needed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        root = write_workspace(Path(folder))
        [site] = load_sites([root], cwd=root)
        [journey] = [d for d in site.documents if isinstance(d, Journey)]
        options = Options(lanes=args.lanes)
        source = dot.render(site, journey, options) or b""

        def run_dot() -> None:
            subprocess.run([dot_program, "-Tsvg"], input=source, capture_output=True, check=True)

        generate = median_seconds(lambda: dot.render(site, journey, options), args.runs)
        layout = median_seconds(run_dot, args.runs)
    share = generate / (generate + layout)
    steps = sum(len(s.steps) for s in journey.stages)
    print(
        f"journey: {len(journey.stages)} stages, {steps} steps, lanes "
        f"{args.lanes or 'default'}; DOT {len(source):,} bytes; median of {args.runs} runs"
    )
    print(f"{'measurement':<36}{'median s':>10}")
    print("-" * 46)
    print(f"{'cjm DOT generation (in-process)':<36}{generate:>10.4f}")
    print(f"{'dot -Tsvg':<36}{layout:>10.4f}")
    print(
        f"{'cjm share of the total':<36}{share:>9.1%}  target < {TARGET:.0%}  "
        f"{'PASS' if share < TARGET else 'FAIL'}"
    )
    return 0 if share < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
