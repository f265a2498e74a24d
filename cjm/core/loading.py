"""The one loading pipeline: files and folders in, workspaces and their problems out.

Each file is loaded and checked against its schema on its own (in worker
processes when the batch is large enough to pay for them); each workspace
then resolves the references between its files. Only the files asked for are
reported on, but they are checked against the whole workspace they belong to.
Every command gets its documents from here: `cjm validate` keeps only the
problems, lint, render, report and diff keep the typed :class:`Workspace`.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from cjm.core.cores import usable_cores
from cjm.core.errors import LoadError, Location, UsageError
from cjm.core.files import ReadRefused, printable, read_bounded, read_head
from cjm.core.kinds import CONFIG_FILE, CONFIG_KIND, DOCUMENT_KINDS, is_valid
from cjm.core.loader import (
    DEFAULT_MAX_FILE_SIZE,
    Document,
    Positions,
    Yaml11Scalar,
    load_bytes,
    load_file,
    other_encoding,
)
from cjm.core.model import DEFAULT_SCALE, build, collector_paused
from cjm.core.references import (
    DOCUMENT,
    TOUCHPOINT,
    Define,
    Facts,
    Pairing,
    definitions,
    document_facts,
    json_path,
    resolve,
    unknown_kind_facts,
)
from cjm.core.suggest import closest, did_you_mean
from cjm.core.workspace import (
    Settings,
    SourceFile,
    Workspace,
    absolute,
    excluded,
    find_root,
    walk,
    workspace_relative,
)

PARALLEL_THRESHOLD = 64
LEVEL_RANK = {"warning": 1, "error": 2}
_T = TypeVar("_T")
_R = TypeVar("_R")
KIND_LINE = re.compile(rb"""(?:^|\A\xef\xbb\xbf)kind:[ \t]*["']?([A-Za-z0-9_.-]+)""", re.MULTILINE)
"""A top-level `kind:` line, read from a file's bytes before it is parsed."""


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where, what, and which check found it."""

    file: str
    line: int
    column: int
    message: str
    code: str
    json_path: str = "$"
    level: str = "error"
    identity: str = ""  # for lint findings: rule and item ids, no position (baselines, SARIF)

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)


@dataclass(frozen=True)
class FileOutcome:
    """What checking one file on its own gives."""

    file: str
    kind: str | None
    problems: tuple[Problem, ...] = ()
    facts: Facts | None = None
    unreadable: bool = False
    config: dict[str, Any] | None = None
    data: dict[str, Any] | None = None
    document: Document | None = None
    positions: Positions | None = None
    partial: bool = False
    yaml11: tuple[Yaml11Scalar, ...] = ()
    quick: bool = False
    """Read from its raw lines alone, for the ids it lends (see `_quick_definitions`)."""


@dataclass
class Report:
    """The result of a validation run."""

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    input_error: bool = False
    workspaces: list[Workspace] = field(default_factory=list)
    fail_on: str = "error"

    @property
    def exit_code(self) -> int:
        """2 for unreadable input, 1 for a problem at or above ``fail_on``, else 0."""
        if self.input_error:
            return 2
        threshold = LEVEL_RANK[self.fail_on]
        return 1 if any(LEVEL_RANK.get(p.level, 2) >= threshold for p in self.problems) else 0


@dataclass(frozen=True)
class _Task:
    path: Path
    display: str
    explicit: bool
    max_size: int
    scale: tuple[int, int] | None
    context_only: bool = False
    keep: bool = False
    keep_tree: bool = False
    whole: bool = False
    """Read the file whole even when it is only context (for what its raw lines cannot tell)."""


def _problem(
    location: Location, message: str, code: str, path: Sequence[str | int] = ()
) -> Problem:
    return Problem(location.path, location.line, location.column, message, code, json_path(path))


def check_file(task: _Task) -> FileOutcome:
    """Load one file and check it against its kind's schema and itself."""
    display = task.display
    is_config = task.path.name == CONFIG_FILE
    try:
        raw = read_bounded(task.path, limit=task.max_size)
    except ReadRefused as e:
        skip = e.code == "file-too-large" and not is_config and not task.explicit
        if skip and not _looks_like_document(read_head(task.path, 1 << 16)):
            return FileOutcome(display, None)  # a large YAML file of some other tool
        return _unloadable(display, LoadError(e.message, Location(display), e.code), None)
    if not is_config:
        if task.context_only and not task.keep and not task.whole:
            quick = _quick_definitions(task, raw)
            if quick is not None:
                return quick
        if not task.explicit and not _looks_like_document(raw):
            return FileOutcome(display, None)
    try:
        document = load_bytes(raw, display, max_size=task.max_size)
    except LoadError as e:
        # its ids still count, as far as its raw lines tell, so that the files
        # that refer to it are not blamed for its own problem
        return _unloadable(display, e, raw)
    return _checked(
        document,
        is_config=is_config,
        explicit=task.explicit,
        scale=task.scale,
        keep=task.keep,
        keep_tree=task.keep_tree,
        lend=task.keep,
    )


def check_bytes(
    raw: bytes,
    name: str,
    *,
    explicit: bool,
    scale: tuple[int, int] = DEFAULT_SCALE,
    path: str | None = None,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
) -> FileOutcome:
    """A file's bytes read from anywhere (a git revision, say), checked as a file on disk is.

    ``name`` is how messages name the file, ``path`` where it sits (default: ``name``);
    a `cjm.yaml` there is read as the workspace's configuration. ``max_size`` is the
    workspace's `limits.max_file_size`, which bounds what aliases may expand to. The
    outcome keeps the document's node tree.
    """
    is_config = (path or name).rpartition("/")[2] == CONFIG_FILE
    if not is_config and not explicit and not _looks_like_document(raw):
        return FileOutcome(name, None)
    try:
        # the caller read the bytes within the workspace's size limit
        document = load_bytes(raw, name, max_size=max(len(raw), max_size))
    except LoadError as e:
        return _unloadable(name, e, raw)
    return _checked(
        document,
        is_config=is_config,
        explicit=explicit,
        scale=scale,
        keep=True,
        keep_tree=True,
        lend=False,
    )


def _unloadable(display: str, error: LoadError, raw: bytes | None) -> FileOutcome:
    location = error.location or Location(display)
    defines = _raw_definitions(raw) if raw is not None else None
    return FileOutcome(
        display,
        "?",
        (_problem(location, error.message, error.code),),
        Facts("?", defines=defines) if defines else None,
        True,
    )


def _checked(
    document: Document,
    *,
    is_config: bool,
    explicit: bool,
    scale: tuple[int, int] | None,
    keep: bool,
    keep_tree: bool,
    lend: bool,
) -> FileOutcome:
    """What checking one loaded document against its schema and itself gives; with
    ``lend``, what can be kept of a document that fails its schema (:func:`_pruned`)."""
    display = document.path
    data = document.data
    kind = CONFIG_KIND if is_config else data.get("kind")
    if kind not in (*DOCUMENT_KINDS, CONFIG_KIND) or (kind == CONFIG_KIND and not is_config):
        return _unknown_kind(document, kind, explicit=explicit)
    assert isinstance(kind, str)
    if not is_valid(kind, data):
        from cjm.core.schema_report import schema_errors

        problems = tuple(
            _problem(document.locate(path, key=key), message, code, path)
            for path, key, message, code in schema_errors(kind, data, document.written)
        )
        if not problems:  # the fast validator refused data the detailed one accepts
            problems = (
                _problem(
                    document.locate(()),
                    "the document could not be checked against its schema",
                    "schema",
                ),
            )
        if kind == CONFIG_KIND:
            # what is right in it still holds (the scale, the frameworks): the rest
            # of the workspace is not checked against defaults it never asked for
            return FileOutcome(display, kind, problems, config=_pruned(kind, data))
        if lend:
            pruned = _pruned(kind, data)
            if pruned is not None:
                return FileOutcome(
                    display,
                    kind,
                    problems,
                    definitions(kind, data),
                    data=pruned,
                    positions=document.positions(),
                    partial=True,
                    yaml11=document.yaml11,
                )
        return FileOutcome(display, kind, problems, definitions(kind, data))
    facts = document_facts(kind, data, default_scale=scale)
    problems = tuple(
        _problem(document.locate(p.path, key=p.key), p.message, p.code, p.path) for p in facts.local
    )
    if kind == CONFIG_KIND:
        return FileOutcome(display, kind, problems, config=data)
    if not keep:
        return FileOutcome(display, kind, problems, facts)
    if keep_tree:
        return FileOutcome(
            display, kind, problems, facts, data=data, document=document, yaml11=document.yaml11
        )
    return FileOutcome(
        display,
        kind,
        problems,
        facts,
        data=data,
        positions=document.positions(),
        yaml11=document.yaml11,
    )


_PRUNING_ROUNDS = 20


def _pruned(kind: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """``data`` with what fails its schema cut away, or None when that cannot be done.

    Each round removes, deepest first, the value every error points at (an
    unknown key, a value of the wrong type) or, for a missing required key, the
    item that lacks it; a list that names something twice keeps it once. What
    remains keeps its ids and structure for the rest of the workspace; a
    required key missing at the top stays missing.
    """
    import copy

    from cjm.core.schema_report import schema_errors

    pruned = copy.deepcopy(data)
    for _round in range(_PRUNING_ROUNDS):
        errors = {(path, code) for path, _key, _message, code in schema_errors(kind, pruned)}
        if all(path == () for path, _code in errors):
            return pruned  # nothing left but what the document as a whole lacks
        changed = False
        for path, code in sorted(errors, key=lambda e: _deepest_last(e[0]), reverse=True):
            if code == "unique-items":
                changed |= _deduplicate(pruned, path)
            elif path:
                changed |= _remove(pruned, path)
        if not changed:
            break
    return None


def _deduplicate(data: Any, path: tuple[str | int, ...]) -> bool:
    node = data
    for part in path:
        node = node[part]
    if not isinstance(node, list):
        return False
    kept = [item for n, item in enumerate(node) if item not in node[:n]]
    changed = len(kept) != len(node)
    node[:] = kept
    return changed


def _deepest_last(path: tuple[str | int, ...]) -> tuple[int, tuple[tuple[int, str], ...]]:
    return len(path), tuple((0, f"{p:09d}") if isinstance(p, int) else (1, p) for p in path)


def _remove(data: Any, path: tuple[str | int, ...]) -> bool:
    """Remove the value at ``path`` or, when the path goes past what exists (a
    required key is missing), the deepest item on it that does exist."""
    holder: Any = None
    step: str | int = ""
    node = data
    for part in path:
        inside = isinstance(node, dict) and part in node
        inside |= isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not inside:
            break
        holder, step, node = node, part, node[part]
    if holder is None:
        return False  # the document itself: what it lacks cannot be cut away
    del holder[step]
    return True


_ID_LINE = re.compile(
    rb"""^id:[ \t]*(["']?)([A-Za-z0-9][A-Za-z0-9._-]{0,79})\1[ \t]*(?:#.*)?\r?$""", re.MULTILINE
)
_SIMPLE_KINDS = ("journey", "persona", "empathy-map")
_STATE_LINE = re.compile(
    rb"""^state:[ \t]*(["']?)(current|future)\1[ \t]*(?:#.*)?\r?$""", re.MULTILINE
)
_COUNTERPART_LINE = re.compile(
    rb"""^counterpart:[ \t]*(["']?)([A-Za-z0-9][A-Za-z0-9._-]{0,79})\1[ \t]*(?:#.*)?\r?$""",
    re.MULTILINE,
)


def _raw_definitions(raw: bytes) -> tuple[Define, ...]:
    """The document id a journey, persona or empathy map defines, from its raw lines alone.

    Empty when the lines do not say it plainly: no `kind:` of those kinds, or
    not exactly one top-level `id:` line.
    """
    kind_line = KIND_LINE.search(raw)
    if kind_line is None:
        return ()
    kind = kind_line.group(1).decode("ascii")
    ids = _ID_LINE.findall(raw)
    if kind not in _SIMPLE_KINDS or len(ids) != 1:
        return ()
    return (Define(DOCUMENT, ids[0][1].decode("ascii"), kind, ("id",)),)


def _quick_definitions(task: _Task, raw: bytes) -> FileOutcome | None:
    """What a file that is only context defines, read from its raw lines when it can be.

    A file of the workspace that was not asked for is read only for the ids it
    lends to the others. Journeys, personas and empathy maps define just their
    own id, which a top-level `id:` line gives without parsing; anything less
    plain (a catalog, a reality map, a quoted or repeated id) is loaded.
    """
    defines = _raw_definitions(raw)
    if not defines:
        return None
    kind = defines[0].kind
    pairing = None
    if kind == "journey":  # its state and counterpart take part in the pairing checks
        pairing = _raw_pairing(defines[0].id, raw)
        if pairing is None:
            return None
    return FileOutcome(
        task.display, kind, (), Facts(kind, defines=defines, pairing=pairing), quick=True
    )


def _names_touchpoints(outcomes: Iterable[FileOutcome]) -> bool:
    """Whether any of ``outcomes`` refers to a journey's touchpoints."""
    return any(
        ref.namespace == TOUCHPOINT
        for outcome in outcomes
        if outcome.facts is not None
        for ref in outcome.facts.refs
    )


def _lends_ids(outcome: FileOutcome) -> bool:
    """Whether a file that could not be read still told its ids (from its raw lines)."""
    return outcome.facts is not None and bool(outcome.facts.defines)


def _top_level_lines(raw: bytes, word: bytes, line: re.Pattern[bytes]) -> list[Any] | None:
    """What each line that ``line`` matches says, where every mention of ``word`` in
    the file is such a line; else None. (Found by `bytes.find`, which is many times
    faster than a multi-line regular expression over the whole file.)"""
    found = []
    at = raw.find(word)
    while at != -1:
        match = line.match(raw, at) if at == 0 or raw[at - 1] == 0x0A else None
        if match is None:
            return None
        found.append(match.groups())
        at = raw.find(word, match.end())
    return found


def _raw_pairing(journey: str, raw: bytes) -> Pairing | None:
    """A journey's state and counterpart from its raw lines, when each is said plainly
    on a top-level line of its own, or not at all (current, and none); else None, and
    the file is loaded. The words are counted too: one written any other way (quoted,
    in a flow mapping) is never mistaken for its absence."""
    states = _top_level_lines(raw, b"state", _STATE_LINE)
    counterparts = _top_level_lines(raw, b"counterpart", _COUNTERPART_LINE)
    if states is None or counterparts is None or len(states) > 1 or len(counterparts) > 1:
        return None
    state = states[0][1].decode("ascii") if states else "current"
    counterpart = counterparts[0][1].decode("ascii") if counterparts else None
    if counterpart == journey:
        return None  # the full check says why
    return Pairing(journey, state, counterpart)


def _looks_like_document(raw: bytes) -> bool:
    """Whether a file found in a folder walk may be a cjm document.

    A top-level `kind:` line naming a cjm kind (or nearly) says yes at once; a
    file that mentions `kind` in any other way is parsed to be sure.
    """
    encoding = other_encoding(raw)
    if encoding is not None:  # a map saved as UTF-16 or UTF-32: the loader says how to fix it
        codec = encoding.replace(" (big-endian)", "-be").replace(" (little-endian)", "-le")
        raw = raw[: 1 << 16].decode(codec.lower(), "replace").encode("utf-8", "replace")
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    match = KIND_LINE.search(raw)
    if match is None:
        return b"kind" in raw
    return _cjm_kind_or_near(match.group(1).decode("ascii"))


def holds_document(path: Path) -> bool:
    """Whether ``path`` (a link followed) is a cjm document or a `cjm.yaml`: a file that an
    output must never replace, whichever workspace it belongs to."""
    real = Path(os.path.realpath(path))
    if real.name == CONFIG_FILE:
        return os.path.lexists(real)
    if not real.name.endswith((".yaml", ".yml")):
        return False
    raw = read_head(real, DEFAULT_MAX_FILE_SIZE)
    if not _looks_like_document(raw):
        return False
    try:  # as a folder walk decides: a `kind` written any other way is parsed to be sure
        data = load_bytes(raw, str(path)).data
    except LoadError:
        return True  # a map with a mistake in it is still a map
    kind = data.get("kind") if isinstance(data, dict) else None
    return isinstance(kind, str) and _cjm_kind_or_near(kind)


def _cjm_kind_or_near(kind: str) -> bool:
    return kind in DOCUMENT_KINDS or closest(kind, DOCUMENT_KINDS, cutoff=0.75) is not None


def _unknown_kind(document: Document, kind: Any, *, explicit: bool) -> FileOutcome:
    if not explicit and not (isinstance(kind, str) and _cjm_kind_or_near(kind)):
        return FileOutcome(document.path, None)  # some other YAML file met in a folder
    kinds = ", ".join(DOCUMENT_KINDS)
    if kind is None:
        message = f"not a cjm document: add a top-level `kind` ({kinds})"
        location = document.locate(())
    else:
        hint = did_you_mean(kind, DOCUMENT_KINDS) if isinstance(kind, str) else ""
        message = f"unknown kind {kind!r}{hint} (cjm kinds: {kinds})"
        location = document.locate(("kind",))
    return FileOutcome(
        document.path,
        None,
        (_problem(location, message, "unknown-kind", ("kind",)),),
        unknown_kind_facts(document.data),
    )


def display_path(path: Path, cwd: Path) -> str:
    """How a file is named in messages: relative to the working folder when under it."""
    try:
        return printable(path.relative_to(cwd).as_posix())
    except ValueError:
        return printable(path.as_posix())


@dataclass
class _Group:
    root: Path | None
    targets: dict[Path, bool] = field(default_factory=dict)


def load_paths(
    paths: Sequence[Path],
    *,
    jobs: int = 0,
    cwd: Path | None = None,
    ignore_unknown: bool = False,
    keep_documents: bool = False,
    nested: bool = True,
    keep_sources: bool = True,
) -> Report:
    """Validate files and folders, each against the workspace it belongs to.

    ``jobs`` is the number of worker processes; 0 picks one per core when the
    batch is large enough to pay for them. Files named in ``paths`` must be cjm
    documents unless ``ignore_unknown``; files found in folders are skipped
    when they are not. With ``keep_documents``, every schema-valid document of
    the workspaces involved is loaded whole and kept in ``Report.workspaces``;
    without ``keep_sources`` their files keep neither their plain data nor their
    positions (what only lint's findings need). Without ``nested``, workspaces
    inside the folders given are left out.
    """
    # documents kept: hundreds of thousands of objects that hold no cycle, which would
    # set off full collections over everything loaded so far again and again
    with collector_paused() if keep_documents else nullcontext():
        return _load_paths(
            paths,
            jobs=jobs,
            cwd=cwd,
            ignore_unknown=ignore_unknown,
            keep_documents=keep_documents,
            nested=nested,
            keep_sources=keep_sources,
        )


def _load_paths(
    paths: Sequence[Path],
    *,
    jobs: int = 0,
    cwd: Path | None = None,
    ignore_unknown: bool = False,
    keep_documents: bool = False,
    nested: bool = True,
    keep_sources: bool = True,
) -> Report:
    cwd = absolute(cwd or Path.cwd())
    groups: dict[Path | None, _Group] = {}

    def group(root: Path | None) -> _Group:
        return groups.setdefault(root, _Group(root))

    report = Report()
    settings_cache: dict[Path | None, Settings] = {None: Settings()}
    for raw in paths:
        path = absolute(cwd / raw)
        if not path.exists():
            raise UsageError(f"{printable(str(raw))}: no such file or folder")
        root = find_root(path)
        if path.is_file():
            settings = _settings(root, settings_cache, report, cwd)
            if not excluded(path, root=root, settings=settings):
                group(root).targets[path] = not ignore_unknown
            continue
        if not path.is_dir():
            raise UsageError(f"{printable(str(raw))}: not a file or a folder")
        starts = [(path, root)]
        while starts:
            start, folder_root = starts.pop(0)
            settings = _settings(folder_root, settings_cache, report, cwd)
            found: list[Path] = []
            for file in walk(start, root=folder_root, settings=settings, nested=found):
                group(folder_root).targets.setdefault(file, False)
            if nested:
                starts.extend((r, r) for r in found)

    tasks: dict[str, _Task] = {}
    members: dict[Path | None, list[str]] = {}
    for root, grp in groups.items():
        settings = _settings(root, settings_cache, report, cwd)
        files = dict.fromkeys(grp.targets)
        if root is not None:
            files.update(dict.fromkeys(walk(root, root=root, settings=settings)))
        members[root] = []
        for file in sorted(files):
            display = display_path(file, cwd)
            members[root].append(display)
            tasks[display] = _Task(
                file,
                display,
                grp.targets.get(file, False),
                settings.max_file_size,
                # a wrong cjm.yaml: its scale is not known, and scores wait until it is
                settings.emotion_scale if settings.valid else None,
                context_only=file not in grp.targets,
                keep=keep_documents,
            )
    target_names = {name for name, task in tasks.items() if not task.context_only}

    outcomes = _run(list(tasks.values()), jobs)
    by_file = {o.file: o for o in outcomes}
    if _names_touchpoints(by_file[name] for name in target_names):
        # the touchpoints of the journeys that are only context: their raw lines tell
        # only their ids
        again = [
            replace(tasks[o.file], whole=True) for o in outcomes if o.quick and o.kind == "journey"
        ]
        by_file.update((o.file, o) for o in _run(again, jobs))
    documents: dict[str, Document] = {}
    for root, names in members.items():
        facts = {name: facts for name in names if (facts := by_file[name].facts) is not None}
        unreadable = [name for name in names if by_file[name].unreadable]
        # a file that could not be read and is reported says what is wrong; when even
        # its ids could not be read from its lines, references that may be to them are
        # not blamed on the others
        unsure = any(name in target_names and not _lends_ids(by_file[name]) for name in unreadable)
        # no file that could not be read lends its touchpoints, whatever its lines tell
        reported = any(name in target_names for name in unreadable)
        for unresolved in resolve(
            facts,
            settings_cache[root].frameworks if settings_cache[root].valid else None,
            unreadable=unreadable,
            has_config=root is not None,
        ):
            if unresolved.file not in target_names or (
                unresolved.uncertain and (unsure or (reported and unresolved.unlent))
            ):
                continue
            document = documents.get(unresolved.file)
            if document is None:
                task = tasks[unresolved.file]
                document = documents[unresolved.file] = load_file(
                    task.path, display=task.display, max_size=task.max_size
                )
            report.problems.append(
                _problem(
                    document.locate(unresolved.path),
                    unresolved.message,
                    unresolved.code,
                    unresolved.path,
                )
            )

    if keep_documents:
        folder_given = any((cwd / p).is_dir() for p in paths)
        for root, names in members.items():
            report.workspaces.append(
                _workspace(
                    root,
                    names,
                    by_file,
                    tasks,
                    target_names,
                    folder_given,
                    settings=settings_cache[root],
                    cwd=cwd,
                    keep_sources=keep_sources,
                )
            )
    for outcome in outcomes:
        if outcome.file not in target_names:
            continue
        if outcome.kind is not None:
            report.files_checked += 1
        report.problems.extend(outcome.problems)
        if outcome.unreadable:
            report.input_error = True
    report.problems = sorted(set(report.problems))
    return report


def _workspace(
    root: Path | None,
    names: Sequence[str],
    outcomes: dict[str, FileOutcome],
    tasks: dict[str, _Task],
    target_names: set[str],
    folder_given: bool,
    *,
    settings: Settings,
    cwd: Path,
    keep_sources: bool,
) -> Workspace:
    """The typed workspace of the documents kept (schema-valid, or lent in part)."""
    files = tuple(
        SourceFile(
            name,
            tasks[name].path,
            outcome.kind,
            outcome.data,
            name in target_names,
            outcome.document,
            outcome.positions,
            outcome.partial,
            outcome.yaml11,
        )
        for name in names
        if (outcome := outcomes[name]).data is not None and outcome.kind
    )
    models = tuple(build(f.kind, f.data, file=f.file) for f in files)
    config = root / CONFIG_FILE if root is not None else None
    shown = display_path(config, cwd) if config and config.is_file() else None
    whole = tuple(m for f, m in zip(files, models, strict=True) if not f.partial)
    lent = tuple(m for f, m in zip(files, models, strict=True) if f.partial)
    if not keep_sources:  # the models say it all: the data and node trees can go
        files = tuple(replace(f, data={}, document=None, positions=None, yaml11=()) for f in files)
    return Workspace(
        whole,
        settings,
        files,
        root=root,
        config_file=shown,
        targets=frozenset(f.file for f in files if f.target and not f.partial),
        relative={f.file: workspace_relative(f.path, root) for f in files},
        folder_given=folder_given,
        lent=lent,
        incomplete=frozenset(
            name
            for name in names
            if (outcome := outcomes[name]).unreadable
            or outcome.partial
            or (outcome.kind is not None and outcome.data is None and outcome.problems)
            # a misspelt kind: a document all the same, whose contents are unknown
            or any(p.code == "unknown-kind" for p in outcome.problems)
        ),
    )


def workspace_roots(folder: Path) -> list[Path]:
    """The workspaces (folders with a cjm.yaml) under ``folder``, outer ones first,
    leaving out what their `paths.exclude` excludes."""
    roots: list[Path] = []
    starts = [(folder, find_root(folder))]
    while starts:
        start, root = starts.pop(0)
        settings, _problems = workspace_settings(root, start)
        found: list[Path] = []
        for _file in walk(start, root=root, settings=settings, nested=found):
            pass
        if root is not None and root not in roots:
            roots.append(root)
        starts.extend((r, r) for r in found)
    return roots


def workspace_settings(root: Path | None, cwd: Path) -> tuple[Settings, tuple[Problem, ...]]:
    """The settings of the workspace at ``root``, or the problems of its cjm.yaml."""
    if root is None or not os.path.lexists(root / CONFIG_FILE):
        return Settings(), ()
    config_path = root / CONFIG_FILE
    task = _Task(
        config_path, display_path(config_path, cwd), True, Settings().max_file_size, DEFAULT_SCALE
    )
    outcome = check_file(task)
    if outcome.config is None:
        return Settings(valid=False), outcome.problems
    settings = Settings.from_config(outcome.config)
    if outcome.problems:  # what could be kept of it, for checking the rest
        return replace(settings, valid=False), outcome.problems
    return settings, ()


def settings_from_bytes(raw: bytes, name: str) -> Settings:
    """The settings a `cjm.yaml` read from anywhere (a git revision, say) decides.

    The defaults, marked not valid, when the file cannot be loaded or fails its schema.
    """
    try:
        data = load_bytes(raw, name).data
    except LoadError:
        return Settings(valid=False)
    if not is_valid(CONFIG_KIND, data):
        return Settings(valid=False)
    return Settings.from_config(data)


def _settings(
    root: Path | None, cache: dict[Path | None, Settings], report: Report, cwd: Path
) -> Settings:
    if root not in cache:
        cache[root], problems = workspace_settings(root, cwd)
        if problems:
            report.input_error = True
            report.problems.extend(problems)
    return cache[root]


def _run(tasks: list[_Task], jobs: int) -> list[FileOutcome]:
    """Check every task, in worker processes when there are enough to pay for them.

    In one process, kept documents keep their node trees too (for positions
    later, at no cost); from workers they come back as plain data.
    """
    workers = jobs if jobs > 0 else default_jobs(sum(not t.context_only for t in tasks))
    if workers <= 1 or len(tasks) < 2:
        tasks = [replace(t, keep_tree=t.keep) for t in tasks]
    return map_files(check_file, tasks, workers)


def map_files(function: Callable[[_T], _R], items: Sequence[_T], workers: int) -> list[_R]:
    """``function`` over ``items``, in ``workers`` processes when more than one.

    The data built while loading is all trees, freed as soon as it is dropped,
    so the cyclic garbage collector is held off: it would only walk it again.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        if workers <= 1 or len(items) < 2:
            return [function(item) for item in items]
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import active_children, get_context

        chunk = max(1, len(items) // (workers * 8))
        # fork is cheap and safe on Linux; elsewhere the platform's default is kept
        context = get_context("fork") if sys.platform == "linux" else None
        pool = ProcessPoolExecutor(
            max_workers=min(workers, len(items)),
            mp_context=context,
            initializer=_leave_interrupts_to_parent,
        )
        try:
            with _interrupts_held():  # the workers are forked here, and must not get one
                started = pool.map(function, items, chunksize=chunk)
            results = list(started)
        except BaseException:  # Ctrl-C above all: the workers are stopped, not waited for
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in active_children():
                worker.terminate()
            raise
        pool.shutdown()
        return results
    finally:
        if collecting:
            gc.enable()


def _leave_interrupts_to_parent() -> None:
    """Ctrl-C reaches every process of the terminal: the workers leave it to the parent,
    which stops them and says so once, instead of each printing a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back while workers are forked: a child interrupted before it can ignore
    it prints a traceback. The parent gets it as soon as they are started."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def default_jobs(files: int) -> int:
    """One worker per core for batches large enough to pay for starting them."""
    if files < PARALLEL_THRESHOLD:
        return 1
    return usable_cores()
