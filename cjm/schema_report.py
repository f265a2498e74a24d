"""Readable schema errors: the best match, the closest key, a hint to quote.

Imported only when a document fails the fast verdict, so that a clean run
never pays for the `jsonschema` package.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
import referencing
from jsonschema.exceptions import ValidationError, best_match

from cjm.kinds import SCHEMA_NAMES, schema, schema_id
from cjm.suggest import did_you_mean

JsonPath = tuple[str | int, ...]


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (schema_id(n), referencing.Resource.from_contents(schema(n))) for n in SCHEMA_NAMES)
    return jsonschema.Draft202012Validator(schema(kind), registry=registry)


def schema_errors(kind: str, data: Any) -> Iterator[tuple[JsonPath, bool, str, str]]:
    """Each error as (JSON path, points at the key, message, code), in document order."""
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: _order(e.absolute_path))
    for error in errors:
        yield from _explain(error)


def _order(path: Any) -> tuple[tuple[int, str], ...]:
    return tuple((0, f"{p:09d}") if isinstance(p, int) else (1, str(p)) for p in path)


def _explain(error: ValidationError) -> Iterator[tuple[JsonPath, bool, str, str]]:
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    if keyword in ("oneOf", "anyOf") and error.context:
        yield from _explain_choice(error, path)
        return
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed and not k.startswith("x-")]
        for key in extra:
            hint = did_you_mean(key, allowed)
            if not hint:
                hint = f"; allowed here: {', '.join(allowed)} (and x- custom fields)"
            yield (*path, key), True, f"unknown key {key!r}{hint}", "unknown-key"
        return
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield path, False, f"missing required key {missing!r}", "required"
        return
    if keyword == "type":
        yield path, False, _type_message(error.instance, error.validator_value), "type"
        return
    if keyword in ("enum", "const"):
        options = error.validator_value if keyword == "enum" else [error.validator_value]
        shown = ", ".join(repr(o) for o in options)
        hint = did_you_mean(error.instance, [str(o) for o in options]) \
            if isinstance(error.instance, str) else ""
        yield path, False, f"{error.instance!r} is not one of {shown}{hint}", keyword
        return
    if keyword == "pattern":
        meaning = error.schema.get("description", f"the pattern {error.validator_value}")
        yield path, False, f"{error.instance!r} is not allowed here: {_lower_first(meaning)}", \
            "pattern"
        return
    if keyword == "minLength":
        yield path, False, "must not be empty", "empty"
        return
    if keyword == "minItems":
        yield path, False, f"needs at least {error.validator_value} item(s)", "min-items"
        return
    if keyword == "uniqueItems":
        items = [repr(i) for i in error.instance]
        twice = next((s for n, s in enumerate(items) if s in items[:n]), "")
        yield path, False, f"lists {twice} more than once", "unique-items"
        return
    if keyword == "minProperties":
        yield path, False, "must not be an empty mapping", "min-items"
        return
    yield path, False, error.message, keyword


def _explain_choice(error: ValidationError,
                    path: JsonPath) -> Iterator[tuple[JsonPath, bool, str, str]]:
    branch_types = []
    for branch in error.validator_value:
        resolved = branch
        if "type" in resolved:
            branch_types.append(resolved["type"])
    if branch_types and all(e.validator == "type" for e in error.context
                            if len(e.relative_path) == 0):
        direct_type_failures = [e for e in error.context if e.validator == "type"
                                and len(e.relative_path) == 0]
        if len(direct_type_failures) == len(branch_types):
            yield path, False, _type_message(error.instance, branch_types), "type"
            return
    best = best_match(error.context)
    if best is None:  # pragma: no cover - context is non-empty
        yield path, False, error.message, error.validator
        return
    yield from _explain(best)


_TYPE_NAMES = {"string": "text", "number": "a number", "integer": "a whole number",
               "boolean": "true or false", "object": "a mapping", "array": "a list",
               "null": "nothing"}


def _type_message(instance: Any, expected: Any) -> str:
    wanted = expected if isinstance(expected, list) else [expected]
    flat: list[str] = []
    for w in wanted:
        flat.extend(w if isinstance(w, list) else [w])
    names = " or ".join(_TYPE_NAMES.get(w, w) for w in dict.fromkeys(flat))
    found = _found(instance)
    hint = ""
    if "string" in flat and isinstance(instance, (int, float, bool)):
        hint = f"; YAML read {instance!r} as {found}: quote it to keep it as text"
    elif "array" in flat and isinstance(instance, (str, int, float)):
        hint = "; write a list, e.g. `[item]` or one `- item` per line"
    return f"expected {names}, found {found}{hint}"


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
