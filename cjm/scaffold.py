"""`cjm init` and `cjm new`: starting documents that validate as they are."""

from __future__ import annotations

import json
import re
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cjm import __version__
from cjm.core.errors import UsageError
from cjm.core.frameworks import BUILTIN, Framework
from cjm.core.kinds import CONFIG_FILE, DOCUMENT_KINDS
from cjm.core.model import ChannelCatalog, Persona, RealityMap
from cjm.core.suggest import did_you_mean
from cjm.core.workspace import Workspace

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}\Z")
LOCALE_PATTERN = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*\Z")
FOLDERS = {
    "journey": "journeys",
    "persona": "personas",
    "empathy-map": "empathy-maps",
    "reality-map": "research",
    "channels": ".",
}
SCHEMA_FILES = {
    "journey": "journey",
    "persona": "persona",
    "empathy-map": "empathy-map",
    "reality-map": "reality-map",
    "channels": "channels",
}

# Text an author must replace carries the placeholder mark that lint's
# placeholder-text rule knows in that language ("TODO" in capitals, "da completare"),
# so a scaffold left as it is never passes for a finished map.
_TEXT = {
    "en": {
        "journey": "New journey (TODO)",
        "persona": "New persona (TODO)",
        "empathy-map": "Empathy map",
        "reality-map": "Research and data",
        "channels": "Channel catalog",
        "channel": "New channel (TODO)",
        "step": "First step (TODO)",
        "action": "What the customer does (TODO)",
        "thought": "What they think (TODO)",
        "touchpoint": "First touchpoint (TODO)",
        "website": "Website",
        "store": "Store",
        "email": "Email",
        "segment": "Who this persona stands for (TODO)",
        "goal": "What they want to achieve (TODO)",
        "source": "CRM",
        "finding": "What the data shows (TODO)",
    },
    "it": {
        "journey": "Nuovo customer journey (da completare)",
        "persona": "Nuova persona (da completare)",
        "empathy-map": "Mappa dell'empatia",
        "reality-map": "Ricerca e dati",
        "channels": "Catalogo dei canali",
        "channel": "Nuovo canale (da completare)",
        "step": "Primo passo (da completare)",
        "action": "Cosa fa il cliente (da completare)",
        "thought": "Cosa pensa (da completare)",
        "touchpoint": "Primo touchpoint (da completare)",
        "website": "Sito web",
        "store": "Negozio",
        "email": "Email",
        "segment": "Chi rappresenta questa persona (da completare)",
        "goal": "Cosa vuole ottenere (da completare)",
        "source": "CRM",
        "finding": "Cosa mostrano i dati (da completare)",
    },
}
# The channels of a first catalog: (id, type), named in the catalog's language.
STARTER_CHANNELS = (("website", "digital"), ("store", "physical"), ("email", "digital"))
PRECOMMIT_REPOSITORY = "https://github.com/cjm-dev/cjm"
HOOK_IDS = ("cjm-validate", "cjm-lint")


@dataclass(frozen=True)
class Surroundings:
    """The ids a new document must fit among: those its workspace already uses.

    ``channels`` and ``personas`` keep the workspace's order, so that a new journey
    names the first of each; ``documents`` maps each document id to its file.
    """

    documents: Mapping[str, str] = field(default_factory=dict)
    channels: tuple[str, ...] = ()
    personas: tuple[str, ...] = ()
    findings: frozenset[str] = frozenset()


def surroundings(workspace: Workspace) -> Surroundings:
    """The ids in use in ``workspace``, counting documents that fail their schema too:
    a new id must not collide with a file that is only waiting to be fixed."""
    every = (*workspace.documents, *workspace.lent)
    channels: dict[str, None] = {}
    for document in every:
        if isinstance(document, ChannelCatalog):
            channels.update(dict.fromkeys(c.id for c in document.channels if c.id))
    return Surroundings(
        documents={d.id: d.file for d in every if d.id},
        channels=tuple(channels),
        personas=tuple(d.id for d in every if isinstance(d, Persona) and d.id),
        findings=frozenset(
            f.id for d in every if isinstance(d, RealityMap) for f in d.findings if f.id
        ),
    )


def _unused(wanted: str, taken: Container[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... : the first that is not taken."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _modeline(kind: str, depth: int) -> str:
    up = "../" * depth
    return f"# yaml-language-server: $schema={up}.cjm/schemas/{SCHEMA_FILES[kind]}.schema.json\n"


def _italian(locale: str) -> bool:
    return locale.lower().startswith("it")


def _labels(locale: str) -> dict[str, str]:
    return _TEXT["it" if _italian(locale) else "en"]


def check_id(id_: str) -> None:
    if not ID_PATTERN.match(id_):
        raise UsageError(
            f"{id_!r} is not a valid id: use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit"
        )


def check_locale(locale: str) -> None:
    if not LOCALE_PATTERN.match(locale):
        raise UsageError(f"{locale!r} is not a language tag such as en, it or it-IT")


def document(
    kind: str,
    id_: str,
    *,
    locale: str = "en",
    framework: str | None = None,
    frameworks: dict[str, Framework] | None = None,
    persona: str | None = None,
    title: str | None = None,
    scale: tuple[int, int] = (-2, 2),
    around: Surroundings | None = None,
) -> str:
    """The YAML text of a new document of ``kind`` that validates in its workspace.

    It refers only to what ``around`` holds (a journey names the workspace's first
    persona and channel, or none when there are none) and takes no id already in use;
    an explicit ``persona`` is taken as given.
    """
    if kind not in DOCUMENT_KINDS:
        raise UsageError(
            f"unknown kind {kind!r}{did_you_mean(kind, DOCUMENT_KINDS)}; "
            f"cjm kinds: {', '.join(DOCUMENT_KINDS)}"
        )
    check_id(id_)
    check_locale(locale)
    if persona is not None:
        check_id(persona)
    around = around or Surroundings()
    if id_ in around.documents:
        raise UsageError(
            f"{around.documents[id_]} already has the id {id_!r}, and document ids are "
            "unique in a workspace: choose another"
        )
    t = _labels(locale)
    channel = around.channels[0] if around.channels else None
    depth = 0 if FOLDERS[kind] == "." else 1
    head = _modeline(kind, depth) + f"kind: {kind}\nid: {id_}\n"
    if kind == "journey":
        return head + _journey(
            t,
            locale=locale,
            framework=framework,
            frameworks=frameworks or BUILTIN,
            persona=persona or (around.personas[0] if around.personas else None),
            channel=channel,
            title=title or t["journey"],
            emotion=(scale[0] + scale[1]) // 2,
        )
    if kind == "persona":
        preferred = f"preferred_channels: [{channel}]\n" if channel else ""
        return head + (
            f"name: {_q(title or t['persona'])}\nsegment: {_q(t['segment'])}\n"
            f"goals:\n  - {_q(t['goal'])}\n{preferred}"
        )
    if kind == "empathy-map":
        who = persona or (around.personas[0] if around.personas else "persona")
        return head + (
            f"title: {_q(title or t['empathy-map'])}\npersona: {who}\n"
            f"goal: {_q(t['goal'])}\nsays: []\nthinks: []\ndoes: []\nfeels: []\n"
            "sees: []\nhears: []\npains: []\ngains: []\n"
        )
    if kind == "reality-map":
        finding = _unused(f"{id_}-finding-1", around.findings)
        return head + (
            f"title: {_q(title or t['reality-map'])}\nsources:\n  - id: crm\n"
            f"    name: {_q(t['source'])}\n    party: first\n"
            "    personal_data: true\n    legal_basis: contract\nfindings:\n"
            f"  - id: {finding}\n    statement: {_q(t['finding'])}\n"
            "    sources: [crm]\nassumptions: []\n"
        )
    return head + f"title: {_q(title or t['channels'])}\nchannels:\n" + _channels(id_, t, around)


def still_missing(kind: str, around: Surroundings, *, persona: str | None) -> list[str]:
    """What the workspace lacks for a new document of ``kind`` to be complete: the
    document validates without it, but says less than it could."""
    notes = []
    if kind in ("journey", "persona") and not around.channels:
        notes.append(
            "no channel catalog yet, so no channel is named: create one with `cjm new channels ID`"
        )
    if kind == "journey" and persona is None and not around.personas:
        notes.append(
            "no persona yet, so the journey names none: create one with "
            "`cjm new persona ID` and list it under `personas:`"
        )
    return notes


def _channels(id_: str, t: dict[str, str], around: Surroundings) -> str:
    """A catalog's channels: the starter ones for a workspace's first catalog; otherwise
    one channel to fill in, under an id of its own (channel ids are unique across
    catalogs, and a team with a catalog has chosen its channels already)."""
    entries = [(c, kind, t[c]) for c, kind in STARTER_CHANNELS]
    if around.channels:
        taken = {*around.channels, *around.documents}
        entries = [(_unused(f"{id_}-channel", taken), "digital", t["channel"])]
    return "".join(
        f"  - id: {channel}\n    name: {_q(name)}\n    type: {kind}\n    ownership: owned\n"
        for channel, kind, name in entries
    )


def _journey(
    t: dict[str, str],
    *,
    locale: str,
    framework: str | None,
    frameworks: dict[str, Framework],
    persona: str | None,
    channel: str | None,
    title: str,
    emotion: int,
) -> str:
    if framework is not None and framework not in frameworks:
        raise UsageError(f"unknown framework {framework!r}; available: {', '.join(frameworks)}")
    fw = frameworks[framework or "linear-five"]
    it = _italian(locale)
    lines = [f"title: {_q(title)}", "state: current", f"locale: {locale}"]
    if persona:
        lines.append(f"personas: [{persona}]")
    lines.append(f"framework: {fw.id}")
    lines.append("stages:")
    for n, stage in enumerate(fw.stages):
        lines += [f"  - id: {stage.id}", f"    name: {_q(stage.name_it if it else stage.name)}"]
        if n == 0:
            lines += [
                "    steps:",
                f"      - id: {stage.id}-1",
                f"        name: {_q(t['step'])}",
                f"        actions: [{_q(t['action'])}]",
                f"        thoughts: [{_q(t['thought'])}]",
                f"        emotion: {emotion}",
                "        touchpoints:",
                f"          - id: {stage.id}-1-touchpoint",
                f"            name: {_q(t['touchpoint'])}",
            ]
            if channel:
                lines.append(f"            channels: [{channel}]")
        else:
            lines.append("    steps: []")
    return "\n".join(lines) + "\n"


def new_path(root: Path, kind: str, id_: str) -> Path:
    folder = FOLDERS[kind]
    return root / (f"{id_}.yaml" if folder == "." else f"{folder}/{id_}.yaml")


def precommit_config() -> str:
    """The `.pre-commit-config.yaml` of a new workspace: cjm's own hooks at this version,
    installed by pre-commit itself, so that they run where cjm is not installed."""
    hooks = "".join(f"      - id: {hook}\n" for hook in HOOK_IDS)
    return (
        "# pre-commit reads this file at the root of the git repository.\n"
        f"repos:\n  - repo: {PRECOMMIT_REPOSITORY}\n    rev: v{__version__}\n"
        f"    hooks:\n{hooks}"
    )


def workspace_files(*, name: str, locale: str, framework: str | None) -> dict[str, str]:
    """The files of a new workspace, by relative path."""
    it = _italian(locale)
    persona_id = "cliente-tipo" if it else "typical-customer"
    journey_id = "primo-acquisto" if it else "first-purchase"
    config = (
        f"# yaml-language-server: $schema=.cjm/schemas/config.schema.json\n"
        f"# cjm workspace: every *.yaml under this folder with a `kind:` is a map.\n"
        f"name: {_q(name)}\nlocale: {locale}\nemotion_scale:\n  min: -2\n  max: 2\n"
        "paths:\n  exclude: []\n"
    )
    catalog = document("channels", "channels", locale=locale)
    channels = Surroundings(
        documents={"channels": "channels.yaml"},
        channels=tuple(c for c, _ in STARTER_CHANNELS),
    )
    with_persona = Surroundings(
        documents={**channels.documents, persona_id: f"personas/{persona_id}.yaml"},
        channels=channels.channels,
        personas=(persona_id,),
    )
    return {
        CONFIG_FILE: config,
        "channels.yaml": catalog,
        f"personas/{persona_id}.yaml": document(
            "persona", persona_id, locale=locale, around=channels
        ),
        f"journeys/{journey_id}.yaml": document(
            "journey", journey_id, locale=locale, framework=framework, around=with_persona
        ),
        ".pre-commit-config.yaml": precommit_config(),
    }
