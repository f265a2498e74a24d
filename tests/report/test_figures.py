"""The figures of `cjm report` on the two examples, counted by hand.

Every expected value below was counted by reading the YAML in
`examples/negozio-omnicanale/` and `examples/bank-onboarding/` (journeys/,
channels.yaml, personas/) and applying the definitions in the docstring of
`cjm/report/analysis.py`; none was copied from the program's output. The
comments say how each was counted. Figures the report rounds to 4 decimals are
written here as the exact fraction and compared with ``close``.

Channel catalog order, with the type (P physical, D digital):
  negozio: negozio P, sito D, app D, email-newsletter D, whatsapp D, call-center P,
           volantino P, social D, marketplace D, recensioni-community D
  bank:    branch P, website D, mobile-app D, call-centre P, video-call D, email D,
           post P, social-ads D, comparison-site D, reviews-and-referrals D
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cjm.cli import app

ROOT = Path(__file__).resolve().parents[2]
NEGOZIO = ROOT / "examples" / "negozio-omnicanale"
BANK = ROOT / "examples" / "bank-onboarding"

Data = dict[str, Any]


def report(*paths: Path) -> Data:
    result = CliRunner().invoke(app, ["report", *map(str, paths), "-f", "json"])
    assert result.exit_code == 0, result.output
    data: Data = json.loads(result.stdout)
    [workspace] = data["workspaces"]
    assert isinstance(workspace, dict)
    return workspace


@pytest.fixture(scope="module")
def negozio() -> Data:
    return report(NEGOZIO)


@pytest.fixture(scope="module")
def bank() -> Data:
    return report(BANK)


def journey(workspace: Data, journey_id: str) -> Data:
    found: Data = next(j for j in workspace["journeys"] if j["id"] == journey_id)
    return found


def by(rows: list[Data], key: str) -> dict[str, Data]:
    return {row[key]: row for row in rows}


def close(value: float | None, expected: float) -> bool:
    """``value`` is ``expected`` rounded to 4 decimals, as the report writes figures."""
    return value is not None and abs(value - expected) <= 0.00005 + 1e-9


# --- negozio-omnicanale: channel coverage --------------------------------------------------


def test_negozio_coverage_cells(negozio: Data) -> None:
    stages = by(journey(negozio, "acquisto-running-attuale")["coverage"]["stages"], "stage")
    # bisogno: tp-gruppo-corsa [recensioni-community] (could: app); tp-inserzione-social
    # [social]; tp-volantino [volantino] (could: whatsapp)
    assert stages["bisogno"]["touchpoints"] == 3
    assert stages["bisogno"]["in_use"] == {"volantino": 1, "social": 1, "recensioni-community": 1}
    assert stages["bisogno"]["potential"] == {"app": 1, "whatsapp": 1}
    # acquisto: tp-ordine-click-collect [sito, email-newsletter] (could: whatsapp, app);
    # tp-analisi-passo [negozio] (could: app); tp-cassa [negozio] (could: app);
    # tp-ordine-marketplace [marketplace]
    assert stages["acquisto"]["in_use"] == {
        "negozio": 2,
        "sito": 1,
        "email-newsletter": 1,
        "marketplace": 1,
    }
    assert stages["acquisto"]["potential"] == {"app": 3, "whatsapp": 1}
    # utilizzo-fedelta: tp-newsletter [email-newsletter]; tp-reso [negozio, sito,
    # call-center]; tp-carta-fedelta [negozio, email-newsletter]
    assert stages["utilizzo-fedelta"]["in_use"] == {
        "negozio": 2,
        "sito": 1,
        "email-newsletter": 2,
        "call-center": 1,
    }
    # confronto: tp-scheda-marketplace [marketplace], tp-scheda-sito [sito],
    # tp-servizio-clienti [call-center] (could: whatsapp, sito)
    assert stages["confronto"]["in_use"] == {"sito": 1, "call-center": 1, "marketplace": 1}
    assert stages["confronto"]["potential"] == {"sito": 1, "whatsapp": 1}


def test_negozio_channel_totals_unused_and_potential_only(negozio: Data) -> None:
    coverage = journey(negozio, "acquisto-running-attuale")["coverage"]
    # (in use, could use, stages using it), summed over the five stages
    assert [
        (c["channel"], c["in_use"], c["potential"], c["stages"]) for c in coverage["channels"]
    ] == [
        ("negozio", 4, 0, 2),  # acquisto 2 + utilizzo 2
        ("sito", 4, 2, 4),  # ricerca, confronto, acquisto, utilizzo 1 each;
        # could: ricerca 1, confronto 1
        ("app", 0, 8, 0),  # could: bisogno 1, ricerca 1, acquisto 3, utilizzo 3
        ("email-newsletter", 3, 0, 2),  # acquisto 1 + utilizzo 2
        ("whatsapp", 0, 5, 0),  # could: one in each of the five stages
        ("call-center", 2, 0, 2),  # confronto 1 + utilizzo 1
        ("volantino", 1, 0, 1),
        ("social", 1, 0, 1),
        ("marketplace", 2, 0, 2),  # confronto 1 + acquisto 1
        ("recensioni-community", 2, 0, 2),  # bisogno 1 + ricerca 1
    ]
    assert coverage["unused"] == []  # every catalog channel is at least potential
    assert coverage["potential_only"] == ["app", "whatsapp"]
    # the future journey uses app and whatsapp, and lists call-center only as potential
    # (prenota-prova)
    future = journey(negozio, "acquisto-running-futuro")["coverage"]
    assert future["unused"] == []
    assert future["potential_only"] == ["call-center"]
    assert future["potential_only"] == ["call-center"]


def test_negozio_unused_channels_of_the_workspace(negozio: Data) -> None:
    # every catalog channel is used by the current or the future journey
    assert negozio["unused_channels"] == []
    # reporting the current journey alone: app and whatsapp are used by no reported journey
    alone = report(NEGOZIO / "journeys" / "acquisto-running-attuale.yaml")
    assert alone["unused_channels"] == ["app", "whatsapp"]


def test_negozio_physical_and_digital_shares(negozio: Data) -> None:
    stages = by(journey(negozio, "acquisto-running-attuale")["coverage"]["stages"], "stage")
    # bisogno: volantino P; social D, recensioni-community D: 1 of 3 physical
    assert (stages["bisogno"]["physical"], stages["bisogno"]["digital"]) == (1, 2)
    assert close(stages["bisogno"]["physical_share"], 1 / 3)
    assert close(stages["bisogno"]["digital_share"], 2 / 3)
    # ricerca: sito D, recensioni-community D
    assert (stages["ricerca"]["physical_share"], stages["ricerca"]["digital_share"]) == (0, 1)
    # utilizzo-fedelta: negozio 2 + call-center 1 physical, email 2 + sito 1 digital
    assert (stages["utilizzo-fedelta"]["physical"], stages["utilizzo-fedelta"]["digital"]) == (3, 3)
    assert stages["utilizzo-fedelta"]["physical_share"] == 0.5
    assert stages["utilizzo-fedelta"]["digital_share"] == 0.5


# --- negozio-omnicanale: hand-offs ---------------------------------------------------------

# The current journey's steps, their channels and emotions:
#   scarpe-consumate {recensioni-community} -1 | vede-promozione {social, volantino} 1 |
#   legge-guide-sito {sito} 0 | legge-recensioni {recensioni-community} 1 |
#   confronta-prezzi {marketplace, sito} -1 | chiede-disponibilita {call-center} -2 |
#   click-and-collect {sito, email-newsletter} -1 | prova-analisi-passo {negozio} 2 |
#   paga-in-cassa {negozio} -1 | primi-allenamenti {email-newsletter} 1 |
#   cambio-taglia {negozio, sito, call-center} -2 | programma-fedelta {negozio, email} 0
#   compra-sul-marketplace {marketplace} 0 (after paga-in-cassa in the map)
# The paths: each step leads to the next, except confronta-prezzi (to chiede-disponibilita
# or compra-sul-marketplace), prova-analisi-passo (to paga-in-cassa, or back to
# confronta-prezzi) and paga-in-cassa (to primi-allenamenti); compra-sul-marketplace leads
# to primi-allenamenti, the step after it: 14 paths. Every path is a hand-off except into
# paga-in-cassa and programma-fedelta (negozio both sides) and into compra-sul-marketplace
# (marketplace both sides): 11 hand-offs.


def test_negozio_handoffs_drops_first_steepest_first(negozio: Data) -> None:
    handoffs = journey(negozio, "acquisto-running-attuale")["handoffs"]
    assert handoffs["count"] == 11
    # drops: confronta-prezzi from prova-analisi-passo 2 -> -1 (-3, the return from the
    # store) and cambio-taglia 1 -> -2 (-3, later in the journey), confronta-prezzi from
    # legge-recensioni 1 -> -1 (-2), legge-guide-sito 1 -> 0 (-1), chiede-disponibilita
    # -1 -> -2 (-1, later in the journey)
    assert handoffs["drops"] == 5
    assert [
        (i["from_step"], i["to_step"], i["emotion_change"], i["drop"]) for i in handoffs["items"]
    ] == [
        ("prova-analisi-passo", "confronta-prezzi", -3, True),
        ("primi-allenamenti", "cambio-taglia", -3, True),
        ("legge-recensioni", "confronta-prezzi", -2, True),
        ("vede-promozione", "legge-guide-sito", -1, True),
        ("confronta-prezzi", "chiede-disponibilita", -1, True),
        # then the others in journey order
        ("scarpe-consumate", "vede-promozione", 2, False),
        ("legge-guide-sito", "legge-recensioni", 1, False),
        ("chiede-disponibilita", "click-and-collect", 1, False),
        ("click-and-collect", "prova-analisi-passo", 3, False),
        ("paga-in-cassa", "primi-allenamenti", 2, False),
        ("compra-sul-marketplace", "primi-allenamenti", 1, False),
    ]
    steepest = handoffs["items"][1]
    assert (steepest["from_step"], steepest["from_channels"], steepest["to_channels"]) == (
        "primi-allenamenti",
        ["email-newsletter"],
        ["negozio", "sito", "call-center"],
    )
    assert (steepest["emotion_before"], steepest["emotion_after"]) == (1, -2)
    assert steepest["notes"] == ["Dal negozio di nuovo al sito, passando per il servizio clienti."]


def test_negozio_handoff_pairs(negozio: Data) -> None:
    pairs = journey(negozio, "acquisto-running-attuale")["handoffs"]["pairs"]
    # email-newsletter -> negozio twice: into prova-analisi-passo (from click-and-collect)
    # and into cambio-taglia (from primi-allenamenti); it comes first, the most frequent
    assert pairs[0] == {
        "from": "email-newsletter",
        "to": "negozio",
        "count": 2,
        "steps": ["prova-analisi-passo", "cambio-taglia"],
    }
    counts = {(p["from"], p["to"]): p["count"] for p in pairs}
    assert counts[("recensioni-community", "sito")] == 1  # into confronta-prezzi
    assert counts[("call-center", "sito")] == 1  # into click-and-collect
    # back from the store: negozio -> marketplace and negozio -> sito, into confronta-prezzi
    assert counts[("negozio", "marketplace")] == counts[("negozio", "sito")] == 1
    assert counts[("marketplace", "email-newsletter")] == 1  # into primi-allenamenti
    # 2+2+1+2+2+2+2+1+3 = 17 pairs along the linear path, +2 back from the store, +1 from
    # the marketplace: 20 over the eleven hand-offs, one repeated: 19 distinct
    assert len(pairs) == 19
    assert sum(p["count"] for p in pairs) == 20


# --- negozio-omnicanale: funnel ------------------------------------------------------------


def test_negozio_funnel(negozio: Data) -> None:
    funnel = journey(negozio, "acquisto-running-attuale")["funnel"]
    rows = by(funnel["stages"], "stage")
    # the first volume metric of each stage
    assert [(r["stage"], r["volume"], r["unit"]) for r in funnel["stages"]] == [
        ("bisogno", 180000, "persone"),
        ("ricerca", 64000, "persone"),
        ("confronto", 21000, "persone"),
        ("acquisto", 7400, "acquisti"),
        ("utilizzo-fedelta", 2300, "clienti"),
    ]
    assert all(r["derived"] is False and r["period"] == "2025-H2" for r in funnel["stages"])
    assert rows["bisogno"]["conversion"] is None and rows["bisogno"]["from_top"] == 1
    for stage_id, conversion in [
        ("ricerca", 64000 / 180000),
        ("confronto", 21000 / 64000),
        ("acquisto", 7400 / 21000),
        ("utilizzo-fedelta", 2300 / 7400),
    ]:
        assert close(rows[stage_id]["conversion"], conversion), stage_id
        assert close(rows[stage_id]["drop_off"], 1 - conversion), stage_id
    assert close(rows["confronto"]["from_top"], 21000 / 180000)
    assert close(funnel["overall_conversion"], 2300 / 180000)
    # drop-offs: 0.6444, 0.6719, 0.6476, 0.6892: the last is the largest
    assert funnel["largest_drop_off"] == "utilizzo-fedelta"


# --- negozio-omnicanale: experience --------------------------------------------------------


def test_negozio_lowest_moments(negozio: Data) -> None:
    lowest = journey(negozio, "acquisto-running-attuale")["experience"]["lowest"]
    # -2 at chiede-disponibilita (confronto) and cambio-taglia (utilizzo-fedelta)
    assert lowest["score"] == -2
    assert [(s["step"], s["stage"], s["score"], s["pain_points"]) for s in lowest["steps"]] == [
        ("chiede-disponibilita", "confronto", -2, ["pp-giacenze-invisibili", "pp-attesa-telefono"]),
        ("cambio-taglia", "utilizzo-fedelta", -2, ["pp-reso-solo-online"]),
    ]


def test_negozio_pain_points(negozio: Data) -> None:
    pains = journey(negozio, "acquisto-running-attuale")["experience"]["pain_points"]
    # critical: giacenze-invisibili, reso-solo-online; high: attesa-telefono,
    # conferma-lenta, prezzo-cassa-diverso; medium: nessun-promemoria, gergo-tecnico,
    # prezzo-marketplace, offerte-irrilevanti
    assert pains["count"] == 9
    assert pains["by_severity"] == {"critical": 2, "high": 3, "medium": 4, "low": 0, "unrated": 0}
    # each has an opportunity; giacenze-invisibili has two
    assert (pains["addressed"], pains["unaddressed"]) == (9, 0)
    assert [p["id"] for p in pains["items"]] == [
        "pp-giacenze-invisibili",
        "pp-reso-solo-online",
        "pp-attesa-telefono",
        "pp-conferma-lenta",
        "pp-prezzo-cassa-diverso",
        "pp-nessun-promemoria",
        "pp-gergo-tecnico",
        "pp-prezzo-marketplace",
        "pp-offerte-irrilevanti",
    ]
    assert pains["items"][0]["addressed_by"] == ["op-giacenze-sito", "op-whatsapp-negozi"]


def test_negozio_opportunity_ranking(negozio: Data) -> None:
    ranked = journey(negozio, "acquisto-running-attuale")["experience"]["opportunities"]
    assert [(o["rank"], o["id"], o["weight"]) for o in ranked] == [
        (1, "op-whatsapp-negozi", 7),  # attesa-telefono high 3 + giacenze critical 4
        (2, "op-giacenze-sito", 4),  # critical; before reso-ovunque in the journey
        (3, "op-reso-ovunque", 4),  # critical
        (4, "op-ritiro-2-ore", 3),  # high
        (5, "op-prezzo-unico", 3),  # high
        (6, "op-promemoria-km", 2),  # medium, and the rest in journey order
        (7, "op-quiz-scarpa", 2),
        (8, "op-garanzia-prezzo", 2),
        (9, "op-offerte-personalizzate", 2),
    ]
    assert ranked[0]["addresses"] == ["pp-attesa-telefono", "pp-giacenze-invisibili"]


# --- negozio-omnicanale: personas and current vs future -----------------------------------


def test_negozio_personas_share_one_journey(negozio: Data) -> None:
    current, future = negozio["personas"]
    assert (current["state"], future["state"]) == ("current", "future")
    assert current["lines"] == [
        {
            "journey": "acquisto-running-attuale",
            "persona": "giulia-runner-urbana",
            "name": "Giulia Ferri",
        },
        {
            "journey": "acquisto-running-attuale",
            "persona": "marco-neofita",
            "name": "Marco Esposito",
        },
    ]
    # both lines walk the same journey, whose emotions are single scores: nothing diverges
    assert current["divergence"] == []
    # the journey follows the classic linear five: its stages are compared as the framework's
    assert current["order"] == "framework"
    assert current["shared_stages"] == [
        "need",
        "knowledge",
        "information-search",
        "purchase",
        "post-sale-loyalty",
    ]
    # the eight channels in use, in catalog order
    assert current["shared_channels"] == [
        "negozio",
        "sito",
        "email-newsletter",
        "call-center",
        "volantino",
        "social",
        "marketplace",
        "recensioni-community",
    ]
    model = by(current["prevailing"]["stages"], "stage")
    assert model["need"]["channels"] == ["volantino", "social", "recensioni-community"]
    assert model["need"]["name"] == "Bisogno"
    assert model["purchase"]["channels"] == ["negozio", "sito", "email-newsletter", "marketplace"]
    assert current["prevailing"]["followed_by"] == current["lines"]


def test_negozio_current_vs_future(negozio: Data) -> None:
    [change] = negozio["changes"]
    assert (change["current"], change["future"]) == (
        "acquisto-running-attuale",
        "acquisto-running-futuro",
    )
    # future: scarpe-consumate {app, recensioni-community} -> vede-promozione {social,
    # volantino, whatsapp} -> legge-guide-sito {sito, app}; every later step shares a
    # channel (sito or app) with the one before: 2 hand-offs, both 1 -> 1
    handoffs = change["handoffs"]
    assert (handoffs["before"], handoffs["after"], handoffs["change"]) == (11, 2, -9)
    assert (handoffs["drops_before"], handoffs["drops_after"]) == (5, 0)
    assert {"from": "whatsapp", "to": "sito"} in handoffs["pairs_added"]
    assert {"from": "email-newsletter", "to": "negozio"} in handoffs["pairs_removed"]
    # pairs kept: recensioni-community -> social/volantino, social/volantino -> sito
    assert (len(handoffs["pairs_added"]), len(handoffs["pairs_removed"])) == (12 - 4, 19 - 4)
    channels = change["channels"]
    # in catalog order
    assert channels["before"] == [
        "negozio",
        "sito",
        "email-newsletter",
        "call-center",
        "volantino",
        "social",
        "marketplace",
        "recensioni-community",
    ]
    assert channels["added"] == ["app", "whatsapp"]
    assert channels["removed"] == ["call-center"]
    assert channels["adopted"] == ["app", "whatsapp"]  # both potential in the current journey
    pains = change["pain_points"]
    assert (pains["before"], pains["after"]) == (9, 4)
    assert pains["resolved"] == [
        "pp-gergo-tecnico",
        "pp-giacenze-invisibili",
        "pp-attesa-telefono",
        "pp-conferma-lenta",
        "pp-prezzo-cassa-diverso",
        "pp-reso-solo-online",
    ]
    assert pains["kept"] == [
        "pp-nessun-promemoria",
        "pp-prezzo-marketplace",
        "pp-offerte-irrilevanti",
    ]
    assert pains["new"] == ["pp-slot-sabato"]
    # after: nessun-promemoria low, prezzo-marketplace low, slot-sabato medium,
    # offerte-irrilevanti low
    assert pains["by_severity_after"] == {
        "critical": 0,
        "high": 0,
        "medium": 1,
        "low": 3,
        "unrated": 0,
    }
    emotion = change["emotion"]
    # current: -1+1+0+1-1-2-1+2-1+0+1-2+0 = -3 over 13 steps (compra-sul-marketplace 0);
    # future: 14 over 13 steps
    assert close(emotion["before"], -3 / 13)
    assert close(emotion["after"], 14 / 13)
    assert close(emotion["change"], 14 / 13 + 3 / 13)
    stages = by(emotion["stages"], "stage")
    # confronto: (-1 + -2) / 2 = -1.5 -> (0 + 1) / 2 = 0.5; chiede-disponibilita moved to
    # ricerca in the future
    assert (
        stages["confronto"]["before"],
        stages["confronto"]["after"],
        stages["confronto"]["change"],
    ) == (-1.5, 0.5, 2)
    # utilizzo-fedelta: (1 - 2 + 0) / 3 -> (2 + 1 + 1) / 3
    assert close(stages["utilizzo-fedelta"]["before"], -1 / 3)
    assert close(stages["utilizzo-fedelta"]["after"], 4 / 3)
    assert close(stages["utilizzo-fedelta"]["change"], 5 / 3)
    # hand-offs arriving in each stage, before and after: confronto also from the store
    # (prova-analisi-passo), utilizzo-fedelta also from the marketplace
    assert [(s["stage"], s["handoffs_before"], s["handoffs_after"]) for s in emotion["stages"]] == [
        ("bisogno", 1, 1),
        ("ricerca", 2, 1),
        ("confronto", 3, 0),
        ("acquisto", 2, 0),
        ("utilizzo-fedelta", 3, 0),
    ]


# --- bank-onboarding: channel coverage ------------------------------------------------------


def test_bank_coverage_cells_and_shares(bank: Data) -> None:
    stages = by(journey(bank, "onboarding-current")["coverage"]["stages"], "stage")
    # apply: tp-web-form [website]; tp-id-upload [website]; tp-idv-fail-message [website,
    # email]; tp-branch-appointment [branch, call-centre]; could: mobile-app on the first two,
    # video-call on the last three
    apply = stages["apply"]
    assert apply["touchpoints"] == 4
    assert apply["in_use"] == {"branch": 1, "website": 3, "call-centre": 1, "email": 1}
    assert apply["potential"] == {"mobile-app": 2, "video-call": 3}
    # branch and call-centre physical, 3 website + 1 email digital: 2 of 6
    assert (apply["physical"], apply["digital"]) == (2, 4)
    assert close(apply["physical_share"], 2 / 6) and close(apply["digital_share"], 4 / 6)
    # activate: tp-card-letter [post] (could: mobile-app); tp-app-registration
    # [mobile-app, post]; tp-switch-confirmation [email] (could: mobile-app)
    activate = stages["activate"]
    assert activate["in_use"] == {"mobile-app": 1, "email": 1, "post": 2}
    assert activate["potential"] == {"mobile-app": 2}
    assert (activate["physical_share"], activate["digital_share"]) == (0.5, 0.5)
    # compare: comparison-site D, call-centre P
    assert stages["compare"]["in_use"] == {"call-centre": 1, "comparison-site": 1}
    assert (stages["compare"]["physical_share"], stages["compare"]["digital_share"]) == (0.5, 0.5)


def test_bank_channel_totals(bank: Data) -> None:
    coverage = journey(bank, "onboarding-current")["coverage"]
    assert [
        (c["channel"], c["in_use"], c["potential"], c["stages"]) for c in coverage["channels"]
    ] == [
        ("branch", 2, 0, 2),  # awareness poster, apply appointment
        ("website", 4, 2, 2),  # research 1 + apply 3; could: awareness, compare
        ("mobile-app", 1, 6, 1),  # activate; could: research 1, compare 1,
        # apply 2, activate 2
        ("call-centre", 2, 0, 2),  # compare, apply
        ("video-call", 0, 5, 0),  # could: research 1, compare 1, apply 3
        ("email", 2, 1, 2),  # apply, activate; could: awareness
        ("post", 2, 0, 1),  # activate twice
        ("social-ads", 1, 0, 1),
        ("comparison-site", 1, 0, 1),
        ("reviews-and-referrals", 2, 0, 2),  # awareness, research
    ]
    assert coverage["unused"] == []  # video-call is listed as potential
    assert coverage["potential_only"] == ["video-call"]
    assert bank["unused_channels"] == []  # the future journey uses video-call


# --- bank-onboarding: hand-offs --------------------------------------------------------------

# Scores (the mean of per-persona emotions where given):
#   notice-need {reviews-and-referrals} (-1, -2) -1.5 | see-offer {social-ads, branch}
#   (1, 0) 0.5 | browse-website {website} -1 | read-reviews {reviews-and-referrals} 1 |
#   use-comparison-site {comparison-site} 1 | call-with-questions {call-centre} (-1, -2) -1.5 |
#   start-application {website} -1 | verify-identity {website, email} (0, -2) -1 |
#   branch-visit {branch, call-centre} -1 | receive-card {post} -1 |
#   register-app {mobile-app, post} -2 | switch-payments {email} 2
# No hand-off into verify-identity (website) or register-app (post): 9 hand-offs.


def test_bank_handoffs(bank: Data) -> None:
    handoffs = journey(bank, "onboarding-current")["handoffs"]
    assert (handoffs["count"], handoffs["drops"]) == (9, 2)
    assert [(i["to_step"], i["emotion_change"]) for i in handoffs["items"]] == [
        ("call-with-questions", -2.5),  # 1 -> -1.5
        ("browse-website", -1.5),  # 0.5 -> -1
        ("see-offer", 2),  # -1.5 -> 0.5
        ("read-reviews", 2),
        ("use-comparison-site", 0),  # 1 -> 1: no drop
        ("start-application", 0.5),  # -1.5 -> -1
        ("branch-visit", 0),
        ("receive-card", 0),
        ("switch-payments", 4),  # -2 -> 2
    ]
    assert [i["drop"] for i in handoffs["items"]] == [True, True] + [False] * 7
    first = handoffs["items"][0]
    assert (first["emotion_before"], first["emotion_after"]) == (1, -1.5)
    branch_visit = next(i for i in handoffs["items"] if i["to_step"] == "branch-visit")
    assert branch_visit["from_channels"] == ["website", "email"]
    assert branch_visit["to_channels"] == ["branch", "call-centre"]
    # every pair occurs once: 2+2+1+1+1+1+4+2+2 = 16
    assert len(handoffs["pairs"]) == 16
    assert all(p["count"] == 1 for p in handoffs["pairs"])
    assert {
        "from": "email",
        "to": "call-centre",
        "count": 1,
        "steps": ["branch-visit"],
    } in handoffs["pairs"]


# --- bank-onboarding: funnel and experience ---------------------------------------------------


def test_bank_funnel(bank: Data) -> None:
    funnel = journey(bank, "onboarding-current")["funnel"]
    rows = by(funnel["stages"], "stage")
    assert [r["volume"] for r in funnel["stages"]] == [120000, 42000, 15600, 6800, 3900]
    assert rows["research"]["conversion"] == 0.35  # 42000 / 120000
    assert rows["research"]["drop_off"] == 0.65
    assert close(rows["compare"]["conversion"], 15600 / 42000)
    assert close(rows["apply"]["conversion"], 6800 / 15600)
    assert close(rows["activate"]["conversion"], 3900 / 6800)
    assert close(rows["activate"]["drop_off"], 1 - 3900 / 6800)
    assert rows["compare"]["from_top"] == 0.13  # 15600 / 120000
    assert rows["activate"]["unit"] == "accounts"
    assert funnel["overall_conversion"] == 0.0325  # 3900 / 120000
    # drop-offs 0.65, 0.6286, 0.5641, 0.4265
    assert funnel["largest_drop_off"] == "research"


def test_bank_lowest_moment_pain_points_and_opportunities(bank: Data) -> None:
    experience = journey(bank, "onboarding-current")["experience"]
    # register-app at -2; the per-persona steps average to -1.5 at worst
    assert experience["lowest"]["score"] == -2
    assert [(s["step"], s["pain_points"]) for s in experience["lowest"]["steps"]] == [
        ("register-app", ["pp-activation-by-post"])
    ]
    pains = experience["pain_points"]
    # critical: idv-fail-movers, activation-by-post; high: hold-time, no-save-resume,
    # rekeying, card-wait; medium: ad-lands-home, fees-in-pdf, no-human-option-online
    assert pains["by_severity"] == {"critical": 2, "high": 4, "medium": 3, "low": 0, "unrated": 0}
    assert (pains["count"], pains["unaddressed"]) == (9, 0)
    assert [(o["id"], o["weight"]) for o in experience["opportunities"]] == [
        ("op-instant-app", 7),  # activation-by-post critical 4 + card-wait high 3
        ("op-video-banker", 5),  # no-human-option-online medium 2 + hold-time high 3
        ("op-video-idv", 4),  # idv-fail-movers critical
        ("op-save-resume", 3),
        ("op-shared-application", 3),
        ("op-deep-link-ads", 2),
        ("op-fees-summary", 2),
        ("op-poster-qr", 0),  # addresses no pain point
    ]


# --- bank-onboarding: personas ---------------------------------------------------------------


def test_bank_persona_divergence(bank: Data) -> None:
    current, future = bank["personas"]
    priya = {"journey": "onboarding-current", "persona": "priya-switcher", "name": "Priya Shah"}
    graham = {"journey": "onboarding-current", "persona": "graham-mover", "name": "Graham Okafor"}
    assert current["lines"] == [priya, graham]
    # per-persona emotions: verify-identity 0 / -2, notice-need -1 / -2, see-offer 1 / 0,
    # call-with-questions -1 / -2
    assert [(d["step"], d["spread"]) for d in current["divergence"]] == [
        ("verify-identity", 2),
        ("notice-need", 1),
        ("see-offer", 1),
        ("call-with-questions", 1),
    ]
    most = current["divergence"][0]
    assert most["stage"] == "apply"
    assert most["highest"] == {**priya, "score": 0}
    assert most["lowest"] == {**graham, "score": -2}
    # the future journey has single scores only
    assert future["divergence"] == []


def test_bank_shared_stages_channels_and_prevailing_model(bank: Data) -> None:
    current = bank["personas"][0]
    # the journeys follow the purchase funnel: their stages are compared as its stages
    assert current["shared_stages"] == [
        "awareness",
        "familiarity",
        "consideration",
        "purchase",
        "loyalty",
    ]
    assert current["partial_stages"] == []
    # every channel but video-call, in catalog order
    assert current["shared_channels"] == [
        "branch",
        "website",
        "mobile-app",
        "call-centre",
        "email",
        "post",
        "social-ads",
        "comparison-site",
        "reviews-and-referrals",
    ]
    assert current["partial_channels"] == []
    # both lines pass every stage and use its channels: the model is the journey itself
    assert [(s["stage"], s["lines"], s["channels"]) for s in current["prevailing"]["stages"]] == [
        ("awareness", 2, ["branch", "social-ads", "reviews-and-referrals"]),
        ("familiarity", 2, ["website", "reviews-and-referrals"]),
        ("consideration", 2, ["call-centre", "comparison-site"]),
        ("purchase", 2, ["branch", "website", "call-centre", "email"]),
        ("loyalty", 2, ["mobile-app", "email", "post"]),
    ]
    assert current["prevailing"]["followed_by"] == current["lines"]


# --- bank-onboarding: current vs future -------------------------------------------------------


def test_bank_current_vs_future(bank: Data) -> None:
    [change] = bank["changes"]
    # future: see-offer (from notice-need), read-reviews, use-comparison-site,
    # call-with-questions, video-verification (1 -> 0, the one drop), receive-card
    handoffs = change["handoffs"]
    assert (handoffs["before"], handoffs["after"], handoffs["change"]) == (9, 6, -3)
    assert (handoffs["drops_before"], handoffs["drops_after"]) == (2, 1)
    channels = change["channels"]
    assert channels["added"] == ["video-call"]
    assert channels["removed"] == []
    assert channels["adopted"] == ["video-call"]
    pains = change["pain_points"]
    assert (pains["before"], pains["after"]) == (9, 4)
    assert pains["resolved"] == [
        "pp-ad-lands-home",
        "pp-fees-in-pdf",
        "pp-no-human-option-online",
        "pp-no-save-resume",
        "pp-idv-fail-movers",
        "pp-rekeying",
        "pp-activation-by-post",
    ]
    assert pains["kept"] == ["pp-hold-time", "pp-card-wait"]
    assert pains["new"] == ["pp-no-nfc", "pp-video-wait"]
    assert pains["by_severity_after"] == {
        "critical": 0,
        "high": 0,
        "medium": 1,
        "low": 3,
        "unrated": 0,
    }
    emotion = change["emotion"]
    # current: -5.5 over 12 steps; future: -1+1+1+1+1+1+1+1+0+2+1+2 = 11 over 12
    assert close(emotion["before"], -5.5 / 12)
    assert close(emotion["after"], 11 / 12)
    assert emotion["change"] == 1.375
    stages = by(emotion["stages"], "stage")
    # awareness: (-1.5 + 0.5) / 2 = -0.5 -> (-1 + 1) / 2 = 0
    assert (stages["awareness"]["before"], stages["awareness"]["after"]) == (-0.5, 0)
    # compare: (1 - 1.5) / 2 = -0.25 -> 1
    assert (stages["compare"]["before"], stages["compare"]["change"]) == (-0.25, 1.25)
    # apply: -1 -> (1 + 1 + 0) / 3
    assert stages["apply"]["before"] == -1
    assert close(stages["apply"]["after"], 2 / 3)
    # activate: (-1 - 2 + 2) / 3 -> (2 + 1 + 2) / 3: up 2
    assert stages["activate"]["change"] == 2
    assert [(s["stage"], s["handoffs_before"], s["handoffs_after"]) for s in emotion["stages"]] == [
        ("awareness", 1, 1),
        ("research", 2, 1),
        ("compare", 2, 2),
        ("apply", 2, 1),
        ("activate", 2, 1),
    ]
