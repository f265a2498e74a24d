"""The journey rules never crash on a schema-valid journey, however sparse or odd."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cjm.core.frameworks import BUILTIN
from cjm.core.kinds import is_valid
from cjm.core.model import build
from cjm.lint.base import Context
from cjm.lint.rule import defaults
from cjm.lint.rules import RULES

from .test_showcase_journey import JOURNEY_RULES

ids = st.sampled_from(["a", "b", "c", "awareness", "purchase", "interest", "desire", "x-1"])
personas = st.sampled_from(["ada", "bo"])
scores = st.one_of(st.integers(-2, 2), st.floats(-2, 2, allow_nan=False))
emotions = st.one_of(scores, st.dictionaries(personas, scores, min_size=1))
channel_lists = st.lists(st.sampled_from(["web", "shop", "email"]), unique=True, max_size=2)


def optional(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


def item(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"id": ids, "name": st.just("N")}, optional=fields)


touchpoints = item(channels=channel_lists, handoff=st.just("H"))
pain_points = st.fixed_dictionaries({"id": ids, "description": st.just("D")})
opportunities = st.fixed_dictionaries(
    {"id": ids, "description": st.just("D")},
    optional={
        "type": st.sampled_from(["improvement", "gap", "upsell", "innovation"]),
        "addresses": st.lists(ids, unique=True, max_size=2),
    },
)
metrics = item(
    type=st.sampled_from(["volume", "nps"]),
    value=st.integers(0, 10),
    unit=st.sampled_from(["people", "sessions"]),
    period=st.sampled_from(["Q1", "Q2"]),
)
steps = item(
    actions=st.lists(st.just("A"), max_size=1),
    thoughts=st.lists(st.just("T"), max_size=1),
    emotion=emotions,
    touchpoints=st.lists(touchpoints, max_size=2),
    pain_points=st.lists(pain_points, max_size=1),
    opportunities=st.lists(opportunities, max_size=2),
    backstage=st.lists(pain_points, max_size=1),
    support=st.lists(pain_points, max_size=1),
)
stages = item(
    framework_stage=ids, steps=st.lists(steps, max_size=3), metrics=st.lists(metrics, max_size=2)
)
journeys = st.builds(
    lambda base, extra: {**base, **extra},
    st.fixed_dictionaries(
        {
            "kind": st.just("journey"),
            "id": ids,
            "title": st.just("J"),
            "stages": st.lists(stages, min_size=1, max_size=4),
        }
    ),
    optional(
        personas=st.lists(personas, unique=True, max_size=2),
        framework=st.sampled_from([*BUILTIN, "unknown"]),
    ),
)


@given(journeys)
def test_journey_rules_run_on_any_valid_journey(data: dict[str, Any]) -> None:
    assert is_valid("journey", data)
    context = Context((build("journey", data, file="j.yaml"),))
    for rule in JOURNEY_RULES:
        module = RULES[rule]
        for finding in module.check(context, defaults(module)):
            assert finding.file == "j.yaml"
            assert finding.subject and finding.subject[0] == data["id"]
            assert all(isinstance(part, str) for part in finding.subject)
