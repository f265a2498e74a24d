"""A step with no emotion score in a journey whose other steps have one.

The emotion line shows the highs and lows of the path; a step without a
score is a hole in it, and a renderer has to guess (or skip) the point. When
the emotion is scored per persona, each persona's line must be whole too: a
step that scores one persona and not another leaves a gap in the other's
line. A journey with no scores at all is not reported here (`lane-empty`
does that).

Failing:

    steps:
      - id: browse
        name: Reads the product page
        emotion: 1
      - id: apply
        name: Fills in the form
        # no emotion

Passing:

    steps:
      - id: browse
        name: Reads the product page
        emotion: 1
      - id: apply
        name: Fills in the form
        emotion: -1
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cjm.lint import emotion_lines
from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "emotion-missing"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        scored = [step for step in journey.steps if step.emotion is not None]
        if not scored:
            continue
        for step in journey.steps:
            if step.emotion is None:
                yield Finding(
                    journey.file,
                    (*step.path, "id"),
                    f"step {step.id!r} has no emotion score while the other steps of "
                    f"journey {journey.id!r} have one: add its `emotion` so the "
                    "emotion line has no gap",
                    (journey.id, step.id),
                )
        for persona in emotion_lines.personas(journey):
            if persona is None or not emotion_lines.line(journey, persona):
                continue
            for step in scored:
                if isinstance(step.emotion, Mapping) and persona not in step.emotion:
                    yield Finding(
                        journey.file,
                        (*step.path, "emotion"),
                        f"step {step.id!r} scores the emotion per persona but not for "
                        f"persona {persona!r}, whose line has scores at other steps: "
                        f"add {persona}: <score>",
                        (journey.id, step.id, persona),
                    )
