"""The layers of the package hold: the import contracts, and no two siblings import each other."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from itertools import combinations
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 broken" in result.stdout


def test_no_two_modules_or_packages_of_a_package_import_each_other() -> None:
    graph = grimp.build_graph("cjm", cache_dir=None)
    cycles = []
    for package in sorted(m for m in graph.modules if graph.find_children(m)):
        children = sorted(graph.find_children(package))
        for a, b in combinations(children, 2):
            if graph.direct_import_exists(
                importer=a, imported=b, as_packages=True
            ) and graph.direct_import_exists(importer=b, imported=a, as_packages=True):
                cycles.append((a, b))
    assert cycles == []


def test_every_module_of_the_package_has_a_layer() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [layers] = [
        c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    ]
    named = {name for layer in layers for name in re.split(r"[\s|:]+", layer) if name}
    graph = grimp.build_graph("cjm", cache_dir=None)
    assert graph.find_children("cjm") - named == set()
