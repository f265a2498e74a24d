"""`schemas/report.schema.json` describes every output of `cjm report --format json`."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.kinds import OUTPUT_SCHEMA_NAMES, SCHEMA_NAMES, schema
from tests.report.test_edge_cases import EDGE_CASES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCHEMA_FILE = ROOT / "schemas" / "report.schema.json"

Data = dict[str, Any]


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema("report"), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def errors(data: object) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator().iter_errors(data)]


def report(*paths: Path) -> Data:
    result = CliRunner().invoke(app, ["report", *map(str, paths), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: Data = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def bank() -> Data:
    return report(EXAMPLES / "bank-onboarding")


def test_the_schema_is_valid_under_its_metaschema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema("report"))
    assert schema("report")["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema("report")["$id"] == "https://cjm.dev/schema/1/report.schema.json"
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == schema("report")


@pytest.mark.parametrize("workspace", ["appliance-retail", "bank-onboarding", "negozio-omnicanale"])
def test_the_examples_follow_the_schema(workspace: str) -> None:
    data = report(EXAMPLES / workspace)
    assert errors(data) == []
    assert len(data["workspaces"]) == 1


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_the_edge_cases_follow_the_schema(name: str, tmp_path: Path) -> None:
    data = report(EDGE_CASES[name](tmp_path))
    assert errors(data) == []


def test_several_workspaces_at_once_follow_the_schema(tmp_path: Path) -> None:
    edge = EDGE_CASES["no-catalog"](tmp_path / "edge")
    data = report(EXAMPLES / "bank-onboarding", EXAMPLES / "negozio-omnicanale", edge)
    assert errors(data) == []
    assert [w["name"] for w in data["workspaces"]] == [
        "Northbridge Bank — current-account onboarding",
        "PassoLungo — percorso d'acquisto omnicanale",
        "Edge",
    ]
    # the folder holding the examples gives one workspace each
    every = report(EXAMPLES)
    assert errors(every) == []
    assert len(every["workspaces"]) == 3


def _break_required(data: Data) -> None:
    del data["workspaces"][0]["journeys"][0]["handoffs"]["drops"]


def _break_type(data: Data) -> None:
    data["workspaces"][0]["journeys"][0]["funnel"]["stages"][1]["conversion"] = "35%"


def _break_extra(data: Data) -> None:
    data["workspaces"][0]["journeys"][0]["coverage"]["stages"][0]["total"] = 3


def _break_share(data: Data) -> None:
    data["workspaces"][0]["journeys"][0]["coverage"]["stages"][0]["physical_share"] = 33.3


def _break_count(data: Data) -> None:
    data["workspaces"][0]["journeys"][0]["coverage"]["stages"][0]["in_use"]["branch"] = 0


def _break_severity(data: Data) -> None:
    data["workspaces"][0]["journeys"][0]["experience"]["pain_points"]["items"][0]["severity"] = (
        "blocker"
    )


def _break_null(data: Data) -> None:
    data["workspaces"][0]["journeys"][0]["experience"]["pain_points"] = None


def _break_version(data: Data) -> None:
    data["report"] = 2


BREAKS: dict[str, Callable[[Data], None]] = {
    "missing required key": _break_required,
    "wrong type": _break_type,
    "unknown key": _break_extra,
    "share as a percentage": _break_share,
    "empty coverage cell": _break_count,
    "unknown severity": _break_severity,
    "null where an object is required": _break_null,
    "another version": _break_version,
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_broken_output_fails_validation(bank: Data, name: str) -> None:
    assert errors(bank) == []
    broken = copy.deepcopy(bank)
    BREAKS[name](broken)
    assert errors(broken), name


def _objects(node: object, path: str = "#") -> Iterator[tuple[str, Data]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{path}/{index}")


def test_every_object_is_closed_and_every_property_required_and_described() -> None:
    full = schema("report")
    definitions = full["$defs"]
    for path, node in _objects(full):
        assert node.get("additionalProperties") is False, path
        assert sorted(node["required"]) == sorted(node["properties"]), path
        assert node.get("description"), path
        for key, prop in node["properties"].items():
            target = prop
            if "$ref" in prop:
                target = definitions[prop["$ref"].removeprefix("#/$defs/")]
            assert prop.get("description") or target.get("description"), f"{path}/{key}"


def test_schema_report_is_printable_listed_and_exported(tmp_path: Path) -> None:
    assert "report" in OUTPUT_SCHEMA_NAMES and "report" not in SCHEMA_NAMES
    runner = CliRunner()
    result = runner.invoke(app, ["schema", "report"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == schema("report")
    result = runner.invoke(app, ["schema"])
    assert "https://cjm.dev/schema/1/report.schema.json" in result.stdout
    assert "report" in result.stdout.split()
    result = runner.invoke(app, ["schema", "--export", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "report.schema.json").read_text(encoding="utf-8")) == schema(
        "report"
    )
