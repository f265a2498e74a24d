"""SARIF 2.1.0 output, for code-scanning services such as GitHub's.

One run whose driver lists every lint rule (in registry order, with its
documentation and its level in the `recommended` preset), then a descriptor
for each other check that found something (schema, reference, YAML, config).
Results carry the file relative to the folder cjm ran in (`%SRCROOT%`), the
region when the line is known, the JSON path as a logical location and a
fingerprint that ignores line numbers. The output is the same for the same
findings: no timestamps, no absolute paths other than those of files outside
the working folder.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
import urllib.parse
from typing import Any

from cjm import __version__
from cjm.core.loading import Problem, Report
from cjm.lint.docs import summary
from cjm.lint.rule import Rule
from cjm.lint.rules import RULES

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "cjmFingerprint/v1"
SRCROOT = "%SRCROOT%"

_LEVELS = {"error": "error", "warning": "warning", "off": "none"}
_OTHER_CHECKS = {
    "config": "The `lint:` section of cjm.yaml is wrong.",
    "unused-suppression": "An inline suppression that suppresses nothing.",
}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def as_sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log, indented JSON ending with a newline."""
    rules = [_rule(rule_id, module) for rule_id, module in RULES.items()]
    others = sorted({p.code for p in report.problems if p.code not in RULES})
    rules += [_other_rule(code, report.problems) for code in others]
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "cjm", "version": __version__, "rules": rules}},
                "invocations": [{"executionSuccessful": not report.input_error}],
                "columnKind": "unicodeCodePoints",
                "results": [_result(p, index[p.code]) for p in report.problems],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def rule_name(rule_id: str) -> str:
    """A rule id in CamelCase, as SARIF's `name`: pain-point-unaddressed -> PainPointUnaddressed."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_]", rule_id))


def fingerprint(problem: Problem) -> str:
    """What makes a finding the same finding across runs: never its line or column.

    A lint finding is known by its file, rule and the ids of what it is about (as in
    baselines); other problems by their code, file, JSON path and message.
    """
    if problem.identity:
        text = "\x1f".join((problem.identity, problem.file))
    else:
        text = "\x1f".join((problem.code, problem.file, problem.json_path, problem.message))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def artifact_location(file: str) -> dict[str, str]:
    """The file as a URI: relative to %SRCROOT% when it was reported relative (the usual case)."""
    path = file.replace("\\", "/")
    if path.startswith("/") or _WINDOWS_DRIVE.match(path):
        return {
            "uri": "file://"
            + ("" if path.startswith("/") else "/")
            + urllib.parse.quote(path, safe="/:")
        }
    return {"uri": urllib.parse.quote(path, safe="/"), "uriBaseId": SRCROOT}


def _rule(rule_id: str, module: Rule) -> dict[str, Any]:
    doc = inspect.getdoc(module) or ""
    return {
        "id": rule_id,
        "name": rule_name(rule_id),
        "shortDescription": {"text": summary(module)},
        "fullDescription": {"text": doc},
        "defaultConfiguration": {"level": _LEVELS[module.DEFAULT_LEVEL]},
        "help": {"text": doc},
    }


def _other_rule(code: str, problems: list[Problem]) -> dict[str, Any]:
    """A descriptor for a check that is not a lint rule; its level is the highest it gave."""
    levels = {_level(p.level) for p in problems if p.code == code}
    short = _OTHER_CHECKS.get(
        code,
        f"cjm check `{code}`: a schema, reference or file problem (the message says what to fix).",
    )
    return {
        "id": code,
        "name": rule_name(code),
        "shortDescription": {"text": short},
        "defaultConfiguration": {"level": "error" if "error" in levels else "warning"},
    }


def _level(level: str) -> str:
    return "warning" if level == "warning" else "error"


def _result(problem: Problem, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(problem.file)}
    if problem.line > 0:
        region = {"startLine": problem.line}
        if problem.column > 0:
            region["startColumn"] = problem.column
        physical["region"] = region
    return {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": _level(problem.level),
        "message": {"text": problem.message},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [{"fullyQualifiedName": problem.json_path, "kind": "object"}],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(problem)},
    }
