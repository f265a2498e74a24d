"""SARIF 2.1.0 output, for code-scanning services such as GitHub's.

One run whose driver lists every lint rule (in registry order, with its
documentation and its level in the `recommended` preset), then a descriptor
for each problem code that was reported (YAML, schema, reference,
configuration), documented from `cjm.core.problem_codes`. Every descriptor has
the short and full descriptions, help (text and Markdown) and help page that
GitHub code scanning requires.

Files are named relative to the source root, `%SRCROOT%`: the git work tree
that holds the working folder (the folder or file `.git` marks it, so no git is
run); from outside any work tree, the one that holds every file reported, else
the working folder itself (see :func:`source_root`). Code scanning resolves
relative paths from the repository root, so a log written from a sub-folder
names the same files as one written from the top. Files outside the root are
named by absolute `file:` URIs. Results carry the region when the line is
known, the JSON path as a logical location and a fingerprint that ignores line
numbers. The same findings give the same log, byte for byte, in the same
checkout.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Any

from cjm import __version__
from cjm.core.files import file_name, printable
from cjm.core.loading import Problem, Report
from cjm.core.problem_codes import describe_code
from cjm.core.workspace import find_root
from cjm.lint.docs import summary
from cjm.lint.rule import Rule
from cjm.lint.rules import RULES

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://cjm.dev/"
RULE_HELP_URI = "https://cjm.dev/docs/rules/{}/"
PROBLEM_HELP_URI = "https://cjm.dev/docs/problems/{}/"
FINGERPRINT_KEY = "cjmFingerprint/v1"
SRCROOT = "%SRCROOT%"

_LEVELS = {"error": "error", "warning": "warning", "off": "none"}


def as_sarif(report: Report, *, cwd: Path | None = None) -> str:
    """The report as a SARIF 2.1.0 log, indented JSON ending with a newline.

    ``cwd`` is the folder the problems' relative file names start from (the
    working folder unless given); the source root is found from it.
    """
    cwd = Path(os.path.normpath((cwd or Path.cwd()).absolute()))
    root = source_root(cwd, [p.file for p in report.problems])
    rules = [_rule(rule_id, module) for rule_id, module in RULES.items()]
    others = sorted({p.code for p in report.problems if p.code not in RULES})
    rules += [_other_rule(code, report.problems) for code in others]
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    paths = {p.file: source_path(p.file, cwd=cwd, root=root) for p in report.problems}
    rename = _renamer({name: printable(path.as_posix()) for name, path in paths.items()})
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cjm",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": not report.input_error}],
                "originalUriBaseIds": {SRCROOT: {"uri": folder_uri(root)}},
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(p, index[p.code], path=paths[p.file], rename=rename)
                    for p in report.problems
                ],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def source_root(cwd: Path, files: Sequence[str] = ()) -> Path:
    """The root that file URIs are relative to: the git work tree holding ``cwd``.

    A work tree's top folder holds `.git` (a folder in a plain clone, a file in
    a linked work tree or a submodule), so looking for it is enough and spares
    running git. When ``cwd`` is in no work tree, the one work tree that holds
    every file in ``files`` (named relative to ``cwd``, or absolute); failing
    that, the one workspace (the folder of its `cjm.yaml`) that holds them all,
    so that the URIs do not depend on where cjm ran; failing that, ``cwd`` itself.
    """
    here = work_tree(cwd)
    if here is not None:
        return here
    folders = {Path(os.path.normpath(cwd / file_name(file))).parent for file in files}
    for find in (work_tree, find_root):
        roots = {find(folder) for folder in folders}
        if len(roots) == 1 and (root := roots.pop()) is not None:
            return root
    return cwd


def work_tree(folder: Path) -> Path | None:
    """The top folder of the git work tree that holds ``folder``, or None."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def folder_uri(folder: Path) -> str:
    """An absolute folder as a `file:` URI ending in `/`, as `originalUriBaseIds` needs."""
    uri = folder.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def source_path(file: str, *, cwd: Path, root: Path) -> PurePath:
    """A reported file name (relative to ``cwd``, or absolute) relative to ``root``, or
    absolute when the file is not under ``root``."""
    path = Path(os.path.normpath(cwd / file_name(file)))
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def artifact_location(path: PurePath) -> dict[str, str]:
    """A :func:`source_path` as a SARIF artifact location.

    A relative path is a URI relative to %SRCROOT%; an absolute one a `file:` URI.
    A name is percent-encoded byte by byte as the file system holds it, so a name
    that is not UTF-8 is named exactly.
    """
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {
        "uri": urllib.parse.quote(os.fsencode(path.as_posix()), safe="/"),
        "uriBaseId": SRCROOT,
    }


def rule_name(rule_id: str) -> str:
    """A rule id in CamelCase, as SARIF's `name`: pain-point-unaddressed -> PainPointUnaddressed."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_]", rule_id))


def fingerprint(problem: Problem, path: PurePath, message: str | None = None) -> str:
    """What makes a finding the same finding across runs: never its line or column.

    ``path`` is the file's :func:`source_path` and ``message`` the problem's message
    as the log words it (files named from the source root), so that the fingerprint
    does not depend on the folder cjm ran in. A lint finding is known by its file,
    rule and the ids of what it is about (as in baselines); other problems by
    their code, file, JSON path and message.
    """
    name = path.as_posix()
    if problem.identity:
        parts: tuple[str, ...] = (problem.identity, name)
    else:
        text = problem.message if message is None else message
        parts = (problem.code, name, problem.json_path, text)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _rule(rule_id: str, module: Rule) -> dict[str, Any]:
    doc = inspect.getdoc(module) or ""
    return _descriptor(
        rule_id,
        short=summary(module),
        full=_prose(doc),
        level=_LEVELS[module.DEFAULT_LEVEL],
        text=doc,
        markdown=_markdown(doc),
        help_uri=RULE_HELP_URI.format(rule_id),
    )


def _other_rule(code: str, problems: list[Problem]) -> dict[str, Any]:
    """A descriptor for a problem code that is not a lint rule; its level is the highest
    it gave."""
    levels = {_level(p.level) for p in problems if p.code == code}
    described = describe_code(code)
    full = f"{described.summary}\n\n{described.explanation}"
    return _descriptor(
        code,
        short=described.summary,
        full=full,
        level="error" if "error" in levels else "warning",
        text=full,
        markdown=full,
        help_uri=PROBLEM_HELP_URI.format(urllib.parse.quote(code)),
    )


def _descriptor(
    rule_id: str, *, short: str, full: str, level: str, text: str, markdown: str, help_uri: str
) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": rule_name(rule_id),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": level},
        "help": {
            "text": f"{text}\n\nDocumentation: {help_uri}",
            "markdown": f"{markdown}\n\n[Documentation]({help_uri})",
        },
        "helpUri": help_uri,
    }


FULL_DESCRIPTION_LENGTH = 1000
"""The longest full description written: code scanning services show it above each
alert and some cut it at 1,024 characters; the whole documentation is in `help`."""


def _prose(doc: str) -> str:
    """A rule's description without its examples: the paragraphs of its docstring before
    the first example, as many as fit in :data:`FULL_DESCRIPTION_LENGTH`."""
    kept: list[str] = []
    for paragraph in doc.split("\n\n"):
        if paragraph.rstrip().endswith(":") or paragraph.startswith("    "):
            break
        if kept and len("\n\n".join([*kept, paragraph])) > FULL_DESCRIPTION_LENGTH:
            break
        kept.append(paragraph)
    return "\n\n".join(kept)[:FULL_DESCRIPTION_LENGTH]


def _markdown(doc: str) -> str:
    """A rule's docstring as Markdown: its indented examples become fenced YAML blocks,
    which code scanning shows with highlighting (an indented block shows as plain code)."""
    out: list[str] = []
    block: list[str] = []

    def close() -> None:
        while block and not block[-1].strip():
            block.pop()
        if block:
            out.extend(["```yaml", *(line[4:] for line in block), "```", ""])
            block.clear()

    for line in doc.splitlines():
        if line.startswith("    ") or (block and not line.strip()):
            block.append(line)
            continue
        close()
        out.append(line)
    close()
    return "\n".join(out).rstrip("\n")


def _level(level: str) -> str:
    return "warning" if level == "warning" else "error"


def _text(value: str) -> str:
    """Text with the undecodable bytes of a file name (which Python keeps as lone
    surrogates) replaced by U+FFFD, which JSON can carry and every reader can print."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _renamer(names: dict[str, str]) -> Callable[[str], str]:
    """A function that rewrites the file names in a message as the log names those files.

    Messages name other files as cjm was given them, relative to the working folder
    ("also defined in ../personas/anna.yaml"); in the log they read relative to the
    source root, like the URIs, so that neither the message nor the fingerprint
    depends on where cjm ran.
    """
    changed = {old: new for old, new in names.items() if old != new}
    if not changed:
        return lambda text: text
    alternatives = "|".join(re.escape(old) for old in sorted(changed, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w./\\-])(?:{alternatives})(?![\w/\\-])")
    return lambda text: pattern.sub(lambda match: changed[match.group(0)], text)


def _result(
    problem: Problem, rule_index: int, *, path: PurePath, rename: Callable[[str], str]
) -> dict[str, Any]:
    message = rename(problem.message)
    physical: dict[str, Any] = {"artifactLocation": artifact_location(path)}
    if problem.line > 0:
        region = {"startLine": problem.line}
        if problem.column > 0:
            region["startColumn"] = problem.column
        physical["region"] = region
    return {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": _level(problem.level),
        "message": {"text": _text(message)},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [
                    {"fullyQualifiedName": _text(problem.json_path), "kind": "object"}
                ],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(problem, path, message)},
    }
