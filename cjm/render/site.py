"""What a renderer sees: the workspaces of the files asked for, loaded once and valid."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cjm.core.errors import CjmError
from cjm.core.loading import Report, load_paths
from cjm.core.workspace import Workspace

Site = Workspace
"""A workspace as rendering sees it (the one workspace type, under the name render uses)."""


class InvalidInput(CjmError):
    """The documents to render have validation problems; ``report`` lists them."""

    def __init__(self, report: Report) -> None:
        self.errors = sum(1 for p in report.problems if p.level == "error")
        super().__init__(
            f"nothing was rendered: {self.errors} problem(s) to fix first "
            "(listed above; `cjm validate` checks them)"
        )
        self.report = report


def load_sites(paths: Sequence[Path], *, cwd: Path | None = None) -> list[Workspace]:
    """The workspaces of ``paths`` that hold a file asked for, ready to render.

    Raises :class:`InvalidInput` when any file asked for (or its workspace) has
    a problem: a map is never rendered from data that did not validate.
    """
    report = load_paths(
        paths, jobs=1, cwd=cwd or Path.cwd(), keep_documents=True, keep_sources=False
    )
    if report.input_error or any(p.level == "error" for p in report.problems):
        raise InvalidInput(report)
    return [workspace for workspace in report.workspaces if workspace.targets]
