"""A pain point, or an emotion score, that cites no evidence.

Journey maps are built on user research and data insights; a pain point or an
emotion score that cites no finding of a reality map is an opinion that looks
like a fact. A pain point counts as backed when its own `evidence` names a
finding; an emotion score when its step's `evidence` does. The rule is off in
the `recommended` preset: a team that asks for evidence turns it on in
cjm.yaml, and chooses with `items` what must be backed (`pain_points`,
`emotions`).

Failing:

    steps:
      - id: chiede-disponibilita
        name: Chiede se la taglia è disponibile
        emotion: -2
        pain_points:
          - id: pp-giacenze-invisibili
            description: Né sito né servizio clienti vedono le taglie nei negozi.

Passing:

    steps:
      - id: chiede-disponibilita
        name: Chiede se la taglia è disponibile
        emotion: -2
        evidence: [ins-attesa-telefono]
        pain_points:
          - id: pp-giacenze-invisibili
            description: Né sito né servizio clienti vedono le taglie nei negozi.
            evidence: [ins-disponibilita-taglia]

Both examples assume (and cjm.yaml turns the rule on):

    # research/ricerca-negozi.yaml
    kind: reality-map
    id: ricerca-negozi
    title: Ricerca sui negozi
    findings:
      - id: ins-attesa-telefono
        statement: Il sabato una chiamata su tre al servizio clienti viene abbandonata.
      - id: ins-disponibilita-taglia
        statement: Sei clienti su dieci chiedono la taglia prima di venire in negozio.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option, list_of

ID = "evidence-missing"
ITEMS = ("pain_points", "emotions")
DEFAULT_LEVEL: Level = "off"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = (
    Option(
        "items",
        list,
        list(ITEMS),
        "what must cite evidence: pain_points, emotions (the steps' scores) or both",
        list_of(ITEMS, " and ".join(ITEMS)),
    ),
)


def check(context: Context, options: Options) -> Iterator[Finding]:
    items = frozenset(options["items"])
    for journey in context.journeys:
        for step in journey.steps:
            if "emotions" in items and step.emotion is not None and not step.evidence:
                yield Finding(
                    journey.file,
                    (*step.path, "emotion"),
                    f"the emotion score of step {step.id!r} cites no evidence; add the "
                    "ids of the findings behind it to the step's `evidence`",
                    (journey.id, step.id),
                )
            if "pain_points" not in items:
                continue
            for pain in step.pain_points:
                if not pain.evidence:
                    yield Finding(
                        journey.file,
                        (*pain.path, "id"),
                        f"pain point {pain.id!r} cites no evidence; add the ids of the "
                        "findings behind it to its `evidence`",
                        (journey.id, pain.id),
                    )
