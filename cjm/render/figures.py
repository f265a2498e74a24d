"""Figures as a locale writes them: grouped thousands, decimal marks, shares, signed scores.

One set of rules for every output that prints figures (the HTML pages through
their Jinja filters, the text and Markdown report), so a figure reads the same
everywhere. Only the marks differ by output: what stands for a missing figure,
and the minus sign (HTML uses the typographic one).
"""

from __future__ import annotations

from cjm.render.labels import language


def localised(text: str, locale: str) -> str:
    """English digits made Italian: 1,234.5 becomes 1.234,5."""
    if language(locale) == "it":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def number(value: float | None, locale: str = "en", *, missing: str = "") -> str:
    """Thousands grouped, at most two decimals, no trailing zero or dangling mark."""
    if value is None:
        return missing
    text = (
        f"{value:,.0f}" if float(value).is_integer() else (f"{value:,.2f}".rstrip("0").rstrip("."))
    )
    return localised(text, locale)


def percent(fraction: float | None, locale: str = "en", *, missing: str = "\u2013") -> str:
    """A share (0.3556) as a percentage with one decimal: 35.6% (35,6% in Italian)."""
    if fraction is None:
        return missing
    return localised(f"{fraction * 100:,.1f}", locale) + "%"


def score(
    value: float | None, locale: str = "en", *, minus: str = "\u2212", missing: str = "\u2013"
) -> str:
    """An emotion score or its change, signed as people write it: +1, 0, -0.25."""
    if value is None:
        return missing
    text = number(abs(value), locale)
    if text == "0":
        return text
    return ("+" if value > 0 else minus) + text
