"""A plain value that YAML 1.1 tools read differently: `no`, `on`, `010`, `1:30`, `1e5`.

cjm reads YAML by the 1.2 core schema, as editors and JSON Schema tools do:
`no` and `NO` (Norway) are text, `010` is ten, `1:30` is text, `1e5` is a
number. Tools that still read YAML 1.1 (older PyYAML, Ruby, many converters)
take `yes`, `no`, `on`, `off`, `y` and `n` in any case for booleans, `010` for
eight, `0b101` and `1_000` for numbers, `1:30` for ninety and `1e5` for text.
The same file then means one thing in cjm and another in the script that
exports it to a spreadsheet. Quote the value to keep it text everywhere, or
write the boolean or number plainly (`false`, `10`, `100000`). Dates are not
reported: cjm keeps them as text, and its schemas check them as text.

Failing:

    kind: persona
    id: ingrid
    name: Ingrid
    demographics:
      country: NO  # Norway
      online_banking: yes

Passing:

    kind: persona
    id: ingrid
    name: Ingrid
    demographics:
      country: "NO"
      online_banking: true
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cjm.core.loader import Yaml11Scalar
from cjm.core.references import json_path
from cjm.lint.base import Context, Finding, Options, as_written
from cjm.lint.rule import Level, Option

ID = "yaml11-scalar"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for file in context.files:
        if file.partial:
            continue
        document_id = file.data.get("id")
        named = document_id if isinstance(document_id, str) else file.file
        for scalar in file.yaml11:
            yield Finding(
                file.file,
                scalar.path,
                message(scalar),
                (named, json_path(scalar.path), scalar.text),
                key=scalar.key,
            )


def message(scalar: Yaml11Scalar) -> str:
    """What the scalar is to cjm, what it is to YAML 1.1 tools, and how to say it for both."""
    what = "the key" if scalar.key else ""
    said = (
        f"{what} `{scalar.text}` is {_meaning(scalar.value)} here but "
        f"{_meaning(scalar.yaml11)} in YAML 1.1 tools (older PyYAML, Ruby)"
    ).strip()
    quoted = f'`"{scalar.text}"`'
    if scalar.key or isinstance(scalar.value, str):
        fix = f"quote it ({quoted})"
        if not scalar.key and not isinstance(scalar.yaml11, str):
            fix += f", or write `{_plain(scalar.yaml11)}` if {_meaning(scalar.yaml11)} is meant"
    else:
        fix = f"write `{_plain(scalar.value)}`, or quote it ({quoted}) if it is text"
    return f"{said[0].upper()}{said[1:]}; {fix}"


def _meaning(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return f"the number {as_written(value)}"
    return f'the text "{value}"'


def _plain(value: Any) -> str:
    """``value`` written so that every YAML reader, 1.1 or 1.2, takes it the same way."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return as_written(value)
