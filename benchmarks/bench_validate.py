"""Benchmark `cjm validate` and `cjm lint` against a bare YAML parse and check-jsonschema.

The script generates a deterministic corpus of realistic customer journey
maps (several workspaces, each with a cjm.yaml, a channel catalog, personas,
empathy maps, a reality map with findings and many journeys, in mixed English
and Italian), checks that `cjm validate` finds it clean, then times whole
processes with ``time.perf_counter`` around ``subprocess.run``:

* ``cjm validate --jobs 1 CORPUS`` (one worker) and ``cjm validate CORPUS``
  (the default: every core, as cjm decides);
* ``cjm lint`` the same two ways, against validate's figures;
* a bare parse: one fresh Python process that reads every ``.yaml`` file and
  loads it with ``yaml.load(text, Loader=yaml.CSafeLoader)``;
* ``check-jsonschema --schemafile journey.schema.json`` over the journeys
  (all of them, or a spread-out subset with ``--cjs-subset K``, extrapolated);
* one journey on its own, with cjm and with check-jsonschema;
* start-up: ``python -c "import cjm.cli"`` and ``cjm --version``.

Every figure is the median of R runs, each command after one untimed warm-up
run. The report (plain text, fixed columns, ready to paste into a README) goes
to stdout; progress goes to stderr.

Usage::

    python benchmarks/bench_validate.py                  # N=1000 files, R=5
    python benchmarks/bench_validate.py --quick          # N=100, R=3 (smoke test)
    python benchmarks/bench_validate.py --files 2000 --runs 7 --cjs-subset 0
    python benchmarks/bench_validate.py --regenerate     # rebuild the corpus

The corpus goes to ``benchmarks/corpus/`` (git-ignored) unless ``--out DIR``
says otherwise, and is reused when its manifest matches the requested size,
workspaces and seed; otherwise it is rebuilt in place (so ``--quick``
replaces a 1000-file corpus: give it another ``--out`` to keep both).

Needs PyYAML (with libyaml) and the ``cjm`` and ``check-jsonschema`` commands
(``pip install -e '.[test]'``). pyenv shims are bypassed so that their
start-up is not counted.

check-jsonschema is pointed at ``schemas/journey.schema.json`` by its local
path; every shipped schema is self-contained, so that works offline. The script
still probes with networking disabled (an unreachable proxy) and, should the
plain path fail (a schema of an older cjm), gives it the schema that ``cjm
schema journey`` prints. ``--cjs-schema`` forces a mode; ``base-uri`` passes
``--base-uri file://...`` instead.
"""

# ruff: noqa: RUF001 - the corpus text uses typographic dashes on purpose, as real maps do
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
DEFAULT_OUT = REPO / "benchmarks" / "corpus"
MANIFEST = "corpus-manifest.json"
GENERATOR_VERSION = 1
DEFAULT_SEED = 20260301
FILES_PER_WORKSPACE = 100
WORKSPACE_OVERHEAD = 9  # cjm.yaml, channels, reality map, 4 personas, 2 empathy maps
PERSONAS_PER_WORKSPACE = 4
EMPATHY_MAPS_PER_WORKSPACE = 2

TARGETS = (
    # (label, numerator key, denominator key, target)
    ("one worker / bare parse", "cjm_jobs1", "bare_parse", 1.5),
    ("default jobs / bare parse", "cjm_default", "bare_parse", 0.9),
    ("single-file cjm / single-file check-jsonschema", "single_cjm", "single_cjs", 0.6),
    ("lint, one worker / validate, one worker", "lint_jobs1", "cjm_jobs1", 2.0),
    ("lint, default jobs / validate, default jobs", "lint_default", "cjm_default", 2.0),
)

# --------------------------------------------------------------------------------------------
# Vocabulary. Index 0 is English, 1 is Italian; every workspace mixes in the other language.
# --------------------------------------------------------------------------------------------

EN, IT = 0, 1


@dataclass(frozen=True)
class Domain:
    slug: str
    company: str
    product: tuple[str, str]
    place: tuple[str, str]
    place_id: tuple[str, str]
    systems: tuple[str, ...]
    teams: tuple[tuple[str, str], ...]


DOMAINS = (
    Domain(
        "bank",
        "Northbridge Bank",
        ("current account", "conto corrente"),
        ("branch", "filiale"),
        ("branch", "filiale"),
        ("Core CRM", "Onboarding platform", "KYC engine"),
        (("Operations", "Back office"), ("Branch network", "Rete filiali")),
    ),
    Domain(
        "running",
        "PassoLungo",
        ("running shoes", "scarpe da running"),
        ("store", "negozio"),
        ("store", "negozio"),
        ("Order management", "Loyalty platform", "Stock system"),
        (("Store staff", "Personale di negozio"), ("E-commerce", "E-commerce")),
    ),
    Domain(
        "insurance",
        "Aurora Assicurazioni",
        ("car insurance claim", "denuncia di sinistro"),
        ("agency", "agenzia"),
        ("agency", "agenzia"),
        ("Claims engine", "Policy admin system", "Document archive"),
        (("Claims handlers", "Liquidatori"), ("Agency network", "Rete agenzie")),
    ),
    Domain(
        "telco",
        "Lumen Mobile",
        ("fibre broadband", "fibra ottica"),
        ("shop", "punto vendita"),
        ("shop", "punto-vendita"),
        ("Provisioning system", "Billing", "Field-force scheduler"),
        (("Field technicians", "Tecnici sul campo"), ("Retail", "Retail")),
    ),
    Domain(
        "energy",
        "Solèa Energia",
        ("energy contract", "contratto luce e gas"),
        ("service point", "sportello"),
        ("service-point", "sportello"),
        ("Billing", "Meter data platform", "CRM"),
        (("Customer care", "Assistenza clienti"), ("Metering", "Misura")),
    ),
    Domain(
        "clinic",
        "Clinica San Niccolò",
        ("specialist visit", "visita specialistica"),
        ("clinic", "ambulatorio"),
        ("clinic", "ambulatorio"),
        ("Booking system", "Electronic health record", "Payments"),
        (("Front desk", "Accettazione"), ("Nursing staff", "Infermieri")),
    ),
    Domain(
        "airline",
        "Brezza Air",
        ("flight booking", "prenotazione del volo"),
        ("airport desk", "banco in aeroporto"),
        ("airport-desk", "banco-aeroporto"),
        ("Reservation system", "Departure control", "Loyalty engine"),
        (("Ground staff", "Personale di terra"), ("Revenue management", "Revenue")),
    ),
    Domain(
        "university",
        "Ateneo di Città Alta",
        ("enrolment", "immatricolazione"),
        ("student office", "segreteria studenti"),
        ("student-office", "segreteria"),
        ("Student records", "Payments portal", "Timetable planner"),
        (("Admissions", "Ufficio ammissioni"), ("Faculty office", "Presidenza")),
    ),
    Domain(
        "fashion",
        "Maison Ortensia",
        ("made-to-measure jacket", "giacca su misura"),
        ("boutique", "boutique"),
        ("boutique", "boutique"),
        ("Tailoring workflow", "Order management", "Clienteling app"),
        (("Tailors", "Sarti"), ("Client advisors", "Consulenti di stile")),
    ),
    Domain(
        "rental",
        "Ruota Libera",
        ("car rental", "noleggio auto"),
        ("rental desk", "banco noleggio"),
        ("rental-desk", "banco-noleggio"),
        ("Fleet system", "Reservation engine", "Damage app"),
        (("Fleet team", "Gestione flotta"), ("Desk agents", "Addetti al banco")),
    ),
)

# (id en, name en, id it, name it, type, ownership)
CHANNELS = (
    ("website", "Website", "sito", "Sito web", "digital", "owned"),
    ("mobile-app", "Mobile app", "app", "App", "digital", "owned"),
    ("call-centre", "Call centre", "call-center", "Call center", "physical", "owned"),
    ("email", "Email", "email", "Email", "digital", "owned"),
    ("live-chat", "Live chat", "chat", "Chat dal vivo", "digital", "owned"),
    ("whatsapp", "WhatsApp", "whatsapp", "WhatsApp", "digital", "owned"),
    ("social-ads", "Social ads", "social", "Inserzioni social", "digital", "paid"),
    (
        "comparison-site",
        "Comparison site",
        "comparatore",
        "Comparatore di prezzi",
        "digital",
        "paid",
    ),
    ("post", "Post", "posta", "Posta", "physical", "owned"),
    (
        "reviews",
        "Reviews and word of mouth",
        "recensioni",
        "Recensioni e passaparola",
        "digital",
        "earned",
    ),
    ("kiosk", "Self-service kiosk", "totem", "Totem self-service", "physical", "owned"),
    ("video-call", "Video call", "videochiamata", "Videochiamata", "digital", "owned"),
    ("sms", "Text message", "sms", "SMS", "digital", "owned"),
    (
        "search-ads",
        "Search ads",
        "annunci-ricerca",
        "Annunci sui motori di ricerca",
        "digital",
        "paid",
    ),
    ("flyer", "Flyer", "volantino", "Volantino", "physical", "paid"),
    (
        "partner-network",
        "Partner network",
        "rete-partner",
        "Rete dei partner",
        "physical",
        "earned",
    ),
)
CORE_CHANNELS = 4  # website, app, call centre, email: every catalog has them

FRAMEWORKS = {
    "linear-five": ("need", "knowledge", "information-search", "purchase", "post-sale-loyalty"),
    "purchase-funnel": ("awareness", "familiarity", "consideration", "purchase", "loyalty"),
    "5a": ("aware", "appeal", "ask", "act", "advocate"),
}
CUSTOM_FRAMEWORK = "percorso-servizio"
CUSTOM_STAGES = (
    ("scoperta", "Scoperta"),
    ("valutazione", "Valutazione"),
    ("attivazione", "Attivazione"),
    ("utilizzo", "Utilizzo"),
    ("rinnovo", "Rinnovo"),
)
STAGE_NAMES = (
    (
        ("Need and first spark", "Noticing the offer", "Discovery"),
        ("Bisogno e prima scintilla", "Scoperta dell'offerta", "Scoperta"),
    ),
    (
        ("Learning the options", "Research", "Getting interested"),
        ("Conoscenza delle opzioni", "Ricerca", "Interesse"),
    ),
    (
        ("Comparison", "Asking around", "Evaluation"),
        ("Confronto", "Domande e pareri", "Valutazione"),
    ),
    (("Purchase", "Sign-up", "Activation"), ("Acquisto", "Sottoscrizione", "Attivazione")),
    (
        ("First weeks and loyalty", "Use and support", "Renewal"),
        ("Prime settimane e fedeltà", "Utilizzo e assistenza", "Rinnovo"),
    ),
)

FIRST_NAMES = (
    (
        "Priya",
        "Graham",
        "Zoë",
        "Seán",
        "Amélie",
        "Chloé",
        "Renée",
        "Tomás",
        "Hannah",
        "Oliver",
        "Noémie",
        "Malik",
    ),
    (
        "Giulia",
        "Niccolò",
        "Zoè",
        "Chiara",
        "Marco",
        "Lucía",
        "Andrea",
        "Ilaria",
        "Noè",
        "Elena",
        "Davide",
        "Martina",
    ),
)
SURNAMES = (
    (
        "Shah",
        "Okafor",
        "Clarke",
        "Murphy",
        "Laurent",
        "Brontë",
        "Ellis",
        "Quinn",
        "Reid",
        "Núñez",
        "Doyle",
        "Kowalski",
    ),
    (
        "Ferrari",
        "Cantù",
        "Benedetti",
        "Bonfà",
        "Marchetti",
        "Romano",
        "Galli",
        "Sciacchitano",
        "Donà",
        "Esposito",
        "Riva",
        "Pellegrini",
    ),
)
CITIES = (
    "Manchester",
    "Harrogate",
    "Bristol",
    "Milano",
    "Bergamo",
    "Torino",
    "Bologna",
    "Forlì",
    "Cantù",
    "Napoli",
    "Cagliari",
    "Zürich",
)
SEGMENTS = (
    (
        "Digital-first switchers, 25–34",
        "Assisted-channel movers, 55+",
        "Busy parents, 35–44",
        "Students on a budget",
        "Small-business owners",
        "Newcomers to the country",
    ),
    (
        "Nativi digitali, 25–34 anni",
        "Clienti assistiti, over 55",
        "Genitori di corsa, 35–44",
        "Studenti con budget ridotto",
        "Piccoli imprenditori",
        "Nuovi residenti in Italia",
    ),
)
OCCUPATIONS = (
    (
        "UX researcher",
        "Semi-retired surveyor",
        "Nurse",
        "Café owner",
        "Software engineer",
        "Primary-school teacher",
    ),
    (
        "Infermiera",
        "Geometra in pensione",
        "Titolare di un bar",
        "Insegnante",
        "Sviluppatore software",
        "Commerciale",
    ),
)

VERBS = (
    (
        "compares",
        "checks",
        "downloads",
        "fills in",
        "reads",
        "books",
        "asks about",
        "scrolls through",
        "uploads",
        "confirms",
        "cancels",
        "pays for",
        "looks up",
        "saves",
        "shares",
        "re-reads",
        "signs",
        "waits for",
        "chases",
        "reviews",
    ),
    (
        "confronta",
        "controlla",
        "scarica",
        "compila",
        "legge",
        "prenota",
        "chiede informazioni su",
        "scorre",
        "carica",
        "conferma",
        "annulla",
        "paga",
        "cerca",
        "salva",
        "condivide",
        "rilegge",
        "firma",
        "aspetta",
        "sollecita",
        "verifica",
    ),
)
INFINITIVES = (
    (
        "compare",
        "check",
        "book",
        "pay for",
        "track",
        "change",
        "cancel",
        "renew",
        "upload",
        "sign",
        "resume",
        "review",
    ),
    (
        "confrontare",
        "controllare",
        "prenotare",
        "pagare",
        "tracciare",
        "modificare",
        "annullare",
        "rinnovare",
        "caricare",
        "firmare",
        "riprendere",
        "rivedere",
    ),
)
OBJECTS = (
    (
        "the {p} price list",
        "the application form",
        "the terms and conditions",
        "a confirmation email",
        "the FAQ page",
        "the appointment slot",
        "their personal details",
        "the loyalty card",
        "a proof of address",
        "the opening hours",
        "the order status",
        "the welcome voucher",
        "the résumé of fees",
        "the promo code",
        "the refund request",
        "the tracking link",
        "the welcome pack",
        "customer reviews",
        "the chat transcript",
        "the {p} summary",
        "the cancellation policy",
        "the payment plan",
        "the identity check",
        "the {place} opening times",
    ),
    (
        "il listino di {p}",
        "il modulo di richiesta",
        "le condizioni di vendita",
        "la mail di conferma",
        "le domande frequenti",
        "l'orario dell'appuntamento",
        "i propri dati anagrafici",
        "la carta fedeltà",
        "un documento d'identità",
        "gli orari di apertura",
        "lo stato dell'ordine",
        "il buono di benvenuto",
        "il riepilogo dei costi",
        "il codice promozionale",
        "la richiesta di rimborso",
        "il link di tracciamento",
        "il kit di benvenuto",
        "le recensioni dei clienti",
        "la chat con l'operatore",
        "il riepilogo di {p}",
        "le regole di recesso",
        "il piano di pagamento",
        "la verifica dell'identità",
        "gli orari di {place}",
    ),
)
COMPLEMENTS = (
    (
        "on the {c}",
        "via the {c}",
        "while commuting",
        "during the lunch break",
        "late in the evening",
        "from the sofa",
        "with a friend's help",
        "for the second time",
        "in under ten minutes",
        "after {n} minutes on hold",
        "before deciding",
        "at the {place}",
        "on a Saturday morning",
        "without much conviction",
        "as her fiancée suggested",
        "because the naïve FAQ did not help",
        "in a café near the office",
        "with the children around",
    ),
    (
        "tramite {c}",
        "dal canale {c}",
        "in pausa pranzo",
        "la sera tardi",
        "dal divano",
        "con l'aiuto di un'amica",
        "per la seconda volta",
        "in meno di dieci minuti",
        "dopo {n} minuti di attesa",
        "prima di decidere",
        "in {place}",
        "il sabato mattina",
        "senza troppa convinzione",
        "perché così è più comodo",
        "già stanco di aspettare",
        "in un bar vicino all'ufficio",
        "con i figli che giocano accanto",
        "nella città dove si è appena trasferito",
    ),
)
THOUGHTS = (
    (
        "Why do I have to {inf} {o} again?",
        "Is the {p} really worth the hassle?",
        "I hope the {c} remembers what I told them last time.",
        "If this takes more than {n} minutes, I'll give up.",
        "Déjà vu: the same question as last week.",
        "Finally, something that just works!",
        "Who do I call if {o} goes wrong?",
        "Can I {inf} {o} from my phone?",
        "The {place} said one thing, the {c} says another.",
        "Nobody told me I needed {o}.",
    ),
    (
        "Perché devo {inf} {o} di nuovo?",
        "Ne vale davvero la pena, per {p}?",
        "Spero che su {c} si ricordino di quello che ho detto.",
        "Se ci vogliono più di {n} minuti, lascio perdere.",
        "Di nuovo la stessa domanda della settimana scorsa…",
        "Finalmente qualcosa che funziona!",
        "A chi telefono se {o} non va?",
        "Posso {inf} {o} dal telefono?",
        "In {place} mi hanno detto una cosa, su {c} un'altra.",
        "Nessuno mi aveva detto che serviva {o}.",
        "Ma perché è così complicato?",
    ),
)
PAINS = (
    (
        "{O} is hard to find on the {c}.",
        "Nobody explains {o} before the customer commits.",
        "The {c} does not show {o}, so customers call instead.",
        "Customers wait {n} minutes on average for {o}.",
        "The {place} cannot see {o} entered on the {c}.",
        "{O} arrives late and without a clear next step.",
    ),
    (
        "{O} è difficile da trovare su {c}.",
        "Nessuno spiega {o} prima della firma.",
        "Il canale {c} non mostra {o}, quindi i clienti telefonano.",
        "I clienti aspettano in media {n} minuti per {o}.",
        "In {place} non vedono {o} inserito su {c}.",
        "{O} arriva tardi e senza indicare il passo successivo.",
    ),
)
OPPORTUNITIES = (
    (
        "Show {o} on the {c}, with a reminder by {c2}.",
        "Let customers {inf} {o} in one place, on any channel.",
        "Send a proactive update about {o} via {c}.",
        "Give the {place} the same view of {o} as the {c}.",
        "Pre-fill {o} from what the customer already told us.",
    ),
    (
        "Mostrare {o} su {c}, con un promemoria via {c2}.",
        "Permettere di {inf} {o} in un solo posto, da qualsiasi canale.",
        "Inviare un aggiornamento proattivo su {o} tramite {c}.",
        "Dare a {place} la stessa vista su {o} che ha {c}.",
        "Precompilare {o} con quello che il cliente ci ha già detto.",
    ),
)
BACKSTAGE = (
    (
        "{team} {verb} {o} in the {system}.",
        "{team} re-keys {o} from the {c} into the {system}.",
        "The {system} batches {o} overnight; {team} checks the exceptions.",
    ),
    (
        "{team}: {verb} {o} nel sistema {system}.",
        "{team} ricopia {o} da {c} nel sistema {system}.",
        "Il sistema {system} elabora {o} di notte; {team} controlla le eccezioni.",
    ),
)
FINDINGS = (
    (
        "{pct}% of customers {verb} {o} {compl}.",
        "{pct}% of complaints mention {o}; {k} in 10 came through the {c}.",
        "Customers who {inf} {o} on the {c} convert {k} times more often.",
        "The median wait for {o} is {n} minutes, and {pct}% give up.",
    ),
    (
        "Il {pct}% dei clienti {verb} {o} {compl}.",
        "Il {pct}% dei reclami riguarda {o}; {k} su 10 arrivano da {c}.",
        "Chi può {inf} {o} su {c} converte {k} volte di più.",
        "L'attesa mediana per {o} è di {n} minuti e il {pct}% rinuncia.",
    ),
)
SCENARIOS = (
    (
        "first purchase",
        "switching from a competitor",
        "renewal",
        "complaint and refund",
        "change of address",
        "upgrade",
        "cancellation",
        "a family member joins",
        "seasonal offer",
        "after-sales support",
        "moving to a new city",
        "weekend rush",
    ),
    (
        "primo acquisto",
        "passaggio da un concorrente",
        "rinnovo",
        "reclamo e rimborso",
        "cambio di indirizzo",
        "upgrade",
        "disdetta",
        "attivazione per un familiare",
        "offerta stagionale",
        "assistenza post-vendita",
        "trasloco in un'altra città",
        "picco del sabato",
    ),
)
TODAY = ("today", "oggi")
FUTURE = ("future", "futuro")
SENSES = ("says", "thinks", "does", "feels", "sees", "hears", "pains", "gains")
METRICS = (
    # (name en, name it, type, unit, low, high)
    (
        "Customers reaching the stage",
        "Clienti che arrivano alla fase",
        "volume",
        "customers",
        2_000,
        180_000,
    ),
    ("Conversion to the next stage", "Conversione alla fase successiva", "conversion", "%", 5, 80),
    ("Drop-off", "Abbandoni", "drop-off", "%", 3, 60),
    ("Satisfaction", "Soddisfazione", "csat", "out of 5", 2, 5),
    ("Net promoter score", "Net promoter score", "nps", "points", -20, 70),
    ("Customer effort", "Sforzo del cliente", "ces", "out of 7", 1, 7),
    ("Cost to serve", "Costo per contatto", "cost-to-serve", "EUR", 1, 40),
    ("Time to complete", "Tempo per completare", "time", "minutes", 2, 90),
)


# --------------------------------------------------------------------------------------------
# Text and ids
# --------------------------------------------------------------------------------------------


def slug(text: str, words: int = 4) -> str:
    """An id-safe ASCII slug of the first few words of ``text``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    parts = [
        "".join(ch for ch in word if ch.isalnum())
        for word in ascii_text.lower().replace("'", " ").replace("-", " ").split()
    ]
    kept = [p for p in parts if p][:words]
    return "-".join(kept)[:60] or "x"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class Ids:
    """Ids unique within one document."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, prefix: str, text: str, words: int = 3) -> str:
        base = f"{prefix}-{slug(text, words)}" if prefix else slug(text, words)
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate


@dataclass
class Writer:
    """Sentences in one workspace's languages, from a seeded random source."""

    rng: random.Random
    ws: Workspace
    other_share: float = 0.25

    @property
    def lang(self) -> int:
        return self.ws.lang

    def pick_lang(self) -> int:
        return 1 - self.lang if self.rng.random() < self.other_share else self.lang

    def fill(self, template: str, lang: int, **extra: str) -> str:
        r = self.rng
        domain, names = self.ws.domain, self.ws.channel_names[lang]
        values = {
            "p": domain.product[lang],
            "place": domain.place[lang],
            "c": r.choice(names),
            "c2": r.choice(names),
            "n": str(r.randint(3, 45)),
            "k": str(r.randint(2, 9)),
            "pct": str(r.randint(6, 81)),
            "verb": r.choice(VERBS[lang]),
            "inf": r.choice(INFINITIVES[lang]),
            "compl": "",
        }
        values.update(extra)
        if "{o}" in template or "{O}" in template:
            obj = self.fill(r.choice(OBJECTS[lang]), lang, o="", O="")
            values["o"], values["O"] = obj, capitalise(obj)
        if "{compl}" in template and not extra.get("compl"):
            values["compl"] = self.fill(r.choice(COMPLEMENTS[lang]), lang)
        return template.format(**values)

    def action(self) -> str:
        lang = self.pick_lang()
        text = self.fill("{verb} {o} {compl}" if self.rng.random() < 0.4 else "{verb} {o}", lang)
        if self.rng.random() < 0.05:
            text += (" and then " if lang == EN else " e poi ") + self.fill("{verb} {o}", lang)
        return capitalise(text)

    def thought(self) -> str:
        lang = self.pick_lang()
        return self.fill(self.rng.choice(THOUGHTS[lang]), lang)

    def pain(self) -> str:
        lang = self.pick_lang()
        return self.fill(self.rng.choice(PAINS[lang]), lang)

    def opportunity(self) -> str:
        lang = self.pick_lang()
        return self.fill(self.rng.choice(OPPORTUNITIES[lang]), lang)

    def backstage(self, team: str, system: str) -> str:
        lang = self.lang
        return capitalise(
            self.fill(self.rng.choice(BACKSTAGE[lang]), lang, team=team, system=system)
        )

    def finding(self) -> str:
        lang = self.pick_lang()
        return self.fill(self.rng.choice(FINDINGS[lang]), lang)

    def sentence(self, second: float = 0.5) -> str:
        """A description: a clause about the customer, sometimes followed by a problem."""
        lang = self.pick_lang()
        who = "The customer " if lang == EN else "Il cliente "
        text = f"{who}{self.fill('{verb} {o} {compl}', lang)}."
        if self.rng.random() < second:
            text += " " + self.fill(self.rng.choice(PAINS[lang]), lang)
        return text

    def several(self, make: Callable[[], str], count: int) -> list[str]:
        """``count`` different texts from ``make`` (fewer if it keeps repeating itself)."""
        out: list[str] = []
        for _ in range(count * 4):
            text = make()
            if text not in out:
                out.append(text)
            if len(out) == count:
                break
        return out

    def short(self) -> str:
        lang = self.lang
        return capitalise(self.fill("{verb} {o}", lang))


# --------------------------------------------------------------------------------------------
# YAML output
# --------------------------------------------------------------------------------------------


class Flow(list[Any]):
    """A list written in flow style: `[a, b, c]`."""


class FlowMap(dict[str, Any]):
    """A mapping written in flow style: `{id: x, name: y}`."""


class MapDumper(yaml.SafeDumper):
    """Block style as people write maps: indented lists, flow-style id lists and metrics.

    The pure-Python emitter, since libyaml's cannot indent a list under its key.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


MapDumper.add_representer(
    Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
MapDumper.add_representer(
    FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)


def dump(document: dict[str, Any], schema_name: str, path: Path) -> bytes:
    """The document as YAML, headed by the editor hint to its schema."""
    schema = os.path.relpath(SCHEMAS / f"{schema_name}.schema.json", path.parent)
    header = f"# yaml-language-server: $schema={Path(schema).as_posix()}\n"
    body = yaml.dump(
        document,
        Dumper=MapDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
        indent=2,
    )
    return (header + body).encode("utf-8")


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


@dataclass
class Workspace:
    """What the documents of one workspace refer to."""

    index: int
    lang: int
    domain: Domain
    name: str
    channels: list[str] = field(default_factory=list)
    channel_names: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))
    personas: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    journeys: int = 0

    @property
    def prefix(self) -> str:
        return f"{self.domain.slug}{self.index:02d}"


def review_date(rng: random.Random) -> str:
    return f"202{rng.randint(5, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def evidence(rng: random.Random, ws: Workspace, low: int, high: int) -> Flow:
    return Flow(rng.sample(ws.findings, rng.randint(low, high)))


def metric(rng: random.Random, ids: Ids, lang: int, ws: Workspace | None = None) -> FlowMap:
    name_en, name_it, kind, unit, low, high = rng.choice(METRICS)
    name = (name_en, name_it)[lang]
    value: float = rng.randint(low, high) if high > 10 else round(rng.uniform(low, high), 1)
    out = FlowMap(
        id=ids.make("m", name, 2),
        name=name,
        type=kind,
        value=value,
        unit=unit,
        period=f"2025-{rng.choice(('H1', 'H2', 'Q3', 'Q4'))}",
    )
    if rng.random() < 0.3:
        out["target"] = value + (1 if high <= 10 else rng.randint(1, 15))
    if ws is not None and rng.random() < 0.3:
        out["evidence"] = evidence(rng, ws, 1, 2)
    return out


def config_document(ws: Workspace) -> dict[str, Any]:
    lang = ws.lang
    return {
        "kind": "workspace",
        "version": 1,
        "name": ws.name,
        "locale": ("en", "it")[lang],
        "emotion_scale": {"min": -2, "max": 2},
        "paths": {"exclude": ["drafts/**"]},
        "frameworks": {
            CUSTOM_FRAMEWORK: {
                "name": "Percorso di servizio" if lang == IT else "Service path",
                "stages": [{"id": i, "name": n} for i, n in CUSTOM_STAGES],
            }
        },
        "x-team": {"programme": f"{ws.domain.company} CX", "slack": f"#cx-{ws.prefix}"},
    }


def channels_document(rng: random.Random, ws: Workspace, writer: Writer) -> dict[str, Any]:
    lang = ws.lang
    extra = rng.sample(CHANNELS[CORE_CHANNELS:], rng.randint(6, 9))
    chosen = list(CHANNELS[:CORE_CHANNELS]) + extra
    ws.channel_names = (
        [capitalise(ws.domain.place[EN])] + [c[1] for c in chosen],
        [capitalise(ws.domain.place[IT])] + [c[3] for c in chosen],
    )
    items: list[dict[str, Any]] = [
        {
            "id": ws.domain.place_id[lang],
            "name": capitalise(ws.domain.place[lang]),
            "description": writer.sentence(),
            "type": "physical",
            "ownership": "owned",
            "x-cost-per-contact-eur": round(rng.uniform(4, 30), 2),
        }
    ]
    for id_en, name_en, id_it, name_it, kind, ownership in chosen:
        items.append(
            {
                "id": (id_en, id_it)[lang],
                "name": (name_en, name_it)[lang],
                "description": writer.sentence(),
                "type": kind,
                "ownership": ownership,
            }
        )
    ws.channels = [item["id"] for item in items]
    return {
        "kind": "channels",
        "id": f"{ws.prefix}-channels",
        "title": f"{ws.domain.company} — " + ("channel catalog", "catalogo dei canali")[lang],
        "description": writer.sentence(),
        "owner": ("Channel strategy team", "Ufficio strategia canali")[lang],
        "locale": ("en", "it")[lang],
        "reviewed": review_date(rng),
        "tags": Flow([ws.domain.slug, ("channels", "canali")[lang]]),
        "channels": items,
    }


def reality_map_document(rng: random.Random, ws: Workspace, writer: Writer) -> dict[str, Any]:
    lang = ws.lang
    ids = Ids()
    sources = []
    for s in range(rng.randint(8, 10)):
        personal = rng.random() < 0.6
        name = capitalise(writer.fill("{o}", lang)) + f" ({ws.domain.systems[s % 3]})"
        source: dict[str, Any] = {
            "id": ids.make("src", name, 3),
            "name": name,
            "description": writer.sentence(),
            "party": rng.choice(("first", "first", "second", "third")),
            "personal_data": personal,
        }
        if personal:
            source["legal_basis"] = rng.choice(("consent", "contract", "legitimate-interests"))
        if source["party"] != "first":
            source["provider"] = rng.choice(
                ("Partner brand", "Research institute", "Istituto di ricerca", "Fornitore di dati")
            )
        source["system"] = ws.domain.systems[s % 3]
        source["collected"] = rng.choice(("continuous", "continuo", "2025-Q4", "mensile"))
        source["records"] = rng.randint(20, 500_000)
        sources.append(source)
    source_ids = [s["id"] for s in sources]
    findings = []
    for _ in range(rng.randint(30, 40)):
        statement = writer.finding()
        finding: dict[str, Any] = {
            "id": ids.make("fnd", statement, 3),
            "statement": statement,
            "sources": Flow(rng.sample(source_ids, rng.randint(1, 3))),
            "confidence": rng.choice(("low", "medium", "high")),
        }
        if rng.random() < 0.25:
            finding["metric"] = metric(rng, ids, lang)
        findings.append(finding)
    ws.findings = [f["id"] for f in findings]
    assumptions = []
    for _ in range(rng.randint(5, 8)):
        statement = writer.opportunity()
        assumptions.append(
            {
                "id": ids.make("hyp", statement, 3),
                "statement": statement,
                "risk": rng.choice(("low", "medium", "high")),
                "validation": writer.sentence(),
            }
        )
    return {
        "kind": "reality-map",
        "id": f"{ws.prefix}-reality",
        "title": f"{ws.domain.company} — "
        + ("data scenario 2025/26", "scenario dei dati 2025/26")[lang],
        "description": writer.sentence() + " " + writer.sentence(),
        "owner": ("CX Insight team", "Ufficio Customer Experience")[lang],
        "locale": ("en", "it")[lang],
        "reviewed": review_date(rng),
        "tags": Flow(["research", "gdpr"] if lang == EN else ["ricerca", "dati", "gdpr"]),
        "sources": sources,
        "findings": findings,
        "assumptions": assumptions,
    }


def persona_document(rng: random.Random, ws: Workspace, writer: Writer, n: int) -> dict[str, Any]:
    lang = ws.lang
    name_lang = lang if rng.random() < 0.75 else 1 - lang
    first = rng.choice(FIRST_NAMES[name_lang])
    name = f"{first} {rng.choice(SURNAMES[name_lang])}"
    segment = rng.choice(SEGMENTS[lang])
    persona_id = f"{slug(first, 1)}-{slug(segment, 2)}-{ws.prefix}-{n}"
    ws.personas.append(persona_id)
    return {
        "kind": "persona",
        "id": persona_id,
        "title": segment,
        "description": writer.sentence(),
        "owner": ("CX Insight team", "Ufficio Customer Experience")[lang],
        "locale": ("en", "it")[lang],
        "reviewed": review_date(rng),
        "tags": Flow([slug(segment, 1), ws.domain.slug]),
        "name": name,
        "segment": segment,
        "proto": rng.random() < 0.3,
        "quote": writer.thought(),
        "demographics": {
            "age": rng.randint(19, 74),
            "city": rng.choice(CITIES),
            "occupation": rng.choice(OCCUPATIONS[lang]),
            "household": rng.choice(
                ("Lives alone", "Married, two children", "Vive da sola", "Convive, nessun figlio")
            ),
            "uses_smartphone": rng.random() < 0.9,
        },
        "goals": [writer.opportunity() for _ in range(3)],
        "needs": [writer.action() for _ in range(3)],
        "frustrations": [writer.pain() for _ in range(3)],
        "behaviours": [writer.action() for _ in range(3)],
        "preferred_channels": Flow(rng.sample(ws.channels, rng.randint(2, 4))),
        "evidence": evidence(rng, ws, 2, 3),
        "x-crm-segment-code": f"{ws.domain.slug[:3].upper()}-{n:02d}",
    }


def empathy_map_document(
    rng: random.Random, ws: Workspace, writer: Writer, persona: str
) -> dict[str, Any]:
    lang = ws.lang
    out: dict[str, Any] = {
        "kind": "empathy-map",
        "id": f"{persona}-{('empathy', 'empatia')[lang]}",
        "title": persona.split("-")[0].title() + (" — empathy map", " — mappa dell'empatia")[lang],
        "description": writer.sentence(),
        "owner": ("CX Insight team", "Ufficio Customer Experience")[lang],
        "locale": ("en", "it")[lang],
        "reviewed": review_date(rng),
        "persona": persona,
        "goal": writer.opportunity(),
    }
    makers: dict[str, Callable[[], str]] = {
        "says": writer.thought,
        "thinks": writer.thought,
        "does": writer.action,
        "feels": writer.pain,
        "sees": writer.action,
        "hears": writer.thought,
        "pains": writer.pain,
        "gains": writer.opportunity,
    }
    for sense in SENSES:
        out[sense] = [makers[sense]() for _ in range(rng.randint(2, 3))]
    out["evidence"] = evidence(rng, ws, 2, 4)
    return out


def journey_document(
    rng: random.Random, ws: Workspace, writer: Writer, n: int, journey_ids: list[str]
) -> dict[str, Any]:
    lang = ws.lang
    ids = Ids()
    future = n % 2 == 1
    scenario = SCENARIOS[lang][(n // 2) % len(SCENARIOS[lang])]
    state_word = (FUTURE if future else TODAY)[lang]
    personas = rng.sample(ws.personas, rng.randint(1, 2))
    framework = rng.choice((*FRAMEWORKS, CUSTOM_FRAMEWORK))
    stage_ids = (
        FRAMEWORKS[framework] if framework in FRAMEWORKS else tuple(i for i, _ in CUSTOM_STAGES)
    )
    doc: dict[str, Any] = {
        "kind": "journey",
        "id": journey_ids[n],
        "title": f"{capitalise(ws.domain.product[lang])}: {scenario} — {state_word}",
        "description": writer.sentence(),
        "owner": f"{ws.domain.teams[0][lang]} ({rng.choice(FIRST_NAMES[lang])})",
        "locale": ("en", "it")[lang],
        "reviewed": review_date(rng),
        "tags": Flow([ws.domain.slug, slug(scenario, 2), "to-be" if future else "as-is"]),
        "state": "future" if future else "current",
    }
    partner = n + 1 if not future else n - 1
    if partner < len(journey_ids):
        doc["counterpart"] = journey_ids[partner]
    doc["personas"] = Flow(personas)
    doc["framework"] = framework
    if rng.random() < 0.5:
        doc["emotion_scale"] = FlowMap(min=-2, max=2)
    if rng.random() < 0.4:
        doc["metrics"] = [metric(rng, ids, lang, ws) for _ in range(rng.randint(1, 2))]
    pain_points: list[str] = []
    stages = []
    for s, framework_stage in enumerate(stage_ids):
        name = rng.choice(STAGE_NAMES[s][lang])
        stage: dict[str, Any] = {
            "id": ids.make("", name, 3),
            "name": name,
            "framework_stage": framework_stage,
            "description": writer.sentence(0.0),
        }
        stage["metrics"] = [
            metric(rng, ids, lang, ws) for _ in range(2 if rng.random() < 0.15 else 1)
        ]
        stage["steps"] = [
            journey_step(rng, ws, writer, ids, personas, pain_points)
            for _ in range(3 if rng.random() < 0.65 else 4)
        ]
        if rng.random() < 0.15:
            stage["evidence"] = evidence(rng, ws, 1, 2)
        stages.append(stage)
    doc["stages"] = stages
    if rng.random() < 0.3:
        doc["evidence"] = evidence(rng, ws, 1, 3)
    if rng.random() < 0.2:
        doc["x-jira-epic"] = f"CX-{rng.randint(100, 9999)}"
    return doc


def journey_step(
    rng: random.Random,
    ws: Workspace,
    writer: Writer,
    ids: Ids,
    personas: list[str],
    pain_points: list[str],
) -> dict[str, Any]:
    lang = ws.lang
    name = writer.short()
    step: dict[str, Any] = {"id": ids.make("", name, 3), "name": name}
    if rng.random() < 0.05:
        step["description"] = writer.sentence(0.2)
    step["actions"] = writer.several(writer.action, rng.choice((1, 1, 1, 2, 2, 2, 2, 2, 3)))
    step["thoughts"] = writer.several(writer.thought, 2 if rng.random() < 0.05 else 1)
    if len(personas) > 1 and rng.random() < 0.15:
        step["emotion"] = {p: rng.randint(-2, 2) for p in personas}
    else:
        step["emotion"] = rng.choice((-2, -1, -1, 0, 1, 1, 2, 0.5, -1.5))
    if rng.random() < 0.08:
        step["emotion_note"] = writer.thought()
    touchpoints = []
    for _ in range(2 if rng.random() < 0.05 else 1):
        tp_name = capitalise(writer.fill("{o}", lang))
        channels = rng.sample(ws.channels, rng.choice((1, 1, 2, 2, 3)))
        rest = [c for c in ws.channels if c not in channels]
        touchpoint: dict[str, Any] = {"id": ids.make("tp", tp_name, 3), "name": tp_name}
        if rng.random() < 0.6:
            touchpoint["type"] = rng.choice(
                ("product", "service", "staff", "communication", "place", "interface")
            )
        touchpoint["channels"] = Flow(channels)
        if rng.random() < 0.15:
            touchpoint["description"] = writer.sentence(0.2)
        if rng.random() < 0.3:
            touchpoint["potential_channels"] = Flow(rng.sample(rest, rng.randint(1, 2)))
        if rng.random() < 0.1:
            touchpoint["handoff"] = writer.pain()
        if rng.random() < 0.1:
            touchpoint["evidence"] = evidence(rng, ws, 1, 2)
        touchpoints.append(touchpoint)
    step["touchpoints"] = touchpoints
    here: list[dict[str, Any]] = []
    roll = rng.random()
    for _ in range(2 if roll < 0.04 else 1 if roll < 0.36 else 0):
        text = writer.pain()
        pain = {
            "id": ids.make("pp", text, 3),
            "description": text,
            "severity": rng.choice(("low", "medium", "high", "critical")),
            "evidence": evidence(rng, ws, 1, 1 if rng.random() < 0.8 else 2),
        }
        here.append(pain)
    if here:
        step["pain_points"] = here
        pain_points.extend(p["id"] for p in here)
    opportunities = []
    for pain in here:
        if rng.random() < 0.3:
            continue
        text = writer.opportunity()
        addresses = [pain["id"]]
        earlier = [p for p in pain_points if p != pain["id"]]
        if earlier and rng.random() < 0.3:
            addresses.append(rng.choice(earlier))
        opportunity: dict[str, Any] = {
            "id": ids.make("op", text, 3),
            "description": text,
            "type": rng.choice(("improvement", "gap", "upsell", "innovation")),
            "addresses": Flow(addresses),
            "priority": rng.choice(("low", "medium", "high")),
        }
        if rng.random() < 0.4:
            opportunity["owner"] = rng.choice(ws.domain.teams)[lang]
        if rng.random() < 0.15:
            opportunity["evidence"] = evidence(rng, ws, 1, 2)
        opportunities.append(opportunity)
    if opportunities:
        step["opportunities"] = opportunities
    for collection, chance in (("backstage", 0.1), ("support", 0.05)):
        if rng.random() < chance:
            team = rng.choice(ws.domain.teams)[lang]
            system = rng.choice(ws.domain.systems)
            text = writer.backstage(team, system)
            step[collection] = [
                {
                    "id": ids.make("bs" if collection == "backstage" else "sp", text, 3),
                    "description": text,
                    "owner": team,
                    "system": system,
                }
            ]
    if rng.random() < 0.05:
        step["metrics"] = [metric(rng, ids, lang, ws)]
    if rng.random() < 0.03:
        step["x-verbatim-count"] = rng.randint(1, 40)
    return step


# --------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusSpec:
    files: int
    workspaces: int
    seed: int

    def manifest(self) -> dict[str, Any]:
        return {
            "generator": GENERATOR_VERSION,
            "files": self.files,
            "workspaces": self.workspaces,
            "seed": self.seed,
        }


def default_workspaces(files: int) -> int:
    return max(1, round(files / FILES_PER_WORKSPACE))


def split_files(files: int, workspaces: int) -> list[int]:
    base, extra = divmod(files, workspaces)
    return [base + (1 if i < extra else 0) for i in range(workspaces)]


def generate_workspace(root: Path, index: int, size: int, seed: int) -> None:
    """Write one workspace of ``size`` files under ``root``."""
    domain = DOMAINS[index % len(DOMAINS)]
    lang = index % 2
    ws = Workspace(
        index,
        lang,
        domain,
        f"{domain.company} — " + ("customer journeys", "percorsi dei clienti")[lang],
    )

    def rng_for(what: str) -> random.Random:
        return random.Random(f"{seed}:{index}:{what}")

    def writer(r: random.Random) -> Writer:
        return Writer(r, ws)

    def write(rel: str, document: dict[str, Any], schema_name: str) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(dump(document, schema_name, path))

    write("cjm.yaml", config_document(ws), "config")
    r = rng_for("channels")
    write("channels.yaml", channels_document(r, ws, writer(r)), "channels")
    r = rng_for("reality")
    write("research/reality-map.yaml", reality_map_document(r, ws, writer(r)), "reality-map")
    for n in range(PERSONAS_PER_WORKSPACE):
        r = rng_for(f"persona:{n}")
        document = persona_document(r, ws, writer(r), n)
        write(f"personas/{document['id']}.yaml", document, "persona")
    for n in range(EMPATHY_MAPS_PER_WORKSPACE):
        r = rng_for(f"empathy:{n}")
        document = empathy_map_document(r, ws, writer(r), ws.personas[n])
        write(f"empathy-maps/{document['id']}.yaml", document, "empathy-map")
    journeys = size - WORKSPACE_OVERHEAD
    journey_ids = [f"{ws.prefix}-j{n:03d}-{('current', 'future')[n % 2]}" for n in range(journeys)]
    for n in range(journeys):
        r = rng_for(f"journey:{n}")
        document = journey_document(r, ws, writer(r), n, journey_ids)
        write(f"journeys/{journey_ids[n]}.yaml", document, "journey")


def generate_corpus(out: Path, spec: CorpusSpec) -> None:
    if out.exists():
        if (out / MANIFEST).is_file():
            shutil.rmtree(out)
        elif any(out.iterdir()):
            raise SystemExit(
                f"{out} is not empty and holds no {MANIFEST}; refusing to "
                "overwrite it (choose another --out)"
            )
    out.mkdir(parents=True, exist_ok=True)
    for index, size in enumerate(split_files(spec.files, spec.workspaces)):
        generate_workspace(
            out / f"ws{index:02d}-{DOMAINS[index % len(DOMAINS)].slug}", index, size, spec.seed
        )
    (out / MANIFEST).write_text(json.dumps(spec.manifest(), indent=2) + "\n", encoding="utf-8")


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


def corpus_matches(out: Path, spec: CorpusSpec) -> bool:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest == spec.manifest() and len(yaml_files(out)) == spec.files


@dataclass(frozen=True)
class CorpusStats:
    files: int
    journeys: list[Path]
    total_bytes: int
    journey_bytes: int

    @property
    def mean_file(self) -> float:
        return self.total_bytes / self.files

    @property
    def mean_journey(self) -> float:
        return self.journey_bytes / len(self.journeys)


def corpus_stats(out: Path) -> CorpusStats:
    files = yaml_files(out)
    journeys = [p for p in files if p.parent.name == "journeys"]
    return CorpusStats(
        len(files),
        journeys,
        sum(p.stat().st_size for p in files),
        sum(p.stat().st_size for p in journeys),
    )


# --------------------------------------------------------------------------------------------
# Tools and timing
# --------------------------------------------------------------------------------------------


def resolve_executable(name: str, override: str | None) -> str:
    """The real program behind ``name`` (pyenv shims cost ~40 ms of bash per call)."""
    found = override or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name}: not found on PATH (pip install -e '.[test]')")
    if override is None and f"{os.sep}shims{os.sep}" in found and shutil.which("pyenv"):
        result = subprocess.run(
            ["pyenv", "which", name], capture_output=True, text=True, check=False
        )
        real = result.stdout.strip()
        if result.returncode == 0 and real and Path(real).is_file():
            return real
    return found


OFFLINE_ENV = {
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "http_proxy": "http://127.0.0.1:9",
    "NO_PROXY": "",
    "no_proxy": "",
}


def environment(offline: bool = False) -> dict[str, str]:
    # Both tools run as installed: with their bytecode cached, in colourless plain output.
    dropped = ("GITHUB_ACTIONS", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["NO_COLOR"] = "1"
    if offline:
        env.update(OFFLINE_ENV)
    return env


@dataclass
class Timing:
    key: str
    label: str
    files: int
    times: list[float]
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


class CommandFailed(RuntimeError):
    pass


def run_once(argv: Sequence[str], env: dict[str, str], expect: int = 0) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != expect:
        shown = " ".join(argv[:6]) + (" ..." if len(argv) > 6 else "")
        output = (result.stdout + result.stderr).strip().splitlines()
        raise CommandFailed(
            f"`{shown}` exited {result.returncode}, expected {expect}:\n" + "\n".join(output[:20])
        )
    return elapsed, result.stdout


def measure(
    key: str,
    label: str,
    argv: Sequence[str],
    runs: int,
    files: int,
    *,
    env: dict[str, str],
    note: str = "",
    check: Callable[[str], None] | None = None,
    expect: int = 0,
) -> Timing:
    progress(f"timing {label} ({runs} runs + warm-up)")
    _, stdout = run_once(argv, env, expect)
    if check is not None:
        check(stdout)
    times = [run_once(argv, env, expect)[0] for _ in range(runs)]
    return Timing(key, label, files, times, note)


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


BARE_PARSE = """\
import os, sys, yaml
count = 0
for current, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".yaml"):
            with open(os.path.join(current, name), encoding="utf-8") as f:
                yaml.load(f.read(), Loader=yaml.CSafeLoader)
            count += 1
print(count)
"""


def expect_count(expected: int) -> Callable[[str], None]:
    def check(stdout: str) -> None:
        if stdout.strip() != str(expected):
            raise CommandFailed(f"bare parse read {stdout.strip()} files, expected {expected}")

    return check


# --------------------------------------------------------------------------------------------
# check-jsonschema set-up
# --------------------------------------------------------------------------------------------


def bundle_schema(kind: str, folder: Path) -> Path:
    """``kind``'s self-contained schema, as ``cjm schema KIND`` prints it."""
    from cjm.core.kinds import bundled_schema_text

    path = folder / f"{kind}.bundled.schema.json"
    path.write_text(bundled_schema_text(kind), encoding="utf-8")
    return path


@dataclass(frozen=True)
class SchemaChoice:
    args: tuple[str, ...]
    description: str


def choose_schema(mode: str, cjs: str, probe: Path, temp: Path) -> SchemaChoice:
    """How check-jsonschema is given the journey schema, probed with networking disabled."""
    journey = SCHEMAS / "journey.schema.json"
    candidates: list[tuple[str, Callable[[], SchemaChoice]]] = [
        (
            "path",
            lambda: SchemaChoice(
                ("--schemafile", str(journey)), f"--schemafile {journey} (local path)"
            ),
        ),
        (
            "base-uri",
            lambda: SchemaChoice(
                ("--base-uri", journey.as_uri(), "--schemafile", str(journey)),
                f"--base-uri {journey.as_uri()} --schemafile {journey}",
            ),
        ),
        (
            "bundle",
            lambda: SchemaChoice(
                ("--schemafile", str(bundle_schema("journey", temp))),
                "self-contained journey schema, as `cjm schema journey` prints it",
            ),
        ),
    ]
    order = ["path", "bundle"] if mode == "auto" else [mode]
    failures = []
    for name, make in candidates:
        if name not in order:
            continue
        choice = make()
        try:
            run_once([cjs, *choice.args, str(probe)], environment(offline=True))
        except CommandFailed as e:
            first = str(e).splitlines()[-1] if str(e) else ""
            failures.append(f"{name}: {first.strip()[:120]}")
            progress(
                f"check-jsonschema with schema mode {name!r} failed offline; "
                + ("trying the next" if name != order[-1] else "giving up")
            )
            continue
        return choice
    raise SystemExit("check-jsonschema cannot check a journey offline:\n  " + "\n  ".join(failures))


def spread(items: Sequence[Path], k: int) -> list[Path]:
    """``k`` items spread evenly over ``items`` (all of them when k is 0 or too big)."""
    if k <= 0 or k >= len(items):
        return list(items)
    step = len(items) / k
    return [items[int(i * step)] for i in range(k)]


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def source_state() -> str:
    """The commit of the repository, and whether cjm's sources differ from it."""

    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "not a git checkout"
    dirty = git("status", "--porcelain", "--", "cjm", "schemas")
    return f"commit {commit}" + (" + uncommitted changes in cjm/ or schemas/" if dirty else "")


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def tool_version(argv: Sequence[str]) -> str:
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    return (
        (result.stdout or result.stderr).strip().splitlines()[0] if result.returncode == 0 else "?"
    )


def report(
    *,
    timings: dict[str, Timing],
    stats: CorpusStats,
    spec: CorpusSpec,
    runs: int,
    corpus: Path,
    tools: dict[str, str],
    schema: SchemaChoice,
    subset: int,
    extrapolated: float | None,
    load: tuple[str, str],
) -> str:
    cores = os.cpu_count() or 1
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    lines = [
        "cjm validate benchmark",
        "======================",
        "",
        f"machine     {cores} cores (os.cpu_count; {affinity} usable), {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}",
        f"corpus      {stats.files} files in {spec.workspaces} workspaces "
        f"({len(stats.journeys)} journeys), {stats.total_bytes / 1e6:.1f} MB, seed {spec.seed}",
        f"            {corpus}",
        f"load avg    {load[0]} before, {load[1]} after (1, 5, 15 min; other work skews "
        "the figures)",
        f"mean size   journey {stats.mean_journey / 1024:.1f} KiB ({stats.mean_journey:,.0f} B), "
        f"any file {stats.mean_file / 1024:.1f} KiB ({stats.mean_file:,.0f} B)",
        f"runs        median of {runs} (each command after 1 untimed warm-up run), "
        "whole-process wall time",
        f"cjm         {tools['cjm_version']}  ({tools['cjm']}), {tools['source']}",
        f"check-js    {tools['cjs_version']}  ({tools['cjs']})",
        f"            schema: {schema.description}",
        f"pyyaml      {yaml.__version__}, libyaml {'yes' if yaml.__with_libyaml__ else 'NO'}",
        "",
    ]
    header = (
        f"{'measurement':<52} {'files':>6} {'median s':>9} {'min s':>8} {'max s':>8} {'ms/file':>8}"
    )
    lines += [header, "-" * len(header)]
    for t in timings.values():
        files = str(t.files) if t.files else "-"
        per_file = f"{t.median / t.files * 1000:8.2f}" if t.files else f"{'-':>8}"
        lines.append(
            f"{t.label:<52} {files:>6} {t.median:9.3f} {min(t.times):8.3f} "
            f"{max(t.times):8.3f} {per_file}"
        )
    notes = [f"  {t.label.strip()}: {t.note}" for t in timings.values() if t.note]
    if subset and subset < len(stats.journeys) and extrapolated is not None:
        notes.append(
            f"  check-jsonschema ran on {subset} of {len(stats.journeys)} journeys "
            f"(--cjs-subset); extrapolated to all {len(stats.journeys)}: "
            f"{extrapolated:.2f} s (single-file start-up + marginal per-file cost)"
        )
    if notes:
        lines += ["", "notes", *notes]
    header = (
        f"{'ratio of medians':<52} {'a s':>7} {'b s':>7} {'a / b':>6} {'target':>7} {'result':>6}"
    )
    lines += ["", header, "-" * len(header)]
    for label, num, den, target in TARGETS:
        a, b = timings[num].median, timings[den].median
        verdict = "PASS" if a / b <= target else "FAIL"
        lines.append(
            f"{label:<52} {a:7.3f} {b:7.3f} {a / b:6.2f} {'<= ' + str(target):>7} {verdict:>6}"
        )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark `cjm validate` on a generated corpus of journey maps.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--files",
        type=int,
        default=None,
        help="number of YAML files in the corpus (default 1000, 100 with --quick)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help="timed runs per measurement (default 5, 3 with --quick)",
    )
    parser.add_argument(
        "--workspaces",
        type=int,
        default=None,
        help="workspaces to split the files into (default: one per 100 files)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpus folder")
    parser.add_argument(
        "--regenerate", action="store_true", help="rebuild the corpus even if it matches"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument(
        "--cjs-subset",
        type=int,
        default=100,
        metavar="K",
        help="check-jsonschema on K journeys spread over the corpus (0: all)",
    )
    parser.add_argument(
        "--cjs-schema",
        choices=("auto", "path", "base-uri", "bundle"),
        default="auto",
        help="how check-jsonschema gets the journey schema",
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: N=100, R=3")
    parser.add_argument("--cjm", default=None, help="cjm executable (default: from PATH)")
    parser.add_argument(
        "--check-jsonschema",
        dest="cjs",
        default=None,
        help="check-jsonschema executable (default: from PATH)",
    )
    args = parser.parse_args(argv)
    args.files = args.files or (100 if args.quick else 1000)
    args.runs = args.runs or (3 if args.quick else 5)
    args.workspaces = args.workspaces or default_workspaces(args.files)
    if args.files < args.workspaces * (WORKSPACE_OVERHEAD + 1):
        parser.error(f"--files must be at least {WORKSPACE_OVERHEAD + 1} per workspace")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def prepare_corpus(out: Path, spec: CorpusSpec, regenerate: bool, cjm: str) -> CorpusStats:
    out = out.resolve()
    if regenerate or not corpus_matches(out, spec):
        progress(f"generating {spec.files} files in {spec.workspaces} workspaces into {out}")
        started = time.perf_counter()
        generate_corpus(out, spec)
        progress(f"generated in {time.perf_counter() - started:.1f} s")
    else:
        progress(f"reusing the corpus in {out}")
    progress("checking that `cjm validate` finds the corpus clean")
    try:
        run_once([cjm, "validate", "--quiet", str(out)], environment())
    except CommandFailed as e:
        raise SystemExit(f"the corpus does not validate clean; aborting.\n{e}") from e
    stats = corpus_stats(out)
    if stats.files != spec.files:
        raise SystemExit(f"the corpus holds {stats.files} YAML files, expected {spec.files}")
    return stats


def run_benchmarks(
    args: argparse.Namespace,
    stats: CorpusStats,
    corpus: Path,
    cjm: str,
    cjs: str,
    schema: SchemaChoice,
) -> tuple[dict[str, Timing], int, float | None]:
    env, offline = environment(), environment(offline=True)
    runs, n = args.runs, stats.files
    python = sys.executable
    one = stats.journeys[0]
    subset = spread(stats.journeys, args.cjs_subset)
    timings: dict[str, Timing] = {}

    def add(t: Timing) -> None:
        timings[t.key] = t

    add(
        measure(
            "cjm_jobs1",
            "cjm validate --jobs 1 CORPUS",
            [cjm, "validate", "--jobs", "1", str(corpus)],
            runs,
            n,
            env=env,
        )
    )
    add(
        measure(
            "cjm_default",
            "cjm validate CORPUS (default jobs)",
            [cjm, "validate", str(corpus)],
            runs,
            n,
            env=env,
        )
    )
    # The corpus is valid; lint finds warnings in it (it is generated, not curated),
    # and locating and reporting them is part of the work measured.
    add(
        measure(
            "lint_jobs1",
            "cjm lint --jobs 1 CORPUS",
            [cjm, "lint", "--jobs", "1", str(corpus)],
            runs,
            n,
            env=env,
        )
    )
    add(
        measure(
            "lint_default",
            "cjm lint CORPUS (default jobs)",
            [cjm, "lint", str(corpus)],
            runs,
            n,
            env=env,
        )
    )
    add(
        measure(
            "bare_parse",
            "bare parse: yaml.load CSafeLoader, 1 process",
            [python, "-c", BARE_PARSE, str(corpus)],
            runs,
            n,
            env=env,
            check=expect_count(n),
        )
    )
    label = (
        "check-jsonschema, all journeys"
        if len(subset) == len(stats.journeys)
        else f"check-jsonschema, {len(subset)}-journey subset"
    )
    add(
        measure(
            "cjs_journeys",
            label,
            [cjs, *schema.args, *map(str, subset)],
            runs,
            len(subset),
            env=offline,
        )
    )
    add(
        measure(
            "single_cjm",
            "single journey: cjm validate FILE",
            [cjm, "validate", str(one)],
            runs,
            1,
            env=env,
            note=f"{one.relative_to(corpus)}; cjm also loads the rest of its workspace "
            "to resolve references",
        )
    )
    add(
        measure(
            "single_cjs",
            "single journey: check-jsonschema FILE",
            [cjs, *schema.args, str(one)],
            runs,
            1,
            env=offline,
        )
    )
    add(
        measure(
            "py_baseline",
            "python -c pass (interpreter start-up)",
            [python, "-c", "pass"],
            runs,
            0,
            env=env,
        )
    )
    add(
        measure(
            "import_cli",
            'python -c "import cjm.cli"',
            [python, "-c", "import cjm.cli"],
            runs,
            0,
            env=env,
        )
    )
    add(measure("cjm_version", "cjm --version", [cjm, "--version"], runs, 0, env=env))
    extrapolated = None
    if len(subset) < len(stats.journeys) and len(subset) > 1:
        single, many = timings["single_cjs"].median, timings["cjs_journeys"].median
        marginal = max(many - single, 0.0) / (len(subset) - 1)
        extrapolated = single + marginal * (len(stats.journeys) - 1)
    return timings, len(subset), extrapolated


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    spec = CorpusSpec(args.files, args.workspaces, args.seed)
    cjm = resolve_executable("cjm", args.cjm)
    cjs = resolve_executable("check-jsonschema", args.cjs)
    stats = prepare_corpus(args.out, spec, args.regenerate, cjm)
    load_before = load_average()
    corpus = args.out.resolve()
    progress(f"corpus: {stats.files} files, journeys {stats.mean_journey:,.0f} B on average")
    with tempfile.TemporaryDirectory(prefix="cjm-bench-") as temp:
        schema = choose_schema(args.cjs_schema, cjs, stats.journeys[0], Path(temp))
        progress(f"check-jsonschema schema: {schema.description}")
        try:
            timings, subset, extrapolated = run_benchmarks(args, stats, corpus, cjm, cjs, schema)
        except CommandFailed as e:
            raise SystemExit(f"a benchmarked command failed; aborting.\n{e}") from e
    load_after = load_average()
    tools = {
        "cjm": cjm,
        "cjs": cjs,
        "cjm_version": tool_version([cjm, "--version"]),
        "cjs_version": tool_version([cjs, "--version"]),
        "source": source_state(),
    }
    sys.stdout.write(
        report(
            timings=timings,
            stats=stats,
            spec=spec,
            runs=args.runs,
            corpus=corpus,
            tools=tools,
            schema=schema,
            subset=subset,
            extrapolated=extrapolated,
            load=(load_before, load_after),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
