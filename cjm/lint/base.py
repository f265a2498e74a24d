"""What a lint rule sees (the workspace as typed models) and what it yields (findings)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from cjm.core.model import Journey, PainPoint, Step
from cjm.core.workspace import Workspace

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One thing a rule found: where it is, what it means, and what it is about.

    ``subject`` names the finding by ids, never by position (the document id,
    then the ids of the items down to the one concerned), so that a baseline
    entry survives edits elsewhere in the file.
    """

    file: str
    path: JsonPath
    message: str
    subject: tuple[str, ...]
    key: bool = False


@dataclass(frozen=True)
class Context(Workspace):
    """One workspace as the rules see it, and the day they judge review dates by."""

    today: date = field(default_factory=date.today)

    @classmethod
    def of(cls, workspace: Workspace, *, today: date) -> Context:
        """The rules' view of ``workspace``: its documents and, in file order among them,
        what could be kept of those that failed their schema (their findings are not
        reported; what they use still counts for the others)."""
        lent = {d.file: d for d in workspace.lent}
        kept = {d.file: d for d in workspace.documents}
        documents = tuple(
            document for f in workspace.files if (document := kept.get(f.file) or lent.get(f.file))
        )
        values = {f.name: getattr(workspace, f.name) for f in fields(Workspace)}
        return cls(**{**values, "documents": documents}, today=today)


def as_written(value: float) -> str:
    """A number in a finding as an author writes it: 2, not 2.0; 120000, not 1.2e+05."""
    return str(int(value)) if float(value).is_integer() else str(value)


def pain_points(journey: Journey) -> Iterator[tuple[Step, PainPoint]]:
    """Every pain point of the journey with the step it belongs to, in order."""
    for step in journey.steps:
        for pain in step.pain_points:
            yield step, pain


Options = Mapping[str, Any]
