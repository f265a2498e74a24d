from __future__ import annotations

from pathlib import Path

import pytest

from cjm.core.errors import ConfigError

from ..workspaces import findings

RULE = "id-style"
JOURNEY = """\
kind: journey
id: {journey}
title: Acquisto
stages:
  - id: {stage}
    name: Ricerca
    steps:
      - id: {step}
        name: Chiede la taglia
        pain_points:
          - id: {pain}
            description: Attesa al telefono
"""
CATALOG = (
    "kind: channels\nid: {catalog}\nchannels:\n  - {{id: {channel}, name: W, type: digital}}\n"
)


def files(
    journey: str, stage: str, step: str, pain: str, catalog: str, channel: str
) -> dict[str, str]:
    return {
        "journeys/j.yaml": JOURNEY.format(journey=journey, stage=stage, step=step, pain=pain),
        "channels.yaml": CATALOG.format(catalog=catalog, channel=channel),
    }


def test_ids_off_the_kebab_style_are_reported_at_the_id(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        RULE,
        files("Acquisto_Running", "ricerca", "chiedeTaglia", "pp-attesa", "canali", "sito.web"),
    )
    assert [(where, code) for where, code, _ in found] == [
        ("channels.yaml:4:10", RULE),
        ("journeys/j.yaml:2:5", RULE),
        ("journeys/j.yaml:8:13", RULE),
    ]
    assert (
        "channel id 'sito.web' is not kebab case; rename it such as 'sito-web' "
        "and update every reference to it"
    ) in found[0][2]
    assert "journey id 'Acquisto_Running' is not kebab case" in found[1][2]
    assert "'acquisto-running'" in found[1][2]
    assert (
        "step id 'chiedeTaglia' is not kebab case; rename it such as 'chiede-taglia'" in found[2][2]
    )


def test_kebab_ids_pass(tmp_path: Path) -> None:
    assert (
        findings(
            tmp_path,
            RULE,
            files("acquisto-running", "ricerca", "chiede-taglia", "pp-attesa-2", "canali", "sito"),
        )
        == []
    )


@pytest.mark.parametrize(
    "style, ids, wrong",
    [
        (
            "snake",
            ("acquisto_running", "ricerca", "chiede_taglia", "pp-attesa", "canali", "sito"),
            ["journeys/j.yaml:11:17"],
        ),
        (
            "camel",
            ("acquistoRunning", "ricerca", "chiedeTaglia", "ppAttesa", "canali", "Sito"),
            ["channels.yaml:4:10"],
        ),
        ("any", ("Acquisto_Running", "R.1", "chiedeTaglia", "pp-attesa", "canali", "sito"), []),
    ],
)
def test_option_style(tmp_path: Path, style: str, ids: tuple[str, ...], wrong: list[str]) -> None:
    found = findings(tmp_path, RULE, files(*ids), options=f"style: {style}")
    assert [where for where, _, _ in found] == wrong


def test_an_unknown_style_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is one of kebab, snake, camel, any, not 'pascal'"):
        findings(tmp_path, RULE, files("a", "b", "c", "d", "e", "f"), options="style: pascal")
