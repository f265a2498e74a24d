"""Built-in stage frameworks that journeys can declare and `cjm new` scaffolds from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FrameworkStage:
    id: str
    name: str
    name_it: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    description: str
    stages: tuple[FrameworkStage, ...]

    @property
    def stage_ids(self) -> frozenset[str]:
        return frozenset(stage.id for stage in self.stages)


def _fw(id_: str, name: str, description: str, *stages: tuple[str, str, str]) -> Framework:
    return Framework(id_, name, description, tuple(FrameworkStage(*s) for s in stages))


BUILTIN: dict[str, Framework] = {
    fw.id: fw
    for fw in (
        _fw(
            "aida",
            "AIDA",
            "Attention, interest, desire, action: the classic advertising funnel.",
            ("attention", "Attention", "Attenzione"),
            ("interest", "Interest", "Interesse"),
            ("desire", "Desire", "Desiderio"),
            ("action", "Action", "Azione"),
        ),
        _fw(
            "purchase-funnel",
            "Purchase funnel (2009)",
            "Awareness, familiarity, consideration, purchase, loyalty.",
            ("awareness", "Awareness", "Consapevolezza"),
            ("familiarity", "Familiarity", "Familiarità"),
            ("consideration", "Consideration", "Considerazione"),
            ("purchase", "Purchase", "Acquisto"),
            ("loyalty", "Loyalty", "Fedeltà"),
        ),
        _fw(
            "consumer-decision-journey",
            "Consumer decision journey",
            "Initial consideration, active evaluation, moment of purchase, "
            "post-purchase experience: a loop rather than a funnel.",
            ("initial-consideration", "Initial consideration", "Considerazione iniziale"),
            ("active-evaluation", "Active evaluation", "Valutazione attiva"),
            ("moment-of-purchase", "Moment of purchase", "Momento dell'acquisto"),
            ("post-purchase-experience", "Post-purchase experience", "Esperienza post-acquisto"),
        ),
        _fw(
            "linear-five",
            "Classic linear journey",
            "Need, knowledge, information search, purchase, post-sale loyalty.",
            ("need", "Need", "Bisogno"),
            ("knowledge", "Knowledge", "Conoscenza"),
            ("information-search", "Information search", "Ricerca di informazioni"),
            ("purchase", "Purchase", "Acquisto"),
            ("post-sale-loyalty", "Post-sale loyalty", "Fidelizzazione post-vendita"),
        ),
        _fw(
            "5a",
            "5A",
            "Aware, appeal, ask, act, advocate.",
            ("aware", "Aware", "Conoscenza"),
            ("appeal", "Appeal", "Attrazione"),
            ("ask", "Ask", "Domanda"),
            ("act", "Act", "Azione"),
            ("advocate", "Advocate", "Raccomandazione"),
        ),
        _fw(
            "see-think-do-care",
            "See, think, do, care",
            "Audiences by intent: see (everyone who could buy), think, do, care (customers).",
            ("see", "See", "Vedere"),
            ("think", "Think", "Pensare"),
            ("do", "Do", "Fare"),
            ("care", "Care", "Curare"),
        ),
    )
}


def from_config(frameworks: dict[str, Any]) -> dict[str, Framework]:
    """Built-in frameworks plus those a workspace defines in cjm.yaml."""
    result = dict(BUILTIN)
    for id_, spec in frameworks.items():
        if id_.startswith("x-"):
            continue  # a custom field of the mapping, not a framework
        stages = tuple(FrameworkStage(s["id"], s["name"], s["name"]) for s in spec["stages"])
        result[id_] = Framework(id_, spec["name"], spec.get("description", ""), stages)
    return result
