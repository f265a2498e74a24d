"""Figures as a locale writes them: grouped thousands, decimal marks, shares, signed scores.

One set of rules for every output that prints figures (the HTML pages through
their Jinja filters, the text and Markdown report, the Markdown, Mermaid and
Graphviz renders, the SVG emotion curve), so a figure reads the same
everywhere: an Italian workspace shows ``+1,5`` and minus 0,5 the same way on
its pages, in its report and in its Markdown. A negative figure takes the minus
sign (U+2212, not the hyphen) in every output: it is as wide as ``+`` in a
column of scores, and a Markdown line or cell that starts with it is not a list
item. Only what stands for a missing figure differs by output.
"""

from __future__ import annotations

from cjm.present.locale import language

MINUS = "\u2212"
MISSING = "\u2013"


def localised(text: str, locale: str) -> str:
    """English digits made Italian: 1,234.5 becomes 1.234,5."""
    if language(locale) == "it":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _magnitude(value: float, locale: str) -> str:
    """Thousands grouped, at most two decimals, no trailing zero or dangling mark."""
    value = abs(value)
    text = (
        f"{value:,.0f}" if float(value).is_integer() else (f"{value:,.2f}".rstrip("0").rstrip("."))
    )
    return localised(text, locale)


def number(value: float | None, locale: str = "en", *, missing: str = "") -> str:
    """A figure: 1,234.5 (1.234,5 in Italian), with the minus sign when negative."""
    if value is None:
        return missing
    text = _magnitude(value, locale)
    return MINUS + text if value < 0 and text != "0" else text


def percent(fraction: float | None, locale: str = "en", *, missing: str = MISSING) -> str:
    """A share (0.3556) as a percentage with one decimal: 35.6% (35,6% in Italian)."""
    if fraction is None:
        return missing
    return localised(f"{fraction * 100:,.1f}", locale) + "%"


def score(value: float | None, locale: str = "en", *, missing: str = MISSING) -> str:
    """An emotion score or a change, signed as people write it: +1, 0, +0.25 (+0,25 in
    Italian), and the minus sign for a negative one. Zero, and what rounds to it, has no
    sign."""
    if value is None:
        return missing
    text = _magnitude(value, locale)
    if text == "0":
        return text
    return ("+" if value > 0 else MINUS) + text
