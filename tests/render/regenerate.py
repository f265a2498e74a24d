"""The golden diagrams of the examples, and the helper that rewrites them.

    python -m tests.render.regenerate

renders every case below into ``tests/render/golden/`` (review the diff before
committing it); ``CJM_REGENERATE=1 python -m pytest tests/render`` does the same
from the golden tests themselves.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cjm.core.model import Journey
from cjm.render.outputs import FORMATS, Options
from cjm.render.site import Site, load_sites

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
WORKSPACES = ("appliance-retail", "bank-onboarding", "negozio-omnicanale")


@dataclass(frozen=True)
class Case:
    workspace: str
    journey: str
    format: str
    lanes: str | None = None

    @property
    def golden(self) -> Path:
        lanes = f".{self.lanes}" if self.lanes else ""
        return GOLDEN / self.workspace / f"{self.journey}{lanes}{FORMATS[self.format].suffix}"

    @property
    def name(self) -> str:
        return f"{self.workspace}/{self.journey}:{self.format}:{self.lanes or 'default'}"


@cache
def site_of(workspace: str) -> Site:
    [site] = load_sites([EXAMPLES / workspace], cwd=ROOT)
    return site


def journeys_of(workspace: str) -> list[Journey]:
    return [d for d in site_of(workspace).documents if isinstance(d, Journey)]


def render_case(case: Case) -> bytes:
    site = site_of(case.workspace)
    [journey] = [j for j in journeys_of(case.workspace) if j.id == case.journey]
    output = FORMATS[case.format].renderer()(site, journey, Options(lanes=case.lanes))
    assert output is not None
    return output


def cases(output_format: str, lanes: tuple[str | None, ...] = (None,)) -> list[Case]:
    return [
        Case(w, j.id, output_format, mode)
        for w in WORKSPACES
        for j in journeys_of(w)
        for mode in lanes
    ]


ALL_CASES = (
    cases("dot", (None, "channel", "layer", "persona"))
    + cases("mermaid", (None, "channel", "layer", "persona"))
    + cases("markdown", (None, "layer"))
)


def rendered_under_two_hash_seeds(*args: str) -> set[bytes]:
    """What `cjm render ARGS` writes to stdout in two processes with other hash seeds (one
    output when it is deterministic)."""
    command = [sys.executable, "-m", "cjm", "render", *args]
    return {
        subprocess.run(
            command,
            capture_output=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }


def regenerating() -> bool:
    return os.environ.get("CJM_REGENERATE") == "1"


def check_golden(case: Case) -> None:
    """The rendered case is byte-identical to its golden file (or rewrites it when asked)."""
    output = render_case(case)
    if regenerating():
        case.golden.parent.mkdir(parents=True, exist_ok=True)
        case.golden.write_bytes(output)
    assert case.golden.exists(), (
        f"no golden file {case.golden}: run python -m tests.render.regenerate"
    )
    assert output == case.golden.read_bytes(), (
        f"{case.name} differs from {case.golden.relative_to(ROOT)}; if the change is "
        "intended, run python -m tests.render.regenerate and review the diff"
    )


def main() -> None:
    for case in ALL_CASES:
        case.golden.parent.mkdir(parents=True, exist_ok=True)
        case.golden.write_bytes(render_case(case))
        print(f"wrote {case.golden.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
