"""An id that does not follow the workspace's id style.

Ids are how files refer to each other, how `cjm diff` follows an item that
moved and how a baseline remembers a finding; they are typed and read by
people. One style across the workspace makes them guessable and stops
near-duplicates such as `pp-queue` and `pp_queue`. Option `style` is `kebab`
(default: lowercase letters and digits, words joined by `-`), `snake` (joined
by `_`), `camel` (`ppQueue`) or `any` (no check). Document ids and the ids of
every item are checked: stages, steps, touchpoints, pain points,
opportunities, processes, metrics, channels, sources, findings, assumptions.

Failing:

    kind: journey
    id: Acquisto_Running
    title: Acquisto running
    stages:
      - id: Bisogno
        name: Bisogno

Passing:

    kind: journey
    id: acquisto-running
    title: Acquisto running
    stages:
      - id: bisogno
        name: Bisogno
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.items import label, nodes, subject
from cjm.lint.rule import Level, Option, one_of

ID = "id-style"
STYLES = {
    "kebab": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"),
    "snake": re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*"),
    "camel": re.compile(r"[a-z][a-zA-Z0-9]*"),
    "any": re.compile(r".*", re.DOTALL),
}
_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = (
    Option(
        "style", str, "kebab", "how ids are written: kebab, snake, camel or any", one_of(STYLES)
    ),
)


def check(context: Context, options: Options) -> Iterator[Finding]:
    style = options["style"]
    pattern = STYLES[style]
    for document in context.documents:
        for node in nodes(document):
            own = getattr(node, "id", None)
            if not isinstance(own, str) or pattern.fullmatch(own):
                continue
            suggestion = restyle(own, style)
            hint = f" such as {suggestion!r}" if pattern.fullmatch(suggestion) else ""
            yield Finding(
                document.file,
                (*node.path, "id"),
                f"{label(node)} id {own!r} is not {style} case; rename it{hint} "
                "and update every reference to it",
                subject(document, node),
            )


def restyle(identifier: str, style: str) -> str:
    """``identifier`` written in ``style`` (empty when it has no letters or digits)."""
    words: list[str] = [word.lower() for word in _WORDS.findall(identifier)]
    if not words:
        return ""
    if style == "snake":
        return "_".join(words)
    if style == "camel":
        return words[0] + "".join(word.capitalize() for word in words[1:])
    return "-".join(words)
