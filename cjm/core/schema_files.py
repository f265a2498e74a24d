"""The shipped schema files, read from the package (a leaf: it imports nothing of cjm)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def read_schema_text(name: str) -> str:
    """The JSON text of ``NAME.schema.json`` as shipped in `cjm.schemas`."""
    return (resources.files("cjm.schemas") / f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def read_schema(name: str) -> dict[str, Any]:
    """The parsed schema, read once per process."""
    loaded: dict[str, Any] = json.loads(read_schema_text(name))
    return loaded
