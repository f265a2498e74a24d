"""The report's typed records and its published JSON Schema describe the same fields."""

from __future__ import annotations

import json
import typing
from importlib import resources
from typing import Any

import pytest

from cjm.report import records

SCHEMA: dict[str, Any] = json.loads(
    resources.files("cjm.schemas").joinpath("report.schema.json").read_text(encoding="utf-8")
)
RECORDS = {
    "workspace": records.WorkspaceRecord,
    "channel": records.ChannelRecord,
    "journey": records.JourneyRecord,
    "coverage": records.Coverage,
    "handoffs": records.Handoffs,
    "handoff": records.Handoff,
    "funnel": records.Funnel,
    "funnelStage": records.FunnelStage,
    "experience": records.Experience,
    "line": records.Line,
    "scoredLine": records.ScoredLine,
    "personaComparison": records.PersonaComparison,
    "comparedStage": records.ComparedStage,
    "change": records.Change,
    "pair": records.ChannelPair,
    "severityCounts": records.SeverityCounts,
}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_a_record_has_the_fields_of_its_schema_definition(name: str) -> None:
    definition = SCHEMA["$defs"][name]
    assert set(typing.get_type_hints(RECORDS[name])) == set(definition["properties"])


def test_the_report_has_the_fields_of_the_schema() -> None:
    assert set(typing.get_type_hints(records.Report)) == set(SCHEMA["properties"])


def test_every_object_definition_of_the_schema_has_a_record() -> None:
    objects = {name for name, d in SCHEMA["$defs"].items() if "properties" in d}
    assert objects - set(RECORDS) == set()
