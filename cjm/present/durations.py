"""Times between steps, written as ISO 8601 durations (`P3D`), said in words.

`P3D` reads "3 days later" in English and "3 giorni dopo" in Italian; the parts
of a combined duration follow each other from the largest: `P1DT2H` is "1 day
2 hours later". A month is a month (`P1M`), never turned into days.
"""

from __future__ import annotations

import re

from cjm.present.labels import labels_for

_PATTERN = re.compile(
    r"^P(?:(?P<year>\d+)Y)?(?:(?P<month>\d+)M)?(?:(?P<week>\d+)W)?(?:(?P<day>\d+)D)?"
    r"(?:T(?:(?P<hour>\d+)H)?(?:(?P<minute>\d+)M)?(?:(?P<second>\d+)S)?)?$"
)
UNITS = ("year", "month", "week", "day", "hour", "minute", "second")


def parts(duration: str) -> tuple[tuple[str, int], ...] | None:
    """The (unit, amount) parts of ``duration`` that are written, largest first; None
    when it is not an ISO 8601 duration."""
    found = _PATTERN.match(duration.strip())
    if found is None or duration.strip() in ("P", "PT"):
        return None
    return tuple((unit, int(found[unit])) for unit in UNITS if found[unit] is not None)


def length(duration: str, locale: str | None) -> str:
    """The duration's length in words: `1 day 2 hours`, `1 giorno 2 ore`; the text as
    written when it is not a duration."""
    found = parts(duration)
    if found is None:
        return duration
    labels = labels_for(locale)
    words = [
        f"{amount} {labels['duration.' + (unit if amount == 1 else unit + 's')]}"
        for unit, amount in found
        if amount
    ]
    return " ".join(words)


def since_previous(duration: str, locale: str | None) -> str:
    """When a step comes after the one before: `3 days later`, `3 giorni dopo`; a
    duration of nothing is `right after`."""
    found = parts(duration)
    if found is None:
        return duration
    labels = labels_for(locale)
    if not any(amount for _unit, amount in found):
        return labels["duration.now"]
    return labels["duration.later"].format(duration=length(duration, locale))
