from __future__ import annotations

from pathlib import Path

from ..helpers import lint_rule

RULE = "funnel-order"
HEAD = "kind: journey\nid: j\ntitle: J\npersonas: [ada]\nstages:\n"


def stages(*volumes: str) -> str:
    lines = ""
    for n, volume in enumerate(volumes, 1):
        lines += f"  - id: s{n}\n    name: S{n}\n    metrics:\n"
        lines += f"      - {{id: m{n}, name: M{n}, type: volume, {volume}}}\n"
    return HEAD + lines


def test_a_later_stage_with_more_customers_is_reported_at_its_value(tmp_path: Path) -> None:
    journey = stages("value: 42000, unit: people", "value: 15600, unit: people", "value: 20000")
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey})
    assert [(f.where, f.code) for f in found] == [("journeys/j.yaml:17:49", RULE)]
    assert (
        "stage 's3' has a volume of 20000 ('m3'), more than the 15600 of earlier stage "
        "'s2' ('m2'): a funnel narrows"
    ) in found[0].message


def test_a_narrowing_funnel_and_figures_that_do_not_compare_pass(tmp_path: Path) -> None:
    journey = stages(
        "value: 42000, unit: people, period: 2025-H2",
        "value: 15600, unit: people, period: 2025-H2",
        "value: 30000, unit: sessions",
        "value: 20000, unit: people, period: 2026-H1",
        "unit: people",
    )
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": journey}) == []
    other = stages("value: 100", "value: 50").replace(
        "type: volume, value: 50", "type: nps, value: 500"
    )
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": other}) == []
