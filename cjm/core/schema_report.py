"""Readable schema errors: the best match, the closest key, a hint to quote.

Imported only when a document fails the fast verdict, so that a clean run
never pays for the `jsonschema` package.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from cjm.core.loader import YAML11_BOOLEANS
from cjm.core.schema_files import read_schema
from cjm.core.suggest import did_you_mean

JsonPath = tuple[str | int, ...]


SourceText = Callable[[JsonPath], "str | None"]


@cache
def _ecma(pattern: str) -> re.Pattern[str]:
    """A schema pattern with ECMA-262's `$`: the end of the text, not before a final newline."""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def _pattern(
    validator: Any, pattern: str, instance: Any, _schema: Any
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    {"pattern": _pattern},
)


@cache
def _validator(kind: str) -> Any:
    """The detailed validator: the schema file alone (it is self-contained), formats asserted."""
    return _Validator(
        read_schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(
    kind: str, data: Any, source: SourceText | None = None
) -> Iterator[tuple[JsonPath, bool, str, str]]:
    """Each error as (JSON path, points at the key, message, code), in document order.

    ``source`` gives the text a scalar was written as, so that a message can
    say `1e5` where YAML read a number.
    """
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: _order(e.absolute_path))
    misshapen = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    for error in errors:
        if error.validator == "format" and tuple(error.absolute_path) in misshapen:
            continue  # a value not even shaped like a date: the pattern's message says so
        yield from _explain(error, source or _no_source)


def _no_source(_path: JsonPath) -> None:
    return None


def _order(path: Any) -> tuple[tuple[int, str], ...]:
    return tuple((0, f"{p:09d}") if isinstance(p, int) else (1, str(p)) for p in path)


def _explain(
    error: ValidationError, source: SourceText
) -> Iterator[tuple[JsonPath, bool, str, str]]:
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    if keyword in ("oneOf", "anyOf") and error.context:
        yield from _explain_choice(error, path, source)
        return
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed and not k.startswith("x-")]
        what = "rule" if path[-1:] == ("rules",) and path[:1] == ("lint",) else "key"
        for key in extra:
            hint = did_you_mean(key, allowed)
            if what == "rule":
                hint = hint or " (`cjm rules` lists them)"
                yield (*path, key), True, f"unknown rule {key!r}{hint}", "unknown-key"
                continue
            if key.lower().startswith("x-"):
                hint = f"; custom fields start with a lowercase `x-`: {'x-' + key[2:]!r}"
            if not hint:
                hint = f"; allowed here: {', '.join(allowed)} (and x- custom fields)"
            yield (*path, key), True, f"unknown key {key!r}{hint}", "unknown-key"
        return
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield path, False, f"missing required key {missing!r}", "required"
        return
    if keyword == "type":
        yield (
            path,
            False,
            _type_message(
                error.instance,
                error.validator_value,
                source(path),
                _shape_hint(error.instance, error.schema),
            ),
            "type",
        )
        return
    if keyword == "const":
        yield path, False, f"must be {error.validator_value!r}, not {error.instance!r}", keyword
        return
    if keyword == "enum":
        options = error.validator_value
        shown = ", ".join(repr(o) for o in options)
        hint = (
            did_you_mean(error.instance, [str(o) for o in options])
            if isinstance(error.instance, str)
            else ""
        )
        yield path, False, f"{error.instance!r} is not one of {shown}{hint}", keyword
        return
    if keyword == "pattern":
        meaning = error.schema.get("description", f"the pattern {error.validator_value}")
        yield (
            path,
            False,
            f"{error.instance!r} is not allowed here: {_lower_first(meaning).rstrip('.')}"
            + _duration_hint(error.instance, error.validator_value),
            "pattern",
        )
        return
    if keyword == "minLength":
        yield path, False, "must not be empty", "empty"
        return
    if keyword == "minItems":
        count = error.validator_value
        needed = "one item" if count == 1 else f"{count} items"
        yield path, False, f"needs at least {needed}", "min-items"
        return
    if keyword == "uniqueItems":
        seen: set[str] = set()
        twice = ""
        for item in map(repr, error.instance):
            if item in seen:
                twice = item if len(item) <= 60 else f"{item[:57]}…{item[-1]}"
                break
            seen.add(item)
        yield path, False, f"lists {twice} more than once", "unique-items"
        return
    if keyword == "format":
        fmt = str(error.validator_value)
        yield path, False, _format_message(error.instance, fmt), fmt
        return
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        yield path, False, _bound_message(error.instance, error.schema), "range"
        return
    if keyword == "minProperties":
        yield path, False, "must not be an empty mapping", "min-items"
        return
    yield path, False, error.message, keyword


def _explain_choice(
    error: ValidationError, path: JsonPath, source: SourceText
) -> Iterator[tuple[JsonPath, bool, str, str]]:
    """Explain a failed oneOf/anyOf through the branch the value was meant for.

    The branch whose type fits the value is the one the author meant; with
    none, say which types would do; with several, fall back to the best match.
    """
    branches = error.validator_value
    fitting = [i for i, branch in enumerate(branches) if _fits(error.instance, branch)]
    if not fitting:
        types = [branch["type"] for branch in branches]
        yield path, False, _type_message(error.instance, types, source(path)), "type"
        return
    if len(fitting) == 1:
        errors = [e for e in error.context if e.schema_path and e.schema_path[0] == fitting[0]]
        if errors:
            for inner in sorted(errors, key=lambda e: _order(e.absolute_path)):
                yield from _explain(inner, source)
            return
    best = best_match(error.context)
    if best is None:  # pragma: no cover - context is non-empty
        yield path, False, error.message, error.validator
        return
    yield from _explain(best, source)


def _fits(instance: Any, branch: dict[str, Any]) -> bool:
    """Whether a value is of the kind a oneOf/anyOf branch describes."""
    if "type" in branch:
        return _is_type(instance, branch["type"])
    if "enum" in branch or "const" in branch:
        return not isinstance(instance, (dict, list))
    return True


_PYTHON_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def _is_type(instance: Any, expected: Any) -> bool:
    wanted = expected if isinstance(expected, list) else [expected]
    return any(_PYTHON_TYPES[w](instance) for w in wanted)


_TYPE_NAMES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "nothing",
}


# what YAML 1.1 read as booleans and YAML 1.2, as cjm, reads as text
def _type_message(instance: Any, expected: Any, written: str | None = None, shape: str = "") -> str:
    """What was found where another type was expected, and how to write it (``shape``:
    the mapping to write, when a mapping is expected)."""
    wanted = expected if isinstance(expected, list) else [expected]
    flat: list[str] = []
    for w in wanted:
        flat.extend(w if isinstance(w, list) else [w])
    names = " or ".join(_TYPE_NAMES.get(w, w) for w in dict.fromkeys(flat))
    found = _found(instance)
    hint = ""
    if "string" in flat and isinstance(instance, (int, float, bool)):
        shown = written if written is not None else str(instance)
        hint = f"; YAML read {shown} as {found}: quote it to keep it as text"
    elif "boolean" in flat and isinstance(instance, str) and instance in YAML11_BOOLEANS:
        meant = "true" if YAML11_BOOLEANS[instance] else "false"
        hint = f"; YAML 1.2 reads {instance} as text, not as a boolean: write {meant}"
    elif "integer" in flat and isinstance(instance, float):
        found = f"{written if written is not None else instance}, which has a fraction"
    elif shape:
        hint = shape
    elif "array" in flat and isinstance(instance, (str, int, float)):
        hint = "; write a list, e.g. `[item]` or one `- item` per line"
    return f"expected {names}, found {found}{hint}"


def _shape_hint(instance: Any, schema: Any) -> str:
    """For a plain value where a mapping (or a list of mappings) is expected: the mapping
    to write, with the value under the first required key, e.g. `{to: visita}`."""
    if not isinstance(schema, dict) or not isinstance(instance, (str, int, float)):
        return ""
    wanted = schema.get("type")
    items = schema.get("items")
    if wanted == "array" and isinstance(items, dict) and items.get("type") == "object":
        shape = items
        template = "; write a list of mappings, e.g. `[{{{key}: {value}}}]`"
    elif wanted == "object" and schema.get("required"):
        shape = schema
        template = "; write `{{{key}: {value}}}`"
    else:
        return ""
    required = shape.get("required") or []
    if not required:
        return ""
    return template.format(key=required[0], value=instance)


def _duration_hint(instance: Any, pattern: Any) -> str:
    """For an ISO 8601 duration that puts hours, minutes or seconds before the `T` that
    must precede them (`P2H`): the duration meant (`PT2H`)."""
    if not (isinstance(instance, str) and isinstance(pattern, str) and pattern.startswith("^P(")):
        return ""
    shape = re.fullmatch(r"P((?:\d+[YMWD])*?)(\d+H(?:\d+M)?(?:\d+S)?|\d+S)", instance)
    if shape is None or "T" in instance:
        return ""
    meant = f"P{shape.group(1)}T{shape.group(2)}"
    return f"; did you mean {meant!r}?" if re.fullmatch(pattern, meant) else ""


def _found(instance: Any) -> str:
    if isinstance(instance, bool):
        return "a boolean"
    if isinstance(instance, (int, float)):
        return "a number"
    if isinstance(instance, str):
        return f"text {instance[:40]!r}"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, dict):
        return "a mapping"
    return "nothing (null)"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_FORMATS = {"date": "a calendar date"}


def _format_message(instance: Any, fmt: str) -> str:
    return f"{instance!r} is not {_FORMATS.get(fmt, f'in the {fmt} format')}"


def _bound_message(instance: Any, schema_node: dict[str, Any]) -> str:
    """Say the allowed range, not only the bound crossed (a huge number is cut short)."""
    low, high = schema_node.get("minimum"), schema_node.get("maximum")
    shown = str(instance)
    if len(shown) > 20:
        shown = f"{shown[:8]}… ({len(shown)} digits)" if isinstance(instance, int) else shown[:20]
    if low is not None and high is not None:
        allowed = f"from {_plain(low)} to {_plain(high)}"
    elif low is not None:
        allowed = f"at least {_plain(low)}"
    else:
        allowed = f"at most {_plain(high)}"
    return f"{shown} is out of range: the value must be {allowed}"


def _plain(bound: Any) -> str:
    """A bound as people write it: `1e15` rather than sixteen digits."""
    if isinstance(bound, (int, float)) and abs(bound) >= 10**6 and bound == int(bound):
        exponent = len(str(abs(int(bound)))) - 1
        if abs(int(bound)) == 10**exponent:
            return f"{'-' if bound < 0 else ''}1e{exponent}"
    return str(bound)
