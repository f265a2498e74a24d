"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from cjm.core.errors import CjmError


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file renamed into place.

    A symbolic link is written through (its target is replaced, the link stays).
    What cannot be replaced is written to directly: a pipe or a device, and the
    process's own streams (``/dev/stdout``, ``/dev/fd/1``), which are appended to, so
    ``-o /dev/stdout >> log`` keeps the log. Raises :class:`CjmError` when the file
    cannot be written; nothing is left behind.
    """
    try:
        target = _target(path, content)
    except (OSError, RuntimeError) as e:
        message = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise CjmError(f"{path}: cannot write: {message}") from e
    if target is None:
        return
    path = target
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def _stream(path: Path) -> bool:
    """Whether ``path`` names one of the process's open streams, not a file of its own."""
    text = path.as_posix()
    return text in ("/dev/stdout", "/dev/stderr") or text.startswith(("/dev/fd/", "/proc/self/fd/"))


def _target(path: Path, content: bytes) -> Path | None:
    """The regular file to replace for ``path``, or None once written to directly."""
    if _stream(path) or (
        path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode)
    ):
        with path.open("ab" if _stream(path) else "wb") as stream:
            stream.write(content)
        return None
    if path.is_symlink():
        path = Path(os.path.realpath(path, strict=True))
    if path.is_dir():
        raise CjmError(f"{path}: is a folder; give the name of a file to write")
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise CjmError(f"{path}: cannot write there: {blocking} is a file, not a folder")
    return path
