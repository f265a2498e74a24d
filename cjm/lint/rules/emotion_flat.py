"""An emotion line that never moves: every score of the journey is the same.

The emotion line shows the highs and lows of the path; when every step has
the same score (often 0, or the score the template came with) the scores are
placeholders, not what customers told the research. It is reported once the
journey has at least `min_steps` scored steps (2 at the least), so that a map
just started is left alone. When the emotion is scored per persona, each persona's line is
checked on its own (a single score counts on every persona's line).

Failing:

    steps:
      - {id: see-ad, name: Sees the ad, emotion: 0}
      - {id: browse, name: Reads the product page, emotion: 0}
      - {id: apply, name: Fills in the form, emotion: 0}

Passing:

    steps:
      - {id: see-ad, name: Sees the ad, emotion: 1}
      - {id: browse, name: Reads the product page, emotion: 0}
      - {id: apply, name: Fills in the form, emotion: -2}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint import emotion_lines
from cjm.lint.base import Context, Finding, Options, as_written
from cjm.lint.rule import Level, Option, at_least

ID = "emotion-flat"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = (
    Option(
        "min_steps",
        int,
        3,
        "how many scored steps a line needs before it is checked (below 2 counts as 2)",
        at_least(0, "a number of steps (0 or more)"),
    ),
)


def check(context: Context, options: Options) -> Iterator[Finding]:
    min_steps = max(int(options["min_steps"]), 2)
    for journey in context.journeys:
        for persona in emotion_lines.personas(journey):
            line = emotion_lines.line(journey, persona)
            if len(line) < min_steps or len({score for _, score in line}) > 1:
                continue
            first, score = line[0]
            subject = (journey.id,) if persona is None else (journey.id, persona)
            yield Finding(
                journey.file,
                emotion_lines.score_path(first, persona),
                f"every emotion score of journey {journey.id!r}"
                f"{emotion_lines.for_whom(persona)} is {as_written(score)} "
                f"({len(line)} steps, from {first.id!r}): a flat line is a "
                "placeholder; score how the customer really feels at each step",
                subject,
            )
