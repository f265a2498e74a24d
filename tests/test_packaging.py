"""The wheel and the sdist ship the schemas and templates; start-up stays light."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def build(kind: str, out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            f"--{kind}",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [artifact] = out.glob("*.whl" if kind == "wheel" else "*.tar.gz")
    return artifact


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_environment_and_validates_examples(tmp_path: Path) -> None:
    wheel = build("wheel", tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cjm/schemas/journey.schema.json" in names
    assert "cjm/schemas/report.schema.json" in names
    assert "cjm/templates/__init__.py" in names

    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from this environment, without its editable copy of cjm.
    site = Path(sysconfig.get_paths()["purelib"])
    env_site = next((env_dir / "lib").glob("python3*/site-packages"))
    (env_site / "outer.pth").write_text(f"{site}\n", encoding="utf-8")

    where = subprocess.run(
        [str(python), "-c", "import cjm; print(cjm.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert Path(where.stdout.strip()).is_relative_to(env_dir)
    cjm = env_dir / "bin" / "cjm"
    result = subprocess.run(
        [str(cjm), "validate", str(ROOT / "examples")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "31 files checked: no problems" in result.stdout
    lint = subprocess.run(
        [str(cjm), "lint", "--format", "sarif", str(ROOT / "examples")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert '"name": "cjm"' in lint.stdout
    schema = subprocess.run(
        [str(cjm), "schema", "persona"], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert '"title": "cjm persona"' in schema.stdout
    schema = subprocess.run(
        [str(cjm), "schema", "report"], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert '"title": "cjm report"' in schema.stdout


@pytest.mark.slow
def test_sdist_carries_schemas_and_templates(tmp_path: Path) -> None:
    sdist = build("sdist", tmp_path / "dist")
    with tarfile.open(sdist) as archive:
        names = [n.split("/", 1)[1] for n in archive.getnames() if "/" in n]
    assert "schemas/journey.schema.json" in names
    assert "schemas/report.schema.json" in names
    assert "templates/__init__.py" in names
    assert "pyproject.toml" in names


def test_validate_never_imports_renderers() -> None:
    code = (
        "import sys\n"
        "from cjm.cli import main\n"
        "sys.argv = ['cjm', 'validate', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('weasyprint', 'jinja2', 'graphviz', 'jsonschema'))\n"
        "print(code, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "examples")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []"


def test_detailed_report_is_imported_only_for_a_failing_document(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("kind: persona\nid: p\nnmae: P\n", encoding="utf-8")
    code = (
        "import sys\nfrom cjm.validate import validate_paths\nfrom pathlib import Path\n"
        "r = validate_paths([Path(sys.argv[1])], jobs=1)\n"
        "print(r.exit_code, 'jsonschema' in sys.modules, 'jinja2' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(bad)], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["1", "True", "False"]


def test_pre_commit_hook_runs_as_declared(tmp_path: Path) -> None:
    import shutil

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "cjm-validate"]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples", repo / "maps")
    (repo / ".github").mkdir()
    (repo / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    entry = hook["entry"].split()
    assert entry[0] == "cjm"
    command = [sys.executable, "-m", "cjm", *entry[1:]]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr

    # renaming a persona breaks the journeys that name it, though they did not change
    persona = repo / "maps" / "bank-onboarding" / "personas" / "priya-switcher.yaml"
    persona.write_text(
        persona.read_text(encoding="utf-8").replace("id: priya-switcher", "id: priya"),
        encoding="utf-8",
    )
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=repo)
    assert result.returncode == 1
    assert "onboarding-current.yaml" in result.stdout
    assert "unknown persona 'priya-switcher'" in result.stdout


def test_project_pre_commit_config_uses_the_hook_on_examples() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    [hook] = [h for h in hooks if h["id"] == "cjm-validate"]
    assert hook["files"].startswith("^examples/")
