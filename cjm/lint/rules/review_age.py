"""A document whose last review (`reviewed`) is too long ago.

A journey map describes customers, channels and data as they were when the
team last looked: offers change, channels open and close, research ages. A
map nobody has reviewed for a year is likely to mislead the people who read
it. `reviewed` is compared with today's date; option `max_days` (default
365) sets how old it may be, and `require: true` also asks every document to
carry a `reviewed` date.

Failing:

    kind: persona
    id: marco-neofita
    name: Marco
    reviewed: 2025-09-30  # and today is 2026-11-22

Passing:

    kind: persona
    id: marco-neofita
    name: Marco
    reviewed: 2026-02-27
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cjm.lint.base import Context, Finding, Options
from cjm.lint.items import label
from cjm.lint.rule import Level, Option, at_least

ID = "review-age"
DEFAULT_LEVEL: Level = "warning"
WHOLE_WORKSPACE = False
OPTIONS: tuple[Option, ...] = (
    Option(
        "max_days",
        int,
        365,
        "how many days ago the last review may be",
        at_least(0, "a number of days (0 or more)"),
    ),
    Option("require", bool, False, "whether every document must carry a `reviewed` date"),
)


def check(context: Context, options: Options) -> Iterator[Finding]:
    max_days = int(options["max_days"])
    for document in context.documents:
        what = f"{label(document)} {document.id!r}"
        if document.reviewed is None:
            if options["require"]:
                yield Finding(
                    document.file,
                    ("id",),
                    f"{what} has no `reviewed` date; review it and add "
                    f"`reviewed: {context.today.isoformat()}`",
                    (document.id,),
                )
            continue
        try:
            reviewed = date.fromisoformat(document.reviewed)
        except ValueError:
            yield Finding(
                document.file,
                ("reviewed",),
                f"{what} has `reviewed: {document.reviewed}`, which is not a "
                "calendar date; write the date of its last review (YYYY-MM-DD)",
                (document.id,),
            )
            continue
        age = (context.today - reviewed).days
        if age > max_days:
            yield Finding(
                document.file,
                ("reviewed",),
                f"{what} was last reviewed on {document.reviewed}, {age} days ago "
                f"(more than {max_days}); review it and update `reviewed`",
                (document.id,),
            )
