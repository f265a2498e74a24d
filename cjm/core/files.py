"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from contextlib import suppress
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


class ReadRefused(CjmError):
    """A file that cjm will not read: missing, not a regular file, or larger than the limit.

    ``code`` says which, as a problem's code does: ``io`` or ``file-too-large``.
    """

    def __init__(self, message: str, code: str = "io") -> None:
        super().__init__(message)
        self.code = code


_SPECIAL = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file; it was not read"),
    (stat.S_ISCHR, "is a device, not a file; it was not read"),
    (stat.S_ISBLK, "is a device, not a file; it was not read"),
    (stat.S_ISSOCK, "is a socket, not a file; it was not read"),
)


def read_bounded(path: Path, *, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refused when it holds more than ``limit``.

    Opened without blocking and checked on the open descriptor, so that a named
    pipe, a device (`/dev/zero`, `/dev/stdin`) or a socket, even behind a link, is
    refused before anything is read, and a file that grows while it is read costs
    at most ``limit + 1`` bytes. Raises :class:`ReadRefused` with the reason.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        with suppress(OSError):
            _refuse_special(path.stat().st_mode)  # a socket cannot even be opened
        raise ReadRefused(_reason(e)) from e
    try:
        info = os.fstat(fd)
        _refuse_special(info.st_mode)
        data = _read_fd(fd, limit + 1) if info.st_size <= limit else b""
    except OSError as e:
        raise ReadRefused(_reason(e)) from e
    finally:
        os.close(fd)
    if info.st_size > limit or len(data) > limit:
        raise ReadRefused(too_large(max(info.st_size, len(data)), limit), "file-too-large")
    return data


def read_head(path: Path, size: int) -> bytes:
    """At most ``size`` bytes from the start of a regular file; empty when it cannot be read.

    For a glance at a file (its `kind:` line) that must never block or run long.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return b""
    try:
        return _read_fd(fd, size) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def _refuse_special(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    reason = next((why for test, why in _SPECIAL if test(mode)), None)
    raise ReadRefused(reason or "is not a regular file; it was not read")


def _read_fd(fd: int, most: int) -> bytes:
    """Up to ``most`` bytes: a regular file can return less than asked before its end."""
    chunks: list[bytes] = []
    left = most
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def too_large(size: int, limit: int) -> str:
    """The message for a file over ``limits.max_file_size``."""
    return (
        f"file is {size:,} bytes, more than the {limit:,} bytes cjm reads "
        "(raise limits.max_file_size in cjm.yaml if it is really a map)"
    )


def _reason(error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read file: {error.strerror or error}"


def printable(name: str) -> str:
    """``name`` as messages and outputs show it: bytes that are not UTF-8 as ``\\xe9``.

    File names on Linux are bytes; Python keeps the ones that are not UTF-8 as
    lone surrogates, which no UTF-8 output can hold.
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name holds: shown as its code point
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def file_name(shown: str) -> str:
    """The file name that :func:`printable` showed as ``shown``, for naming the file
    again (a SARIF URI): each ``\\xe9`` back to the byte it stood for.

    Only bytes from 0x80 up are ever shown escaped, since only they can fail to be
    UTF-8; a name that really holds the four characters ``\\xe9`` is the one
    name this cannot tell apart.
    """
    if "\\x" not in shown:
        return shown
    return _ESCAPED_BYTE.sub(lambda match: chr(0xDC00 + int(match.group(1), 16)), shown)
