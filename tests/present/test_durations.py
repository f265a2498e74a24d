"""The time between steps in words, in both languages."""

from __future__ import annotations

import pytest

from cjm.present.durations import length, parts, since_previous


@pytest.mark.parametrize(
    ("duration", "english", "italian"),
    [
        ("PT30M", "30 minutes later", "30 minuti dopo"),
        ("PT1H", "1 hour later", "1 ora dopo"),
        ("PT2H", "2 hours later", "2 ore dopo"),
        ("P1D", "1 day later", "1 giorno dopo"),
        ("P3D", "3 days later", "3 giorni dopo"),
        ("P1W", "1 week later", "1 settimana dopo"),
        ("P2W", "2 weeks later", "2 settimane dopo"),
        ("P1M", "1 month later", "1 mese dopo"),
        ("P6M", "6 months later", "6 mesi dopo"),
        ("P1Y", "1 year later", "1 anno dopo"),
        ("P2Y", "2 years later", "2 anni dopo"),
        ("PT45S", "45 seconds later", "45 secondi dopo"),
        ("P1DT2H", "1 day 2 hours later", "1 giorno 2 ore dopo"),
        ("P1Y6M", "1 year 6 months later", "1 anno 6 mesi dopo"),
        ("PT1H30M", "1 hour 30 minutes later", "1 ora 30 minuti dopo"),
        ("P1DT0H", "1 day later", "1 giorno dopo"),
    ],
)
def test_since_previous_in_words(duration: str, english: str, italian: str) -> None:
    assert since_previous(duration, "en") == english
    assert since_previous(duration, "it") == italian
    assert since_previous(duration, "it-CH") == italian


def test_month_and_minute_are_told_apart() -> None:
    assert length("P1M", "en") == "1 month"
    assert length("PT1M", "en") == "1 minute"
    assert length("P1MT1M", "it") == "1 mese 1 minuto"


def test_nothing_between_is_right_after() -> None:
    assert since_previous("P0D", "en") == "right after"
    assert since_previous("PT0M", "it") == "subito dopo"


def test_text_that_is_not_a_duration_is_shown_as_written() -> None:
    assert parts("3 days") is None
    assert parts("P") is None
    assert since_previous("3 days", "en") == "3 days"
