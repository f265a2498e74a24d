"""Properties of `cjm diff` on the real examples, edited at random by hypothesis.

(a) a document compared with itself (even written out again) shows no change;
(b) swapping the sides inverts every change; (c) random edits of a journey give
a diff that names exactly those edits, no more and no fewer.
"""

# ruff: noqa: RUF001 - stage names are typed with typographic apostrophes, as people do
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from cjm.diff.compare import compare, pair_documents
from cjm.diff.documents import SourceFile, load_side
from cjm.diff.engine import diff_sides
from cjm.diff.formats import change_json

ROOT = Path(__file__).parents[2]
JOURNEYS = sorted((ROOT / "examples").glob("*/journeys/*.yaml"))
NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz ABCDEFÀÈÉÌÒÙàèéìòù-'’,.!?0123456789"
EDITS = (
    "emotion",
    "stage-name",
    "add-pain",
    "remove-opportunity",
    "move-step",
    "rename-touchpoint",
    "adopt-channel",
    "swap-stages",
)


def source(name: str, data: dict[str, Any]) -> SourceFile:
    return SourceFile(
        "journey.yaml",
        name,
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"),
    )


def original(path: Path) -> tuple[SourceFile, dict[str, Any]]:
    raw = path.read_bytes()
    return SourceFile("journey.yaml", path.name, raw), yaml.safe_load(raw)


def steps(data: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(stage, step) for stage in data["stages"] for step in stage["steps"]]


@st.composite
def edited(draw: st.DrawFn) -> tuple[SourceFile, SourceFile, set[tuple[str, str]]]:
    """An example journey, a randomly edited copy, and the (kind, id) each edit should give."""
    path = draw(st.sampled_from(JOURNEYS))
    old, data = original(path)
    new = copy.deepcopy(data)
    expected: set[tuple[str, str]] = set()
    places = steps(new)
    order = draw(st.permutations(range(len(places))))
    kinds = draw(st.lists(st.sampled_from(EDITS), max_size=min(6, len(places)), unique=True))
    for n, (kind, at) in enumerate(zip(kinds, order, strict=False)):
        stage, step = places[at]
        if kind == "emotion" and isinstance(step.get("emotion"), int | float):
            value = draw(st.integers(-2, 2).filter(lambda v, s=step: v != s["emotion"]))
            step["emotion"] = value
            expected.add(("emotion-changed", step["id"]))
        elif kind == "stage-name" and ("stage-changed", stage["id"]) not in expected:
            stage["name"] = draw(
                st.text(NAME_LETTERS, min_size=1, max_size=20).filter(
                    lambda t, s=stage: t.strip() != "" and t != s["name"]
                )
            )
            expected.add(("stage-changed", stage["id"]))
        elif kind == "add-pain":
            step.setdefault("pain_points", []).append(
                {
                    "id": f"pp-edit-{n}",
                    "description": "A new friction found by the property.",
                    "severity": "low",
                }
            )
            expected.add(("pain-point-added", f"pp-edit-{n}"))
        elif kind == "remove-opportunity" and step.get("opportunities"):
            gone = step["opportunities"].pop()
            expected.add(("opportunity-removed", gone["id"]))
        elif kind == "move-step":
            target = draw(st.sampled_from([s for s in new["stages"] if s is not stage]))
            stage["steps"].remove(step)
            target["steps"].append(step)
            expected.add(("step-moved", step["id"]))
        elif kind == "rename-touchpoint" and step.get("touchpoints"):
            touchpoint = step["touchpoints"][0]
            touchpoint["id"] = f"tp-renamed-{n}"
            expected.add(("touchpoint-renamed", touchpoint["id"]))
        elif kind == "adopt-channel":
            candidates = [t for t in step.get("touchpoints", []) if t.get("potential_channels")]
            if candidates:
                touchpoint = candidates[0]
                channel = touchpoint["potential_channels"].pop(0)
                touchpoint.setdefault("channels", []).append(channel)
                expected.add(("touchpoint-channel-adopted", touchpoint["id"]))
        elif kind == "swap-stages":
            stages = new["stages"]
            stages[0], stages[-1] = stages[-1], stages[0]
            expected.add(("stage-reordered", new["id"]))
    return old, source("edited.yaml", new), expected


def test_every_example_journey_compared_with_itself_shows_no_change() -> None:
    for path in JOURNEYS:
        old, data = original(path)
        docs = load_side([old], explicit=True)
        assert compare(pair_documents(docs, load_side([old], explicit=True))) == []
        rewritten = diff_sides(
            [old], [source("rewritten.yaml", data)], old_label="a", new_label="b", explicit=True
        )
        assert rewritten.changes == ()


@given(edited())
def test_a_document_compared_with_itself_shows_no_change(
    case: tuple[SourceFile, SourceFile, set[tuple[str, str]]],
) -> None:
    _old, new, _expected = case
    docs = load_side([new], explicit=True)
    again = load_side([SourceFile(new.key, "again.yaml", new.raw)], explicit=True)
    assert compare(pair_documents(docs, again)) == []


@given(edited())
def test_swapping_the_sides_inverts_every_change(
    case: tuple[SourceFile, SourceFile, set[tuple[str, str]]],
) -> None:
    old, new, _expected = case
    forward = diff_sides([old], [new], old_label="a", new_label="b", explicit=True)
    backward = diff_sides([new], [old], old_label="b", new_label="a", explicit=True)

    def canonical(changes: Any) -> list[str]:
        return sorted(json.dumps(change_json(c), sort_keys=True) for c in changes)

    assert canonical(c.inverted() for c in forward.changes) == canonical(backward.changes)


@given(edited())
def test_random_edits_give_a_diff_that_names_exactly_those_edits(
    case: tuple[SourceFile, SourceFile, set[tuple[str, str]]],
) -> None:
    old, new, expected = case
    result = diff_sides([old], [new], old_label="a", new_label="b", explicit=True)
    found = {(c.kind, c.ids[-1]) for c in result.changes}
    assert found == expected, [c.kind for c in result.changes]
