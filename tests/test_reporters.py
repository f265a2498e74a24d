"""Output formats as a tool reads them: parsable lines, GitHub annotations, SARIF logs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from cjm import __version__
from cjm.cli import LintFormat, OutputFormat, app
from cjm.core.loading import Problem, Report
from cjm.lint.config import PRESETS
from cjm.lint.rules import RULES
from cjm.reporters import REPORTERS, github, parsable
from cjm.sarif import FINGERPRINT_KEY, as_sarif, rule_name

SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
CLEAN_ENV = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None}
UNADDRESSED = "pain-point-unaddressed"
JOURNEY = """\
kind: journey
id: visit
title: Visit
stages:
  - id: arrive
    name: Arrive
    steps:
      - id: queue
        name: Queues
        pain_points:
          - id: pp-queue
            description: Twenty minutes in the queue
"""
FINDING = Problem(
    "journeys/visit.yaml",
    11,
    17,
    "pain point 'pp-queue' is addressed by no opportunity",
    UNADDRESSED,
    "$.stages[0].steps[0].pain_points[0].id",
    "warning",
)


def report(*problems: Problem, input_error: bool = False) -> Report:
    return Report(problems=list(problems), files_checked=2, input_error=input_error)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=CLEAN_ENV)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with one pain point no opportunity addresses; the working folder.

    Every other rule is off, so that the finding is the only one.
    """
    others = "".join(f"    {rule}: off\n" for rule in RULES if rule != UNADDRESSED)
    (tmp_path / "cjm.yaml").write_text(
        f"version: 1\nlint:\n  rules:\n    {UNADDRESSED}: warning\n{others}", encoding="utf-8"
    )
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "visit.yaml").write_text(JOURNEY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# parsable


def test_parsable_is_one_line_per_problem_and_nothing_else() -> None:
    problems = (
        Problem(
            "journeys/a b.yaml",
            4,
            3,
            "unknown key 'nmae'; did you mean 'name'?",
            "unknown-key",
            "$.nmae",
        ),
        Problem("personas/broken.yaml", 0, 0, "the file is empty", "empty-file"),
        FINDING,
    )
    assert parsable(report(*problems)) == (
        "journeys/a b.yaml:4:3: [error] unknown key 'nmae'; did you mean 'name'? "
        "(unknown-key)\n"
        "personas/broken.yaml: [error] the file is empty (empty-file)\n"
        "journeys/visit.yaml:11:17: [warning] pain point 'pp-queue' is addressed by no "
        "opportunity (pain-point-unaddressed)\n"
    )


def test_parsable_keeps_a_multi_line_message_on_one_line() -> None:
    problem = Problem("a.yaml", 2, 1, "first\nsecond", "yaml-syntax")
    assert parsable(report(problem)) == "a.yaml:2:1: [error] first second (yaml-syntax)\n"


def test_parsable_prints_nothing_for_a_clean_run() -> None:
    assert parsable(report()) == ""


def test_lint_parsable_from_the_command_line(workspace: Path) -> None:
    code, output = run("lint", "--format", "parsable", "--fail-on", "warning")
    assert code == 1, output
    assert output == (
        "journeys/visit.yaml:11:17: [warning] pain point 'pp-queue' is "
        "addressed by no opportunity (pain-point-unaddressed)\n"
    )
    code, output = run("lint", "--format", "parsable")
    assert code == 0, output


# github


def numbered(count: int, level: str, start: int = 1) -> list[Problem]:
    return [
        Problem(
            "journeys/visit.yaml", start + n, 1, f"{level} number {n}", "unknown-key", "$.x", level
        )
        for n in range(count)
    ]


def test_github_annotates_at_most_ten_of_each_level_and_says_how_many_were_left_out() -> None:
    errors, warnings = numbered(25, "error"), numbered(3, "warning", start=100)
    mixed = [p for pair in zip(errors, warnings, strict=False) for p in pair] + errors[3:]
    lines = github(report(*mixed)).splitlines()
    assert [line.split(" ")[0].split("::")[1] for line in lines] == ["error"] * 10 + [
        "warning"
    ] * 3 + ["notice"]
    shown = [
        int(re.search(r",line=(\d+),", line).group(1))  # type: ignore[union-attr]
        for line in lines[:10]
    ]
    assert shown == list(range(1, 11))
    notice = lines[-1]
    assert notice.startswith("::notice::15 errors not annotated"), notice
    assert "warning" not in notice.split("(")[0]
    assert "cjm lint --format text" in notice


def test_github_notice_counts_warnings_too() -> None:
    lines = github(report(*numbered(11, "error"), *numbered(12, "warning"))).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    assert lines[-1].startswith("::notice::1 error and 2 warnings not annotated")


def test_github_has_no_notice_when_everything_is_annotated() -> None:
    output = github(report(*numbered(10, "error"), *numbered(10, "warning")))
    assert len(output.splitlines()) == 20
    assert "::notice" not in output


def test_github_output_is_only_workflow_commands_and_keeps_its_escaping() -> None:
    problem = Problem("odd:name,1.yaml", 3, 5, "50% done\nnext line", "unknown-key", "$.a")
    output = github(report(problem, FINDING, *numbered(12, "error")))
    assert all(line.startswith("::") for line in output.splitlines())
    assert (
        "::error file=odd%3Aname%2C1.yaml,line=3,col=5,title=cjm unknown-key::"
        "50%25 done%0Anext line (at $.a)\n"
    ) in output
    assert github(report()) == ""


def test_validate_github_output_respects_the_limit_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cjm.yaml").write_text("version: 1\n", encoding="utf-8")
    unknown = "".join(f"bogus{n}: 1\n" for n in range(12))
    (tmp_path / "p.yaml").write_text(
        f"kind: persona\nid: anna\nname: Anna\n{unknown}", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, output = run("validate", "--format", "github")
    assert code == 1, output
    lines = output.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert lines[-1].startswith("::notice::2 errors not annotated"), output


def test_lint_github_from_the_command_line(workspace: Path) -> None:
    code, output = run("lint", "--format", "github")
    assert code == 0, output
    assert output == (
        "::warning file=journeys/visit.yaml,line=11,col=17,"
        "title=cjm pain-point-unaddressed::pain point 'pp-queue' is addressed by "
        "no opportunity (at $.stages[0].steps[0].pain_points[0].id)\n"
    )


# sarif


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    # every $ref points inside the schema itself, so validating needs no network
    refs = re.findall(r'"\$ref":\s*"([^"]*)"', SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert refs
    assert all(ref.startswith("#/") for ref in refs)
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def valid_sarif(output: str, validator: Any) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(output)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, errors
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert len({rule["id"] for rule in rules}) == len(rules)
    return run  # type: ignore[no-any-return]


def test_the_schema_check_rejects_a_broken_log(sarif_validator: Any) -> None:
    log = json.loads(as_sarif(report(FINDING)))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not sarif_validator.is_valid(log)
    del log["version"]
    assert not sarif_validator.is_valid(log)


def test_sarif_describes_every_rule_in_registry_order(sarif_validator: Any) -> None:
    run = valid_sarif(as_sarif(report()), sarif_validator)
    driver = run["tool"]["driver"]
    assert driver["name"] == "cjm"
    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://cjm.dev/"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["results"] == []
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    rule = driver["rules"][list(RULES).index(UNADDRESSED)]
    assert rule["name"] == "PainPointUnaddressed"
    assert rule["shortDescription"]["text"] == "A pain point that no opportunity addresses."
    assert rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"] + "\n")
    assert "Passing:" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == PRESETS["recommended"][UNADDRESSED] == "warning"


def test_sarif_results_from_hand_made_problems(sarif_validator: Any) -> None:
    problems = (
        Problem("personas/broken.yaml", 0, 0, "the file is empty", "empty-file"),
        Problem("journeys/my visit.yaml", 4, 0, "unknown key 'nmae'", "unknown-key", "$.nmae"),
        FINDING,
        Problem(
            "journeys/visit.yaml",
            2,
            3,
            "suppression of any rule suppresses nothing here; remove it",
            "unused-suppression",
            level="warning",
        ),
    )
    run = valid_sarif(as_sarif(report(*problems, input_error=True)), sarif_validator)
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [
        *RULES,
        "empty-file",
        "unknown-key",
        "unused-suppression",
    ]
    extra = {rule["id"]: rule for rule in rules[len(RULES) :]}
    assert extra["unknown-key"]["name"] == "UnknownKey"
    assert extra["unknown-key"]["defaultConfiguration"]["level"] == "error"
    assert extra["unused-suppression"]["defaultConfiguration"]["level"] == "warning"
    assert all(rule["shortDescription"]["text"] for rule in rules)
    assert run["invocations"] == [{"executionSuccessful": False}]

    empty, spaced, finding, unused = run["results"]
    assert [r["level"] for r in run["results"]] == ["error", "error", "warning", "warning"]
    location = empty["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "personas/broken.yaml", "uriBaseId": "%SRCROOT%"}
    }
    assert location["logicalLocations"] == [{"fullyQualifiedName": "$", "kind": "object"}]
    spaced_physical = spaced["locations"][0]["physicalLocation"]
    assert spaced_physical["artifactLocation"]["uri"] == "journeys/my%20visit.yaml"
    assert spaced_physical["region"] == {"startLine": 4}
    assert finding["ruleId"] == UNADDRESSED
    assert finding["message"] == {"text": FINDING.message}
    assert finding["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 11,
        "startColumn": 17,
    }
    assert finding["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == FINDING.json_path
    assert unused["ruleIndex"] == len(RULES) + 2


def test_sarif_names_a_file_outside_the_working_folder_by_file_uri(sarif_validator: Any) -> None:
    problem = Problem("/srv/maps/visit é.yaml", 3, 1, "unknown key 'x'", "unknown-key", "$.x")
    run = valid_sarif(as_sarif(report(problem)), sarif_validator)
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "file:///srv/maps/visit%20%C3%A9.yaml"}


def test_sarif_fingerprint_ignores_position_but_not_what_was_found() -> None:
    def key(problem: Problem) -> str:
        result = json.loads(as_sarif(report(problem)))["runs"][0]["results"][0]
        return result["partialFingerprints"][FINGERPRINT_KEY]  # type: ignore[no-any-return]

    moved = Problem(
        FINDING.file, 40, 9, FINDING.message, FINDING.code, FINDING.json_path, FINDING.level
    )
    assert key(moved) == key(FINDING)
    other = Problem(
        FINDING.file,
        11,
        17,
        "pain point 'pp-other' is addressed by no opportunity",
        FINDING.code,
        FINDING.json_path,
        FINDING.level,
    )
    assert key(other) != key(FINDING)
    elsewhere = Problem(
        "journeys/other.yaml",
        11,
        17,
        FINDING.message,
        FINDING.code,
        FINDING.json_path,
        FINDING.level,
    )
    assert key(elsewhere) != key(FINDING)


def test_rule_name_is_camel_case() -> None:
    assert rule_name("pain-point-unaddressed") == "PainPointUnaddressed"
    assert rule_name("minLength") == "MinLength"


def lint_sarif(validator: Any) -> tuple[str, dict[str, Any]]:
    code, output = run("lint", "--format", "sarif", "--fail-on", "warning")
    assert code == 1, output
    return output, valid_sarif(output, validator)


def test_lint_sarif_from_the_command_line(workspace: Path, sarif_validator: Any) -> None:
    output, sarif_run = lint_sarif(sarif_validator)
    # the one absolute path is the source root's (a folder outside git: the working one)
    assert sarif_run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": workspace.as_uri() + "/"}}
    assert output.count(str(workspace)) == 1
    (result,) = sarif_run["results"]
    assert result["ruleId"] == UNADDRESSED
    assert result["level"] == "warning"
    physical = result["locations"][0]["physicalLocation"]
    assert physical == {
        "artifactLocation": {"uri": "journeys/visit.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 11, "startColumn": 17},
    }
    line = JOURNEY.splitlines()[10]
    assert line[16:] == "pp-queue"

    again, _ = lint_sarif(sarif_validator)
    assert again == output


def test_lint_sarif_fingerprint_survives_a_line_inserted_above(
    workspace: Path, sarif_validator: Any
) -> None:
    _, before = lint_sarif(sarif_validator)
    journey = workspace / "journeys" / "visit.yaml"
    journey.write_text(
        JOURNEY.replace("title: Visit\n", "title: Visit\nx-owner: cx-team\n"), encoding="utf-8"
    )
    _, after = lint_sarif(sarif_validator)
    (old,), (new,) = before["results"], after["results"]
    region = new["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == old["locations"][0]["physicalLocation"]["region"]["startLine"] + 1
    assert new["partialFingerprints"] == old["partialFingerprints"]


def test_sarif_columns_count_code_points(workspace: Path, sarif_validator: Any) -> None:
    # an emoji is one code point but two UTF-16 code units: the column says which
    (workspace / "p.yaml").write_text(
        '{kind: persona, id: ee, name: "😀", nmae: 2}\n', encoding="utf-8"
    )
    code, output = run("lint", "--format", "sarif", "p.yaml")
    assert code == 1, output
    (result,) = valid_sarif(output, sarif_validator)["results"]
    assert result["ruleId"] == "unknown-key"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 36,
    }


def test_every_format_the_commands_offer_has_a_reporter() -> None:
    offered = {f.value for f in LintFormat} | {f.value for f in OutputFormat}
    assert offered <= set(REPORTERS)
