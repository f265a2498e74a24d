"""Each journey rule's documented examples do what its documentation says."""

from __future__ import annotations

import inspect
import textwrap
from typing import Any

import pytest
import yaml

from cjm.kinds import is_valid
from cjm.lint.base import Context
from cjm.lint.rule import defaults
from cjm.lint.rules import RULES
from cjm.model import build

from .test_showcase_journey import JOURNEY_RULES


def example(rule: str, heading: str) -> dict[str, Any]:
    """The YAML after ``heading`` in the rule's docstring, made into a whole journey."""
    doc = inspect.getdoc(RULES[rule]) or ""
    block = doc.split(f"\n{heading}")[1].split(":\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if line and not line.startswith("    "):
            break
        lines.append(line)
    data: dict[str, Any] = yaml.safe_load(textwrap.dedent("\n".join(lines)))
    if "kind" in data:
        return data
    journey: dict[str, Any] = {"kind": "journey", "id": "j", "title": "J", "personas": ["ada"]}
    if "stages" in data:
        return {**journey, **data}
    step = data if "steps" not in data else None
    steps = data["steps"] if step is None else [{"id": "s", "name": "S", **step}]
    return {**journey, "stages": [{"id": "st", "name": "St", "steps": steps}]}


@pytest.mark.parametrize("rule", sorted(JOURNEY_RULES))
def test_the_failing_example_fails_and_the_passing_one_passes(rule: str) -> None:
    module = RULES[rule]
    for heading, expect_findings in (("Failing", True), ("Passing", False)):
        data = example(rule, heading)
        assert is_valid("journey", data), (heading, data)
        context = Context((build("journey", data, file="j.yaml"),))
        findings = list(module.check(context, defaults(module)))
        assert bool(findings) is expect_findings, (heading, findings)
