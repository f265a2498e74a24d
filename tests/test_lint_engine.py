"""`cjm lint` mechanics: configuration, suppressions, baselines, exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.lint.engine import lint_paths
from cjm.lint.rules import RULES

RULE = "pain-point-unaddressed"
# the mechanics are shown on one rule; the others stay quiet
CONFIG = "lint:\n  rules:\n" + "".join(f"    {rule}: off\n" for rule in RULES if rule != RULE)
JOURNEY = """\
kind: journey
id: j
title: J
stages:
  - id: s
    name: S
    steps:
      - id: t
        name: T
        pain_points:
          - id: pp-queue
            description: Queue
          - id: pp-wait
            description: Wait
"""


def workspace(root: Path, config: str = CONFIG, journey: str = JOURNEY) -> Path:
    (root / "journeys").mkdir(parents=True, exist_ok=True)
    (root / "cjm.yaml").write_text(config, encoding="utf-8")
    (root / "journeys" / "j.yaml").write_text(journey, encoding="utf-8")
    return root


def found(root: Path, **options: object) -> list[str]:
    result = lint_paths([root], jobs=1, cwd=root, today=date(2026, 11, 22), **options)
    return [
        f"{p.file}:{p.line}:{p.column}: [{p.level}] {p.code}"
        for p in result.report.problems
        if p.code in (RULE, "unused-suppression")
    ]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": None, "NO_COLOR": "1"})
    return result.exit_code, result.output


def test_findings_carry_the_configured_level(tmp_path: Path) -> None:
    workspace(tmp_path)
    assert found(tmp_path) == [
        f"journeys/j.yaml:11:17: [warning] {RULE}",
        f"journeys/j.yaml:13:17: [warning] {RULE}",
    ]
    workspace(tmp_path, config=f"lint:\n  rules:\n    {RULE}: error\n")
    assert found(tmp_path)[0] == f"journeys/j.yaml:11:17: [error] {RULE}"
    workspace(tmp_path, config=f"lint:\n  rules:\n    {RULE}: off\n")
    assert found(tmp_path) == []


def test_strict_preset_and_ignores(tmp_path: Path) -> None:
    workspace(tmp_path, config="lint:\n  extends: strict\n")
    assert found(tmp_path)[0].endswith(f"[error] {RULE}")
    workspace(tmp_path, config="lint:\n  ignore: ['journeys/**']\n")
    assert found(tmp_path) == []
    workspace(
        tmp_path,
        config=f"lint:\n  rules:\n    {RULE}: {{level: error, ignore: [journeys/j.yaml]}}\n",
    )
    assert found(tmp_path) == []
    workspace(
        tmp_path,
        config=f"lint:\n  overrides:\n    - files: ['journeys/*.yaml']\n"
        f"      rules: {{{RULE}: off}}\n",
    )
    assert found(tmp_path) == []


@pytest.mark.parametrize(
    "config, where, fragment",
    [
        (
            "lint:\n  rules:\n    pain-point-unadressed: error\n",
            "cjm.yaml:3:5",
            "unknown rule 'pain-point-unadressed'; did you mean 'pain-point-unaddressed'?",
        ),
        (
            f"lint:\n  rules:\n    {RULE}: loud\n",
            "cjm.yaml:3:29",
            "'loud' is not one of 'off', 'warning', 'error'",
        ),
        (
            f"lint:\n  rules:\n    {RULE}: {{level: error, depth: 3}}\n",
            "cjm.yaml:3:44",
            f"rule '{RULE}' has no option 'depth'",
        ),
        ("lint:\n  extends: strikt\n", "cjm.yaml:2:12", "did you mean 'strict'?"),
        ("lint:\n  ignor: [a]\n", "cjm.yaml:2:3", "unknown key 'ignor'; did you mean 'ignore'?"),
        ("lint:\n  overrides:\n    - rules: {}\n", "cjm.yaml:3:7", "missing required key 'files'"),
    ],
)
def test_configuration_errors_name_the_key(
    tmp_path: Path, config: str, where: str, fragment: str
) -> None:
    workspace(tmp_path, config=config)
    code, output = run("lint", str(tmp_path))
    assert code == 2, output
    line = next(line for line in output.splitlines() if "cjm.yaml" in line)
    assert where in line
    assert fragment in line


def test_every_suppression_form(tmp_path: Path) -> None:
    journey = JOURNEY.replace(
        "          - id: pp-queue\n",
        f"          - id: pp-queue  # cjm-lint: disable={RULE} -- tracked elsewhere\n",
    ).replace(
        "          - id: pp-wait\n",
        "          # cjm-lint: disable-next-line\n          - id: pp-wait\n",
    )
    workspace(tmp_path, journey=journey)
    assert found(tmp_path) == []
    workspace(tmp_path, journey=f"# cjm-lint: disable-file={RULE} -- a template\n" + JOURNEY)
    assert found(tmp_path) == []


def test_a_suppression_that_suppresses_nothing_is_reported(tmp_path: Path) -> None:
    journey = (
        JOURNEY.replace("title: J\n", f"title: J  # cjm-lint: disable={RULE}\n")
        + "# cjm-lint: disable-next-line=no-such-rule\n"
    )
    workspace(tmp_path, journey=journey)
    problems = found(tmp_path)
    assert "journeys/j.yaml:3:11: [warning] unused-suppression" in problems
    assert "journeys/j.yaml:15:1: [warning] unused-suppression" in problems
    result = lint_paths([tmp_path], jobs=1, cwd=tmp_path, today=date(2026, 11, 22))
    messages = [p.message for p in result.report.problems if p.code == "unused-suppression"]
    assert any("unknown rule(s): no-such-rule" in m for m in messages)


def test_a_hash_inside_quoted_text_is_not_a_suppression(tmp_path: Path) -> None:
    journey = JOURNEY.replace("title: J\n", f'title: "J # cjm-lint: disable={RULE}"\n')
    workspace(tmp_path, journey=journey)
    assert len(found(tmp_path)) == 2


def test_baseline_round_trip(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    baseline = tmp_path / "baseline.json"
    code, output = run("lint", "--write-baseline", str(baseline), str(ws))
    assert code == 0, output
    assert "wrote 2 finding(s)" in output
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert {tuple(e["subject"]) for e in entries} == {("j", "pp-queue"), ("j", "pp-wait")}
    code, output = run("lint", "--fail-on", "warning", "--baseline", str(baseline), str(ws))
    assert code == 0, output

    # the findings move (new lines above): still in the baseline
    moved = JOURNEY.replace("title: J\n", "title: J\ndescription: Longer now\nowner: Team\n")
    workspace(tmp_path / "ws", journey=moved)
    code, output = run("lint", "--fail-on", "warning", "--baseline", str(baseline), str(ws))
    assert code == 0, output

    # one is fixed, a new one appears: only the new one is reported
    changed = moved.replace("pp-wait", "pp-parking")
    workspace(tmp_path / "ws", journey=changed)
    code, output = run("lint", "--fail-on", "warning", "--baseline", str(baseline), str(ws))
    assert code == 1
    assert "pp-parking" in output and "pp-queue" not in output


def test_bad_baseline_file_is_exit_2(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    code, output = run("lint", "--baseline", str(bad), str(ws))
    assert code == 2
    assert "not a cjm baseline" in output


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    assert run("lint", str(ws))[0] == 0  # warnings only, failing level error
    assert run("lint", "--fail-on", "warning", str(ws))[0] == 1
    (ws / "journeys" / "broken.yaml").write_text("kind: journey\nid: [x\n", encoding="utf-8")
    code, output = run("lint", str(ws))
    assert code == 2
    assert output.index("broken.yaml") < output.index(RULE)


def test_lint_never_runs_rules_on_an_invalid_document(tmp_path: Path) -> None:
    ws = workspace(tmp_path, journey=JOURNEY.replace("title: J\n", "title: J\nstate: curent\n"))
    code, output = run("lint", "--fail-on", "warning", str(ws))
    assert code == 1
    assert "'curent' is not one of" in output
    assert RULE not in output


def test_rules_command_lists_and_documents(tmp_path: Path) -> None:
    code, output = run("rules")
    assert code == 0
    assert f"{RULE} " in output and "warning" in output
    code, output = run("rules", RULE)
    assert code == 0
    assert "Failing:" in output and "Passing:" in output
    code, output = run("rules", "pain-point")
    assert code == 2
    assert "unknown rule" in output


def test_readme_lists_every_rule_as_the_docstrings_say() -> None:
    from cjm.lint.docs import update_readme

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert update_readme(readme) == readme, "run: python -m cjm.lint.docs"


def test_pre_commit_lint_hook_runs_as_declared(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    import yaml

    root = Path(__file__).resolve().parent.parent
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "cjm-lint"]
    assert hook["pass_filenames"] is False
    shutil.copytree(root / "examples", tmp_path / "maps")
    command = [sys.executable, "-m", "cjm", *hook["entry"].split()[1:]]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workspaces_linted_in_parallel_give_the_same_report(tmp_path: Path) -> None:
    import shutil

    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "tests" / "lint" / "showcase", tmp_path / "a")
    shutil.copytree(root / "examples", tmp_path / "b")
    one = lint_paths([tmp_path], jobs=1, cwd=tmp_path, today=date(2026, 11, 22))
    two = lint_paths([tmp_path], jobs=2, cwd=tmp_path, today=date(2026, 11, 22))
    assert one.report.problems == two.report.problems
    assert one.report.problems
    assert (one.report.files_checked, one.suppressed) == (two.report.files_checked, two.suppressed)


def test_json_exit_code_follows_fail_on(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    code, output = run("lint", "--format", "json", str(ws))
    assert (code, json.loads(output)["exit_code"]) == (0, 0)
    code, output = run("lint", "--format", "json", "--fail-on", "warning", str(ws))
    assert (code, json.loads(output)["exit_code"]) == (1, 1)


@pytest.mark.parametrize(
    "content",
    [
        '{"version": 1, "findings": [{"fingerprint": "x", "count": "abc"}]}',
        '{"version": 1, "findings": [{"fingerprint": "x", "count": null}]}',
        '{"version": true, "findings": []}',
        "[" * 100000 + "]" * 100000,
    ],
)
def test_a_malformed_baseline_is_a_one_line_error(tmp_path: Path, content: str) -> None:
    ws = workspace(tmp_path / "ws")
    bad = tmp_path / "b.json"
    bad.write_text(content, encoding="utf-8")
    code, output = run("lint", "--baseline", str(bad), str(ws))
    assert code == 2
    assert "not a cjm baseline" in output
    assert "Traceback" not in output


def test_suppressions_are_read_from_real_comments_only(tmp_path: Path) -> None:
    journey = JOURNEY.replace(
        "          - id: pp-queue\n            description: Queue\n",
        "          - {id: pp-queue, description: The customer's queue}"
        f"  # cjm-lint: disable={RULE}\n",
    ).replace("description: Wait\n", "description: |\n              # cjm-lint: disable-file\n")
    workspace(tmp_path, journey=journey)
    problems = found(tmp_path)
    assert problems == [f"journeys/j.yaml:12:17: [warning] {RULE}"]  # pp-wait still found


def test_a_mistyped_suppression_is_reported(tmp_path: Path) -> None:
    workspace(tmp_path, journey=JOURNEY + "# CJM-LINT: DISABLE=foo\n# cjm-lint: disable-line=x\n")
    result = lint_paths([tmp_path], jobs=1, cwd=tmp_path, today=date(2026, 11, 22))
    mistyped = [
        p for p in result.report.problems if "not a suppression cjm understands" in p.message
    ]
    assert [(p.line, p.code) for p in mistyped] == [
        (15, "unused-suppression"),
        (16, "unused-suppression"),
    ]


def test_files_no_rule_looks_at_get_no_unused_suppression(tmp_path: Path) -> None:
    workspace(
        tmp_path,
        config=CONFIG + "  ignore: ['journeys/**']\n",
        journey=JOURNEY + f"# cjm-lint: disable={RULE}\n",
    )
    assert found(tmp_path) == []


def test_no_rule_runs_where_cjm_yaml_is_wrong(tmp_path: Path) -> None:
    workspace(tmp_path, config="lint:\n  extends: strictest\n")
    code, output = run("lint", "--fail-on", "warning", str(tmp_path))
    assert code == 2
    assert "strictest" in output
    assert RULE not in output


@pytest.mark.parametrize(
    "config, fragment",
    [
        (
            "lint:\n  overrides:\n    - files: ['a/**']\n"
            "      rules: {emotion-drop: {threshold: 3.0}}\n",
            "option 'threshold' goes under `lint: rules:`",
        ),
        ("lint:\n  rules:\n    emotion-flat: {min_steps: true}\n", "takes int"),
    ],
)
def test_option_mistakes_are_configuration_errors(
    tmp_path: Path, config: str, fragment: str
) -> None:
    workspace(tmp_path, config=config)
    code, output = run("lint", str(tmp_path))
    assert code == 2, output
    assert fragment in output


def test_a_bare_off_works_inside_a_rule_mapping(tmp_path: Path) -> None:
    workspace(tmp_path, config=f"lint:\n  rules:\n    {RULE}: {{level: off}}\n")
    assert found(tmp_path) == []


def test_a_folder_given_twice_is_linted_once(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    one = lint_paths([ws], jobs=2, cwd=tmp_path)
    twice = lint_paths([ws, ws, ws / "journeys"], jobs=2, cwd=tmp_path)
    assert one.report.problems == twice.report.problems
    assert one.report.files_checked == twice.report.files_checked


def test_a_bad_option_value_is_reported_at_its_place_whatever_is_linted(tmp_path: Path) -> None:
    workspace(
        tmp_path, config="lint:\n  rules:\n    lane-empty: {level: warning, lanes: [bogus]}\n"
    )
    (tmp_path / "p.yaml").write_text("kind: persona\nid: p\nname: P\n", encoding="utf-8")
    code, output = run("lint", str(tmp_path / "p.yaml"))
    assert code == 2
    assert "cjm.yaml:3:34:" in output
    assert "unknown lane 'bogus'" in output
