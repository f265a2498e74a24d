"""A workspace whose every author string carries DOT, Mermaid and Markdown metacharacters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cjm.core.model import Journey
from cjm.render.site import Site, load_sites

NASTY = (
    'He said "no" \\N \\back\\slash {brace} [bracket] (paren) <b>bold</b> '
    "&amp; & | pipe ; semi : colon # hash %% pct `tick` --> ==> end\n"
    "second line\ttab é 日本 🏃 *star* _under_ ~strike~ $x$ -- ]]> <!-- -->"
)
STEP_NAMES = (
    "title of a task: " + NASTY,
    "section two; " + NASTY,
    "%% not a comment " + NASTY,
    "journey begins #1",
    "accDescr { x } accTitle: y",
    "- a list? 1. a number? > a quote? www.example.com https://example.com a@b.example",
)


def _journey() -> dict[str, Any]:
    steps = []
    for n, name in enumerate(STEP_NAMES):
        steps.append(
            {
                "id": f"s{n}",
                "name": name,
                "actions": [f"action {n}: {NASTY}"],
                "emotion": {"p-one": -2 + n % 5, "p-two": 2 - n % 5} if n % 2 else -1 + n % 3,
                "touchpoints": [
                    {
                        "id": f"tp{n}",
                        "name": f"touchpoint {n} {NASTY}",
                        "type": "interface",
                        "channels": ["ch-a"] if n % 3 == 0 else ["ch-b", "ch-a"],
                        "potential_channels": ["ch-c"],
                    }
                ],
                "pain_points": [
                    {"id": f"pp{n}", "description": f"pain {n} {NASTY}", "severity": "high"}
                ],
                "opportunities": [
                    {
                        "id": f"op{n}",
                        "description": f"opportunity {n} {NASTY}",
                        "addresses": [f"pp{n}"],
                    }
                ],
                "backstage": [
                    {
                        "id": f"bs{n}",
                        "description": f"backstage {n} {NASTY}",
                        "owner": NASTY,
                        "system": NASTY,
                    }
                ],
                "support": [{"id": f"sp{n}", "description": f"support {n} {NASTY}"}],
            }
        )
    return {
        "kind": "journey",
        "id": "hostile",
        "title": "title " + NASTY,
        "description": "- " + NASTY,
        "owner": NASTY,
        "personas": ["p-one", "p-two"],
        "stages": [
            {
                "id": "st1",
                "name": "stage one " + NASTY,
                "description": "1. " + NASTY,
                "steps": steps[:3],
            },
            {"id": "st2", "name": "end", "steps": steps[3:]},
            {"id": "st3", "name": "# empty stage " + NASTY},
        ],
    }


def write_workspace(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    documents = {
        "cjm.yaml": {"kind": "workspace", "version": 1, "name": NASTY, "locale": "en"},
        "channels.yaml": {
            "kind": "channels",
            "id": "channels",
            "channels": [
                {"id": "ch-a", "name": "channel A " + NASTY, "type": "digital"},
                {"id": "ch-b", "name": "channel B " + NASTY, "type": "physical"},
                {"id": "ch-c", "name": "channel C " + NASTY, "type": "digital"},
            ],
        },
        "p-one.yaml": {"kind": "persona", "id": "p-one", "name": "One, " + NASTY, "segment": NASTY},
        "p-two.yaml": {"kind": "persona", "id": "p-two", "name": "Two: the other"},
        "journey.yaml": _journey(),
    }
    for name, data in documents.items():
        (root / name).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return root


def hostile_site(root: Path) -> tuple[Site, Journey]:
    [site] = load_sites([write_workspace(root)], cwd=root)
    [journey] = [d for d in site.documents if isinstance(d, Journey)]
    return site, journey
