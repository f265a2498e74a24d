"""Inline suppressions in YAML comments.

    emotion: 2  # cjm-lint: disable=emotion-drop -- the drop is the point here
    # cjm-lint: disable-next-line=pain-point-unaddressed -- tracked in JIRA-12
    # cjm-lint: disable-file=placeholder-text -- a template

Without `=rules` a suppression covers every rule. A reason after `--` is
kept. Only real YAML comments count: the same words inside a quoted or block
text are text. A suppression that suppresses nothing, and a `cjm-lint:`
comment that is not one of the forms above, are reported themselves, so stale
or mistyped ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

MARKER = "cjm-lint"
_FORM = re.compile(
    r"#\s*cjm-lint:\s*(?P<scope>disable-next-line|disable-file|disable)"
    r"(?:\s*=\s*(?P<rules>[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?"
    r"\s*(?:--\s*(?P<reason>.*?))?\s*$"
)

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Suppression:
    """One suppression comment: where it is and what it covers.

    ``scope`` is empty for a `cjm-lint:` comment that could not be read.
    """

    line: int
    column: int
    scope: str
    rules: frozenset[str] | None
    reason: str

    @property
    def malformed(self) -> bool:
        return not self.scope

    @property
    def target_line(self) -> int | None:
        """The line it covers; None for a whole file."""
        if self.scope == "disable-file":
            return None
        return self.line + 1 if self.scope == "disable-next-line" else self.line

    def covers(self, rule: str, line: int) -> bool:
        if self.malformed or (self.rules is not None and rule not in self.rules):
            return False
        return self.target_line is None or self.target_line == line


def parse(text: str) -> list[Suppression]:
    """Every suppression comment in a file's text, in order."""
    if MARKER not in text.lower():
        return []
    found = []
    for line, column, comment in _comments(text):
        if MARKER not in comment.lower():
            continue
        match = _FORM.match(comment)
        if match is None:
            found.append(Suppression(line, column, "", None, comment))
            continue
        names = match.group("rules")
        rules = frozenset(n.strip() for n in names.split(",")) if names else None
        found.append(
            Suppression(
                line, column, match.group("scope"), rules, (match.group("reason") or "").strip()
            )
        )
    return found


def _comments(text: str) -> list[tuple[int, int, str]]:
    """(line, column, text) of every YAML comment, 1-based.

    A `#` is a comment where the YAML scanner says no token (a quoted or block
    text) covers it and it starts the line or follows a blank.
    """
    covered = _token_spans(text)
    comments = []
    for number, line in enumerate(text.splitlines(), 1):
        start = 0
        while (hash_at := line.find("#", start)) >= 0:
            start = hash_at + 1
            if hash_at > 0 and not line[hash_at - 1].isspace():
                continue
            here = (number, hash_at + 1)
            if any(a <= here < b for a, b in covered.get(number, ())):
                continue
            comments.append((number, hash_at + 1, line[hash_at:]))
            break
    return comments


_Position = tuple[int, int]


def _token_spans(text: str) -> dict[int, list[tuple[_Position, _Position]]]:
    """(line, column) spans of scalar tokens, by each line they touch."""
    spans: dict[int, list[tuple[_Position, _Position]]] = {}
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken):
                start = (token.start_mark.line + 1, token.start_mark.column + 1)
                end = (token.end_mark.line + 1, token.end_mark.column + 1)
                for line in range(start[0], end[0] + 1):
                    spans.setdefault(line, []).append((start, end))
    except yaml.YAMLError:
        pass  # the loader reports it; every `#` that looks like a comment counts
    return spans
