"""Personal data whose purpose, retention or controller is not written down.

The GDPR asks, for every processing of personal data, what it is for
(purpose limitation, art. 5), how long the data is kept (storage limitation)
and who answers for it (the controller, art. 24; joint controllers, art. 26).
A reality-map source that holds personal data (`personal_data: true`, or one
that lists `uses`) must therefore say what the data is used for, one entry of
`uses` per purpose, how long each use keeps it (`retention`), and who its
`controller` is. Each missing piece is one finding, where it belongs: at the
source for its purpose and controller, at the use for its retention. The legal
basis is checked by `legal-basis-missing`.

Failing:

    kind: reality-map
    id: dati-clienti
    title: Dati sui clienti
    sources:
      - id: tessera-fedelta
        name: Programma fedeltà
        party: first
        personal_data: true
        legal_basis: consent
      - id: crm
        name: CRM clienti
        party: first
        personal_data: true
        controller: PassoLungo S.p.A.
        uses:
          - {purpose: Ordini e resi, legal_basis: contract}

Passing:

    kind: reality-map
    id: dati-clienti
    title: Dati sui clienti
    sources:
      - id: tessera-fedelta
        name: Programma fedeltà
        party: first
        personal_data: true
        controller: PassoLungo S.p.A.
        uses:
          - purpose: Offerte personalizzate
            legal_basis: consent
            retention: fino alla revoca del consenso
      - id: crm
        name: CRM clienti
        party: first
        personal_data: true
        controller: PassoLungo S.p.A.
        uses:
          - purpose: Ordini e resi
            legal_basis: contract
            retention: 10 anni dall'ordine
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "personal-data-undocumented"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for reality_map in context.reality_maps:
        for source in reality_map.sources:
            if source.personal_data is False or not (source.personal_data or source.uses):
                continue
            subject = (reality_map.id, source.id)
            at_source = (*source.path, "id")
            if not source.uses:
                yield Finding(
                    reality_map.file,
                    at_source,
                    f"source {source.id!r} holds personal data but says not what for: add "
                    "its `uses`, one per purpose, each with its `legal_basis` and "
                    "`retention`",
                    (*subject, "uses"),
                )
            for use in source.uses:
                if use.retention is None:
                    yield Finding(
                        reality_map.file,
                        (*use.path, "purpose"),
                        f"use {use.purpose!r} of source {source.id!r} says not how long the "
                        "data is kept: add its `retention`, e.g. `10 years after the order` "
                        "or `until consent is withdrawn`",
                        (*subject, use.purpose, "retention"),
                    )
            if source.controller is None:
                yield Finding(
                    reality_map.file,
                    at_source,
                    f"source {source.id!r} holds personal data but names no `controller`: "
                    "add who decides why and how it is processed (and any "
                    "`joint_controllers`)",
                    (*subject, "controller"),
                )
