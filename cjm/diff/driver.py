"""cjm as git's external diff driver (`diff.cjm.command = cjm diff --git-driver`).

git gives the driver both versions of one file. A cjm document shows its
semantic diff; any other file (`*.yaml diff=cjm` also covers CI workflows) and
a document that cannot be loaded show a plain line diff, so that `git diff`
never hides a change and never stops half way.
"""

from __future__ import annotations

import difflib

from cjm.core.errors import CjmError
from cjm.diff.documents import SourceFile, may_be_document
from cjm.diff.engine import diff_sides
from cjm.diff.formats import as_text
from cjm.diff.inputs import Sides


def driver_output(sides: Sides, *, colour: bool = False) -> str:
    """What `git diff` shows for one file."""
    header = f"cjm diff {sides.old_label} {sides.new_label}\n"
    files = (*sides.old, *sides.new)
    if not all(may_be_document(f.raw) for f in files):
        return _line_diff(sides)
    try:
        result = diff_sides(
            sides.old,
            sides.new,
            old_label=sides.old_label,
            new_label=sides.new_label,
            explicit=True,
        )
    except CjmError as e:
        return f"{header}cjm: {e}\n{_line_diff(sides)}"
    if not result.changes:
        return f"{header}no change to the map (only layout or comments)\n"
    return header + as_text(result, colour)


def _line_diff(sides: Sides) -> str:
    old_name = sides.old_label if sides.old else "/dev/null"
    new_name = sides.new_label if sides.new else "/dev/null"
    return "".join(difflib.unified_diff(_lines(sides.old), _lines(sides.new), old_name, new_name))


def _lines(files: tuple[SourceFile, ...]) -> list[str]:
    if not files:
        return []
    return [
        line if line.endswith("\n") else line + "\n"
        for line in files[0].raw.decode("utf-8", "replace").splitlines(keepends=True)
    ]
