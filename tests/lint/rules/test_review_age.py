from __future__ import annotations

from pathlib import Path

import pytest

from cjm.core.errors import ConfigError

from ..workspaces import TODAY, findings, write

RULE = "review-age"


def persona(id: str, reviewed: str | None) -> str:
    line = f"reviewed: {reviewed}\n" if reviewed else ""
    return f"kind: persona\nid: {id}\nname: {id}\n{line}"


def test_a_review_older_than_a_year_is_reported_at_reviewed(tmp_path: Path) -> None:
    files = {
        "personas/old.yaml": persona("old", "2025-11-21"),
        "personas/fresh.yaml": persona("fresh", "2025-11-22"),
        "personas/never.yaml": persona("never", None),
    }
    found = findings(tmp_path, RULE, files)
    assert [(where, code) for where, code, _ in found] == [("personas/old.yaml:4:11", RULE)]
    assert (
        "persona 'old' was last reviewed on 2025-11-21, 366 days ago (more than 365); "
        "review it and update `reviewed`"
    ) in found[0][2]


def test_recent_reviews_pass(tmp_path: Path) -> None:
    files = {
        "personas/fresh.yaml": persona("fresh", "2026-03-02"),
        "personas/quoted.yaml": persona("quoted", '"2025-11-22"'),
    }
    assert findings(tmp_path, RULE, files) == []


def test_options_max_days_and_require(tmp_path: Path) -> None:
    files = {
        "personas/fresh.yaml": persona("fresh", "2026-03-02"),
        "personas/never.yaml": persona("never", None),
    }
    found = findings(tmp_path, RULE, files, options="max_days: 180, require: true")
    assert [where for where, _, _ in found] == [
        "personas/fresh.yaml:4:11",
        "personas/never.yaml:2:5",
    ]
    assert "265 days ago (more than 180)" in found[0][2]
    assert (
        "persona 'never' has no `reviewed` date; review it and add `reviewed: 2026-11-22`"
    ) in found[1][2]


def test_a_date_that_is_not_on_the_calendar_is_reported_not_crashed_on(tmp_path: Path) -> None:
    from cjm.lint.engine import lint_paths

    write(
        tmp_path,
        {
            "cjm.yaml": f"lint:\n  rules:\n    {RULE}: error\n",
            "personas/odd.yaml": persona("odd", "2026-02-30"),
        },
    )
    result = lint_paths([tmp_path], jobs=1, cwd=tmp_path, today=TODAY)
    found = {(f"{p.file}:{p.line}:{p.column}", p.code) for p in result.report.problems}
    assert ("personas/odd.yaml:4:11", "date") in found  # the schema's `format: date` says it
    assert ("personas/odd.yaml:4:11", RULE) not in found  # and the rule never sees it


def test_a_negative_max_days_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="takes a number of days"):
        findings(tmp_path, RULE, {"personas/p.yaml": persona("p", None)}, options="max_days: -1")
