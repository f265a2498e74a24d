"""The paths of a journey (`cjm.core.paths`), worked out by hand on small journeys.

The branching journey of these tests, in map order, with the channel of each step:

    ad (web) → site (web)
    site: → store "wants to try them on" (the step after: a declared `next`)
          → market "cheaper there" (a jump)
    store (store): → site "no size in store" (a return), → pay (a jump over market)
    market (marketplace): end: true
    pay (store): → pay "card declined" (a loop), → review (the step after)
    review (web): the last step, an end

So the journey ends at market and review; every step is reached from ad and
reaches an end (the return and the loop have ways out). Paths that need saying
are those out of site, store and pay; ad's is the plain step after.

Hand-offs follow the paths, comparing each step with every step the customer
can come to it from: site comes from ad (web, kept) and from store (a hand-off
store → site); store comes from site (site → store); market from site
(site → market); pay from store (store kept) and from itself (the loop is no
hand-off); review from pay (pay → review). Four hand-offs, by the later step's
order: store → site, site → store, site → market, pay → review.
"""

from __future__ import annotations

from typing import Any

from cjm.core.facts import handoffs
from cjm.core.model import Journey, Link, Stage, Step, build
from cjm.core.paths import graph


def journey(*steps: dict[str, Any]) -> Journey:
    built = build(
        "journey",
        {
            "kind": "journey",
            "id": "j",
            "title": "J",
            "stages": [{"id": "s", "name": "S", "steps": list(steps)}],
        },
    )
    assert isinstance(built, Journey)
    return built


def step(id_: str, channel: str | None = None, **more: Any) -> dict[str, Any]:
    touchpoints = [{"id": f"tp-{id_}", "name": id_, "channels": [channel]}] if channel else []
    return {"id": id_, "name": id_, "touchpoints": touchpoints, **more}


BRANCHING = journey(
    step("ad", "web"),
    step(
        "site",
        "web",
        next=[
            {"to": "store", "label": "wants to try them on"},
            {"to": "market", "label": "cheaper there"},
        ],
    ),
    step("store", "store", next=[{"to": "site", "label": "no size in store"}, {"to": "pay"}]),
    step("market", "marketplace", end=True),
    step("pay", "store", next=[{"to": "pay", "label": "card declined"}, {"to": "review"}]),
    step("review", "web"),
)


def out(id_: str) -> list[tuple[str, str, bool, str | None]]:
    return [(p.target.id, p.kind, p.declared, p.label) for p in graph(BRANCHING).out[id_]]


def test_each_path_has_its_kind_against_the_map_order() -> None:
    assert out("ad") == [("site", "next", False, None)]
    assert out("site") == [
        ("store", "next", True, "wants to try them on"),
        ("market", "jump", True, "cheaper there"),
    ]
    assert out("store") == [
        ("site", "return", True, "no size in store"),
        ("pay", "jump", True, None),
    ]
    assert out("market") == []
    assert out("pay") == [("pay", "loop", True, "card declined"), ("review", "next", True, None)]
    assert out("review") == []
    g = graph(BRANCHING)
    assert [p.source.id for p in g.into["site"]] == ["ad", "store"]
    assert [p.source.id for p in g.into["pay"]] == ["store", "pay"]
    assert not g.linear


def test_ends_reachability_and_dead_ends() -> None:
    g = graph(BRANCHING)
    assert [s.id for s in g.ends()] == ["market", "review"]
    assert g.reachable() == {"ad", "site", "store", "market", "pay", "review"}
    assert g.unreachable() == ()
    assert g.dead_ends() == ()
    assert g.traps() == ()


def test_the_journey_ends_early_only_where_the_map_says_so_before_its_last_step() -> None:
    assert graph(BRANCHING).early_ends() == {"market"}
    said_at_the_end = journey(step("a"), step("b", end=True))
    assert graph(said_at_the_end).early_ends() == set()


def test_whether_a_path_leads_from_one_step_to_another_over_some_steps() -> None:
    g = graph(BRANCHING)
    by_id = {s.id: s for s in BRANCHING.steps}
    assert g.leads(by_id["site"], by_id["store"], lambda _s: False)
    assert not g.leads(by_id["store"], by_id["market"], lambda _s: False)
    assert g.leads(by_id["store"], by_id["market"], lambda s: s.id == "site")  # back, then on
    assert not g.leads(by_id["market"], by_id["review"], lambda _s: True)  # it ends there
    assert g.leads(by_id["pay"], by_id["pay"], lambda _s: False)  # its loop


def test_only_paths_that_need_saying_are_labelled() -> None:
    g = graph(BRANCHING)
    labelled = {s.id: [p.target.id for p in g.labelled(s)] for s in g.steps}
    assert labelled == {
        "ad": [],
        "site": ["store", "market"],
        "store": ["site", "pay"],
        "market": [],
        "pay": ["pay", "review"],
        "review": [],
    }
    # a declared `next` to the step after, with no label, says nothing new
    plain = journey(step("a", next=[{"to": "b"}]), step("b"))
    assert graph(plain).labelled(plain.steps[0]) == ()


def test_hand_offs_follow_the_paths() -> None:
    assert [(h.before.id, h.after.id) for h in handoffs(BRANCHING)] == [
        ("store", "site"),
        ("site", "store"),
        ("site", "market"),
        ("pay", "review"),
    ]


def test_a_closed_loop_is_a_trap_and_a_step_after_it_unreachable() -> None:
    """a → b → c → b …: no end is reached from a, b or c; d, the last step, is an end that
    nothing reaches. The loop to open is b, c."""
    trapped = journey(step("a"), step("b"), step("c", next=[{"to": "b"}]), step("d"))
    g = graph(trapped)
    assert [s.id for s in g.ends()] == ["d"]
    assert [s.id for s in g.unreachable()] == ["d"]
    assert [s.id for s in g.dead_ends()] == ["a", "b", "c"]
    assert [[s.id for s in loop] for loop in g.traps()] == [["b", "c"]]


def test_two_loops_one_leading_into_the_other() -> None:
    """a ↔ b leads on to c ↔ d, which no path leaves: only c, d is a trap."""
    g = graph(
        journey(
            step("a", next=[{"to": "b"}]),
            step("b", next=[{"to": "a"}, {"to": "c"}]),
            step("c", next=[{"to": "d"}]),
            step("d", next=[{"to": "c"}]),
        )
    )
    assert [s.id for s in g.dead_ends()] == ["a", "b", "c", "d"]
    assert [[s.id for s in loop] for loop in g.traps()] == [["c", "d"]]


def test_a_linear_journey_is_linear() -> None:
    plain = journey(step("a", "web"), step("b", "store"), step("c", "store"))
    g = graph(plain)
    assert g.linear
    assert [(p.source.id, p.target.id) for p in g.paths] == [("a", "b"), ("b", "c")]
    assert [s.id for s in g.ends()] == ["c"]
    assert [(h.before.id, h.after.id) for h in handoffs(plain)] == [("a", "b")]


def test_end_on_the_last_step_keeps_a_journey_linear() -> None:
    """The last step can always end the journey: saying so changes nothing."""
    said = Journey(
        id="j",
        stages=(Stage(id="s", steps=(Step(id="a"), Step(id="b", end=True))),),
    )
    assert graph(said).linear
    early = Journey(
        id="j",
        stages=(Stage(id="s", steps=(Step(id="a", end=True), Step(id="b"))),),
    )
    assert not graph(early).linear


def test_repeated_step_ids_are_not_read_as_paths() -> None:
    """While two steps share an id a `next` cannot say which it means: the journey is read
    in the map's order (validation reports the repeated id), so no dead end is made up."""
    journey = Journey(
        id="j",
        stages=(
            Stage(
                id="s",
                steps=(
                    Step(id="a"),
                    Step(id="a", name="again"),
                    Step(id="c", next=(Link(to="a"),)),
                ),
            ),
        ),
    )
    found = graph(journey)
    assert found.linear
    assert found.dead_ends() == () and found.unreachable() == ()


def test_unreachable_steps_are_grouped_by_the_path_that_is_missing() -> None:
    """cerca → (visita ⇄ confronta): nothing leads out of the loop, so ordina, consegna
    and recensione are lost, all through ordina: one group. A step that nothing leads to
    and that leads nowhere lost (solo, which ends) is a group of its own."""
    journey = Journey(
        id="j",
        stages=(
            Stage(
                id="s",
                steps=(
                    Step(id="cerca"),
                    Step(id="visita", next=(Link(to="confronta"),)),
                    Step(id="confronta", next=(Link(to="visita"),)),
                    Step(id="ordina"),
                    Step(id="consegna"),
                    Step(id="recensione", end=True),
                    Step(id="solo", end=True),
                ),
            ),
        ),
    )
    runs = [[step.id for step in run] for run in graph(journey).unreachable_runs()]
    assert runs == [["ordina", "consegna", "recensione"], ["solo"]]
