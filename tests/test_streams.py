"""What happens to `cjm` when its streams fail: a full disk, a closed or broken standard
output, an encoding that lacks characters, Ctrl-C, and command lines asking too much.

Every case runs `python -m cjm` in a real process, since what is tested is how the
process ends: its exit status, one line on standard error and no traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "examples" / "bank-onboarding"
SHOES = ROOT / "examples" / "negozio-omnicanale"
ENV = {
    **{k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")},
    "NO_COLOR": "1",
}

pytestmark = pytest.mark.slow


def cjm(
    *args: str | Path,
    stdout: int | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "cjm", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env or ENV,
        timeout=120,
        check=False,
    )


def one_line(stderr: bytes) -> str:
    """The message of a process that must end with exactly one line and no traceback."""
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert text.count("\n") == 1 and text.endswith("\n"), text
    return text


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    copy = tmp_path / "bank"
    shutil.copytree(BANK, copy)
    return copy


# --- a full disk --------------------------------------------------------------------------------

needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ("validate", BANK),
        ("lint", BANK),
        ("report", SHOES),
        ("report", SHOES, "--format", "json"),
        (
            "diff",
            BANK / "journeys/onboarding-current.yaml",
            BANK / "journeys/onboarding-future.yaml",
        ),
        ("rules",),
        ("render", BANK / "journeys/onboarding-current.yaml", "--format", "mermaid", "--out", "-"),
    ],
    ids=lambda a: " ".join(str(x) for x in a if not isinstance(x, Path)),
)
def test_a_full_disk_ends_with_one_line_and_status_2(args: tuple[str | Path, ...]) -> None:
    with Path("/dev/full").open("wb") as full:
        done = cjm(*args, stdout=full.fileno())
    assert done.returncode == 2
    assert one_line(done.stderr) == "cjm: cannot write the output: No space left on device\n"


# --- a closed standard output or standard error -------------------------------------------------


@pytest.mark.parametrize(
    "args", [("validate", BANK), ("lint", BANK), ("report", SHOES)], ids=lambda a: a[0]
)
def test_a_closed_standard_output_is_said_and_status_2(args: tuple[str | Path, ...]) -> None:
    done = cjm(*args, stdout=None, prefix=("sh", "-c", 'exec "$@" >&-', "sh"))
    assert done.returncode == 2
    assert one_line(done.stderr) == ("cjm: cannot write the output: standard output is closed\n")


def test_a_closed_standard_error_does_not_hide_the_exit_status(tmp_path: Path) -> None:
    done = cjm("validate", tmp_path / "missing", prefix=("sh", "-c", 'exec "$@" 2>&-', "sh"))
    assert done.returncode == 2
    assert done.stdout == b""


def test_a_report_written_to_a_file_needs_no_standard_output(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    done = cjm(
        "report",
        SHOES,
        "--format",
        "markdown",
        "-o",
        target,
        stdout=None,
        prefix=("sh", "-c", 'exec "$@" >&-', "sh"),
    )
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("#")


# --- a reader that goes away --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("report", SHOES, "--format", "json"), ("validate", BANK), ("rules", "emotion-drop")],
    ids=lambda a: a[0],
)
def test_a_broken_pipe_ends_quietly(args: tuple[str | Path, ...]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `| head` does once it has what it wants
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == 141
    assert stderr == b""


# --- an encoding that lacks characters ----------------------------------------------------------


def test_characters_the_output_encoding_lacks_are_escaped() -> None:
    done = cjm("report", SHOES, env={**ENV, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert "Acquisto di scarpe da running \\u2014 oggi" in done.stdout.decode("ascii")


def test_messages_in_an_ascii_locale_are_escaped_too(workspace: Path) -> None:
    journey = workspace / "journeys" / "onboarding-current.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("state: current", "state: currént"),
        encoding="utf-8",
    )
    done = cjm("validate", workspace, env={**ENV, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert "'curr\\xe9nt' is not one of" in done.stdout.decode("ascii")


# --- Ctrl-C -------------------------------------------------------------------------------------

INTERRUPTED_WHILE_CHECKING = """
import os, signal, sys
import cjm.validate

def press_ctrl_c(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    raise AssertionError("SIGINT was not delivered")

cjm.validate.validate_paths = press_ctrl_c
sys.argv = ["cjm", "validate", sys.argv[1]]
from cjm.cli import main
main()
"""


def test_ctrl_c_says_interrupted_and_exits_130() -> None:
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WHILE_CHECKING, str(BANK)],
        capture_output=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert done.returncode == 130
    assert one_line(done.stderr) == "cjm: interrupted\n"
    assert done.stdout == b""


def worker_processes(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


@pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
    reason="needs Linux's /proc/PID/task/PID/children",
)
def test_ctrl_c_in_the_terminal_stops_the_workers_too(workspace: Path) -> None:
    if cpus() < 2:
        pytest.skip("one core: --jobs 2 starts no worker")
    persona = (workspace / "personas" / "graham-mover.yaml").read_text(encoding="utf-8")
    for n in range(2000):
        (workspace / "personas" / f"p{n}.yaml").write_text(
            persona.replace("id: graham-mover", f"id: p{n}"), encoding="utf-8"
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "cjm", "validate", str(workspace), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
        start_new_session=True,  # a process group of its own, as a terminal's job has
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while not worker_processes(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker_processes(process.pid), "no worker was started"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group gets it
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 130
    assert one_line(stderr) == "cjm: interrupted\n"


def cpus() -> int:
    return len(os.sched_getaffinity(0))


# --- --jobs -------------------------------------------------------------------------------------

COUNTING_WORKERS = """
import concurrent.futures, sys
original = concurrent.futures.ProcessPoolExecutor.__init__

def counted(self, max_workers=None, *args, **kwargs):
    sys.stderr.write(f"workers={max_workers}\\n")
    original(self, max_workers, *args, **kwargs)

concurrent.futures.ProcessPoolExecutor.__init__ = counted
sys.argv = ["cjm", *sys.argv[1:]]
from cjm.cli import main
main()
"""


@pytest.mark.parametrize("jobs", ["10000", str(10**30)])
def test_jobs_are_held_to_the_cores(jobs: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", COUNTING_WORKERS, "validate", str(BANK), "--jobs", jobs],
        capture_output=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    started = [int(line[8:]) for line in done.stderr.decode().splitlines() if "workers=" in line]
    assert all(n <= cpus() for n in started), started


@pytest.mark.parametrize("jobs", ["-1", "many", "2.5", ""])
def test_nonsense_jobs_are_a_usage_error(jobs: str) -> None:
    done = cjm("validate", BANK, "--jobs", jobs)
    assert done.returncode == 2
    text = done.stderr.decode()
    assert "Traceback" not in text
    assert "Invalid value for '--jobs'" in text


def test_help_says_how_far_jobs_go() -> None:
    for command in ("validate", "lint"):
        words = " ".join(cjm(command, "--help").stdout.decode().split())
        assert "At most one per core (and 64): a larger N is lowered." in words
