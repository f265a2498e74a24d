"""Every schema file works alone: copied anywhere, read by any validator, with no network."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.kinds import PRINTABLE_SCHEMA_NAMES, exported_schemas
from cjm.core.schema_bundle import bundle_folder

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if (p / "cjm.yaml").is_file())
MODELINE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)\n")


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _documents(workspace: Path) -> list[Path]:
    return sorted(p for p in workspace.rglob("*.yaml") if ".cjm" not in p.parts)


@pytest.mark.parametrize("name", PRINTABLE_SCHEMA_NAMES)
def test_each_schema_refers_only_inside_itself(name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == f"https://cjm.dev/schema/1/{name}.schema.json"
    for ref in _refs(schema):
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in schema["$defs"], ref
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_shared_definitions_copied_into_each_schema_are_up_to_date(tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, copy)
    assert bundle_folder(copy) == [], "run `python -m cjm.core.schema_bundle`"


def test_editing_a_shared_definition_rewrites_every_schema_that_uses_it(tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, copy)
    defs_file = copy / "defs.schema.json"
    defs = json.loads(defs_file.read_text(encoding="utf-8"))
    defs["$defs"]["locale"]["description"] = "A language tag, edited once."
    defs_file.write_text(json.dumps(defs, indent=2) + "\n", encoding="utf-8")

    changed = bundle_folder(copy)

    users = {"journey", "persona", "empathy-map", "reality-map", "channels", "config"}
    assert set(changed) == {f"{name}.schema.json" for name in users}
    for name in users:
        schema = json.loads((copy / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert schema["$defs"]["locale"]["description"] == "A language tag, edited once."


def test_export_writes_every_listed_schema_byte_for_byte(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["schema"]).stdout.split("\n")
    names = [line.split()[0] for line in listed if line.strip()]
    result = runner.invoke(app, ["schema", "--export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "wrote 9 schemas" in result.stdout
    written = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert sorted(written) == sorted(f"{n}.schema.json" for n in names)
    for name, content in written.items():
        assert content == (SCHEMAS / name).read_bytes(), name


@pytest.mark.parametrize("workspace", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_examples_carry_current_schemas_for_their_modelines(workspace: Path) -> None:
    carried = {p.name: p.read_bytes() for p in (workspace / ".cjm" / "schemas").iterdir()}
    assert carried == exported_schemas(), "run `cjm schema --export` into the example"


@pytest.mark.parametrize("workspace", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_modeline_points_inside_its_workspace_at_its_kind(
    workspace: Path, tmp_path: Path
) -> None:
    moved = tmp_path / "elsewhere" / workspace.name
    shutil.copytree(workspace, moved)
    for document in _documents(moved):
        text = document.read_text(encoding="utf-8")
        found = MODELINE.match(text)
        assert found, f"{document} has no yaml-language-server modeline"
        target = (document.parent / found.group(1)).resolve()
        assert target.is_file(), f"{document}: {found.group(1)} does not exist once copied"
        assert target.is_relative_to(moved.resolve()), f"{document} points outside its workspace"
        assert target.name == f"{_kind(document, text)}.schema.json", document


def _kind(document: Path, text: str) -> str:
    if document.name == "cjm.yaml":
        return "config"
    found = re.search(r"^kind: (\S+)$", text, re.MULTILINE)
    assert found, document
    return found.group(1)


def test_the_figures_drawn_are_bounded_where_the_schemas_bound_them() -> None:
    from cjm.present import numbers

    bounds = set()
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        bounds |= {int(n) for n in re.findall(r'"maximum": (\d{10,})', text)}
    assert bounds == {numbers.LARGEST_EXACT}


def test_the_config_schema_names_every_lint_rule_and_no_other() -> None:
    from cjm.lint.rules import RULES

    config = json.loads((SCHEMAS / "config.schema.json").read_text(encoding="utf-8"))
    lint = config["properties"]["lint"]["properties"]
    for rules in (lint["rules"], lint["overrides"]["items"]["properties"]["rules"]):
        assert set(rules["properties"]) == set(RULES)  # an editor completes every rule id
        assert rules["additionalProperties"] is False  # and check-jsonschema refuses a typo


def test_validate_says_when_a_workspace_s_editor_schemas_are_not_its_own(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "bank-onboarding", workspace)
    runner = CliRunner()
    fresh = runner.invoke(app, ["validate", str(workspace)])
    assert fresh.exit_code == 0 and "note:" not in fresh.stderr
    copies = workspace / ".cjm" / "schemas"
    (copies / "journey.schema.json").write_text("{}\n", encoding="utf-8")  # an older cjm's
    stale = runner.invoke(app, ["validate", str(workspace)])
    assert stale.exit_code == 0  # the maps are fine: a note, not a problem
    assert f"the schemas in {copies} are not this cjm's" in stale.stderr
    assert runner.invoke(app, ["schema", "--export", str(copies)]).exit_code == 0
    refreshed = runner.invoke(app, ["validate", str(workspace)])
    assert "note:" not in refreshed.stderr
