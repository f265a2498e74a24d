"""What `cjm new` writes fits the workspace it is written into: it validates there, refers
only to channels and personas that exist, takes no id already in use, and the text left
for the author to write is reported by lint until it is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app
from cjm.present.locale import LOCALES

CUSTOM_CATALOG = """\
kind: channels
id: canali
channels:
  - id: negozio-corso-como
    name: Negozio di corso Como
    type: physical
  - id: app-fedelta
    name: App fedeltà
    type: digital
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": None})
    return result.exit_code, result.output


def lint_findings(folder: Path) -> list[dict[str, object]]:
    code, output = run("lint", "--format", "json", str(folder))
    assert code in (0, 1), output
    problems: list[dict[str, object]] = json.loads(output)["problems"]
    return problems


def placeholder_files(folder: Path) -> set[str]:
    return {
        Path(str(p["file"])).name for p in lint_findings(folder) if p["code"] == "placeholder-text"
    }


def new(folder: Path, *args: str) -> str:
    code, output = run("new", *args, "--in", str(folder))
    assert code == 0, output
    assert "needs attention" not in output
    return output


def channel_ids(folder: Path) -> list[str]:
    ids = []
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("kind") == "channels":
            ids += [c["id"] for c in data["channels"]]
    return ids


@pytest.mark.parametrize("locale", LOCALES)
def test_every_scaffold_validates_and_its_placeholders_are_linted(
    tmp_path: Path, locale: str
) -> None:
    assert run("init", str(tmp_path), "--locale", locale)[0] == 0
    starters = (
        {"primo-acquisto.yaml", "cliente-tipo.yaml"}
        if locale == "it"
        else {"first-purchase.yaml", "typical-customer.yaml"}
    )
    assert placeholder_files(tmp_path) == starters
    new(tmp_path, "journey", "j2")
    new(tmp_path, "persona", "p2")
    new(tmp_path, "channels", "more-channels")
    new(tmp_path, "channels", "even-more-channels")
    code, output = run("validate", str(tmp_path))
    assert code == 0, output
    ids = channel_ids(tmp_path)
    assert len(ids) == len(set(ids)) == 5, ids
    assert placeholder_files(tmp_path) >= {
        "j2.yaml",
        "p2.yaml",
        "more-channels.yaml",
        "even-more-channels.yaml",
    }


@pytest.mark.parametrize("locale", LOCALES)
def test_the_scaffold_placeholders_of_each_language_are_what_lint_catches(
    tmp_path: Path, locale: str
) -> None:
    """The journey's texts are caught one by one, not only the first of the file."""
    (tmp_path / "cjm.yaml").write_text(f"locale: {locale}\n", encoding="utf-8")
    new(tmp_path, "journey", "j1")
    flagged = {
        str(p["json_path"]) for p in lint_findings(tmp_path) if p["code"] == "placeholder-text"
    }
    first = "$.stages[0].steps[0]"
    assert {
        "$.title",
        f"{first}.name",
        f"{first}.actions[0]",
        f"{first}.thoughts[0]",
        f"{first}.touchpoints[0].name",
    } <= flagged


def test_a_custom_catalog_without_website(tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text("locale: it\n", encoding="utf-8")
    (tmp_path / "canali.yaml").write_text(CUSTOM_CATALOG, encoding="utf-8")
    new(tmp_path, "persona", "giulia")
    new(tmp_path, "journey", "acquisto")
    new(tmp_path, "channels", "altri-canali")
    code, output = run("validate", str(tmp_path))
    assert code == 0, output
    persona = yaml.safe_load((tmp_path / "personas" / "giulia.yaml").read_text(encoding="utf-8"))
    assert persona["preferred_channels"] == ["negozio-corso-como"]
    journey = yaml.safe_load((tmp_path / "journeys" / "acquisto.yaml").read_text(encoding="utf-8"))
    assert journey["personas"] == ["giulia"]
    [touchpoint] = journey["stages"][0]["steps"][0]["touchpoints"]
    assert touchpoint["channels"] == ["negozio-corso-como"]
    # the team chose its channels: a second catalog adds one to fill in, not the starters
    assert channel_ids(tmp_path) == ["altri-canali-channel", "negozio-corso-como", "app-fedelta"]
    assert placeholder_files(tmp_path) == {"giulia.yaml", "acquisto.yaml", "altri-canali.yaml"}


def test_without_catalog_or_persona_the_journey_validates_and_says_what_to_create(
    tmp_path: Path,
) -> None:
    (tmp_path / "cjm.yaml").write_text("name: empty\n", encoding="utf-8")
    output = new(tmp_path, "journey", "j1")
    assert "no channel catalog yet" in output
    assert "cjm new channels" in output
    assert "no persona yet" in output
    assert "cjm new persona" in output
    code, output = run("validate", str(tmp_path))
    assert code == 0, output
    output = new(tmp_path, "persona", "p1")
    assert "no channel catalog yet" in output
    new(tmp_path, "channels", "channels")
    output = new(tmp_path, "journey", "j2")
    assert "note:" not in output
    journey = yaml.safe_load((tmp_path / "journeys" / "j2.yaml").read_text(encoding="utf-8"))
    assert journey["personas"] == ["p1"]
    code, output = run("validate", str(tmp_path))
    assert code == 0, output


def test_an_id_in_use_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    assert run("init", str(tmp_path))[0] == 0
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.yaml"))
    for kind in ("persona", "channels", "reality-map"):
        code, output = run("new", kind, "typical-customer", "--in", str(tmp_path))
        assert code == 2, output
        assert "already has the id 'typical-customer'" in output
        assert "Traceback" not in output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.yaml")) == before


def test_reality_maps_take_finding_ids_not_in_use(tmp_path: Path) -> None:
    assert run("init", str(tmp_path))[0] == 0
    new(tmp_path, "reality-map", "research")
    (tmp_path / "research" / "research.yaml").rename(tmp_path / "research" / "old.yaml")
    text = (tmp_path / "research" / "old.yaml").read_text(encoding="utf-8")
    (tmp_path / "research" / "old.yaml").write_text(
        text.replace("id: research\n", "id: old-research\n"), encoding="utf-8"
    )
    new(tmp_path, "reality-map", "research")
    code, output = run("validate", str(tmp_path))
    assert code == 0, output
