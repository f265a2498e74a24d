"""Reading files of a git revision with the git command: `ls-tree` and `cat-file --batch`."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from cjm.core.errors import CjmError


def run(
    args: Sequence[str], *, cwd: Path, stdin: bytes | None = None, check: bool = True
) -> subprocess.CompletedProcess[bytes]:
    """Run git; a failure is a :class:`CjmError` with git's own message."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as e:
        raise CjmError("git is not installed (needed to read revisions)") from e
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CjmError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done


def toplevel(cwd: Path) -> Path | None:
    """The root of the work tree ``cwd`` is in, or None outside a repository."""
    done = run(["rev-parse", "--show-toplevel"], cwd=cwd, check=False)
    if done.returncode != 0:
        return None
    return Path(done.stdout.decode("utf-8").strip())


def commit(revision: str, *, cwd: Path) -> str | None:
    """The commit a revision names, or None when it names none."""
    if not revision or revision.startswith("-"):
        return None
    done = run(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
        cwd=cwd,
        check=False,
    )
    return done.stdout.decode("ascii").strip() if done.returncode == 0 else None


def blob(spec: str, *, cwd: Path) -> tuple[str, str] | None:
    """For `REV:path`: the blob's id and its path from the top of the repository."""
    revision, _, path = spec.partition(":")
    if commit(revision, cwd=cwd) is None:
        return None
    done = run(["rev-parse", "--verify", "--quiet", "--end-of-options", spec], cwd=cwd, check=False)
    if done.returncode != 0:
        return None
    found = done.stdout.decode("ascii").strip()
    kind = run(["cat-file", "-t", found], cwd=cwd).stdout.decode("ascii").strip()
    if kind != "blob":
        return None
    return found, top_relative(path, cwd=cwd)


def top_relative(path: str, *, cwd: Path) -> str:
    """A path of `REV:path` from the top of the repository (`./` and `../` from ``cwd``)."""
    if path.startswith(("./", "../")):
        prefix = run(["rev-parse", "--show-prefix"], cwd=cwd).stdout.decode("utf-8").strip()
        return _normal(prefix + path)
    return _normal(path)


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def tree_files(top: Path, revision: str, pathspecs: Sequence[str]) -> dict[str, str]:
    """Files of a commit under ``pathspecs`` (paths from the top): path -> blob id."""
    done = run(["ls-tree", "-r", "-z", "--full-tree", revision, "--", *pathspecs], cwd=top)
    found: dict[str, str] = {}
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        _mode, kind, sha = meta.decode("ascii").split()
        if kind == "blob":
            found[name.decode("utf-8", "surrogateescape")] = sha
    return found


def read_blobs(top: Path, shas: Sequence[str]) -> dict[str, bytes]:
    """The contents of blobs, all through one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return {}
    done = run(
        ["cat-file", "--batch"], cwd=top, stdin="".join(f"{s}\n" for s in wanted).encode("ascii")
    )
    out, found, at = done.stdout, {}, 0
    for sha in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].decode("ascii").split()
        if len(header) != 3:
            raise CjmError(f"git cat-file: cannot read {sha}")
        size = int(header[2])
        found[sha] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return found


def worktree_files(top: Path, pathspecs: Sequence[str]) -> list[str]:
    """Files of the work tree under ``pathspecs``: tracked, or untracked and not ignored."""
    done = run(
        ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *pathspecs], cwd=top
    )
    names = {n.decode("utf-8", "surrogateescape") for n in done.stdout.split(b"\0") if n}
    return sorted(n for n in names if (top / n).is_file())


def blob_sizes(top: Path, shas: Sequence[str]) -> dict[str, int]:
    """The sizes of blobs, asked before their contents so that none too large is read."""
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return {}
    done = run(
        ["cat-file", "--batch-check"],
        cwd=top,
        stdin="".join(f"{s}\n" for s in wanted).encode("ascii"),
    )
    sizes: dict[str, int] = {}
    for line in done.stdout.decode("ascii", "replace").splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2].isdigit():
            sizes[fields[0]] = int(fields[2])
    return sizes
