"""One locale rule for every command: an unsupported --locale stops render and report alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.present.labels import LABELS, labels_for
from cjm.present.locale import LOCALES, UnsupportedLocale, from_option, resolve

EXAMPLE = Path(__file__).parents[2] / "examples" / "negozio-omnicanale"


def test_render_and_report_refuse_an_unsupported_locale_the_same_way(tmp_path: Path) -> None:
    runner = CliRunner()
    rendered = runner.invoke(
        app, ["render", str(EXAMPLE), "--locale", "fr", "--out", str(tmp_path / "out")]
    )
    reported = runner.invoke(app, ["report", str(EXAMPLE), "--locale", "fr"])
    assert rendered.exit_code == 2, rendered.output
    assert reported.exit_code == 2, reported.output
    assert rendered.stderr == reported.stderr
    assert "--locale fr" in rendered.stderr and "en, it" in rendered.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["render", "report"])
def test_a_supported_locale_in_any_spelling_is_taken(tmp_path: Path, command: str) -> None:
    args = [command, str(EXAMPLE), "--locale", "EN_gb"]
    if command == "render":
        args += ["--format", "markdown", "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


def test_a_workspace_in_a_language_without_labels_falls_back_to_english(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace)
    config = workspace / "cjm.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("locale: it", "locale: fr"), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["report", str(workspace), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert "## Journey report" in result.stdout


def test_the_rule_itself() -> None:
    assert from_option(None) is None
    assert from_option("it-CH") == "it-CH"
    with pytest.raises(UnsupportedLocale) as raised:
        from_option("de")
    assert raised.value.code == "usage"
    assert resolve(None, None, "it") == "it"
    assert resolve("en", "it", "it") == "en"
    assert resolve(None, "", None) == "en"
    assert labels_for("fr") is LABELS["en"] and labels_for("it_IT") is LABELS["it"]


def test_every_supported_locale_has_every_label() -> None:
    assert set(LABELS) == set(LOCALES)
    assert all(set(LABELS[locale]) == set(LABELS["en"]) for locale in LOCALES)
