"""Keep every shipped schema self-contained, with `defs.schema.json` as the one source.

A schema file that refers to another file is resolved against its `$id`, so a
validator given that file alone (`check-jsonschema --schemafile`, an editor
reading a modeline) would fetch the other from the `$id`'s host. Each schema
therefore carries, in its own `$defs`, a copy of every shared definition it
uses, and refers to it as `#/$defs/NAME`. The copies are written by this module
from `defs.schema.json`; a test checks that they are up to date, so a shared
definition is edited in one place and then::

    python -m cjm.core.schema_bundle

rewrites the other files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

SHARED = "defs"
_EXTERNAL = "defs.schema.json#/$defs/"
_LOCAL = "#/$defs/"


def _localised(node: Any) -> Any:
    """The node with every reference into `defs.schema.json` made local."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_EXTERNAL):
                out[key] = _LOCAL + value[len(_EXTERNAL) :]
            else:
                out[key] = _localised(value)
        return out
    if isinstance(node, list):
        return [_localised(item) for item in node]
    return node


def _local_refs(node: Any) -> Iterator[str]:
    """The names of the `#/$defs/NAME` definitions a node refers to."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_LOCAL):
                yield value[len(_LOCAL) :]
            else:
                yield from _local_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _local_refs(item)


def bundled(schema: Mapping[str, Any], shared: Mapping[str, Any]) -> dict[str, Any]:
    """A schema whose `$defs` hold its own definitions plus the shared ones it uses.

    Shared copies already present are replaced by the current shared text, so
    bundling is idempotent and a stale copy is refreshed. Own definitions come
    first, then the shared ones in the order of `defs.schema.json`.
    """
    shared_defs: dict[str, Any] = _localised(dict(shared.get("$defs", {})))
    result: dict[str, Any] = _localised(dict(schema))
    own = {k: v for k, v in result.get("$defs", {}).items() if k not in shared_defs}
    result.pop("$defs", None)
    needed: set[str] = set()
    pending = list(_local_refs(result)) + list(_local_refs(own))
    while pending:
        name = pending.pop()
        if name in needed or name not in shared_defs:
            continue
        needed.add(name)
        pending.extend(_local_refs(shared_defs[name]))
    defs = {**own, **{k: v for k, v in shared_defs.items() if k in needed}}
    if defs:
        result["$defs"] = defs
    return result


def dumps(schema: Mapping[str, Any]) -> str:
    """The one JSON layout of the shipped schemas (so that a rewrite is byte-stable)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def bundle_folder(folder: Path) -> list[str]:
    """Rewrite the schemas of a folder from its `defs.schema.json`; the names changed."""
    shared = json.loads((folder / f"{SHARED}.schema.json").read_text(encoding="utf-8"))
    changed: list[str] = []
    for path in sorted(folder.glob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        source = json.loads(text)
        fresh = dumps(
            _localised(source) if path.stem == f"{SHARED}.schema" else bundled(source, shared)
        )
        if fresh != text:
            path.write_text(fresh, encoding="utf-8")
            changed.append(path.name)
    return changed


if __name__ == "__main__":
    bundle_folder(Path(__file__).resolve().parents[2] / "schemas")
