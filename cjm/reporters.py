"""Output formats for problems: text for people, parsable for editors, json and sarif for
tools, github for Actions."""

from __future__ import annotations

import json
from collections.abc import Callable

from cjm.core.loading import Problem, Report
from cjm.present.escape import PLAIN, Style


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def text(report: Report, style: Style = PLAIN) -> str:
    lines = []
    for p in report.problems:
        colour = style.red if p.level == "error" else style.yellow
        lines.append(
            f"{style.bold}{p.location}{style.reset}: {colour}[{p.level}]{style.reset} "
            f"{p.message} {style.dim}({p.code}){style.reset}"
        )
        if p.json_path != "$":
            lines.append(f"    {style.dim}at {p.json_path}{style.reset}")
    checked = _plural(report.files_checked, "file")
    if report.problems:
        files = len({p.file for p in report.problems})
        lines.append(
            f"{style.bold}{_plural(len(report.problems), 'problem')} in "
            f"{_plural(files, 'file')}{style.reset} ({checked} checked)"
        )
    elif report.files_checked == 0:
        lines.append(
            "no cjm documents found (a document is a .yaml file with a top-level "
            "`kind:` such as journey or persona)"
        )
    else:
        lines.append(f"{checked} checked: no problems")
    return "\n".join(lines) + "\n"


def as_json(report: Report, style: Style = PLAIN) -> str:
    payload = {
        "files_checked": report.files_checked,
        "exit_code": report.exit_code,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "level": p.level,
                "code": p.code,
                "message": p.message,
                "json_path": p.json_path,
            }
            for p in report.problems
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def parsable(report: Report, style: Style = PLAIN) -> str:
    """One line per problem, `path:line:col: [level] message (code)`, and nothing else."""
    lines = [
        f"{p.location}: [{p.level}] {' '.join(p.message.splitlines())} ({p.code})"
        for p in report.problems
    ]
    return "".join(f"{line}\n" for line in lines)


ANNOTATIONS_PER_LEVEL = 10
"""GitHub shows at most this many error, and as many warning, annotations per step."""


def github(report: Report, style: Style = PLAIN) -> str:
    """GitHub Actions workflow commands: an annotation per problem, as many as GitHub shows.

    Errors come first, then warnings, each in report order and each up to
    GitHub's limit per step; a notice then says how many were left out.
    """
    errors = [p for p in report.problems if p.level == "error"]
    warnings = [p for p in report.problems if p.level != "error"]
    lines = [_annotation("error", p) for p in errors[:ANNOTATIONS_PER_LEVEL]]
    lines += [_annotation("warning", p) for p in warnings[:ANNOTATIONS_PER_LEVEL]]
    left_out = [
        _plural(n, word)
        for n, word in (
            (len(errors) - ANNOTATIONS_PER_LEVEL, "error"),
            (len(warnings) - ANNOTATIONS_PER_LEVEL, "warning"),
        )
        if n > 0
    ]
    if left_out:
        lines.append(
            "::notice::"
            + _escape_data(
                f"{' and '.join(left_out)} not annotated (GitHub shows at most "
                f"{ANNOTATIONS_PER_LEVEL} errors and {ANNOTATIONS_PER_LEVEL} warnings per step); "
                "run `cjm lint --format text` or "
                "`cjm validate --format text` to see them all"
            )
        )
    return "".join(f"{line}\n" for line in lines)


def _annotation(command: str, p: Problem) -> str:
    props = [f"file={_escape_property(p.file)}"]
    if p.line:
        props += [f"line={p.line}", f"col={p.column}"]
    props.append(f"title={_escape_property(f'cjm {p.code}')}")
    return f"::{command} {','.join(props)}::{_escape_data(f'{p.message} (at {p.json_path})')}"


def sarif(report: Report, style: Style = PLAIN) -> str:
    """SARIF 2.1.0 (imported on use: it needs the lint rules' documentation)."""
    from cjm.sarif import as_sarif

    return as_sarif(report)


Reporter = Callable[[Report, Style], str]
REPORTERS: dict[str, Reporter] = {
    "text": text,
    "parsable": parsable,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}
