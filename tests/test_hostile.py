"""The hostile-input corpus: every command and format over every hostile workspace.

``hostile/<family>/<case>/`` is a workspace a careless or malicious author could
write, with an ``expected.yaml`` that says what ``cjm validate`` must answer:

    about: what the case is
    validate: {exit: 2, message: [viaggio.yaml, tab]}   # exit: a code or a list of codes
    lint: {exit: [0, 1]}          # optional, per command: exit, message, seconds
    render-html: {exit: 2, message: [journey.html.j2]}   # or per command and format
    make: [{fifo: journeys/pipe.yaml}]   # file-system entries made at test time
    subprocess: true              # run `python -m cjm` in a child, with a timeout
    deterministic: true           # run each command twice: same bytes
    pdf: true                     # also render a PDF (slow: a few cases only)
    forbid: {html: ["<script>alert"], all: ["root:x:0"]}   # never in that output

The other commands follow from validate's verdict unless the case says otherwise:
a workspace that cannot be read (2) stops every command with 2; one with
problems (1) is linted with 1 and neither reported nor rendered (2). Every run
must end with 0, 1 or 2 and no traceback, write nothing when it exits with 2,
leave the workspace byte-identical, touch no socket and finish in time.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app

CORPUS = Path(__file__).parent / "hostile"
EXAMPLE = Path(__file__).parents[1] / "examples" / "negozio-omnicanale"
CASES = sorted(p.parent for p in CORPUS.glob("*/*/expected.yaml"))
FAMILIES = (
    "yaml-syntax",
    "tags",
    "aliases",
    "encodings",
    "schema-edges",
    "references",
    "markup",
    "size-depth",
    "filesystem",
    "configuration",
)
SECONDS = 20.0  # a run that takes longer has hung, on any machine that runs the tests
MEMORY = 3 * 1024**3  # address space of a child process: an endless read fails, not the host


@dataclass(frozen=True)
class Run:
    """One command line of the matrix; ``out`` is where it may write."""

    command: str
    fmt: str

    def args(self, out: Path) -> list[str]:
        if self.command in ("validate", "lint"):
            return [self.command, ".", "--format", self.fmt, "--color", "never"]
        if self.command == "report":
            return [
                "report",
                ".",
                "--format",
                self.fmt,
                "--output",
                str(out / f"report.{self.fmt}"),
            ]
        if self.command == "render":
            return ["render", ".", "--format", self.fmt, "--out", str(out)]
        if self.command == "diff":
            return ["diff", str(EXAMPLE), ".", "--format", self.fmt, "--color", "never"]
        return ["schema", self.fmt]


MATRIX = [
    *(Run("validate", f) for f in ("text", "json", "sarif")),
    *(Run("lint", f) for f in ("text", "json", "sarif")),
    *(Run("report", f) for f in ("text", "markdown", "json", "html")),
    *(Run("render", f) for f in ("html", "markdown", "mermaid", "dot", "svg")),
    *(Run("diff", f) for f in ("text", "json")),
    Run("schema", "journey"),
]
PDF = Run("render", "pdf")
# A child process costs a start-up each time: file-system cases run one format per output kind.
SUBPROCESS_MATRIX = [
    Run("validate", "text"),
    Run("validate", "sarif"),
    Run("lint", "json"),
    Run("report", "json"),
    Run("render", "html"),
    Run("render", "dot"),
    Run("diff", "text"),
]


def _expected(case: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    return loaded


def _runs(case: Path) -> list[Run]:
    expected = _expected(case)
    runs = SUBPROCESS_MATRIX if expected.get("subprocess") else MATRIX
    return [*runs, PDF] if expected.get("pdf") else list(runs)


PARAMS = [
    pytest.param(case, run, id=f"{case.parent.name}/{case.name}:{run.command}-{run.fmt}")
    for case in CASES
    for run in _runs(case)
]


@dataclass(frozen=True)
class Outcome:
    """What one run did, as a user would see it."""

    exit_code: int
    output: str  # standard output and error, as a terminal shows them
    stdout: str
    written: dict[str, bytes]
    crash: str | None
    seconds_left: bool


def _codes(value: int | list[int]) -> set[int]:
    return set(value) if isinstance(value, list) else {value}


def _wanted(expected: dict[str, Any], run: Run) -> tuple[set[int], list[str]]:
    """Exit codes allowed and message fragments required for ``run`` on a case."""
    validate = expected["validate"]
    verdict = _codes(validate["exit"])
    fragments: list[str] = list(validate.get("message", []))
    if run.command == "schema":
        codes, fragments = {0}, []
    elif run.command == "validate":
        codes = verdict
    elif run.command == "lint":
        codes = {2} if verdict == {2} else {1} if verdict == {1} else verdict | {1}
    elif run.command == "diff":
        # a side with a reference problem still diffs; one that is not schema-valid cannot
        codes = {0 if code == 0 else 2 for code in verdict} | ({0} if 1 in verdict else set())
    else:
        codes = {0 if code == 0 else 2 for code in verdict}
    for key in (run.command, f"{run.command}-{run.fmt}"):  # the more specific one wins
        own = expected.get(key, {})
        if "exit" in own:
            codes = _codes(own["exit"])
        if "message" in own:
            fragments = list(own["message"])
    return codes, fragments


def _make(workspace: Path, entries: list[dict[str, str]]) -> None:
    """Create the file-system oddities a case names, which git cannot hold."""
    for entry in entries:
        if "fifo" in entry:
            os.mkfifo(workspace / entry["fifo"])
        elif "symlink" in entry:
            (workspace / entry["symlink"]).symlink_to(entry["to"])
        elif "folder" in entry:
            (workspace / entry["folder"]).mkdir()
        elif "empty" in entry:
            (workspace / entry["empty"]).write_text(entry.get("text", ""), encoding="utf-8")
        elif "copy" in entry:
            raw = entry["to_bytes"].encode("latin-1")  # "\xe0" in YAML: the byte 0xe0
            target = workspace / os.fsdecode(raw)  # surrogate escapes stand for the bad bytes
            target.write_bytes((workspace / entry["copy"]).read_bytes())


def _snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root`` and its content, without opening pipes or devices."""
    seen: dict[str, str] = {}
    for path in root.rglob("*"):  # does not descend into linked folders
        key = str(path.relative_to(root))
        if path.is_symlink():
            seen[key] = f"link {path.readlink()}"
        elif path.is_file():
            seen[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            seen[key] = "folder" if path.is_dir() else "special"
    return seen


def _written(out: Path) -> dict[str, bytes]:
    if not out.exists():
        return {}
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


class _TookTooLong(Exception):
    """Raised inside a hung in-process run so that the test fails instead of stalling."""


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("cjm opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _in_process(run: Run, workspace: Path, out: Path, seconds: float) -> Outcome:
    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise _TookTooLong(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    cwd = Path.cwd()
    os.chdir(workspace)
    try:
        result = CliRunner(env={"NO_COLOR": "1", "GITHUB_ACTIONS": None}).invoke(
            app, run.args(out), catch_exceptions=True
        )
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(cwd)
    crash = None
    if result.exception is not None and not isinstance(result.exception, SystemExit | _TookTooLong):
        crash = "".join(traceback.format_exception(result.exception))
    return Outcome(
        exit_code=result.exit_code,
        output=result.output,
        stdout=result.stdout,
        written=_written(out),
        crash=crash,
        seconds_left=not isinstance(result.exception, _TookTooLong),
    )


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _child(run: Run, workspace: Path, out: Path, seconds: float) -> Outcome:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | {"NO_COLOR": "1"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cjm", *run.args(out)],
            cwd=workspace,
            env=env,
            capture_output=True,
            timeout=seconds,
            preexec_fn=_limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        partial = (e.stdout or b"") + (e.stderr or b"")
        text = partial.decode("utf-8", "replace")
        return Outcome(-1, text, text, _written(out), None, False)
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    stdout = done.stdout.decode("utf-8", "replace")
    return Outcome(done.returncode, output, stdout, _written(out), None, True)


@pytest.fixture
def workspace(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    case: Path = request.node.callspec.params["case"]
    copy = tmp_path / "ws"
    shutil.copytree(case, copy, symlinks=True, ignore=shutil.ignore_patterns("expected.yaml"))
    _make(copy, _expected(case).get("make", []))
    yield copy


def _perform(case: Path, run: Run, workspace: Path, out: Path) -> Outcome:
    expected = _expected(case)
    seconds = float(expected.get("seconds", SECONDS))
    for key in (run.command, f"{run.command}-{run.fmt}"):
        seconds = float(expected.get(key, {}).get("seconds", seconds))
    execute = _child if expected.get("subprocess") else _in_process
    return execute(run, workspace, out, seconds)


def _forbidden(expected: dict[str, Any], run: Run) -> list[str]:
    forbid: dict[str, list[str]] = expected.get("forbid", {})
    return [*forbid.get("all", []), *forbid.get(run.fmt, [])]


def test_corpus_covers_every_family() -> None:
    assert sorted({case.parent.name for case in CASES}) == sorted(FAMILIES)
    for case in CASES:
        expected = _expected(case)
        assert expected.get("about"), case
        assert _codes(expected["validate"]["exit"]) <= {0, 1, 2}, case


@pytest.mark.parametrize(("case", "run"), PARAMS)
def test_hostile(case: Path, run: Run, workspace: Path, tmp_path: Path) -> None:
    expected = _expected(case)
    codes, fragments = _wanted(expected, run)
    before = _snapshot(workspace)
    out = tmp_path / "out"
    got = _perform(case, run, workspace, out)
    shown = f"{' '.join(['cjm', *run.args(out)])} -> {got.exit_code}\n{got.output[-3000:]}"

    assert got.seconds_left, f"took too long: {shown}"
    assert got.crash is None, got.crash
    assert "Traceback" not in got.output, shown
    assert got.exit_code in {0, 1, 2}, shown
    assert got.exit_code in codes, f"expected exit {sorted(codes)}: {shown}"
    if got.exit_code != 0:
        for fragment in fragments:
            assert fragment in got.output, f"no {fragment!r} in the message: {shown}"
    if got.exit_code == 2:
        assert got.written == {}, f"wrote {sorted(got.written)} and exited with 2: {shown}"
    assert _snapshot(workspace) == before, f"changed the workspace: {shown}"
    everything = got.output + "".join(v.decode("utf-8", "replace") for v in got.written.values())
    for text in _forbidden(expected, run):
        assert text not in everything, f"{text!r} in the output: {shown}"

    if got.exit_code in {0, 1} and run.fmt in {"json", "sarif"}:
        data = got.written.get(f"report.{run.fmt}", got.stdout.encode("utf-8"))
        json.loads(data)  # a tool reading it must be able to parse it

    if expected.get("deterministic"):
        shutil.rmtree(out, ignore_errors=True)
        again = _perform(case, run, workspace, out)
        assert (again.exit_code, again.output, again.written) == (
            got.exit_code,
            got.output,
            got.written,
        ), f"a second run differs: {shown}"
