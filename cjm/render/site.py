"""What a renderer sees: one workspace's schema-valid documents as typed models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from cjm.errors import CjmError
from cjm.lint.base import Context
from cjm.model import Document, Journey, Source, build, collector_paused
from cjm.validate import Report, validate_paths
from cjm.workspace import workspace_relative


class InvalidInput(CjmError):
    """The documents to render have validation problems; ``report`` lists them."""

    def __init__(self, report: Report) -> None:
        self.errors = sum(1 for p in report.problems if p.level == "error")
        super().__init__(
            f"nothing was rendered: {self.errors} problem(s) to fix first "
            "(listed above; `cjm validate` checks them)"
        )
        self.report = report


@dataclass(frozen=True)
class Site(Context):
    """One workspace, as typed models, with what rendering needs on top of the lint context.

    ``relative`` maps each document's displayed file name to its path inside
    the workspace (forward slashes), which output file names mirror;
    ``targets`` are the files the user asked for.
    """

    root: Path | None = None
    relative: Mapping[str, str] = field(default_factory=dict)
    targets: frozenset[str] = frozenset()
    folder_given: bool = False

    @cached_property
    def by_id(self) -> Mapping[str, Document]:
        return {d.id: d for d in self.documents}

    @cached_property
    def sources(self) -> Mapping[str, Source]:
        return {s.id: s for rm in self.reality_maps for s in rm.sources}

    @property
    def rendered(self) -> tuple[Document, ...]:
        """The documents asked for, in file order."""
        return tuple(d for d in self.documents if d.file in self.targets)

    def counterpart(self, journey: Journey) -> Journey | None:
        """The other state of the same journey: its `counterpart`, or the journey naming it."""
        if journey.counterpart:
            other = self.by_id.get(journey.counterpart)
            if isinstance(other, Journey):
                return other
        return next((j for j in self.journeys if j.counterpart == journey.id), None)

    @property
    def locale(self) -> str:
        return self.settings.locale


def load_sites(paths: Sequence[Path], *, cwd: Path | None = None) -> list[Site]:
    """Validate ``paths`` and return their workspaces as sites, ready to render.

    Raises :class:`InvalidInput` when any file asked for (or its workspace) has
    a problem: a map is never rendered from data that did not validate.
    """
    base = cwd or Path.cwd()
    with collector_paused():
        return _load_sites(paths, base)


def _load_sites(paths: Sequence[Path], base: Path) -> list[Site]:
    report = validate_paths(paths, jobs=1, cwd=base, keep_documents=True)
    if report.input_error or any(p.level == "error" for p in report.problems):
        raise InvalidInput(report)
    folder_given = any((base / p).is_dir() for p in paths)
    sites = []
    for workspace in report.workspaces:
        targets = frozenset(d.file for d in workspace.documents if d.target)
        if not targets:
            continue
        models = tuple(build(d.kind, d.data, file=d.file) for d in workspace.documents)
        relative = {d.file: workspace_relative(d.path, workspace.root) for d in workspace.documents}
        sites.append(
            Site(
                models,
                workspace.settings,
                raw={},
                root=workspace.root,
                relative=relative,
                targets=targets,
                folder_given=folder_given,
            )
        )
    return sites
