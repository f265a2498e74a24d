"""Placeholder text left in a map: TODO, TBD, FIXME, XXX, lorem ipsum, ???, "da definire".

A map with placeholders is a draft that looks finished: stakeholders read the
rendered deliverable, not the YAML, and "TBD" in a pain point or an owner is a
decision nobody took. Every text an author writes is checked: titles, names,
descriptions, actions, thoughts, quotes, goals, says and thinks, statements,
owners, periods, demographic values... Ids, references to ids, fixed values
(`type`, `severity`...), tags and `x-` fields are not. Option `patterns` is a
list of regular expressions, matched anywhere in the text and ignoring case;
the defaults match `TODO` in capitals only (in Spanish or Portuguese "todo"
is a word), and `???` only on its own, not right after a word ("Perché???").
The text `cjm init` and `cjm new` leave for you to write is marked so that the
defaults catch it: "(TODO)" in English, "(da completare)" in Italian.

Patterns of your own run on RE2, which takes time in proportion to the text
whatever the pattern (a pattern such as `^(a+)+$` cannot stall a commit), and
so has no look-around and no back-references; `\\b` and `\\w` are ASCII-only
there. A pattern RE2 cannot run is a configuration error at its line.

Failing:

    pain_points:
      - id: pp-attesa-telefono
        description: TODO chiedere i dati al call center
    opportunities:
      - id: op-whatsapp
        description: Da definire con la rete negozi
        owner: "???"

Passing:

    pain_points:
      - id: pp-attesa-telefono
        description: Il sabato una chiamata su tre viene abbandonata.
        severity: high
    opportunities:
      - id: op-whatsapp
        description: Estendere a tutti i negozi il WhatsApp del pilota di Torino.
        owner: Rete negozi
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from cjm.core.model import Node
from cjm.lint.base import Context, Finding, JsonPath, Options
from cjm.lint.items import label, nodes, subject
from cjm.lint.rule import Level, Option

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

ID = "placeholder-text"
DEFAULT_PATTERNS = [
    r"(?-i:\bTODO\b)",
    r"\b(?:TBD|FIXME|XXX|lorem ipsum|da definire|da completare)\b",
    r"(?<![\w?])\?\?\?",
]
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = (
    Option(
        "patterns",
        list,
        DEFAULT_PATTERNS,
        "regular expressions of placeholder text, matched anywhere in a text, ignoring case",
        lambda value: _patterns_problem(value),
    ),
)
NOT_TEXT = frozenset(
    {
        "kind",
        "id",
        "locale",
        "reviewed",
        "tags",
        "state",
        "counterpart",
        "personas",
        "framework",
        "framework_stage",
        "type",
        "channels",
        "potential_channels",
        "severity",
        "addresses",
        "priority",
        "evidence",
        "persona",
        "preferred_channels",
        "party",
        "legal_basis",
        "sources",
        "confidence",
        "risk",
        "ownership",
        "emotion",
        "proto",
        "personal_data",
    }
)
_TEXT_FIELDS: dict[type[Node], tuple[str, ...]] = {}


def _compiled(pattern: str) -> Callable[[str], Any]:
    """The search function of one pattern, ignoring case. The default patterns are
    cjm's own and need Python's `re` (a look-behind, Unicode word boundaries); any
    other runs on RE2, in linear time: a team's pattern must never stall lint."""
    if pattern in DEFAULT_PATTERNS:
        return re.compile(pattern, re.IGNORECASE).search
    import re2  # only when a workspace has patterns of its own: it costs start-up time

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    return re2.compile(pattern, options).search


def _patterns_problem(value: Any) -> str | None:
    """Why ``value`` cannot be the `patterns` option, or None when it can."""
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        return f"takes a list of regular expressions, not {value!r}"
    own = [pattern for pattern in value if pattern not in DEFAULT_PATTERNS]
    if not own:
        return None
    import re2

    for pattern in own:
        try:
            _compiled(pattern)
        except re2.error as e:
            reason = e.args[0] if e.args else e
            if isinstance(reason, bytes):
                reason = reason.decode("utf-8", "replace")
            return (
                f"takes regular expressions; {pattern!r} is not a regular expression that "
                f"RE2 runs in linear time ({reason}; RE2 has no look-around and no "
                "back-references)"
            )
    return None


def check(context: Context, options: Options) -> Iterator[Finding]:
    patterns: Sequence[Callable[[str], Any]] = [_compiled(p) for p in options["patterns"]]
    default = list(options["patterns"]) == DEFAULT_PATTERNS
    for document in context.documents:
        raw = context.raw.get(document.file)
        if default and raw is not None and not _may_hold(raw):
            continue
        for node in nodes(document):
            for path, text in _texts(node):
                match = next((m for search in patterns if (m := search(text))), None)
                if match is None:
                    continue
                yield Finding(
                    document.file,
                    (*node.path, *path),
                    f"`{path[0]}` of {_named(node)} looks like placeholder text "
                    f"({match.group(0)!r}); write the real content or remove it",
                    (*subject(document, node), str(path[0])),
                )


# Every match of the default patterns contains one of these (lower-cased).
_DEFAULT_KEYS = ("todo", "tbd", "fixme", "xxx", "lorem", "da definire", "da completare", "???")


def _may_hold(raw: Mapping[str, Any]) -> bool:
    """Whether the default patterns may match anywhere in the document: one look at all
    of it before the item-by-item walk, which most documents then skip. (Patterns of
    a team's own may be anchored to a whole text, so they always get the walk.)"""
    lowered = json.dumps(raw, ensure_ascii=False).lower()
    return any(key in lowered for key in _DEFAULT_KEYS)


def _texts(node: Node) -> Iterator[tuple[JsonPath, str]]:
    """The author-written strings of the node itself (not of the items inside it)."""
    for name in _text_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, str):
            yield (name,), value
        elif isinstance(value, tuple):
            for n, item in enumerate(value):
                if isinstance(item, str):
                    yield (name, n), item
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(item, str):
                    yield (name, key), item


def _named(node: Node) -> str:
    own = getattr(node, "id", None)
    return f"{label(node)} {own!r}" if isinstance(own, str) else label(node)


def _text_fields(cls: type[Node]) -> tuple[str, ...]:
    if cls not in _TEXT_FIELDS:
        _TEXT_FIELDS[cls] = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if f.name not in NOT_TEXT and f.name not in ("path", "extensions", "file")
        )
    return _TEXT_FIELDS[cls]
