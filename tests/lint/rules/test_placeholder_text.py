from __future__ import annotations

from pathlib import Path

import pytest

from cjm.core.errors import ConfigError

from ..workspaces import findings

RULE = "placeholder-text"
PERSONA = """\
kind: persona
id: marco
name: Marco
quote: Non so nemmeno cosa sia il drop.
demographics:
  città: da definire
  età: 48
"""
JOURNEY = """\
kind: journey
id: acquisto
title: Acquisto — TODO
personas: [marco]
stages:
  - id: ricerca
    name: Ricerca
    steps:
      - id: chiede
        name: Chiede la taglia
        actions:
          - Chiama il servizio clienti
          - Lorem ipsum dolor sit amet
        thoughts:
          - "Perché nessuno lo sa???"
          - "Quiero todo el proceso en la app"
        opportunities:
          - id: op-whatsapp
            description: WhatsApp per tutti i negozi
            owner: "???"
"""


def test_placeholders_are_reported_at_the_exact_string(tmp_path: Path) -> None:
    found = findings(
        tmp_path, RULE, {"personas/marco.yaml": PERSONA, "journeys/acquisto.yaml": JOURNEY}
    )
    assert [(where, code) for where, code, _ in found] == [
        ("journeys/acquisto.yaml:3:8", RULE),
        ("journeys/acquisto.yaml:13:13", RULE),
        ("journeys/acquisto.yaml:20:20", RULE),
        ("personas/marco.yaml:6:10", RULE),
    ]
    messages = [message for _, _, message in found]
    assert "`title` of journey 'acquisto' looks like placeholder text ('TODO')" in messages[0]
    assert "write the real content or remove it" in messages[0]
    assert "`actions` of step 'chiede' looks like placeholder text ('Lorem ipsum')" in messages[1]
    assert "`owner` of opportunity 'op-whatsapp'" in messages[2]
    assert (
        "`demographics` of persona 'marco' looks like placeholder text ('da definire')"
        in messages[3]
    )


def test_real_text_passes(tmp_path: Path) -> None:
    files = {
        "personas/marco.yaml": PERSONA.replace("da definire", "Bergamo"),
        "journeys/acquisto.yaml": JOURNEY.replace(" — TODO", "")
        .replace("Lorem ipsum dolor sit amet", "Aspetta nove minuti")
        .replace('"???"', "Rete negozi"),
    }
    assert findings(tmp_path, RULE, files) == []


def test_option_patterns_replaces_the_defaults(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        RULE,
        {"personas/marco.yaml": PERSONA, "journeys/acquisto.yaml": JOURNEY},
        options=r"patterns: ['\bquiero\b']",
    )
    assert [where for where, _, _ in found] == ["journeys/acquisto.yaml:16:13"]
    assert "('Quiero')" in found[0][2]


def test_a_pattern_that_is_not_a_regular_expression_is_a_configuration_error(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError, match=r"'\(TODO' is not a regular expression"):
        findings(tmp_path, RULE, {"personas/marco.yaml": PERSONA}, options="patterns: ['(TODO']")
