"""A data source that may hold personal data but names no GDPR legal basis.

Under the GDPR every processing of personal data needs a legal basis (art. 6:
consent, contract, legal obligation, vital interests, public task, legitimate
interests). In a reality map a source needs `legal_basis` when it holds
personal data (`personal_data: true`), and also when it comes from another
company, second- or third-party, and does not say whether it holds personal
data: data shared by a partner or bought from a provider is where a missing
basis is most likely. A source that says `personal_data: false` needs none.
A source that lists several `uses` needs a basis for each, since each purpose
has its own (the contract for orders, consent for a newsletter); the finding
is at the use that lacks one. A source's own `legal_basis` stands for the
basis of its only use. Option `parties` lists the parties that must say
(default second and third).

Failing:

    kind: reality-map
    id: dati-clienti
    title: Dati sui clienti
    sources:
      - id: app-corsa-partner
        name: Chilometri dall'app di allenamento partner
        party: second
        personal_data: true
      - id: panel-acquisti
        name: Panel consumatori
        party: third
      - id: crm
        name: CRM clienti
        party: first
        personal_data: true
        uses:
          - {purpose: Ordini, legal_basis: contract}
          - {purpose: Newsletter}

Passing:

    kind: reality-map
    id: dati-clienti
    title: Dati sui clienti
    sources:
      - id: app-corsa-partner
        name: Chilometri dall'app di allenamento partner
        party: second
        personal_data: true
        legal_basis: consent
      - id: panel-acquisti
        name: Panel consumatori (tabelle aggregate)
        party: third
        personal_data: false
      - id: crm
        name: CRM clienti
        party: first
        personal_data: true
        uses:
          - {purpose: Ordini, legal_basis: contract}
          - {purpose: Newsletter, legal_basis: consent}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option, list_of

ID = "legal-basis-missing"
PARTIES = ("first", "second", "third")
DEFAULT_LEVEL: Level = "error"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = (
    Option(
        "parties",
        list,
        ["second", "third"],
        "the parties (first, second, third) whose sources must say whether they hold "
        "personal data when they name no legal basis",
        list_of(PARTIES, ", ".join(PARTIES)),
    ),
)


def check(context: Context, options: Options) -> Iterator[Finding]:
    parties = frozenset(options["parties"])
    for reality_map in context.reality_maps:
        for source in reality_map.sources:
            if source.uses and source.personal_data is not False:
                for use in source.uses:
                    if source.legal_basis_of(use) is None:
                        yield Finding(
                            reality_map.file,
                            (*use.path, "purpose"),
                            f"use {use.purpose!r} of source {source.id!r} names no "
                            "`legal_basis`; add the GDPR (art. 6) basis for this purpose, "
                            "e.g. consent or contract"
                            + (
                                f" (the source's own `legal_basis: {source.legal_basis}` "
                                "stands for its use only when it has one)"
                                if source.legal_basis
                                else ""
                            ),
                            (reality_map.id, source.id, use.purpose),
                        )
                continue
            if source.legal_basis is not None:
                continue
            if source.personal_data:
                message = (
                    f"source {source.id!r} holds personal data but names no "
                    "`legal_basis`; add the GDPR (art. 6) basis for processing it, "
                    "e.g. consent or contract"
                )
            elif source.personal_data is None and source.party in parties:
                message = (
                    f"{source.party}-party source {source.id!r} names no `legal_basis` "
                    "and does not say whether it holds personal data; add its GDPR "
                    "legal basis, or `personal_data: false` if it holds none"
                )
            else:
                continue
            yield Finding(
                reality_map.file, (*source.path, "id"), message, (reality_map.id, source.id)
            )
