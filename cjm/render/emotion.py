"""The emotion curve: an inline SVG per stage, drawn from the steps' scores.

Each stage (or part of a stage that fits a printed page) gets its own SVG
spanning its step columns, so the curve splits across pages with the grid.
Adjacent SVGs join: each draws the half segment to its neighbour's score.
Every series is told apart by its dash pattern and marker shape as well as its
colour, and the SVG carries a text alternative listing every score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from cjm.core import facts
from cjm.core.model import Journey, Step
from cjm.core.paths import Graph
from cjm.present import numbers
from cjm.present.escape import html as escape
from cjm.present.marks import MOMENT_MARKS

COLUMN = 240  # SVG units per step column (a column is 15rem on screen)
HEIGHT = 168
PAD = 22


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: str
    marker: str  # circle, square, triangle, diamond, ring


STYLES = (
    LineStyle("#1d4f91", "", "circle"),
    LineStyle("#a8431a", "7 4", "square"),
    LineStyle("#2d6a2e", "2 4", "triangle"),
    LineStyle("#6b2c91", "10 3 2 3", "diamond"),
)
OVERLAY = LineStyle("#595959", "4 4", "ring")


@dataclass(frozen=True)
class Series:
    """One line: a label and a score per step id (None: no score there)."""

    label: str
    scores: Mapping[str, float | None]
    style: LineStyle
    overlay: bool = False


def journey_series(
    journey: Journey, persona_names: Mapping[str, str], overlay: Journey | None, overlay_label: str
) -> list[Series]:
    """The journey's lines: one per persona when scores are per persona, else one;
    plus the counterpart's line(s) matched by step id when ``overlay`` is given."""
    series = _own_series(journey, persona_names, STYLES)
    if overlay is not None:
        matched = {s.id: s for s in overlay.steps}
        for line in _own_series(overlay, persona_names, (OVERLAY,) * len(STYLES)):
            scores = {
                step.id: (line.scores.get(step.id) if step.id in matched else None)
                for step in journey.steps
            }
            if any(v is not None for v in scores.values()):
                label = f"{overlay_label}: {line.label}" if line.label else overlay_label
                series.append(Series(label, scores, line.style, overlay=True))
    return series


def _own_series(
    journey: Journey, persona_names: Mapping[str, str], styles: Sequence[LineStyle]
) -> list[Series]:
    lines = []
    for n, persona in enumerate(facts.emotion_lines(journey)):
        scores = {s.id: facts.score(s, persona) for s in journey.steps}
        label = "" if persona is None else persona_names.get(persona, persona)
        lines.append(Series(label, scores, styles[n % len(styles)]))
    return lines


@dataclass(frozen=True)
class Extremes:
    """Where each series is at its highest and lowest (step ids)."""

    high: Mapping[str, frozenset[str]]
    low: Mapping[str, frozenset[str]]


def extremes(series: Sequence[Series]) -> Extremes:
    high: dict[str, frozenset[str]] = {}
    low: dict[str, frozenset[str]] = {}
    for line in series:
        if line.overlay:
            continue
        known = {k: v for k, v in line.scores.items() if v is not None}
        if len(set(known.values())) < 2:
            continue
        top, bottom = max(known.values()), min(known.values())
        high[line.label] = frozenset(k for k, v in known.items() if v == top)
        low[line.label] = frozenset(k for k, v in known.items() if v == bottom)
    return Extremes(high, low)


def stage_svg(
    *,
    paths: Graph,
    steps: Sequence[Step],
    before: Step | None,
    after: Step | None,
    series: Sequence[Series],
    scale: tuple[int, int],
    marks: Extremes,
    labels: Mapping[str, str],
    locale: str,
    title: str,
    ident: str,
) -> Markup:
    """The curve over ``steps`` (one stage, or one printed part of it).

    ``before`` and ``after`` are the steps next to this part in the journey,
    whose scores the line runs towards at the edges. Two scores are joined only
    where one of the journey's ``paths`` leads from the first step to the second
    (passing over steps without a score at most): alternatives side by side in the
    map are not one after the other for the customer, so a gap stays between them.
    """
    low, high = numbers.bounded(scale[0]), numbers.bounded(scale[1])
    span = (high - low) or 1.0
    width = COLUMN * len(steps)

    def y(value: float) -> float:
        return PAD + (high - numbers.bounded(value)) / span * (HEIGHT - 2 * PAD)

    parts = [
        f'<svg class="curve" viewBox="0 0 {width} {HEIGHT}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}-t {ident}-d">'
    ]
    parts.append(f'<title id="{ident}-t">{escape(title)}</title>')
    parts.append(
        f'<desc id="{ident}-d">{escape(_description(steps, series, labels, locale))}</desc>'
    )
    for level in gridlines(low, high):
        css = "zero" if level == 0 else "grid"
        parts.append(
            f'<line class="{css}" x1="0" x2="{width}" y1="{_f(y(level))}" y2="{_f(y(level))}"/>'
        )
    for line in series:

        def joined(a: Step, b: Step, line: Series = line) -> bool:
            return paths.leads(a, b, lambda over: line.scores.get(over.id) is None)

        points: list[tuple[float, float] | None] = []
        edge_before = (
            line.scores.get(before.id) if before is not None and joined(before, steps[0]) else None
        )
        first = line.scores.get(steps[0].id)
        if edge_before is not None and first is not None:
            points.append((0, (edge_before + first) / 2))
        for i, s in enumerate(steps):
            value = line.scores.get(s.id)
            if value is None:
                points.append(None)
                continue
            if i and points and points[-1] is not None and not joined(steps[i - 1], s):
                points.append(None)  # no path from the step before: a gap, not a line
            points.append(((i + 0.5) * COLUMN, value))
        edge_after = (
            line.scores.get(after.id) if after is not None and joined(steps[-1], after) else None
        )
        last = line.scores.get(steps[-1].id)
        if edge_after is not None and last is not None:
            points.append((width, (last + edge_after) / 2))
        stroke = f'stroke="{line.style.colour}"' + (
            f' stroke-dasharray="{line.style.dash}"' if line.style.dash else ""
        )
        for run in _runs(points):
            if len(run) > 1:
                coordinates = " ".join(f"{_f(x)},{_f(y(v))}" for x, v in run)
                parts.append(
                    f'<polyline class="line" fill="none" {stroke} points="{coordinates}"/>'
                )
        for i, step in enumerate(steps):
            value = line.scores.get(step.id)
            if value is None:
                continue
            cx, cy = (i + 0.5) * COLUMN, y(value)
            parts.append(_marker(line.style, cx, cy))
            if step.moment and line is series[0]:
                parts.append(
                    f'<text class="moment moment-{escape(step.moment)}" x="{_f(cx)}" '
                    f'y="{_f(cy + 24 if cy + 24 <= HEIGHT - 2 else cy - 28)}" text-anchor="middle">'
                    f"<title>{escape(labels['moment.' + step.moment])}</title>"
                    f"{MOMENT_MARKS.get(step.moment, '')}</text>"
                )
            for mark, extreme, dy in (
                ("emotion.high", marks.high, -12),
                ("emotion.low", marks.low, 22),
            ):
                if step.id in extreme.get(line.label, ()):
                    parts.append(
                        f'<circle class="extreme" cx="{_f(cx)}" cy="{_f(cy)}" r="10" '
                        f'fill="none" stroke="{line.style.colour}"/>'
                    )
                    if len(series) == 1 or line is series[0]:
                        parts.append(
                            f'<text class="mark" x="{_f(cx + 14)}" '
                            f'y="{_f(cy + dy / 2)}">{escape(labels[mark])}</text>'
                        )
            if len(series) == 1:
                parts.append(
                    f'<text class="score" x="{_f(cx)}" y="{_f(cy - 12)}" '
                    f'text-anchor="middle">{escape(numbers.score(value, locale))}</text>'
                )
    parts.append("</svg>")
    return Markup("".join(parts))


MAX_GRIDLINES = 21  # beyond this a level per line is a smear, and a big scale draws millions


def gridlines(low: float, high: float) -> list[int]:
    """The levels that get a horizontal line: every whole score on a usual scale
    (-2..2, 1..10), else the multiples of a round step (1, 2 or 5 times a power of
    ten) so that at most MAX_GRIDLINES are drawn, whatever the scale's width."""
    first, last = math.ceil(low), math.floor(high)
    if last < first:
        return []
    step = 1
    while (last - first) // step + 1 > MAX_GRIDLINES:
        step = _next_round(step)
    start = -(-first // step) * step  # the first multiple of step at or above ``first``
    return list(range(start, last + 1, step))


def _next_round(step: int) -> int:
    """The round step after ``step``: 1, 2, 5, 10, 20, 50, 100…"""
    digits = str(step)
    return step * 5 // 2 if digits[0] == "2" else step * 2


def _runs(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """The unbroken stretches of a line (a step with no score breaks it)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [r for r in runs if r]


def _marker(style: LineStyle, x: float, y: float) -> str:
    fill = f'fill="{style.colour}" stroke="{style.colour}"'
    if style.marker == "square":
        return f'<rect {fill} x="{_f(x - 5)}" y="{_f(y - 5)}" width="10" height="10"/>'
    if style.marker == "triangle":
        return (
            f'<polygon {fill} points="{_f(x)},{_f(y - 6)} {_f(x + 6)},{_f(y + 5)} '
            f'{_f(x - 6)},{_f(y + 5)}"/>'
        )
    if style.marker == "diamond":
        return (
            f'<polygon {fill} points="{_f(x)},{_f(y - 7)} {_f(x + 7)},{_f(y)} '
            f'{_f(x)},{_f(y + 7)} {_f(x - 7)},{_f(y)}"/>'
        )
    if style.marker == "ring":
        return (
            f'<circle fill="#ffffff" stroke="{style.colour}" stroke-width="2" '
            f'cx="{_f(x)}" cy="{_f(y)}" r="5"/>'
        )
    return f'<circle {fill} cx="{_f(x)}" cy="{_f(y)}" r="5.5"/>'


def _description(
    steps: Sequence[Step], series: Sequence[Series], labels: Mapping[str, str], locale: str
) -> str:
    lines = []
    for line in series:
        scores = ", ".join(
            f"{step.name} {numbers.score(line.scores.get(step.id), locale)}" for step in steps
        )
        lines.append(f"{line.label}: {scores}" if line.label else scores)
    return f"{labels['emotion']}: " + "; ".join(lines)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")
