"""`cjm validate`: the schema and reference problems of files and workspaces.

Validation is the loading pipeline run for its problems alone: no document is
kept, so a large repository is checked as fast as its files can be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cjm.core.loading import Report, load_paths


def validate_paths(
    paths: Sequence[Path],
    *,
    jobs: int = 0,
    cwd: Path | None = None,
    ignore_unknown: bool = False,
) -> Report:
    """Validate files and folders, each against the workspace it belongs to.

    ``jobs`` is the number of worker processes; 0 picks one per core when the
    batch is large enough to pay for them. Files named in ``paths`` must be cjm
    documents unless ``ignore_unknown``; files found in folders are skipped
    when they are not.
    """
    return load_paths(paths, jobs=jobs, cwd=cwd, ignore_unknown=ignore_unknown)
