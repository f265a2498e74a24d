"""Workspaces: the folder under a `cjm.yaml`, its settings, its files and its documents.

A document is checked against the rest of its workspace, found by walking up
from the document to the nearest `cjm.yaml`. A folder is searched recursively
for `*.yaml` and `*.yml` files, skipping hidden folders and whatever
`paths.exclude` names; a sub-folder with a `cjm.yaml` of its own is a
workspace of its own.

:class:`Workspace` is the one shape every command works on: the typed
documents with their lookups by id, the typed settings, and for each document
the file it came from (its data and positions, for `file:line:col`). The
loading pipeline (:mod:`cjm.core.loading`) builds it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from cjm.core.errors import CjmError, Location
from cjm.core.files import printable
from cjm.core.frameworks import BUILTIN, Framework
from cjm.core.kinds import CONFIG_FILE
from cjm.core.loader import (
    DEFAULT_MAX_FILE_SIZE,
    Document,
    Positions,
    Yaml11Scalar,
    load_file,
    locate_in,
)
from cjm.core.model import (
    DEFAULT_SCALE,
    Channel,
    ChannelCatalog,
    EmpathyMap,
    Journey,
    Persona,
    RealityMap,
    Source,
)
from cjm.core.model import Document as Model
from cjm.core.model import Finding as ResearchFinding

YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv"})


@dataclass(frozen=True)
class RenderDefaults:
    """The `render:` section of cjm.yaml: what `cjm render` does when not told otherwise."""

    page_size: str | None = None
    lanes: str | None = None
    template: str | None = None  # relative to the workspace root

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> RenderDefaults:
        return cls(section.get("page_size"), section.get("lanes"), section.get("template"))


@dataclass(frozen=True)
class Settings:
    """What a workspace's cjm.yaml decides; the defaults when there is none."""

    include: tuple[str, ...] = ("**/*.yaml", "**/*.yml")
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    emotion_scale: tuple[int, int] = DEFAULT_SCALE
    locale: str = "en"
    frameworks: dict[str, Framework] = field(default_factory=lambda: dict(BUILTIN))
    name: str | None = None
    lint: Mapping[str, Any] | None = None  # the `lint:` section, which lint reads itself
    valid: bool = True  # False when cjm.yaml has problems and these are defaults
    render: RenderDefaults = field(default_factory=lambda: RenderDefaults())

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Settings:
        from cjm.core.frameworks import from_config

        paths = config.get("paths", {})
        scale = config.get("emotion_scale")
        return cls(
            include=tuple(paths.get("include", cls.include)),
            exclude=tuple(paths.get("exclude", ())),
            max_file_size=int(config.get("limits", {}).get("max_file_size", DEFAULT_MAX_FILE_SIZE)),
            emotion_scale=(int(scale["min"]), int(scale["max"])) if scale else DEFAULT_SCALE,
            locale=config.get("locale", "en"),
            frameworks=from_config(config.get("frameworks", {})),
            name=config.get("name"),
            lint=config.get("lint"),
            render=RenderDefaults.from_config(config.get("render", {})),
        )


@dataclass(frozen=True)
class SourceFile:
    """A document as its file holds it: plain data, and where each part of it is.

    ``partial`` marks a document that failed its schema: what is wrong in it
    was cut away so that it still lends its ids and structure to the rest of
    the workspace (a channel it uses is used), while its own problems are
    reported by validation and nothing else is said about it.

    ``yaml11`` lists the plain scalars that YAML 1.1 readers take for something
    else than cjm does (`no`, `010`), for the lint rule that warns of them.
    """

    file: str
    path: Path
    kind: str
    data: dict[str, Any]
    target: bool
    document: Document | None = None
    positions: Positions | None = None
    partial: bool = False
    yaml11: tuple[Yaml11Scalar, ...] = ()

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """Where a JSON path of this document is, without reading the file again."""
        if self.document is not None:
            return self.document.locate(path, key=key)
        if self.positions is not None:
            return locate_in(self.positions, self.file, path, key=key)
        return load_file(self.path, display=self.file).locate(path, key=key)


@dataclass(frozen=True)
class Workspace:
    """One workspace: its typed documents in file order, its settings, and their files.

    ``targets`` are the files the user asked about (the rest is context);
    ``relative`` maps each file as displayed to its path inside the workspace
    (forward slashes), which output names and `paths` globs use.

    ``documents`` are the documents that passed their schema. A document that
    failed it is not among them: what could be kept of it is in ``lent``, for
    the checks that look across documents (lint), so that they do not blame
    another file for what only the broken one uses. ``incomplete`` names every
    file of the workspace whose document could not be read whole (unreadable,
    or failing its schema): across-document conclusions of absence ("used by
    no journey") wait until it is fixed.
    """

    documents: tuple[Model, ...] = ()
    settings: Settings = field(default_factory=lambda: Settings())
    files: tuple[SourceFile, ...] = ()
    root: Path | None = None
    config_file: str | None = None
    targets: frozenset[str] = frozenset()
    relative: Mapping[str, str] = field(default_factory=dict)
    folder_given: bool = False
    lent: tuple[Model, ...] = ()
    incomplete: frozenset[str] = frozenset()

    def _of(self, kind: type[Any]) -> tuple[Any, ...]:
        return tuple(d for d in self.documents if isinstance(d, kind))

    @cached_property
    def journeys(self) -> tuple[Journey, ...]:
        return self._of(Journey)

    @cached_property
    def personas(self) -> tuple[Persona, ...]:
        return self._of(Persona)

    @cached_property
    def empathy_maps(self) -> tuple[EmpathyMap, ...]:
        return self._of(EmpathyMap)

    @cached_property
    def reality_maps(self) -> tuple[RealityMap, ...]:
        return self._of(RealityMap)

    @cached_property
    def catalogs(self) -> tuple[ChannelCatalog, ...]:
        return self._of(ChannelCatalog)

    @cached_property
    def channels(self) -> Mapping[str, Channel]:
        return {c.id: c for catalog in self.catalogs for c in catalog.channels}

    @cached_property
    def findings(self) -> Mapping[str, ResearchFinding]:
        return {f.id: f for rm in self.reality_maps for f in rm.findings}

    @cached_property
    def sources(self) -> Mapping[str, Source]:
        return {s.id: s for rm in self.reality_maps for s in rm.sources}

    @cached_property
    def by_id(self) -> Mapping[str, Model]:
        return {d.id: d for d in self.documents}

    @cached_property
    def by_file(self) -> Mapping[str, SourceFile]:
        return {f.file: f for f in self.files}

    @property
    def raw(self) -> Mapping[str, Mapping[str, Any]]:
        """Each document's plain data, by file: for checks that search text wholesale first."""
        return {f.file: f.data for f in self.files}

    @property
    def rendered(self) -> tuple[Model, ...]:
        """The documents asked for, in file order."""
        return tuple(d for d in self.documents if d.file in self.targets)

    @property
    def locale(self) -> str:
        return self.settings.locale

    def scale(self, journey: Journey) -> tuple[int, int]:
        """The journey's emotion scale, else the workspace's."""
        if journey.emotion_scale is not None:
            return journey.emotion_scale.min, journey.emotion_scale.max
        return self.settings.emotion_scale

    def counterpart(self, journey: Journey) -> Journey | None:
        """The other state of the same journey: its `counterpart`, or the journey naming it."""
        if journey.counterpart:
            other = self.by_id.get(journey.counterpart)
            if isinstance(other, Journey):
                return other
        return next((j for j in self.journeys if j.counterpart == journey.id), None)


def find_root(start: Path) -> Path | None:
    """The folder of the nearest cjm.yaml at or above ``start``."""
    folder = absolute(start if start.is_dir() else start.parent)
    for candidate in (folder, *folder.parents):
        # any cjm.yaml, even one that cannot be read (a folder, a link to a device), so
        # that loading reports it instead of checking the files without their workspace
        if os.path.lexists(candidate / CONFIG_FILE):
            return candidate
    return None


def absolute(path: Path) -> Path:
    """``path`` made absolute without following symbolic links, `..` folded away."""
    return Path(os.path.normpath(path.absolute()))


def excluded(path: Path, *, root: Path | None, settings: Settings) -> bool:
    """Whether the workspace's `paths.exclude` leaves ``path`` out."""
    if root is None or not settings.exclude:
        return False
    relative = workspace_relative(path, root)
    return _matches([glob_pattern(p) for p in settings.exclude], relative)


def walk(
    folder: Path, *, root: Path | None, settings: Settings, nested: list[Path] | None = None
) -> Iterator[Path]:
    """YAML files under ``folder`` that belong to the workspace at ``root``, sorted.

    Folders with a cjm.yaml of their own are other workspaces: they are not
    entered, and are added to ``nested`` when it is given.
    """
    include = [glob_pattern(p) for p in settings.include]
    exclude = [glob_pattern(p) for p in settings.exclude]
    base = root if root is not None else folder
    for current, dirs, files in os.walk(folder, onerror=_unreadable_folder):
        here = Path(current)
        if here != folder and (CONFIG_FILE in files or CONFIG_FILE in dirs):
            dirs[:] = []
            if nested is not None:
                nested.append(here)
            continue
        kept = []
        for name in sorted(dirs):
            if name.startswith(".") or name in SKIPPED_FOLDERS or name == CONFIG_FILE:
                continue
            if _matches(exclude, workspace_relative(here / name, base)):
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                continue
            relative = workspace_relative(here / name, base)
            if not (here / name).is_file():
                continue  # a pipe or a device named like YAML would block the reader
            if name == CONFIG_FILE or (
                _matches(include, relative) and not _matches(exclude, relative)
            ):
                yield here / name


def _unreadable_folder(error: OSError) -> None:
    """A folder that cannot be listed is an error, not an empty folder: skipping it
    would blame the files that refer to its documents, or call them removed."""
    name = os.fsdecode(error.filename) if error.filename is not None else "?"
    try:
        shown = Path(name).relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = name
    raise CjmError(f"{printable(shown)}: cannot read folder: {error.strerror or error}") from error


def workspace_relative(path: Path, base: Path | None) -> str:
    """``path`` as the workspace's globs see it: relative to ``base`` (the workspace root)
    with forward slashes; just its name without a workspace."""
    if base is None:
        return path.name
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def belongs(relative: str, settings: Settings) -> bool:
    """Whether a file at ``relative`` (to its workspace root, forward slashes) is one the
    workspace's `paths` take in: its cjm.yaml, or a match of `include` and not of `exclude`."""
    if relative == CONFIG_FILE:
        return True
    include = [glob_pattern(p) for p in settings.include]
    exclude = [glob_pattern(p) for p in settings.exclude]
    return _matches(include, relative) and not _matches(exclude, relative)


def _matches(patterns: Iterable[re.Pattern[str]], relative: str) -> bool:
    return any(p.fullmatch(relative) for p in patterns)


@cache
def glob_pattern(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob: `*` within a folder, `**` across folders, `?` one character.

    A pattern that names a folder also matches everything under it.
    """
    out = []
    i = 0
    pattern = pattern.strip("/")
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?")
