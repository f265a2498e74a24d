"""`cjm init` and `cjm new`: starting documents that validate as they are."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cjm.core.errors import UsageError
from cjm.core.frameworks import BUILTIN, Framework
from cjm.core.kinds import CONFIG_FILE, DOCUMENT_KINDS
from cjm.core.suggest import did_you_mean

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

_TEXT = {
    "en": {
        "journey": "New journey",
        "persona": "New persona",
        "empathy-map": "Empathy map",
        "reality-map": "Research and data",
        "channels": "Channel catalog",
        "step": "First step",
        "action": "What the customer does",
        "thought": "What they think",
        "touchpoint": "Website",
        "website": "Website",
        "store": "Store",
        "email": "Email",
        "segment": "Who this persona stands for",
        "goal": "What they want to achieve",
        "source": "CRM",
        "finding": "What the data shows",
    },
    "it": {
        "journey": "Nuovo customer journey",
        "persona": "Nuova persona",
        "empathy-map": "Mappa dell'empatia",
        "reality-map": "Ricerca e dati",
        "channels": "Catalogo dei canali",
        "step": "Primo passo",
        "action": "Cosa fa il cliente",
        "thought": "Cosa pensa",
        "touchpoint": "Sito web",
        "website": "Sito web",
        "store": "Negozio",
        "email": "Email",
        "segment": "Chi rappresenta questa persona",
        "goal": "Cosa vuole ottenere",
        "source": "CRM",
        "finding": "Cosa mostrano i dati",
    },
}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _modeline(kind: str, depth: int) -> str:
    up = "../" * depth
    return f"# yaml-language-server: $schema={up}.cjm/schemas/{SCHEMA_FILES[kind]}.schema.json\n"


def _labels(locale: str) -> dict[str, str]:
    return _TEXT["it" if locale.lower().startswith("it") else "en"]


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
    channel: str = "website",
    title: str | None = None,
    scale: tuple[int, int] = (-2, 2),
) -> str:
    """The YAML text of a new document of ``kind`` that validates on its own terms."""
    if kind not in DOCUMENT_KINDS:
        raise UsageError(
            f"unknown kind {kind!r}{did_you_mean(kind, DOCUMENT_KINDS)}; "
            f"cjm kinds: {', '.join(DOCUMENT_KINDS)}"
        )
    check_id(id_)
    check_locale(locale)
    if persona is not None:
        check_id(persona)
    t = _labels(locale)
    it = locale.lower().startswith("it")
    depth = 0 if FOLDERS[kind] == "." else 1
    head = _modeline(kind, depth) + f"kind: {kind}\nid: {id_}\n"
    if kind == "journey":
        return head + _journey(
            id_,
            t,
            locale=locale,
            framework=framework,
            frameworks=frameworks or BUILTIN,
            persona=persona,
            channel=channel,
            title=title or t["journey"],
            it=it,
            emotion=(scale[0] + scale[1]) // 2,
        )
    if kind == "persona":
        return head + (
            f"name: {_q(title or t['persona'])}\nsegment: {_q(t['segment'])}\n"
            f"goals:\n  - {_q(t['goal'])}\npreferred_channels: [{channel}]\n"
        )
    if kind == "empathy-map":
        who = persona or "persona"
        return head + (
            f"title: {_q(title or t['empathy-map'])}\npersona: {who}\n"
            f"goal: {_q(t['goal'])}\nsays: []\nthinks: []\ndoes: []\nfeels: []\n"
            "sees: []\nhears: []\npains: []\ngains: []\n"
        )
    if kind == "reality-map":
        return head + (
            f"title: {_q(title or t['reality-map'])}\nsources:\n  - id: crm\n"
            f"    name: {_q(t['source'])}\n    party: first\n"
            "    personal_data: true\n    legal_basis: contract\nfindings:\n"
            f"  - id: {id_}-finding-1\n    statement: {_q(t['finding'])}\n"
            "    sources: [crm]\nassumptions: []\n"
        )
    return head + (
        f"title: {_q(title or t['channels'])}\nchannels:\n"
        f"  - id: website\n    name: {_q(t['website'])}\n    type: digital\n"
        "    ownership: owned\n"
        f"  - id: store\n    name: {_q(t['store'])}\n    type: physical\n"
        "    ownership: owned\n"
        f"  - id: email\n    name: {_q(t['email'])}\n    type: digital\n"
        "    ownership: owned\n"
    )


def _journey(
    id_: str,
    t: dict[str, str],
    *,
    locale: str,
    framework: str | None,
    frameworks: dict[str, Framework],
    persona: str | None,
    channel: str,
    title: str,
    it: bool,
    emotion: int,
) -> str:
    if framework is not None and framework not in frameworks:
        raise UsageError(f"unknown framework {framework!r}; available: {', '.join(frameworks)}")
    fw = frameworks[framework or "linear-five"]
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
                f"          - id: {stage.id}-1-{channel}",
                f"            name: {_q(t['touchpoint'])}",
                f"            channels: [{channel}]",
            ]
        else:
            lines.append("    steps: []")
    return "\n".join(lines) + "\n"


def new_path(root: Path, kind: str, id_: str) -> Path:
    folder = FOLDERS[kind]
    return root / (f"{id_}.yaml" if folder == "." else f"{folder}/{id_}.yaml")


def workspace_files(*, name: str, locale: str, framework: str | None) -> dict[str, str]:
    """The files of a new workspace, by relative path."""
    it = locale.lower().startswith("it")
    persona_id = "cliente-tipo" if it else "typical-customer"
    journey_id = "primo-acquisto" if it else "first-purchase"
    config = (
        f"# yaml-language-server: $schema=.cjm/schemas/config.schema.json\n"
        f"# cjm workspace: every *.yaml under this folder with a `kind:` is a map.\n"
        f"name: {_q(name)}\nlocale: {locale}\nemotion_scale:\n  min: -2\n  max: 2\n"
        "paths:\n  exclude: []\n"
    )
    precommit = (
        "repos:\n  - repo: local\n    hooks:\n      - id: cjm-validate\n"
        "        name: cjm validate\n        entry: cjm validate\n"
        "        language: system\n        files: \\.ya?ml$\n"
        "        pass_filenames: false\n"
    )
    return {
        CONFIG_FILE: config,
        "channels.yaml": document("channels", "channels", locale=locale),
        f"personas/{persona_id}.yaml": document("persona", persona_id, locale=locale),
        f"journeys/{journey_id}.yaml": document(
            "journey", journey_id, locale=locale, framework=framework, persona=persona_id
        ),
        ".pre-commit-config.yaml": precommit,
    }
