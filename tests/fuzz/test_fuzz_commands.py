"""Fuzzing every command with mutated example maps and with arbitrary YAML text.

Whatever an author writes, a command must answer with an exit code of 0, 1 or 2
and a message, never a traceback, and must write nothing when it gives up
(2). Two kinds of input: a document of the bundled examples with a few values,
keys, types or subtrees mutated (so most of the workspace still holds together
and the later stages are reached), and YAML-like text assembled from the
tokens that trip parsers up.

Deselected by default (the `fuzz` marker); `sh scripts/setup.sh fuzz` runs it
with 2,000 examples per command, `CJM_FUZZ_EXAMPLES` sets how many. Runs are
derandomized, so a failure comes back on every run until it is fixed.
"""

from __future__ import annotations

import copy
import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cjm.cli import app

pytestmark = pytest.mark.fuzz

EXAMPLES = Path(__file__).parents[2] / "examples"
EXAMPLE_NAMES = ("bank-onboarding", "negozio-omnicanale")
FUZZ_EXAMPLES = int(os.environ.get("CJM_FUZZ_EXAMPLES", "2000"))


def _ids(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            yield data["id"]
        for value in data.values():
            yield from _ids(value)
    elif isinstance(data, list):
        for value in data:
            yield from _ids(value)


def _documents() -> list[tuple[str, str, Any]]:
    found = []
    for name in EXAMPLE_NAMES:
        for path in sorted((EXAMPLES / name).rglob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            found.append((name, str(path.relative_to(EXAMPLES / name)), data))
    return found


DOCUMENTS = _documents()
IDS = sorted({i for _example, _path, data in DOCUMENTS for i in _ids(data)})
HOSTILE_TEXT = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"]; x [label="y"]; //',
    "%%{init: {}}%%",
    "[a](javascript:alert(1)) | b |",
    "{{ 1/0 }}",
    "line\nbreak",
    "\u202eevil",
    "x" * 5000,
    "TODO",
    "2026-02-30",
    "1:30",
    "010",
    "yes",
    "1e0",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.integers(-5, 5).map(float),  # -2.0: a whole number that YAML writes as a float
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(IDS),  # a real id in the wrong place: references that resolve oddly
)
TOKENS = [
    "kind: journey\n", "kind: persona\n", "id: fuzz\n", "title: ", "name: ", "stages:\n",
    "steps:\n", "  - ", "- ", "    ", "id: ", "emotion: ", "channels: ", "personas: ",
    "counterpart: ", "emotion_scale: ", "min: ", "max: ", ": ", "\n", "\t", "[", "]", "{",
    "}", ", ", "&a ", "*a", "&b [*a, *a, *a]", "!!str ", "!!binary ", "!!python/name:os.system",
    "!x ", "|\n", ">-\n", "'", '"', "# c\n", "---\n", "...\n", "%YAML 1.2\n", "? ", "<<: ",
    "1e3", "0x1F", "010", "-2.0", "yes", "~", ".nan", ".inf", "2026-02-30", "1:30",
    "\u202e", "\x00", "\ufeff", "\u2028", "\x85", "é", "😀", "anna", "sito", "fase",
]  # fmt: skip


@dataclass(frozen=True)
class Command:
    """One command line; ``target`` is the file that was fuzzed, ``out`` where it may write."""

    name: str

    def args(self, target: str, out: Path, example: Path) -> list[str]:
        if self.name == "validate":
            return ["validate", ".", "--format", "json"]
        if self.name == "lint":
            return ["lint", ".", "--format", "sarif"]
        if self.name == "report":
            return ["report", ".", "--format", "markdown", "--output", str(out / "report.md")]
        if self.name == "render-html":
            return ["render", target, "--format", "html", "--out", str(out)]
        if self.name == "render-dot":
            return ["render", target, "--format", "dot", "--out", str(out)]
        return ["diff", str(example), ".", "--format", "json"]


COMMANDS = [Command(n) for n in ("validate", "lint", "report", "render-html", "render-dot", "diff")]


@dataclass(frozen=True)
class Input:
    """A file to write into one example workspace before running a command."""

    example: str
    relative: str
    content: bytes


def _containers(data: Any, draw: st.DrawFn) -> tuple[Any, Any]:
    """Walk from the top to a random (container, key) pair of ``data``."""
    parent: Any = data
    key: Any = draw(st.sampled_from(sorted(data))) if isinstance(data, dict) and data else None
    while True:
        child = parent[key] if key is not None else None
        if not isinstance(child, dict | list) or not child or draw(st.integers(0, 3)) == 0:
            return parent, key
        parent = child
        if isinstance(child, dict):
            key = draw(st.sampled_from(sorted(child, key=str)))
        else:
            key = draw(st.integers(0, len(child) - 1))


def _retyped(value: Any) -> Any:
    """The same value as another YAML type: 2 as 2.0 or "2", "x" as ["x"], 1.5 as 1."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return float(value) if value % 2 == 0 and abs(value) < 2**53 else str(value)
    if isinstance(value, float):
        return int(value) if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return [value]
    return value


def _floats_everywhere(data: Any) -> Any:
    """Every whole number written as a float (2 as 2.0), as some editors and exporters do."""
    if isinstance(data, dict):
        return {key: _floats_everywhere(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_floats_everywhere(value) for value in data]
    if isinstance(data, int) and not isinstance(data, bool) and abs(data) < 2**53:
        return float(data)
    return data


def _mutate(data: Any, draw: st.DrawFn) -> None:
    parent, key = _containers(data, draw)
    if key is None:
        return
    action = draw(
        st.sampled_from(
            ["value", "retype", "delete", "rename", "wrap", "duplicate", "empty", "swap"]
        )
    )
    if action == "value":
        parent[key] = draw(SCALARS)
    elif action == "retype":
        parent[key] = _retyped(parent[key])
    elif action == "delete":
        del parent[key]
    elif action == "rename" and isinstance(parent, dict):
        new = draw(st.one_of(st.sampled_from(["id", "kind", "x-y", "Id", "stage", ""]), st.text()))
        parent[new] = parent.pop(key)
    elif action == "wrap":
        parent[key] = draw(st.sampled_from([[parent[key]], {"id": parent[key]}]))
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    elif action == "empty":
        parent[key] = draw(st.sampled_from([[], {}, None]))
    elif action == "swap" and isinstance(parent, list) and len(parent) > 1:
        parent.reverse()


@st.composite
def mutated_documents(draw: st.DrawFn) -> Input:
    """A document of the examples with one to four mutations."""
    example, relative, original = draw(st.sampled_from(DOCUMENTS))
    data = copy.deepcopy(original)
    floated = draw(st.integers(0, 9)) == 0
    if floated:
        data = _floats_everywhere(data)
    for _ in range(draw(st.integers(0 if floated else 1, 4))):
        _mutate(data, draw)
    flow = draw(st.booleans())
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    return Input(example, relative, text.encode("utf-8"))


@st.composite
def yaml_texts(draw: st.DrawFn) -> Input:
    """YAML-like text in a new journey file of an example workspace."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=50))
    head = draw(st.sampled_from(["", "kind: journey\nid: fuzz\ntitle: Fuzz\n"]))
    content = (head + "".join(pieces)).encode("utf-8", "surrogatepass")
    return Input(draw(st.sampled_from(EXAMPLE_NAMES)), "journeys/fuzz.yaml", content)


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("fuzz")
    for name in EXAMPLE_NAMES:
        shutil.copytree(EXAMPLES / name, root / name)
    yield root


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("cjm opened a network connection")


def _run(command: Command, given_input: Input, root: Path) -> None:
    workspace = root / given_input.example
    target = workspace / given_input.relative
    original = target.read_bytes() if target.exists() else None
    out = root / "out"
    shutil.rmtree(out, ignore_errors=True)
    target.write_bytes(given_input.content)
    note(given_input.content.decode("utf-8", "replace"))
    cwd = Path.cwd()
    os.chdir(workspace)
    try:
        with (
            mock.patch.object(socket.socket, "connect", _refuse),
            mock.patch.object(socket, "getaddrinfo", _refuse),
        ):
            args = command.args(given_input.relative, out, EXAMPLES / given_input.example)
            result = CliRunner(env={"NO_COLOR": "1", "GITHUB_ACTIONS": None}).invoke(app, args)
    finally:
        os.chdir(cwd)
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    shown = f"cjm {' '.join(args)} -> {result.exit_code}\n{result.output[-2000:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output, shown
    assert result.exit_code in {0, 1, 2}, shown
    if result.exit_code == 2:
        written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
        assert written == [], f"wrote {written} and exited with 2: {shown}"


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
@settings(
    max_examples=FUZZ_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(given_input=st.one_of(mutated_documents(), yaml_texts()))
def test_command_survives_fuzzing(command: Command, given_input: Input, workspaces: Path) -> None:
    _run(command, given_input, workspaces)
