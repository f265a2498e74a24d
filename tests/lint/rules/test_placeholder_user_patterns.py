"""A team's own placeholder patterns run on RE2: in linear time, whatever the pattern, and a
pattern RE2 cannot run is a configuration error at its line, not a hang or a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PERSONA = """\
kind: persona
id: marco
name: Marco
quote: {quote}
"""


def workspace(root: Path, patterns: str, quote: str) -> Path:
    (root / "personas").mkdir(parents=True)
    (root / "cjm.yaml").write_text(
        f"name: demo\nlint:\n  rules:\n    placeholder-text:\n      patterns: {patterns}\n",
        encoding="utf-8",
    )
    (root / "personas" / "marco.yaml").write_text(PERSONA.format(quote=quote), encoding="utf-8")
    return root


def cjm(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cjm", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_pattern_that_backtracks_forever_in_python_finishes_at_once(tmp_path: Path) -> None:
    # Python's `re` needs about 2**40 steps to reject this text; RE2 reads it once.
    root = workspace(tmp_path / "rejected", "['^(a+)+$']", "a" * 40 + "!")
    result = cjm("lint", "--format", "parsable", cwd=root, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "placeholder-text" not in result.stdout
    root = workspace(tmp_path / "matched", "['^(a+)+$']", "A" * 40)
    result = cjm("lint", "--format", "parsable", cwd=root, timeout=30)
    assert "personas/marco.yaml:4:8: [warning]" in result.stdout, result.stdout
    assert "('AAAAAAAA" in result.stdout


def test_a_pattern_re2_cannot_run_is_a_config_error_at_its_line(tmp_path: Path) -> None:
    root = workspace(tmp_path, "['TBC', '(?<!da )definire', 'x(a)\\1']", "Da definire")
    result = cjm("lint", cwd=root)
    assert result.returncode == 2, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "cjm.yaml:5:7: [error] option 'patterns' of rule 'placeholder-text'" in output
    assert "'(?<!da )definire' is not a regular expression that RE2 runs" in output
    assert "look-around" in output
    # nothing else: no traceback, and none of RE2's own logging
    assert "Traceback" not in output
    assert "re2.cc" not in output
    assert result.stderr == ""


def test_default_patterns_keep_their_meaning_next_to_a_teams_own(tmp_path: Path) -> None:
    """The defaults need Python's look-behind and Unicode word boundaries; listed with a
    team's pattern they still run as before: `???` right after a word is a question."""
    from cjm.lint.rules.placeholder_text import DEFAULT_PATTERNS

    listed = "[" + ", ".join(f"'{p}'" for p in [*DEFAULT_PATTERNS, "da verificare"]) + "]"
    root = workspace(tmp_path / "placeholder", listed, "Perché??? Ancora da verificare.")
    result = cjm("lint", "--format", "parsable", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "('da verificare')" in result.stdout
    root = workspace(tmp_path / "asked", listed, "Perché???")
    result = cjm("lint", "--format", "parsable", cwd=root)
    assert "placeholder-text" not in result.stdout, result.stdout


def test_re2_is_not_loaded_at_start_up() -> None:
    code = "import sys, cjm.cli; print('re2' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
