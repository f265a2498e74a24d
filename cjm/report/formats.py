"""The output formats of `cjm report`: each turns the report's data into text."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable

from cjm.report.records import Report

Formatter = Callable[[Report, str | None], str]

MODULES = {"text": "cjm.report.text", "markdown": "cjm.report.markdown", "html": "cjm.report.html"}


def formatter(name: str) -> Formatter:
    """The function that writes the report as ``name``, given the data and the locale of
    the labels (None: each workspace's own)."""
    if name == "json":
        return to_json
    module = importlib.import_module(MODULES[name])
    function: Formatter = module.render
    return function


def to_json(data: Report, locale: str | None) -> str:
    """The data as `schemas/report.schema.json` describes it; labels play no part."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
