"""Every rule's documented examples do what its documentation says.

The examples are read as the registry's docstring (`cjm.lint.rules`) lays down,
each linted in a workspace of its own with the rule at error.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from cjm.lint.rules import RULES

from ..workspaces import findings

FAILING, PASSING, ASSUMED = "Failing", "Passing", "Both examples assume"
_HEADING = re.compile(rf"^({FAILING}|{PASSING}|{ASSUMED})\b[^\n]*:$")


def examples(docstring: str) -> dict[str, list[dict[str, Any]]]:
    """The documents of each example block of a rule's docstring, by heading."""
    blocks: dict[str, list[str]] = {}
    lines: list[str] | None = None
    for line in docstring.splitlines():
        heading = _HEADING.match(line)
        if heading is not None:
            assert heading.group(1) not in blocks, f"two {heading.group(1)!r} examples"
            lines = blocks[heading.group(1)] = []
        elif line and not line.startswith("    "):
            lines = None
        elif lines is not None:
            lines.append(line)
    return {
        heading: [
            document(data)
            for data in yaml.safe_load_all(textwrap.dedent("\n".join(block)))
            if data is not None
        ]
        for heading, block in blocks.items()
    }


def document(data: dict[str, Any]) -> dict[str, Any]:
    """A whole document: ``data`` itself, or the journey it is part of."""
    if "kind" in data:
        return data
    journey: dict[str, Any] = {"kind": "journey", "id": "example", "title": "Example"}
    if "stages" in data:
        return {**journey, **data}
    steps = data.get("steps", [{"id": "step", "name": "Step", **data}])
    return {**journey, "stages": [{"id": "stage", "name": "Stage", "steps": steps}]}


def files(documents: list[dict[str, Any]]) -> dict[str, str]:
    return {
        f"{n}-{data['kind']}.yaml": yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        for n, data in enumerate(documents)
    }


@pytest.mark.parametrize("rule", RULES)
def test_the_failing_example_is_found_and_the_passing_one_is_not(rule: str, tmp_path: Path) -> None:
    documented = examples(inspect.getdoc(RULES[rule]) or "")
    assert documented.keys() >= {FAILING, PASSING}, f"{rule} documents no {FAILING}/{PASSING}"
    assumed = documented.get(ASSUMED, [])
    for heading, expected in ((FAILING, True), (PASSING, False)):
        root = tmp_path / heading
        found = findings(root, rule, files([*documented[heading], *assumed]))
        assert bool(found) is expected, (heading, found)


def test_the_examples_are_read_as_documented() -> None:
    docstring = textwrap.dedent(
        """\
        What the rule checks.

        Failing (with its default options):

            steps:
              - {id: a, name: A}
            ---
            kind: persona
            id: p
            name: P

        Passing:

            pain_points: []

        Both examples assume:

            framework: aida
            stages: []

        Prose again, then an indented block that is no example:

            kind: persona
        """
    )
    journey = {"kind": "journey", "id": "example", "title": "Example"}
    assert examples(docstring) == {
        FAILING: [
            {
                **journey,
                "stages": [{"id": "stage", "name": "Stage", "steps": [{"id": "a", "name": "A"}]}],
            },
            {"kind": "persona", "id": "p", "name": "P"},
        ],
        PASSING: [
            {
                **journey,
                "stages": [
                    {
                        "id": "stage",
                        "name": "Stage",
                        "steps": [{"id": "step", "name": "Step", "pain_points": []}],
                    }
                ],
            }
        ],
        ASSUMED: [{**journey, "framework": "aida", "stages": []}],
    }
