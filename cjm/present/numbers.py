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


LARGEST_EXACT = 10**15
"""The largest figure the schemas let a document hold (a test keeps them equal). Beyond
it a figure is written 1.23e+18, since no float is that exact, and drawn at the edge."""


def _magnitude(value: float, locale: str) -> str:
    """Thousands grouped, at most two decimals, no trailing zero or dangling mark.

    A figure of any size is written without converting it to a float first: a
    400-digit integer of nines is 1e+400, not an OverflowError.
    """
    value = abs(value)
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "\u221e"
    if value >= LARGEST_EXACT:
        return localised(scientific(value), locale)
    if isinstance(value, int):
        return localised(f"{value:,}", locale)
    text = f"{value:,.0f}" if value.is_integer() else (f"{value:,.2f}".rstrip("0").rstrip("."))
    return localised(text, locale)


def scientific(value: float) -> str:
    """A large figure as mantissa and power of ten, three significant digits: 1.23e+18."""
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 3
        exact = +Decimal(value)  # unary plus rounds to the context's precision
    mantissa, _, exponent = f"{exact:.2e}".partition("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return f"{mantissa}e{exponent}"


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
    if abs(fraction) * 100 < LARGEST_EXACT:
        return localised(f"{fraction * 100:,.1f}", locale) + "%"
    return ("-" if fraction < 0 else "") + _magnitude(fraction * 100, locale) + "%"


def score(value: float | None, locale: str = "en", *, missing: str = MISSING) -> str:
    """An emotion score or a change, signed as people write it: +1, 0, +0.25 (+0,25 in
    Italian), and the minus sign for a negative one. Zero, and what rounds to it, has no
    sign."""
    if value is None:
        return missing
    text = _magnitude(value, locale)
    if text in ("0", "NaN"):
        return text
    return ("+" if value > 0 else MINUS) + text


def bounded(value: float) -> float:
    """``value`` as a float to compute a drawing with: integers of any size (a
    400-digit scale bound), floats and infinities held within ±LARGEST_EXACT, NaN as 0."""
    if value != value:
        return 0.0
    return float(max(-LARGEST_EXACT, min(LARGEST_EXACT, value)))


def position(value: float | None, scale: tuple[float, float]) -> float:
    """Where ``value`` sits on ``scale``, from 0 (its low end) to 1 (its high end); the
    middle when there is no value or the scale has no width."""
    low, high = bounded(scale[0]), bounded(scale[1])
    if value is None or not high > low:
        return 0.5
    return min(max((bounded(value) - low) / (high - low), 0.0), 1.0)
