"""Stages that do not follow the journey's declared framework (AIDA, the purchase funnel, 5A...).

A journey that declares a `framework` promises that its stages are that
framework's, in its order: that is what lets maps be compared and rolled up.
Each stage stands for the framework stage named by its `framework_stage`, or
else by its own id. A stage that stands for no stage of the framework, or
that comes before a framework stage already passed, breaks the promise.
Several stages may stand for the same framework stage, stages may be
skipped, and after the framework's last stage the journey may start over from
its first (the consumer decision journey is a loop). Frameworks cjm does not
know are left to `cjm validate`, as are `framework_stage` values that are
not stages of the framework.

Failing:

    framework: aida
    stages:
      - {id: attention, name: Sees the ad}
      - {id: compare, name: Compares offers}
      - {id: buy, name: Buys, framework_stage: action}
      - {id: wish, name: Wants it, framework_stage: desire}

Passing:

    framework: aida
    stages:
      - {id: attention, name: Sees the ad}
      - {id: compare, name: Compares offers, framework_stage: interest}
      - {id: wish, name: Wants it, framework_stage: desire}
      - {id: buy, name: Buys, framework_stage: action}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.core import facts
from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "framework-stages"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        if journey.framework is None:
            continue
        framework = context.settings.frameworks.get(journey.framework)
        if framework is None or not framework.stages:
            continue
        order = {stage.id: n for n, stage in enumerate(framework.stages)}
        names = ", ".join(order)
        last = len(framework.stages) - 1
        reached: tuple[int, str, str] | None = None
        for stage in journey.stages:
            standing = facts.framework_stage(stage)
            if standing not in order:
                if stage.framework_stage is None:
                    yield Finding(
                        journey.file,
                        (*stage.path, "id"),
                        f"stage {stage.id!r} stands for no stage of the "
                        f"{framework.name} framework ({names}): set its "
                        "`framework_stage` to the one it stands for",
                        (journey.id, stage.id),
                    )
                continue
            n = order[standing]
            if reached is not None and n < reached[0] and not (reached[0] == last and n == 0):
                field = "framework_stage" if stage.framework_stage else "id"
                yield Finding(
                    journey.file,
                    (*stage.path, field),
                    f"stage {stage.id!r} stands for {standing!r} but comes after "
                    f"stage {reached[1]!r} ({reached[2]!r}); the {framework.name} "
                    f"framework runs {names}: reorder the stages or correct their "
                    "`framework_stage`",
                    (journey.id, stage.id),
                )
                continue
            reached = (n, stage.id, standing)
