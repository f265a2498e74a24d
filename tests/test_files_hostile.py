"""Files that are not what they seem: named pipes, devices, unreadable folders, a cjm.yaml
that is no file, files over `limits.max_file_size`, names that are not UTF-8, and outputs
pointed at the maps themselves. Each ends with a clear message and nothing changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "examples" / "bank-onboarding"
JOURNEY = Path("journeys/onboarding-current.yaml")
PERSONA = Path("personas/graham-mover.yaml")
CLEAN_ENV = {"GITHUB_ACTIONS": None, "NO_COLOR": "1", "FORCE_COLOR": None}
ENV = {
    **{k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")},
    "NO_COLOR": "1",
}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
root_reads_anything = pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads a folder whatever its mode"
)


def run(*args: str | Path, cwd: Path | None = None) -> tuple[int, str]:
    """The command in this process; a traceback (any exception) fails the test."""
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, [str(a) for a in args], env=CLEAN_ENV)
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.output


def cjm(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, for what could block: a reader of a pipe
    or a device hangs or fills the memory instead of failing, so a timeout catches it."""
    done = subprocess.run(
        [sys.executable, "-m", "cjm", *map(str, args)],
        capture_output=True,
        env=ENV,
        cwd=cwd,
        timeout=60,
        check=False,
        text=True,
        errors="surrogateescape",
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    copy = tmp_path / "bank"
    shutil.copytree(BANK, copy)
    return copy


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# --- special files are refused, never read ------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    yield path


def test_a_baseline_that_is_a_named_pipe_is_refused(workspace: Path, fifo: Path) -> None:
    done = cjm("lint", workspace, "--baseline", fifo)
    assert done.returncode == 2
    assert done.stderr == (
        f"cjm: {fifo}: cannot read the baseline: is a named pipe (FIFO), not a file; "
        "it was not read\n"
    )


def test_a_baseline_that_is_a_device_is_refused(workspace: Path) -> None:
    done = cjm("lint", workspace, "--baseline", "/dev/zero")
    assert done.returncode == 2
    assert "/dev/zero: cannot read the baseline: is a device, not a file" in done.stderr


def test_a_baseline_over_the_size_limit_is_refused(workspace: Path) -> None:
    config = workspace / "cjm.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "limits:\n  max_file_size: 10000\n")
    baseline = workspace / ".cjm" / "baseline.json"
    baseline.parent.mkdir(exist_ok=True)
    baseline.write_text('{"version": 1, "findings": []}' + " " * 10_000, encoding="utf-8")
    done = cjm("lint", workspace, "--baseline", baseline)
    assert done.returncode == 2
    assert "more than the 10,000 bytes cjm reads" in done.stderr


def test_diff_refuses_a_named_pipe(workspace: Path, fifo: Path) -> None:
    done = cjm("diff", fifo, workspace / JOURNEY)
    assert done.returncode == 2
    assert done.stderr.endswith("pipe.yaml: is a named pipe (FIFO), not a file; it was not read\n")


def test_the_git_driver_refuses_a_device(workspace: Path) -> None:
    journey = str(workspace / JOURNEY)
    done = cjm(
        "diff", "--git-driver", JOURNEY, "/dev/zero", "0" * 40, "100644", journey, ".", "100644"
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"cjm: a/{JOURNEY.as_posix()}: is a device, not a file; it was not read\n"
    )


def test_a_map_named_on_the_command_line_that_links_to_a_device_is_refused(
    workspace: Path,
) -> None:
    link = workspace / "journeys" / "zero.yaml"
    link.symlink_to("/dev/zero")
    done = cjm("validate", link)
    assert done.returncode == 2
    assert "zero.yaml: not a file or a folder" in done.stderr


def test_a_link_to_a_device_in_a_folder_is_left_alone(workspace: Path) -> None:
    (workspace / "journeys" / "zero.yaml").symlink_to("/dev/zero")
    done = cjm("validate", workspace)
    assert done.returncode == 0, done.stdout + done.stderr


# --- cjm.yaml that is not a file ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "lint", "render", "report"])
def test_a_cjm_yaml_that_is_a_folder_is_a_problem(
    workspace: Path, command: str, tmp_path: Path
) -> None:
    (workspace / "cjm.yaml").unlink()
    (workspace / "cjm.yaml").mkdir()
    extra = ["--out", tmp_path / "out"] if command == "render" else []
    done = cjm(command, workspace, *extra)
    assert done.returncode == 2
    assert "bank/cjm.yaml: [error] is a folder, not a file (io)" in done.stdout + done.stderr
    assert not (tmp_path / "out").exists()


def test_a_cjm_yaml_that_links_to_a_device_is_a_problem(workspace: Path) -> None:
    (workspace / "cjm.yaml").unlink()
    (workspace / "cjm.yaml").symlink_to("/dev/zero")
    done = cjm("validate", workspace)
    assert done.returncode == 2
    assert "bank/cjm.yaml: [error] is a device, not a file; it was not read (io)" in done.stdout


# --- unreadable folders -------------------------------------------------------------------------


@pytest.fixture
def personas_unreadable(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The personas folder as a user who may not list it meets it (tests may run as root,
    who can list any folder, so listing it fails as it would for anyone else)."""
    folder = workspace / "personas"
    listing = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return folder


@pytest.mark.parametrize("command", ["validate", "lint", "report"])
def test_an_unreadable_folder_is_reported_not_skipped(
    workspace: Path, personas_unreadable: Path, command: str
) -> None:
    code, output = run(command, ".", cwd=workspace)
    assert code == 2
    assert output.strip().splitlines()[-1] == (
        "cjm: personas: cannot read folder: Permission denied"
    )
    assert "unknown persona" not in output


def test_diff_does_not_call_an_unreadable_folders_files_removed(
    workspace: Path, personas_unreadable: Path, tmp_path: Path
) -> None:
    code, output = run("diff", BANK, workspace, cwd=tmp_path)
    assert code == 2
    assert "personas: cannot read folder: Permission denied" in output
    assert "removed" not in output


@root_reads_anything
def test_a_folder_without_read_permission_is_reported(workspace: Path) -> None:
    folder = workspace / "personas"
    folder.chmod(0)
    try:
        done = cjm("validate", ".", cwd=workspace)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2
    assert done.stderr == "cjm: personas: cannot read folder: Permission denied\n"


# --- limits.max_file_size holds for diff ---------------------------------------------------------


def limited(workspace: Path, size: int) -> None:
    config = workspace / "cjm.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"limits:\n  max_file_size: {size}\n",
        encoding="utf-8",
    )


def test_diff_of_two_files_keeps_to_the_size_limit(workspace: Path) -> None:
    limited(workspace, 2000)
    done = cjm("diff", JOURNEY, "journeys/onboarding-future.yaml", cwd=workspace)
    assert done.returncode == 2
    size = (workspace / JOURNEY).stat().st_size
    assert done.stderr == (
        f"cjm: {JOURNEY.as_posix()}: file is {size:,} bytes, more than the 2,000 bytes cjm "
        "reads (raise limits.max_file_size in cjm.yaml if it is really a map)\n"
    )


def test_diff_of_two_folders_keeps_to_each_ones_size_limit(workspace: Path, tmp_path: Path) -> None:
    limited(workspace, 2000)
    done = cjm("diff", BANK, workspace, cwd=tmp_path)
    assert done.returncode == 2
    assert "more than the 2,000 bytes cjm reads" in done.stderr


def test_diff_with_the_limit_raised_reads_larger_files(workspace: Path) -> None:
    limited(workspace, 10_000_000)
    journey = workspace / JOURNEY
    padding = "# " + "x" * 98 + "\n"
    journey.write_text(journey.read_text(encoding="utf-8") + padding * 60_000, encoding="utf-8")
    done = cjm("diff", JOURNEY, "journeys/onboarding-future.yaml", cwd=workspace)
    assert done.returncode == 0, done.stderr
    assert "emotion" in done.stdout


def git(repo: Path, *args: str) -> None:
    env = {
        **ENV,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=repo, capture_output=True, env=env, check=True)


@needs_git
def test_diff_of_a_revision_keeps_to_the_size_limit(workspace: Path) -> None:
    git(workspace, "init", "-q")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "maps")
    limited(workspace, 2000)
    done = cjm("diff", "HEAD", cwd=workspace)
    assert done.returncode == 2
    assert done.stderr.startswith("cjm: HEAD:")
    assert "more than the 2,000 bytes cjm reads" in done.stderr


# --- file names that are not UTF-8 --------------------------------------------------------------


@pytest.fixture
def latin1_name(workspace: Path) -> Path:
    """The persona's file renamed to `café.yaml` written in Latin-1: a name that is
    bytes, not UTF-8, as Linux allows."""
    new = Path(os.fsdecode(os.fsencode(workspace / "personas") + b"/caf\xe9.yaml"))
    (workspace / PERSONA).rename(new)
    return new


def test_a_name_that_is_not_utf8_is_shown_escaped(workspace: Path, latin1_name: Path) -> None:
    latin1_name.write_text("kind: persona\nid: [\n", encoding="utf-8")
    done = cjm("validate", ".", cwd=workspace)
    assert done.returncode == 2
    assert "personas/caf\\xe9.yaml:3:1: [error] YAML syntax error" in done.stdout


@pytest.mark.parametrize("output_format", ["json", "github"])
def test_a_name_that_is_not_utf8_is_escaped_in_tool_formats(
    workspace: Path, latin1_name: Path, output_format: str
) -> None:
    latin1_name.write_text("kind: persona\nid: [\n", encoding="utf-8")
    done = cjm("validate", ".", "--format", output_format, cwd=workspace)
    assert done.returncode == 2
    assert "personas/caf\\" in done.stdout
    done.stdout.encode("utf-8")  # no lone surrogate, no byte that is not UTF-8


def test_a_name_that_is_not_utf8_renders_with_working_links(
    workspace: Path, latin1_name: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = cjm("render", workspace, "--out", out)
    assert done.returncode == 0, done.stderr
    page = out / "personas" / (latin1_name.stem + ".html")
    assert page.is_file()
    assert "wrote " + str(out / "personas" / "caf\\xe9.html") in done.stdout
    journey = (out / "journeys" / "onboarding-current.html").read_text(encoding="utf-8")
    assert 'href="../personas/caf%E9.html"' in journey


def test_a_name_that_is_not_utf8_can_be_diffed_and_reported(
    workspace: Path, latin1_name: Path, tmp_path: Path
) -> None:
    done = cjm("diff", BANK, workspace, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "personas/caf\\xe9.yaml" in done.stdout
    done = cjm("report", workspace, "--format", "json")
    assert done.returncode == 0, done.stderr


# --- outputs never replace the maps -------------------------------------------------------------


def test_report_refuses_to_write_over_a_map(workspace: Path) -> None:
    before = snapshot(workspace)
    done = cjm("report", ".", "-o", JOURNEY, cwd=workspace)
    assert done.returncode == 2
    assert done.stderr == (
        f"cjm: {JOURNEY.as_posix()}: is a cjm document (a map or a cjm.yaml); "
        "it was not written over: choose another output file\n"
    )
    assert snapshot(workspace) == before


@pytest.mark.parametrize("target", [PERSONA, Path("cjm.yaml")])
def test_a_baseline_is_not_written_over_a_map(workspace: Path, target: Path) -> None:
    before = snapshot(workspace)
    done = cjm("lint", ".", "--write-baseline", target, cwd=workspace)
    assert done.returncode == 2
    assert done.stderr.startswith(f"cjm: {target.as_posix()}: is a cjm document")
    assert snapshot(workspace) == before


def test_render_does_not_write_through_a_link_onto_a_map(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "journeys").mkdir(parents=True)
    (out / "journeys" / "onboarding-current.html").symlink_to(workspace / JOURNEY)
    before = snapshot(workspace)
    done = cjm("render", workspace, "--out", out)
    assert done.returncode == 2
    assert "onboarding-current.html: is a cjm document" in done.stderr
    assert snapshot(workspace) == before
    assert sorted(p.name for p in out.rglob("*")) == ["journeys", "onboarding-current.html"]


def test_render_into_the_workspace_leaves_the_maps_as_they_were(workspace: Path) -> None:
    before = snapshot(workspace)
    done = cjm("render", ".", "--out", ".", cwd=workspace)
    assert done.returncode == 0, done.stderr
    after = snapshot(workspace)
    assert {name: after[name] for name in before} == before
    assert "journeys/onboarding-current.html" in after


def test_a_report_can_still_replace_an_earlier_report(workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    done = cjm("report", workspace, "--format", "markdown", "-o", target)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") != "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
