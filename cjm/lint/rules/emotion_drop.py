"""The emotion drops sharply from one step to the next and no pain point says why.

A fall in the emotion line is a friction point, and friction points are where
to act first: a drop of at least `threshold` points from a scored step to the
next scored step the customer can reach (steps with no score are passed over;
where the journey branches with `next`, along each of its paths) needs a pain
point at the later step that names what went wrong, so that an opportunity can
address it. When the emotion is scored per persona, each persona's line is
checked.

Failing:

    steps:
      - {id: browse, name: Reads the product page, emotion: 1}
      - id: apply
        name: Fills in the form
        emotion: -2

Passing:

    steps:
      - {id: browse, name: Reads the product page, emotion: 1}
      - id: apply
        name: Fills in the form
        emotion: -2
        pain_points:
          - id: pp-no-save
            description: The form cannot be saved; a timeout loses everything
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.core.model import JsonPath
from cjm.lint import emotion_lines
from cjm.lint.base import Context, Finding, Options, as_written
from cjm.lint.rule import Level, Option, at_least

ID = "emotion-drop"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = (
    Option(
        "threshold",
        float,
        2.0,
        "the fall, in points of the emotion scale, from which a drop needs a pain point",
        at_least(0, "a number of points (0 or more)"),
    ),
)


def check(context: Context, options: Options) -> Iterator[Finding]:
    threshold = float(options["threshold"])
    for journey in context.journeys:
        drops: dict[JsonPath, tuple[tuple[str, ...], list[str]]] = {}
        for persona in emotion_lines.personas(journey):
            for before, old, step, new in emotion_lines.moves(journey, persona):
                if new >= old or old - new < threshold or step.pain_points:
                    continue
                where = emotion_lines.score_path(step, persona)
                subject: tuple[str, ...] = (journey.id, step.id)
                if persona is not None and len(where) > len(step.path) + 1:
                    subject = (*subject, persona)
                who = f"{persona}: " if persona is not None else ""
                drops.setdefault(where, (subject, []))[1].append(
                    f"{who}from {as_written(old)} at {before.id!r} to {as_written(new)}"
                )
        for where, (subject, falls) in drops.items():
            yield Finding(
                journey.file,
                where,
                f"the emotion drops at step {subject[1]!r} ({'; '.join(falls)}) and "
                "the step has no pain point: add the pain point that explains the drop",
                subject,
            )
