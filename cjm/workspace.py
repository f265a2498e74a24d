"""Workspaces: the folder under a `cjm.yaml`, its settings, and its files.

A document is checked against the rest of its workspace, found by walking up
from the document to the nearest `cjm.yaml`. A folder is searched recursively
for `*.yaml` and `*.yml` files, skipping hidden folders and whatever
`paths.exclude` names; a sub-folder with a `cjm.yaml` of its own is a
workspace of its own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cjm.frameworks import BUILTIN, Framework
from cjm.kinds import CONFIG_FILE
from cjm.loader import DEFAULT_MAX_FILE_SIZE
from cjm.references import DEFAULT_SCALE

YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "venv"})


@dataclass(frozen=True)
class Settings:
    """What a workspace's cjm.yaml decides; the defaults when there is none."""

    include: tuple[str, ...] = ("**/*.yaml", "**/*.yml")
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    emotion_scale: tuple[int, int] = DEFAULT_SCALE
    locale: str = "en"
    frameworks: dict[str, Framework] = field(default_factory=lambda: dict(BUILTIN))
    config: dict[str, Any] = field(default_factory=dict)
    valid: bool = True  # False when cjm.yaml has problems and these are defaults

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Settings:
        from cjm.frameworks import from_config

        paths = config.get("paths", {})
        scale = config.get("emotion_scale")
        return cls(
            include=tuple(paths.get("include", cls.include)),
            exclude=tuple(paths.get("exclude", ())),
            max_file_size=config.get("limits", {}).get("max_file_size", DEFAULT_MAX_FILE_SIZE),
            emotion_scale=(scale["min"], scale["max"]) if scale else DEFAULT_SCALE,
            locale=config.get("locale", "en"),
            frameworks=from_config(config.get("frameworks", {})),
            config=config,
        )


def find_root(start: Path) -> Path | None:
    """The folder of the nearest cjm.yaml at or above ``start``."""
    folder = absolute(start if start.is_dir() else start.parent)
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
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
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        if here != folder and CONFIG_FILE in files:
            dirs[:] = []
            if nested is not None:
                nested.append(here)
            continue
        kept = []
        for name in sorted(dirs):
            if name.startswith(".") or name in SKIPPED_FOLDERS:
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


def workspace_relative(path: Path, base: Path | None) -> str:
    """``path`` as the workspace's globs see it: relative to ``base`` (the workspace root)
    with forward slashes; just its name without a workspace."""
    if base is None:
        return path.name
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


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
