"""The emotion lines of a journey, as the emotion rules read them.

A step scores the emotion either once (for every persona of the journey) or
per persona. When no step scores per persona the journey has a single line;
otherwise it has one line per persona, and a single score counts on each.
"""

from __future__ import annotations

from collections.abc import Mapping

from cjm.core import facts
from cjm.core.model import JsonPath, Step

personas = facts.emotion_lines
line = facts.emotion_line
moves = facts.emotion_moves


def score_path(step: Step, persona: str | None) -> JsonPath:
    """Where the step's score for ``persona`` is written."""
    if persona is not None and isinstance(step.emotion, Mapping) and persona in step.emotion:
        return (*step.path, "emotion", persona)
    return (*step.path, "emotion")


def for_whom(persona: str | None) -> str:
    """The words that say whose line a message is about."""
    return "" if persona is None else f" for persona {persona!r}"
