"""Data-driven validation cases, one folder each (check-jsonschema style).

``cases/valid/<case>/`` is a small workspace that must validate clean.
``cases/invalid/<case>/`` is a small workspace plus ``expected.yaml``: the exit
code and the exact problems (file, line, column, code, and a fragment of the
message). Either kind of case may name, in ``expected.yaml``, the ``paths`` to
validate (default: the case folder) and ``files_checked``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from cjm.core.loading import Problem, Report
from cjm.validate import validate_paths

CASES = Path(__file__).parent / "cases"
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


def _expected(case: Path) -> dict[str, Any]:
    file = case / "expected.yaml"
    if not file.is_file():
        return {}
    loaded: dict[str, Any] = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    return loaded


def _run(case: Path, expected: dict[str, Any], *, jobs: int = 1) -> Report:
    paths = [case / p for p in expected.get("paths", ["."])]
    return validate_paths(paths, jobs=jobs, cwd=case)


def _show(problems: list[Problem]) -> str:
    return "\n".join(f"{p.file}:{p.line}:{p.column}: {p.message} ({p.code})" for p in problems)


def test_cases_are_found() -> None:
    assert len(VALID) >= 10
    assert len(INVALID) >= 25
    for case in INVALID:
        assert (case / "expected.yaml").is_file(), case


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case(case: Path) -> None:
    expected = _expected(case)
    report = _run(case, expected)
    assert report.problems == [], _show(report.problems)
    assert report.exit_code == 0
    if "files_checked" in expected:
        assert report.files_checked == expected["files_checked"]


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(case: Path) -> None:
    expected = _expected(case)
    report = _run(case, expected)
    shown = _show(report.problems)

    wanted = expected["problems"]
    got = Counter((p.file, p.line, p.column, p.code) for p in report.problems)
    want = Counter((w["file"], w["line"], w["column"], w["code"]) for w in wanted)
    assert got == want, shown
    for w in wanted:
        match = next(
            p
            for p in report.problems
            if (p.file, p.line, p.column, p.code) == (w["file"], w["line"], w["column"], w["code"])
        )
        assert w["message"] in match.message, shown
    assert report.exit_code == expected["exit_code"], shown
    if "files_checked" in expected:
        assert report.files_checked == expected["files_checked"]


FILE_LEVEL_CODES = {"file-too-large", "io"}


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_every_problem_has_a_position_and_a_json_path(case: Path) -> None:
    report = _run(case, _expected(case))
    for problem in report.problems:
        assert problem.json_path.startswith("$"), problem
        assert problem.level == "error", problem
        if problem.code in FILE_LEVEL_CODES:
            assert (problem.line, problem.column) == (0, 0), problem
        else:
            assert problem.line >= 1 and problem.column >= 1, problem


def test_worker_processes_report_what_one_process_reports() -> None:
    for case in INVALID:
        expected = _expected(case)
        serial = _run(case, expected, jobs=1)
        parallel = _run(case, expected, jobs=2)
        assert parallel.problems == serial.problems, case.name
        assert parallel.files_checked == serial.files_checked, case.name
        assert parallel.exit_code == serial.exit_code, case.name
