"""What `cjm diff` finds: one :class:`Change` per thing that changed for the customer.

A change is about a *subject* (a journey, a stage, a step, a touchpoint, a
persona...) and says what happened to it with a *verb*: added, removed,
changed, renamed (its id changed, its content stayed), moved (to another
parent), reordered (the order of its items). Its kind and level follow from
what it holds, so that swapping the two sides gives exactly the inverse change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from cjm.present.numbers import bounded

INFO = "info"
WARNING = "warning"

VERBS = ("added", "removed", "changed", "renamed", "moved", "reordered")
INVERSE_VERB = {"added": "removed", "removed": "added"}

DOCUMENT_SUBJECTS = {
    "journey": "journey",
    "persona": "persona",
    "empathy-map": "empathy-map",
    "reality-map": "reality-map",
    "channels": "channel-catalog",
}
"""The subject a document of each kind is, in change kinds (`channel-catalog-changed`)."""

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3, "critical": 4}


@dataclass(frozen=True)
class Side:
    """One side of a change: the value there and where it is."""

    value: Any
    location: str
    ids: tuple[str, ...]
    json_path: tuple[str | int, ...] = ()
    stage: str | None = None
    label: str | None = None  # the item's name or description, as the author wrote it


@dataclass(frozen=True)
class Change:
    """One change between the old and the new side."""

    subject: str
    verb: str
    document_kind: str
    old: Side | None
    new: Side | None
    field: str | None = None
    persona: str | None = None
    affects: tuple[str, ...] = ()

    @property
    def side(self) -> Side:
        """The new side when there is one, else the old."""
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def ids(self) -> tuple[str, ...]:
        """The path of ids to the subject: document, stage, step, item (new side first)."""
        return self.side.ids

    @property
    def document(self) -> str:
        return self.side.ids[0]

    @property
    def stage(self) -> str | None:
        return self.side.stage

    @property
    def kind(self) -> str:
        if self.field == "emotion":
            return "emotion-changed"
        if self.subject == "opportunity" and self.field == "addresses":
            return "opportunity-relinked"
        if self.subject == "touchpoint" and self.field == "channels":
            return (
                "touchpoint-channel-adopted"
                if adopted_only(self)
                else "touchpoint-channels-changed"
            )
        return f"{self.subject}-{self.verb}"

    @property
    def level(self) -> str:
        return WARNING if regression(self) else INFO

    def inverted(self) -> Change:
        """The same change seen from the other side."""
        return replace(
            self, verb=INVERSE_VERB.get(self.verb, self.verb), old=self.new, new=self.old
        )


def _value(side: Side | None) -> Any:
    return None if side is None else side.value


def emotion_delta(change: Change) -> float | None:
    old, new = _value(change.old), _value(change.new)
    if isinstance(old, int) and isinstance(new, int):
        return new - old
    if isinstance(old, int | float) and isinstance(new, int | float):
        return bounded(new) - bounded(old)  # a float beside an integer too large for one
    return None


def channel_lists(side: Side | None) -> tuple[list[str], list[str]]:
    value = _value(side)
    if not isinstance(value, Mapping):
        return [], []
    return list(value.get("channels") or []), list(value.get("potential_channels") or [])


def adopted(change: Change) -> list[str]:
    """Potential channels of the old side that the new side uses."""
    old_in_use, old_potential = channel_lists(change.old)
    new_in_use, _ = channel_lists(change.new)
    return [c for c in new_in_use if c not in old_in_use and c in old_potential]


def adopted_only(change: Change) -> bool:
    """Whether a touchpoint's channel change is only potential channels put in use."""
    old_in_use, old_potential = channel_lists(change.old)
    new_in_use, new_potential = channel_lists(change.new)
    taken = adopted(change)
    return (
        bool(taken)
        and set(new_in_use) == set(old_in_use) | set(taken)
        and set(new_potential) == set(old_potential) - set(taken)
    )


def regression(change: Change) -> bool:
    """An experience regression: the emotion drops, a pain point appears or gets worse,
    a touchpoint loses its only channel."""
    if change.field == "emotion":
        delta = emotion_delta(change)
        return delta is not None and delta < 0
    if change.subject == "pain-point":
        if change.verb == "added":
            return True
        if change.field == "severity":
            old = SEVERITY_RANK.get(str(_value(change.old)), 0)
            new = SEVERITY_RANK.get(str(_value(change.new)), 0)
            return new > old
    if change.subject == "touchpoint" and change.field == "channels":
        return bool(channel_lists(change.old)[0]) and not channel_lists(change.new)[0]
    return False
