from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "opportunity-unlinked"
HEAD = "kind: journey\nid: j\ntitle: J\npersonas: [ada]\nstages:\n"


def test_improvements_that_address_nothing_are_reported(tmp_path: Path) -> None:
    journey = (
        HEAD
        + """\
  - id: s
    name: S
    steps:
      - id: a
        name: A
        opportunities:
          - id: op-summary
            description: One-screen fees summary
            type: improvement
          - {id: op-untyped, description: Something better}
"""
    )
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [(f.where, f.code) for f in found] == [
        ("journeys/j.yaml:12:17", RULE),
        ("journeys/j.yaml:15:18", RULE),
    ]
    assert (
        "opportunity 'op-summary' is an improvement that addresses no pain point"
        in found[0].message
    )
    assert "opportunity 'op-untyped' is an opportunity with no type" in found[1].message
    assert "`addresses`" in found[0].message


def test_linked_improvements_and_free_standing_gaps_upsells_innovations_pass(
    tmp_path: Path,
) -> None:
    journey = (
        HEAD
        + """\
  - id: s
    name: S
    steps:
      - id: a
        name: A
        pain_points:
          - {id: pp-fees, description: Fees only in a dense PDF}
        opportunities:
          - {id: op-summary, description: Summary, type: improvement, addresses: [pp-fees]}
          - {id: op-qr, description: QR code on posters, type: gap}
          - {id: op-card, description: Premium card, type: upsell}
          - {id: op-video, description: Video banker, type: innovation}
"""
    )
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey}) == []
