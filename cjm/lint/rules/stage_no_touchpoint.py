"""A stage where the customer meets the company nowhere: none of its steps has a touchpoint.

Touchpoints are the map's reason to exist: they are where the company can
act. A stage without any is either a gap in the research (the customer does
meet the company there, and nobody wrote down where) or a stage the company
leaves entirely to chance. A stage with no steps at all is reported too: it
is a heading waiting for its content.

Failing:

    stages:
      - id: research
        name: Research
        steps:
          - id: read-reviews
            name: Reads reviews
            actions: [Reads app-store reviews]

Passing:

    stages:
      - id: research
        name: Research
        steps:
          - id: read-reviews
            name: Reads reviews
            touchpoints:
              - id: tp-reviews
                name: App-store reviews
                channels: [reviews]

Both examples assume:

    # channels.yaml
    kind: channels
    id: channels
    channels:
      - {id: reviews, name: App-store reviews, type: digital, ownership: earned}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.lint.base import Context, Finding, Options
from cjm.lint.rule import Level, Option

ID = "stage-no-touchpoint"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = ()


def check(context: Context, options: Options) -> Iterator[Finding]:
    for journey in context.journeys:
        for stage in journey.stages:
            if any(step.touchpoints for step in stage.steps):
                continue
            if stage.steps:
                message = (
                    f"no step of stage {stage.id!r} has a touchpoint: add where the "
                    "customer meets the company at this stage"
                )
            else:
                message = (
                    f"stage {stage.id!r} has no steps, so no touchpoint: add its steps "
                    "and the touchpoints where the customer meets the company"
                )
            yield Finding(journey.file, (*stage.path, "id"), message, (journey.id, stage.id))
