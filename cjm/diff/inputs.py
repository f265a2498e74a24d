"""From the command line to two sides of files: folders, files, git revisions, `REV:path`.

An argument that names an existing file or folder is a path; otherwise it is
a git revision (`git rev-parse --verify`), or a file at a revision when it is
`REV:path`. Arguments before `--` are always revisions, those after it paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cjm.core.errors import CjmError, UsageError
from cjm.core.files import ReadRefused, printable, read_bounded, too_large
from cjm.core.kinds import CONFIG_FILE
from cjm.core.loader import DEFAULT_MAX_FILE_SIZE
from cjm.core.loading import settings_from_bytes, workspace_settings
from cjm.core.workspace import absolute, belongs, find_root, walk
from cjm.diff import git
from cjm.diff.documents import SourceFile, is_yaml

WORKING_TREE = "working tree"
NULL_FILE = "/dev/null"


@dataclass(frozen=True)
class Sides:
    """What to compare: the files of each side and how to name the sides."""

    old: tuple[SourceFile, ...]
    new: tuple[SourceFile, ...]
    old_label: str
    new_label: str
    explicit: bool = False


def resolve(
    args: Sequence[str],
    paths: Sequence[str] | None,
    *,
    cwd: Path,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Sides:
    """The two sides that ``args`` (and ``paths``, given after `--`) name.

    No file is read whole when it is larger than ``max_size`` (`limits.max_file_size`
    of the workspace the diff runs in; a folder compared is read by its own).
    """
    cwd = absolute(cwd)
    if paths is not None:
        if len(args) > 2:
            raise UsageError("give at most two revisions before `--`")
        top = _top(cwd, args[0] if args else "HEAD")
        commits = [_commit(rev, top=top, cwd=cwd) for rev in args] or [
            _commit("HEAD", top=top, cwd=cwd)
        ]
        return _revisions(
            list(args) or ["HEAD"], commits, paths, top=top, cwd=cwd, max_size=max_size
        )
    kinds = [_classify(arg, cwd=cwd) for arg in args]
    if "blob" in kinds:
        if "rev" in kinds or len(args) > 2:
            raise UsageError(
                "`REV:path` compares one file: give `REV:path` alone (against the "
                "working tree), or two files such as `REV:path path`"
            )
        return _files(args, kinds, cwd=cwd, max_size=max_size)
    revisions = 0
    while revisions < len(kinds) and kinds[revisions] == "rev":
        revisions += 1
    if "rev" in kinds[revisions:]:
        raise UsageError("give the revisions first, then the paths (or `REV -- PATHS`)")
    if revisions > 2:
        raise UsageError("give at most two revisions")
    if revisions or not args:
        revs = list(args[:revisions]) or ["HEAD"]
        top = _top(cwd, revs[0])
        commits = [_commit(rev, top=top, cwd=cwd) for rev in revs]
        return _revisions(
            revs, commits, list(args[revisions:]), top=top, cwd=cwd, max_size=max_size
        )
    if len(args) != 2:
        raise UsageError(
            "give two files or two folders to compare, or a git revision (`cjm diff HEAD~1`)"
        )
    return _paths(args[0], args[1], cwd=cwd, max_size=max_size)


def _classify(arg: str, *, cwd: Path) -> str:
    if (cwd / arg).exists():
        return "path"
    top = git.toplevel(cwd)
    if top is None:
        raise UsageError(
            f"{arg}: no such file or folder (and not in a git repository, so not a revision either)"
        )
    if ":" in arg and git.blob(arg, cwd=cwd) is not None:
        return "blob"
    if git.commit(arg, cwd=cwd) is not None:
        return "rev"
    if ":" in arg:
        revision, _, path = arg.partition(":")
        if git.commit(revision, cwd=cwd) is not None:
            raise UsageError(
                f"{arg}: revision {revision} has no file {path!r} (a path is "
                "from the top of the repository, or from here with `./`)"
            )
    raise UsageError(f"{arg}: no such file or folder, and not a git revision")


def _top(cwd: Path, revision: str) -> Path:
    top = git.toplevel(cwd)
    if top is None:
        raise UsageError(
            f"not in a git repository, so {revision!r} cannot be read; to compare "
            "files or folders, give both: `cjm diff OLD NEW`"
        )
    return top


def _commit(revision: str, *, top: Path, cwd: Path) -> str:
    found = git.commit(revision, cwd=cwd)
    if found is None:
        raise UsageError(f"{revision}: not a git revision of {top.name}")
    return found


def _revisions(
    revisions: Sequence[str],
    commits: Sequence[str],
    paths: Sequence[str],
    *,
    top: Path,
    cwd: Path,
    max_size: int,
) -> Sides:
    specs = [_pathspec(p, top=top, cwd=cwd) for p in (paths or ["."])]
    old = _tree_side(revisions[0], commits[0], specs, top=top, max_size=max_size)
    if len(revisions) == 2:
        new = _tree_side(revisions[1], commits[1], specs, top=top, max_size=max_size)
        return Sides(old, new, revisions[0], revisions[1])
    listed = {name: name for name in git.worktree_files(top, specs) if is_yaml(name)}
    configs = [name for name in listed if name.rpartition("/")[2] == CONFIG_FILE]
    files = _taken_in(
        listed,
        {name: _read_file(top / name, _shown(top / name, cwd), max_size) for name in configs},
    )
    new = tuple(
        SourceFile(
            name, _shown(top / name, cwd), _read_file(top / name, _shown(top / name, cwd), max_size)
        )
        for name in files
    )
    return Sides(old, new, revisions[0], WORKING_TREE)


def _pathspec(path: str, *, top: Path, cwd: Path) -> str:
    full = absolute(cwd / path)
    resolved_top = absolute(top.resolve())
    for base in (absolute(top), resolved_top):
        try:
            relative = full.relative_to(base).as_posix()
        except ValueError:
            continue
        return relative if relative != "." else "."
    try:
        return full.resolve().relative_to(resolved_top).as_posix() or "."
    except ValueError:
        raise UsageError(f"{path}: outside the git repository at {top}") from None


def _tree_side(
    revision: str, commit: str, specs: Sequence[str], *, top: Path, max_size: int
) -> tuple[SourceFile, ...]:
    files = {name: sha for name, sha in git.tree_files(top, commit, specs).items() if is_yaml(name)}
    _refuse_large_blobs(revision, files, top=top, max_size=max_size)
    configs = [sha for name, sha in files.items() if name.rpartition("/")[2] == CONFIG_FILE]
    files = _taken_in(files, git.read_blobs(top, configs))
    contents = git.read_blobs(top, list(files.values()))
    return tuple(
        SourceFile(name, printable(f"{revision}:{name}"), contents[sha])
        for name, sha in sorted(files.items())
    )


def _refuse_large_blobs(revision: str, files: dict[str, str], *, top: Path, max_size: int) -> None:
    """A file of a revision is held to the size limit too, before git hands it over."""
    sizes = git.blob_sizes(top, list(files.values()))
    for name, sha in sorted(files.items()):
        if sizes.get(sha, 0) > max_size:
            raise CjmError(f"{printable(f'{revision}:{name}')}: {too_large(sizes[sha], max_size)}")


def _files(args: Sequence[str], kinds: Sequence[str], *, cwd: Path, max_size: int) -> Sides:
    sides: list[tuple[SourceFile, ...]] = []
    for arg, kind in zip(args, kinds, strict=True):
        if kind == "path":
            sides.append((SourceFile("", printable(arg), _read_file(cwd / arg, arg, max_size)),))
        else:
            found = git.blob(arg, cwd=cwd)
            assert found is not None
            sha, _path = found
            top = git.toplevel(cwd)
            assert top is not None
            _refuse_large_blobs(arg.partition(":")[0], {_path: sha}, top=top, max_size=max_size)
            sides.append((SourceFile("", printable(arg), git.read_blobs(top, [sha])[sha]),))
    if len(args) == 1:
        top = git.toplevel(cwd)
        assert top is not None
        _sha, path = git.blob(args[0], cwd=cwd) or ("", "")
        here = top / path
        shown = _shown(here, cwd)
        new = (SourceFile("", shown, _read_file(here, shown, max_size)),) if here.is_file() else ()
        return Sides(sides[0], new, printable(args[0]), shown, explicit=True)
    return Sides(sides[0], sides[1], printable(args[0]), printable(args[1]), explicit=True)


def _paths(old: str, new: str, *, cwd: Path, max_size: int) -> Sides:
    a, b = cwd / old, cwd / new
    shown_old, shown_new = printable(old), printable(new)
    if a.is_dir() and b.is_dir():
        return Sides(_folder(a, cwd), _folder(b, cwd), shown_old, shown_new)
    if not a.is_dir() and not b.is_dir():
        return Sides(
            (SourceFile("", shown_old, _read_file(a, old, max_size)),),
            (SourceFile("", shown_new, _read_file(b, new, max_size)),),
            shown_old,
            shown_new,
            explicit=True,
        )
    raise UsageError(
        f"compare two files or two folders, not a {_what(a)} ({shown_old}) "
        f"with a {_what(b)} ({shown_new})"
    )


def _what(path: Path) -> str:
    return "folder" if path.is_dir() else "file"


_UNREADABLE = frozenset({"io", "file-too-large"})
"""Problems of a `cjm.yaml` that leave no file to compare: a folder, a device, too large."""


def _folder(folder: Path, cwd: Path) -> tuple[SourceFile, ...]:
    """The YAML files under ``folder`` that its workspaces take in, as cjm validate walks
    them: each workspace's `paths` decide, and a nested workspace's its own."""
    found: list[SourceFile] = []
    starts = [(folder, find_root(folder))]
    while starts:
        start, root = starts.pop(0)
        settings, problems = workspace_settings(root, cwd)
        unreadable = next((p for p in problems if p.code in _UNREADABLE), None)
        if unreadable is not None:  # a broken cjm.yaml still shows in the diff; a missing one not
            raise CjmError(f"{unreadable.file}: {unreadable.message}")
        nested: list[Path] = []
        for path in walk(start, root=root, settings=settings, nested=nested):
            shown = _shown(path, cwd)
            key = path.relative_to(folder).as_posix()
            found.append(SourceFile(key, shown, _read_file(path, shown, settings.max_file_size)))
        starts.extend((n, n) for n in nested)
    return tuple(sorted(found, key=lambda f: f.key))


def _taken_in(files: dict[str, str], read: dict[str, bytes]) -> dict[str, str]:
    """The files of a revision that their workspaces take in, by each one's `paths`.

    ``files`` maps repository paths to blob ids, ``read`` blob ids to the bytes of the
    `cjm.yaml` files among them.
    """
    roots = {
        name.rpartition("/")[0]: settings_from_bytes(read[sha], name)
        for name, sha in files.items()
        if name.rpartition("/")[2] == CONFIG_FILE
    }
    kept = {}
    for name, sha in files.items():
        folder = name
        while folder:
            folder = folder.rpartition("/")[0]
            if folder in roots:
                relative = name[len(folder) + 1 :] if folder else name
                if belongs(relative, roots[folder]):
                    kept[name] = sha
                break
        else:
            kept[name] = sha  # in no workspace: every YAML file counts
    return kept


def _shown(path: Path, cwd: Path) -> str:
    try:
        return printable(absolute(path).relative_to(cwd).as_posix())
    except ValueError:
        return printable(absolute(path).as_posix())


def _read_file(path: Path, shown: str, max_size: int) -> bytes:
    """A side's file, read as every file is: regular, and no larger than ``max_size``."""
    try:
        return read_bounded(path, limit=max_size)
    except ReadRefused as e:
        raise CjmError(f"{printable(shown)}: {e.message}") from e


def driver_sides(args: Sequence[str], *, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Sides:
    """The sides git gives an external diff driver.

    git runs the driver with `path old-file old-hex old-mode new-file new-hex new-mode`,
    and two more arguments (the new path, and the similarity) for a renamed file.
    """
    if len(args) not in (7, 9):
        raise UsageError(
            "--git-driver is for git: it takes the 7 arguments git gives an "
            "external diff command (see the README, `cjm diff`)"
        )
    path, old_file, new_file = args[0], args[1], args[4]
    new_path = args[7] if len(args) == 9 else path
    old_name, new_name = printable(f"a/{path}"), printable(f"b/{new_path}")
    old = (
        ()
        if old_file == NULL_FILE
        else (SourceFile("", old_name, _read_file(Path(old_file), old_name, max_size)),)
    )
    new = (
        ()
        if new_file == NULL_FILE
        else (SourceFile("", new_name, _read_file(Path(new_file), new_name, max_size)),)
    )
    return Sides(old, new, old_name, new_name)
