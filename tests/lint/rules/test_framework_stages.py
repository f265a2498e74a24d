from __future__ import annotations

from pathlib import Path

from cjm.core.model import build
from cjm.lint.base import Context
from cjm.lint.rule import defaults
from cjm.lint.rules import framework_stages

from ..helpers import lint_rule

RULE = "framework-stages"


def journey(framework: str, *stages: str) -> str:
    lines = "".join(
        f"  - {{id: {s.split()[0]}, name: N{n}"
        + (f", framework_stage: {s.split()[1]}" if " " in s else "")
        + "}\n"
        for n, s in enumerate(stages)
    )
    return (
        f"kind: journey\nid: j\ntitle: J\npersonas: [ada]\nframework: {framework}\nstages:\n{lines}"
    )


def test_unmapped_and_out_of_order_stages_are_reported(tmp_path: Path) -> None:
    text = journey("aida", "attention", "compare", "buy action", "wish desire")
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": text})
    assert [(f.where, f.code) for f in found] == [
        ("journeys/j.yaml:8:10", RULE),
        ("journeys/j.yaml:10:43", RULE),
    ]
    assert (
        "stage 'compare' stands for no stage of the AIDA framework (attention, interest, "
        "desire, action): set its `framework_stage`"
    ) in found[0].message
    assert (
        "stage 'wish' stands for 'desire' but comes after stage 'buy' ('action')"
        in found[1].message
    )


def test_a_stage_named_like_the_framework_stage_out_of_order_is_reported_at_its_id(
    tmp_path: Path,
) -> None:
    text = journey("aida", "interest", "attention")
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": text})
    assert [f.where for f in found] == ["journeys/j.yaml:8:10"]


def test_stages_in_order_repeated_skipped_or_looping_pass(tmp_path: Path) -> None:
    text = journey("aida", "attention", "compare interest", "read interest", "buy action")
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": text}) == []
    loop = journey(
        "cdj",
        "first initial-consideration",
        "eval active-evaluation",
        "buy moment-of-purchase",
        "use post-purchase-experience",
        "again initial-consideration",
    )
    config = (
        "frameworks:\n  cdj:\n    name: Loop\n    stages:\n"
        "      - {id: initial-consideration, name: I}\n"
        "      - {id: active-evaluation, name: A}\n"
        "      - {id: moment-of-purchase, name: M}\n"
        "      - {id: post-purchase-experience, name: P}\n"
    )
    assert lint_rule(tmp_path, RULE, {"journeys/j.yaml": loop}, config=config) == []


def test_custom_frameworks_from_cjm_yaml_are_followed(tmp_path: Path) -> None:
    config = (
        "frameworks:\n  diamond:\n    name: Double diamond\n    stages:\n"
        "      - {id: discover, name: Discover}\n      - {id: define, name: Define}\n"
        "      - {id: deliver, name: Deliver}\n"
    )
    text = journey("diamond", "define", "discover", "deliver")
    found = lint_rule(tmp_path, RULE, {"journeys/j.yaml": text}, config=config)
    assert [f.where for f in found] == ["journeys/j.yaml:8:10"]
    assert "the Double diamond framework runs discover, define, deliver" in found[0].message


def test_unknown_frameworks_are_left_to_validate() -> None:
    data = {
        "kind": "journey",
        "id": "j",
        "title": "J",
        "framework": "nope",
        "stages": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}],
    }
    context = Context((build("journey", data, file="j.yaml"),))
    assert list(framework_stages.check(context, defaults(framework_stages))) == []
