"""cjm's pre-commit hooks work where cjm is not installed: pre-commit installs them itself.

The real pre-commit runs in a scratch repository made by `cjm init`, offline: the hooks
come from a scratch git copy of this source tree, and pip inside pre-commit installs from
the wheelhouse that `scripts/setup.sh` keeps in `.cache/wheels`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cjm import __version__
from cjm.cli import app

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / ".cache" / "wheels"
GIT_IDENTITY = ("-c", "user.name=cjm tests", "-c", "user.email=tests@cjm.invalid")


def published_hooks() -> dict[str, dict[str, object]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def init(folder: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["init", str(folder), *args])
    assert result.exit_code == 0, result.output


def test_the_published_hooks_check_whole_workspaces_with_their_own_python() -> None:
    hooks = published_hooks()
    assert set(hooks) == {"cjm-validate", "cjm-lint"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        # a renamed id breaks files that did not change: the whole repository is checked
        assert hook["pass_filenames"] is False
        files = re.compile(str(hook["files"]))
        for name in ("cjm.yaml", "maps/journeys/a.yaml", "personas/b.yml"):
            assert files.search(name), name
        for name in ("README.md", "cjm.py", "yaml.txt"):
            assert not files.search(name), name


def test_init_uses_the_published_hooks_at_this_version(tmp_path: Path) -> None:
    init(tmp_path)
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "https://github.com/cjm-dev/cjm"
    assert repo["rev"] == f"v{__version__}"
    assert [hook["id"] for hook in repo["hooks"]] == list(published_hooks())


def test_the_readme_shows_the_same_configuration() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    configs = [yaml.safe_load(b) for b in blocks if "https://github.com/cjm-dev/cjm" in b]
    assert configs, "README shows no pre-commit configuration with cjm's repository"
    for config in configs:
        [repo] = config["repos"]
        assert repo["rev"] == f"v{__version__}"
        assert {hook["id"] for hook in repo["hooks"]} <= set(published_hooks())


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["git", *GIT_IDENTITY, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def scratch_source(destination: Path) -> str:
    """A git repository holding this source tree as it is now (changes not yet committed
    included): pre-commit clones hooks from git. Returns the commit to use as `rev`."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    git("init", "-q", cwd=destination)
    git("add", "-A", cwd=destination)
    git("commit", "-q", "-m", "cjm as it is being tested", cwd=destination)
    return git("rev-parse", "HEAD", cwd=destination)


def offline_environment(tmp_path: Path) -> dict[str, str]:
    """No cjm on PATH, pip installing from the wheelhouse only, and every cache in tmp."""
    path = os.pathsep.join(
        folder
        for folder in os.environ.get("PATH", "").split(os.pathsep)
        if folder and not (Path(folder) / "cjm").exists()
    )
    assert shutil.which("cjm", path=path) is None
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PIP_", "PRE_COMMIT", "VIRTUAL_ENV", "GIT_"))
    }
    environment.update(
        PATH=path,
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PIP_CACHE_DIR=str(tmp_path / "pip-cache"),
        VIRTUALENV_OVERRIDE_APP_DATA=str(tmp_path / "virtualenv-data"),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(WHEELHOUSE),
        # the machine's own pip configuration (indexes, constraints) plays no part
        PIP_CONFIG_FILE=os.devnull,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return environment


def pre_commit(workspace: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=workspace,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.slow
def test_pre_commit_installs_and_runs_the_hooks_without_cjm_on_path(tmp_path: Path) -> None:
    if not (WHEELHOUSE.is_dir() and any(WHEELHOUSE.glob("*.whl"))):
        message = (
            f"no wheelhouse in {WHEELHOUSE.relative_to(ROOT)}: `sh scripts/setup.sh test` makes it"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path / "cjm-source"
    source.mkdir()
    rev = scratch_source(source)
    workspace = tmp_path / "maps"
    init(workspace)
    result = CliRunner().invoke(app, ["new", "journey", "returns", "--in", str(workspace)])
    assert result.exit_code == 0, result.output
    config = workspace / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("https://github.com/cjm-dev/cjm", source.as_uri())
    config.write_text(text.replace(f"rev: v{__version__}", f"rev: {rev}"), encoding="utf-8")
    git("init", "-q", cwd=workspace)
    git("add", "-A", cwd=workspace)
    environment = offline_environment(tmp_path)

    clean = pre_commit(workspace, environment)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"cjm validate\.+Passed", clean.stdout), clean.stdout
    assert re.search(r"cjm lint\.+Passed", clean.stdout), clean.stdout

    journey = workspace / "journeys" / "returns.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("[typical-customer]", "[typical-custmer]"), encoding="utf-8")
    broken = pre_commit(workspace, environment)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert re.search(r"cjm validate\.+Failed", broken.stdout), broken.stdout
    assert "journeys/returns.yaml:7:" in broken.stdout
    assert "unknown persona 'typical-custmer'; did you mean 'typical-customer'?" in broken.stdout
    assert "Traceback" not in broken.stdout + broken.stderr


def test_init_in_a_sub_folder_of_a_repository_says_where_pre_commit_looks(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    result = CliRunner().invoke(app, ["init", str(tmp_path / "maps")])
    assert result.exit_code == 0, result.output
    assert "pre-commit reads .pre-commit-config.yaml only at the top" in result.stderr
    assert str(tmp_path) in result.stderr
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / ".git").mkdir()
    top = CliRunner().invoke(app, ["init", str(tmp_path / "top")])
    assert top.exit_code == 0 and "pre-commit reads" not in top.stderr
