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

from cjm.core.loader import core_tag, core_value
from cjm.lint.rules import RULES

from ..workspaces import findings


class _Plain(str):
    """Text an example wrote without quotes, to be written back so."""

    __slots__ = ()


class _Reader(yaml.SafeLoader):
    """Reads an example's plain scalars as cjm does (YAML 1.2 core schema): `no` is text."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return core_tag(value)
        return str(super().resolve(kind, value, implicit))

    def construct_core(self, node: yaml.Node) -> Any:
        return core_value(self.construct_scalar(node))  # type: ignore[arg-type]

    def construct_text(self, node: yaml.Node) -> Any:
        text = self.construct_scalar(node)  # type: ignore[arg-type]
        return _Plain(text) if node.style is None else text  # type: ignore[attr-defined]


for _tag in ("int", "float", "bool"):
    _Reader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Reader.construct_core)
_Reader.add_constructor("tag:yaml.org,2002:str", _Reader.construct_text)


class _Writer(yaml.SafeDumper):
    """Writes an example back as its author wrote it: plain text plain (`no`, as
    cjm reads it), and quoted text quoted wherever any YAML reader might misread it."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return core_tag(value)
        return str(super().resolve(kind, value, implicit))

    def represent_text(self, text: str) -> yaml.ScalarNode:
        plain = (
            isinstance(text, _Plain)
            or yaml.SafeDumper.resolve(self, yaml.ScalarNode, text, (True, False))
            == "tag:yaml.org,2002:str"
        )
        return self.represent_scalar("tag:yaml.org,2002:str", text, style=None if plain else '"')


_Writer.add_representer(str, _Writer.represent_text)
_Writer.add_representer(_Plain, _Writer.represent_text)


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
            for data in yaml.load_all(textwrap.dedent("\n".join(block)), Loader=_Reader)
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
        f"{n}-{data['kind']}.yaml": yaml.dump(
            data, Dumper=_Writer, sort_keys=False, allow_unicode=True
        )
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
