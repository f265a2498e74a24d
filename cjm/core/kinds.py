"""The document kinds, their schemas, and the fast schema verdict."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from cjm.core.schema_files import read_schema, read_schema_text

DOCUMENT_KINDS = ("journey", "persona", "empathy-map", "reality-map", "channels")
CONFIG_KIND = "config"
CONFIG_FILE = "cjm.yaml"
SCHEMA_NAMES = (*DOCUMENT_KINDS, CONFIG_KIND, "defs")
"""The schemas of what people write."""
OUTPUT_SCHEMA_NAMES = ("diff", "report")
"""The schemas of what cjm prints (`cjm diff` and `cjm report --format json`): not documents,
but listed and exported with the others, for the tools that read those outputs."""
PRINTABLE_SCHEMA_NAMES = (*SCHEMA_NAMES, *OUTPUT_SCHEMA_NAMES)


def schema_text(name: str) -> str:
    """The JSON text of a published schema, as shipped in the package: self-contained
    (its shared definitions copied into its own `$defs` by `cjm.core.schema_bundle`), so
    that editors and other validators resolve it alone, with no network."""
    if name not in PRINTABLE_SCHEMA_NAMES:
        raise KeyError(name)
    return read_schema_text(name)


def schema(name: str) -> dict[str, Any]:
    if name not in PRINTABLE_SCHEMA_NAMES:
        raise KeyError(name)
    return read_schema(name)


def exported_schemas() -> dict[str, bytes]:
    """File name → content of every schema `cjm schema` lists, for writing into a folder.

    `cjm schema --export` writes these; `cjm init` can write them into a new
    workspace's `.cjm/schemas/`, where the modelines of its files point.
    """
    return {
        f"{name}.schema.json": schema_text(name).encode("utf-8") for name in PRINTABLE_SCHEMA_NAMES
    }


def schema_id(name: str) -> str:
    return str(schema(name)["$id"])


@cache
def _fast_validator(kind: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema(kind), validate_formats=True, offline=True)


def is_valid(kind: str, data: Any) -> bool:
    """The schema verdict, from the fast validator.

    Should the fast validator refuse the data itself (a number too big for it,
    say), the verdict is "invalid" and the detailed report decides.
    """
    try:
        return bool(_fast_validator(kind).is_valid(data))
    except (ValueError, OverflowError, TypeError):
        return False


def stale_schema_copies(workspace_root: Path) -> Path | None:
    """The workspace's `.cjm/schemas` when a schema there differs from this cjm's (written
    by an older cjm, say): an editor checks against the copy, cjm against its own."""
    folder = workspace_root / ".cjm" / "schemas"
    if not folder.is_dir():
        return None
    for name, content in exported_schemas().items():
        copy = folder / name
        try:
            if copy.is_file() and copy.read_bytes() != content:
                return folder
        except OSError:
            continue
    return None
