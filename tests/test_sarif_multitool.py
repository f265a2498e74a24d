"""cjm's SARIF as code scanning's own checker judges it.

Microsoft's SARIF multitool (npm's ``@microsoft/sarif-multitool``, installed in
``.cache/node`` from ``tests/render/package.json`` by ``sh scripts/setup.sh
test``) validates each log against the SARIF schema, its own SARIF rules and the
rules GitHub code scanning applies when it ingests a log (the ``Gh`` rule kind).
A log passes when the checker reports no error and no warning; its notes are
suggestions (message ids instead of text, code snippets) that GitHub does not
need. The rule that fetches every URI in the log (SARIF2006) is disabled, so
that the tests stay offline.

The logs come from `cjm validate` and `cjm lint`, on the examples (no problem)
and on a repository with problems and findings, run from the top and from a
sub-folder; all of them are checked in one run of the multitool. Code scanning
shows a rule's description and help beside each alert, so every problem code
cjm reports must have a description of its own, not the general one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.errors import LoadError
from cjm.core.loader import load_bytes
from cjm.core.problem_codes import PROBLEM_CODES
from cjm.lint.rules import RULES
from cjm.sarif import as_sarif
from tests.test_reporters import FINDING, SARIF_SCHEMA, report
from tests.test_sarif_uris import CLEAN_ENV, problem_repository

ROOT = Path(__file__).resolve().parents[1]
NODE_DIR = ROOT / ".cache" / "node"
PACKAGE = NODE_DIR / "node_modules" / "@microsoft" / "sarif-multitool"
OFFLINE_POLICY = """\
<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
"""
"""Multitool settings that switch off the one rule that would go to the network."""

CASES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # name: (where cjm runs, relative to the repository or to cjm's own root, arguments)
    "validate-examples": ("cjm:", "validate", ("examples",)),
    "lint-examples": ("cjm:", "lint", ("examples",)),
    "lint-examples-from-a-sub-folder": ("cjm:examples/negozio-omnicanale", "lint", (".",)),
    "validate-problems": ("repo:", "validate", ("maps",)),
    "lint-problems": ("repo:", "lint", ("maps",)),
    "validate-problems-from-a-sub-folder": ("repo:maps/journeys", "validate", ("..",)),
    "lint-problems-from-a-sub-folder": ("repo:maps/journeys", "lint", ("..",)),
    "lint-one-file-from-a-sub-folder": ("repo:maps/personas", "lint", ("anna.yaml",)),
}
CLEAN = {"validate-examples", "lint-examples", "lint-examples-from-a-sub-folder"}


def multitool() -> list[str]:
    """The command that runs the multitool: its native program, which the npm package
    names (its own launcher passes the arguments through a shell, which splits them
    at `;`)."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):  # CI installs node: its absence is a broken set-up
            pytest.fail("node is not installed: `sh scripts/setup.sh test` installs it")
        pytest.skip("node is not installed: the SARIF multitool comes from npm")
    if not PACKAGE.is_dir():
        pytest.fail(
            "npm's @microsoft/sarif-multitool is needed in .cache/node: "
            "run `sh scripts/setup.sh test`"
        )
    found = subprocess.run(
        [node, "-p", f"require({json.dumps(str(PACKAGE))})"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [found.stdout.strip()]


def cjm_log(cwd: Path, command: str, args: tuple[str, ...]) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        result = CliRunner().invoke(app, [command, "--format", "sarif", *args], env=CLEAN_ENV)
    assert result.exit_code in (0, 1, 2), result.output
    return result.stdout


def old_style_log() -> str:
    """A log as cjm wrote it before: a problem code described by a short description
    only, and no page for the tool; code scanning refuses such a log."""
    log = json.loads(as_sarif(report(replace(FINDING, code="unknown-reference"))))
    driver = log["runs"][0]["tool"]["driver"]
    driver.pop("informationUri", None)
    for rule in driver["rules"]:
        if rule["id"] == "unknown-reference":
            for key in ("fullDescription", "help", "helpUri"):
                rule.pop(key, None)
    return json.dumps(log, indent=2)


class Checked(NamedTuple):
    log: dict[str, Any]
    said: list[str]
    """The multitool's errors and warnings, as `RULE: message`."""


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Checked]:
    """Each case's log, and what the multitool says of it, from one run of it."""
    command = multitool()
    base = tmp_path_factory.mktemp("sarif")
    repo = problem_repository(base)
    logs = base / "logs"
    logs.mkdir()
    for name, (where, cjm_command, args) in CASES.items():
        place, _, sub = where.partition(":")
        cwd = (ROOT if place == "cjm" else repo) / sub
        (logs / f"{name}.sarif").write_text(cjm_log(cwd, cjm_command, args), encoding="utf-8")
    (logs / "old-style.sarif").write_text(old_style_log(), encoding="utf-8")
    policy = base / "offline.xml"
    policy.write_text(OFFLINE_POLICY, encoding="utf-8")
    output = base / "verdict.sarif"
    result = subprocess.run(
        [
            *command,
            "validate",
            "--rule-kind",
            "Gh;Sarif",
            "--config",
            str(policy),
            "--level",
            "Error;Warning",
            "--output",
            str(output),
            *sorted(str(p) for p in logs.iterdir()),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert output.is_file(), result.stdout + result.stderr
    said: dict[str, list[str]] = {p.stem: [] for p in logs.iterdir()}
    for run in json.loads(output.read_text(encoding="utf-8-sig"))["runs"]:
        for finding in run.get("results", []):
            if finding.get("level", "warning") not in ("error", "warning"):
                continue
            uri = finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            name = uri.rsplit("/", 1)[-1].removesuffix(".sarif")
            message = finding["message"]
            text = message.get("text") or " ".join(message.get("arguments", []))
            kind = message.get("id", "")
            said[name].append(f"{finding['ruleId']} {kind}: {text}".replace(" :", ":"))
    return {
        p.stem: Checked(json.loads(p.read_text(encoding="utf-8")), said[p.stem])
        for p in logs.iterdir()
    }


def test_the_checker_refuses_what_github_refuses(checked: dict[str, Checked]) -> None:
    said = [line.split(":")[0] for line in checked["old-style"].said]
    assert sorted(said) == [
        "GH2012 Error_MissingFullDescription",
        "GH2012 Error_MissingHelp",
        "SARIF2005 Warning_ProvideToolnformationUri",
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_code_scanning_accepts_the_log(checked: dict[str, Checked], case: str) -> None:
    log, said = checked[case]
    assert said == []
    validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(log)] == []
    results = log["runs"][0]["results"]
    if case in CLEAN:
        assert results == []
    else:
        # problems and findings alike, every file named from the repository's root
        assert {r["ruleId"] for r in results} >= (
            {"unknown-key"} if case.startswith("lint-one") else {"unknown-reference", "yaml-syntax"}
        )
        if case.startswith("lint-problems"):
            assert "pain-point-unaddressed" in {r["ruleId"] for r in results}
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert all(uri.startswith("maps/") for uri in uris), uris


# every problem code has a description of its own


BROKEN_FILES = {
    b"": "empty-file",
    b"\xff\xfek\x00": "encoding",
    b"kind: caf\xe9\n": "encoding",
    b"a: [\n": "yaml-syntax",
    b"a: !!python/object:os.system x\n": "yaml-tag",
    b"a: 1\na: 2\n": "duplicate-key",
    b"? [a]\n: 1\n": "complex-key",
    b"a: 1\n---\nb: 2\n": "multi-document",
    b"- a\n": "not-a-mapping",
    b"a: .inf\n": "non-finite-number",
    b"a: &a [*a]\n": "alias-loop",
    b"a: " + b"[" * 300 + b"]" * 300 + b"\n": "too-deep",
    b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n"
        % (98 + n, 98 + n, *[97 + n] * 10)
        for n in range(8)
    ): "alias-bomb",
}
"""A file for each way reading YAML fails, and the code it is reported with."""


def codes_of_the_cases() -> set[str]:
    """The codes that the data-driven validation cases expect."""
    codes = set()
    for expected in (ROOT / "tests" / "cases" / "invalid").glob("*/expected.yaml"):
        data = yaml.safe_load(expected.read_text(encoding="utf-8")) or {}
        codes |= {problem["code"] for problem in data.get("problems", [])}
    return codes


def test_every_problem_code_has_a_description_of_its_own() -> None:
    loader_codes = set()
    for raw, expected in BROKEN_FILES.items():
        with pytest.raises(LoadError) as raised:
            load_bytes(raw, "x.yaml", max_size=1_000_000)
        assert raised.value.code == expected, raw[:40]
        loader_codes.add(raised.value.code)
    with pytest.raises(LoadError) as raised:
        load_bytes(b"kind: persona\n", "x.yaml", max_size=4)
    codes = loader_codes | {raised.value.code} | codes_of_the_cases()
    codes |= {"config", "unused-suppression", "io"}
    assert codes - set(RULES) <= set(PROBLEM_CODES), codes - set(RULES) - set(PROBLEM_CODES)
    assert not set(PROBLEM_CODES) & set(RULES)
    for code, described in PROBLEM_CODES.items():
        assert described.summary.endswith("."), code
        assert len(described.explanation) > len(described.summary), code


def test_a_problem_code_is_described_in_the_log() -> None:
    problem = replace(FINDING, code="duplicate-key", identity="", level="error")
    log = json.loads(as_sarif(report(problem)))
    (rule,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "duplicate-key"]
    described = PROBLEM_CODES["duplicate-key"]
    assert rule["shortDescription"] == {"text": described.summary}
    assert described.explanation in rule["fullDescription"]["text"]
    assert described.explanation in rule["help"]["markdown"]
    assert rule["helpUri"] == "https://cjm.dev/docs/problems/duplicate-key/"
    assert rule["helpUri"] in rule["help"]["text"]


def test_every_descriptor_is_complete_and_its_description_short_enough() -> None:
    problems = [replace(FINDING, code=code, identity="") for code in PROBLEM_CODES]
    driver = json.loads(as_sarif(report(*problems)))["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == [*RULES, *sorted(PROBLEM_CODES)]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"], rule["id"]
        # shown above each alert, and cut by some services at 1,024 characters
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024, rule["id"]
        assert rule["help"]["text"] and rule["help"]["markdown"], rule["id"]
        assert rule["helpUri"].startswith("https://cjm.dev/docs/"), rule["id"]
    examples = driver["rules"][list(RULES).index("channel-handoff")]["help"]["markdown"]
    assert "Failing:\n\n```yaml\nsteps:\n" in examples
