"""A funnel that widens: a later stage counts more customers than an earlier one.

Stage metrics of type `volume` count the customers who reach each stage, and
together they make the funnel: conversion and drop-off per stage. Nobody can
reach a stage without passing the ones before it, so a later stage with a
larger volume than an earlier one means a wrong figure, figures from
different periods or units, or stages out of order. Volumes are compared only
when their `unit` and `period` agree (or one of the two leaves them out).

Failing:

    stages:
      - id: research
        name: Research
        metrics:
          - {id: m-visitors, name: Visitors, type: volume, value: 42000, unit: people}
      - id: compare
        name: Compare
        metrics:
          - {id: m-comparing, name: Comparing, type: volume, value: 56000, unit: people}

Passing:

    stages:
      - id: research
        name: Research
        metrics:
          - {id: m-visitors, name: Visitors, type: volume, value: 42000, unit: people}
      - id: compare
        name: Compare
        metrics:
          - {id: m-comparing, name: Comparing, type: volume, value: 15600, unit: people}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.core.model import Metric, Stage
from cjm.lint.base import Context, Finding, Options, as_written
from cjm.lint.rule import Level, Option

ID = "funnel-order"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def _comparable(a: Metric, b: Metric) -> bool:
    return all(
        x is None or y is None or x == y for x, y in ((a.unit, b.unit), (a.period, b.period))
    )


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        earlier: list[tuple[Stage, Metric, float]] = []
        for stage in journey.stages:
            volumes = [
                (m, m.value) for m in stage.metrics if m.type == "volume" and m.value is not None
            ]
            for metric, value in volumes:
                narrower = [
                    (s, m, v) for s, m, v in earlier if v < value and _comparable(m, metric)
                ]
                if not narrower:
                    continue
                before, metric_before, value_before = min(narrower, key=lambda e: e[2])
                message = (
                    f"stage {stage.id!r} has a volume of {as_written(value)} "
                    f"({metric.id!r}), more than the {as_written(value_before)} of earlier "
                    f"stage {before.id!r} ({metric_before.id!r}): a funnel narrows; check "
                    "the figures, their units and periods, and the order of the stages"
                )
                yield Finding(
                    journey.file,
                    (*metric.path, "value"),
                    message,
                    (journey.id, stage.id, metric.id),
                )
            earlier.extend((stage, m, v) for m, v in volumes)
