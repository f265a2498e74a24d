"""The document kinds, their schemas, and the fast schema verdict."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

DOCUMENT_KINDS = ("journey", "persona", "empathy-map", "reality-map", "channels")
CONFIG_KIND = "config"
CONFIG_FILE = "cjm.yaml"
SCHEMA_NAMES = (*DOCUMENT_KINDS, CONFIG_KIND, "defs")
"""The schemas of what people write; `cjm init` and `cjm schema --export` copy these."""
OUTPUT_SCHEMA_NAMES = ("diff", "report")
"""The schemas of what cjm prints (`cjm diff` and `cjm report --format json`): not documents,
not exported."""
PRINTABLE_SCHEMA_NAMES = (*SCHEMA_NAMES, *OUTPUT_SCHEMA_NAMES)


def schema_text(name: str) -> str:
    """The JSON text of a published schema, as shipped in the package."""
    if name not in PRINTABLE_SCHEMA_NAMES:
        raise KeyError(name)
    return (resources.files("cjm.schemas") / f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


def bundled_schema_text(name: str) -> str:
    """A self-contained copy of a schema, for editors and other tools.

    The shipped schemas keep their shared definitions in `defs.schema.json`
    and refer to it relative to their `$id`; a tool given one file alone would
    try to fetch that from the `$id`'s host. The bundled copy carries the
    shared definitions in its own `$defs`, so it resolves with no network.
    """
    if name == "defs" or name in OUTPUT_SCHEMA_NAMES:
        return schema_text(name)
    bundled = json.loads(schema_text(name).replace('"defs.schema.json#/$defs/', '"#/$defs/'))
    shared = json.loads(schema_text("defs").replace('"defs.schema.json#/$defs/', '"#/$defs/'))
    own = bundled.get("$defs", {})
    bundled["$defs"] = {**shared["$defs"], **own}
    return json.dumps(bundled, indent=2, ensure_ascii=False) + "\n"


def schema_id(name: str) -> str:
    return str(schema(name)["$id"])


@cache
def _fast_validator(kind: str) -> Any:
    import jsonschema_rs

    registry = jsonschema_rs.Registry([(schema_id(n), schema(n)) for n in SCHEMA_NAMES])
    return jsonschema_rs.validator_for(schema(kind), registry=registry, offline=True)


def is_valid(kind: str, data: Any) -> bool:
    """The schema verdict, from the fast validator.

    Should the fast validator refuse the data itself (a number too big for it,
    say), the verdict is "invalid" and the detailed report decides.
    """
    try:
        return bool(_fast_validator(kind).is_valid(data))
    except (ValueError, OverflowError, TypeError):
        return False
