"""Inline suppressions in YAML comments.

    emotion: 2  # cjm-lint: disable=emotion-drop -- the drop is the point here
    # cjm-lint: disable-next-line=pain-point-unaddressed -- tracked in JIRA-12
    # cjm-lint: disable-file=placeholder-text -- a template

Without `=rules` a suppression covers every rule. A reason after `--` is
kept. A suppression that suppresses nothing is reported itself
(`unused-suppression`), so stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = "cjm-lint:"
_COMMENT = re.compile(
    r"#\s*cjm-lint:\s*(?P<scope>disable-next-line|disable-file|disable)"
    r"(?:\s*=\s*(?P<rules>[A-Za-z0-9_,\s-]+?))?\s*(?:--\s*(?P<reason>.*?))?\s*$")


@dataclass(frozen=True)
class Suppression:
    """One suppression comment: where it is and what it covers."""

    line: int
    column: int
    scope: str
    rules: frozenset[str] | None
    reason: str

    @property
    def target_line(self) -> int | None:
        """The line it covers; None for a whole file."""
        if self.scope == "disable-file":
            return None
        return self.line + 1 if self.scope == "disable-next-line" else self.line

    def covers(self, rule: str, line: int) -> bool:
        if self.rules is not None and rule not in self.rules:
            return False
        return self.target_line is None or self.target_line == line


def parse(text: str) -> list[Suppression]:
    """Every suppression comment in a file's text, in order."""
    if MARKER not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if MARKER not in line:
            continue
        match = _COMMENT.search(line)
        if match is None or not _is_comment(line, match.start()):
            continue
        names = match.group("rules")
        rules = frozenset(n.strip() for n in names.split(",") if n.strip()) if names else None
        found.append(Suppression(number, match.start() + 1, match.group("scope"), rules,
                                 (match.group("reason") or "").strip()))
    return found


def _is_comment(line: str, hash_at: int) -> bool:
    """Whether the `#` at ``hash_at`` starts a YAML comment (not text inside quotes)."""
    before = line[:hash_at]
    if before and not before[-1].isspace():
        return False
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0
