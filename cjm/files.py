"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cjm.errors import CjmError


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file renamed into place.

    A symbolic link is written through (its target is replaced, the link stays), and
    something that is not a regular file (a pipe, ``/dev/stdout``) is written to
    directly, since it cannot be replaced. Raises :class:`CjmError` when the file cannot
    be written; nothing is left behind.
    """
    if path.is_symlink():
        path = path.resolve()
    if path.is_dir():
        raise CjmError(f"{path}: is a folder; give the name of a file to write")
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise CjmError(f"{path}: cannot write there: {blocking} is a file, not a folder")
    if path.exists() and not path.is_file() and not path.is_dir():
        try:
            with path.open("wb") as stream:
                stream.write(content)
        except OSError as e:
            raise CjmError(f"{path}: cannot write: {e.strerror or e}") from e
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    except OSError as e:
        raise CjmError(f"{path}: cannot write here: {e.strerror or e}") from e
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # as an ordinary new file, not the temporary's 0600
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        Path(temporary).replace(path)
    except OSError as e:
        Path(temporary).unlink(missing_ok=True)
        raise CjmError(f"{path}: cannot write: {e.strerror or e}") from e
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
