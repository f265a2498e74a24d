"""Output formats for problems: text for people, json for tools, github for Actions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from cjm.validate import Report


@dataclass(frozen=True)
class Style:
    """ANSI styling for the text format; empty strings when colour is off."""

    bold: str = ""
    red: str = ""
    yellow: str = ""
    dim: str = ""
    reset: str = ""


COLOUR = Style(bold="\x1b[1m", red="\x1b[31m", yellow="\x1b[33m", dim="\x1b[2m",
               reset="\x1b[0m")
PLAIN = Style()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def text(report: Report, style: Style = PLAIN) -> str:
    lines = []
    for p in report.problems:
        colour = style.red if p.level == "error" else style.yellow
        lines.append(f"{style.bold}{p.location}{style.reset}: {colour}[{p.level}]{style.reset} "
                     f"{p.message} {style.dim}({p.code}){style.reset}")
        if p.json_path != "$":
            lines.append(f"    {style.dim}at {p.json_path}{style.reset}")
    checked = _plural(report.files_checked, "file")
    if report.problems:
        files = len({p.file for p in report.problems})
        lines.append(f"{style.bold}{_plural(len(report.problems), 'problem')} in "
                     f"{_plural(files, 'file')}{style.reset} ({checked} checked)")
    elif report.files_checked == 0:
        lines.append("no cjm documents found (a document is a .yaml file with a top-level "
                     "`kind:` such as journey or persona)")
    else:
        lines.append(f"{checked} checked: no problems")
    return "\n".join(lines) + "\n"


def as_json(report: Report, style: Style = PLAIN) -> str:
    payload = {
        "files_checked": report.files_checked,
        "exit_code": report.exit_code,
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "level": p.level,
             "code": p.code, "message": p.message, "json_path": p.json_path}
            for p in report.problems
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, style: Style = PLAIN) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    lines = []
    for p in report.problems:
        command = "error" if p.level == "error" else "warning"
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_escape_property(f'cjm {p.code}')}")
        lines.append(f"::{command} {','.join(props)}::"
                     f"{_escape_data(f'{p.message} (at {p.json_path})')}")
    return "\n".join(lines) + ("\n" if lines else "")


Reporter = Callable[[Report, Style], str]
REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github}
