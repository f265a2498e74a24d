"""Golden diffs: every case folder holds two versions of a workspace and what `cjm diff` says.

Each folder under `cases/` has `old/` and `new/` and the expected output of
`cjm diff old new` (run from the case folder) as `expected.txt`, `expected.md`
and `expected.json`. After a deliberate change of output, regenerate them with

    CJM_REGENERATE=1 python -m pytest tests/diff/test_cases.py

and review the difference in git before committing.
"""

# ruff: noqa: RUF001 - the output under test writes scores with a true minus sign
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "old").is_dir())
FORMATS = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}
REGENERATE = os.environ.get("CJM_REGENERATE") == "1"

EVERY_KIND = {
    "journey-changed",
    "journey-moved",
    "persona-added",
    "persona-renamed",
    "persona-moved",
    "persona-changed",
    "empathy-map-removed",
    "channel-added",
    "channel-removed",
    "channel-changed",
    "finding-changed",
    "stage-added",
    "stage-removed",
    "stage-renamed",
    "stage-reordered",
    "stage-changed",
    "step-added",
    "step-removed",
    "step-renamed",
    "step-moved",
    "step-reordered",
    "step-changed",
    "touchpoint-added",
    "touchpoint-moved",
    "touchpoint-renamed",
    "touchpoint-channels-changed",
    "touchpoint-channel-adopted",
    "emotion-changed",
    "pain-point-added",
    "pain-point-removed",
    "pain-point-changed",
    "opportunity-added",
    "opportunity-removed",
    "opportunity-relinked",
    "opportunity-changed",
    "path-added",
    "path-removed",
    "path-changed",
    "source-changed",
}


def diff_output(case: Path, output_format: str) -> tuple[int, str]:
    cwd = Path.cwd()
    os.chdir(case)
    try:
        result = CliRunner().invoke(
            app,
            ["diff", "old", "new", "--format", output_format, "--color", "never"],
            env={"NO_COLOR": "1"},
        )
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_case_matches_its_golden_output(name: str, output_format: str) -> None:
    case = CASES / name
    code, output = diff_output(case, output_format)
    assert code == 0, output
    golden = case / FORMATS[output_format]
    if REGENERATE:
        golden.write_text(output, encoding="utf-8")
    assert golden.is_file(), f"no {golden.name} in {name}: run with CJM_REGENERATE=1"
    assert output == golden.read_text(encoding="utf-8")


def test_the_cases_cover_every_kind_of_change() -> None:
    seen = {
        change["kind"]
        for name in NAMES
        for change in json.loads((CASES / name / "expected.json").read_text(encoding="utf-8"))[
            "changes"
        ]
    }
    assert seen >= EVERY_KIND, sorted(EVERY_KIND - seen)


def test_golden_json_follows_the_published_schema() -> None:
    import jsonschema

    from cjm.core.kinds import schema

    validator = jsonschema.Draft202012Validator(schema("diff"))
    for name in NAMES:
        payload = json.loads((CASES / name / "expected.json").read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(payload)]
        assert errors == [], (name, errors)


def test_every_regression_is_a_warning_and_nothing_else_is() -> None:
    levels = {
        (c["kind"], c["message"]): c["level"]
        for name in NAMES
        for c in json.loads((CASES / name / "expected.json").read_text(encoding="utf-8"))["changes"]
    }
    warnings = sorted(message for (_kind, message), level in levels.items() if level == "warning")
    assert warnings == [
        "emotion at step browse: +1 → −1 (down 2)",
        "emotion at step visit for ana: +1 → −1 (down 2)",
        "pain point pp-no-sizes: severity “medium” → “critical”",
        "pain point pp-no-stock added: “My size is out of stock.”",
        "touchpoint tp-till loses its only channel store",
    ]
