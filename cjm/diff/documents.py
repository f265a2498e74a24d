"""The two sides of a diff: their files, read from disk or from git, loaded and checked.

A side is a list of :class:`SourceFile` (a key that pairs it with its
counterpart on the other side, the name shown in messages, and its bytes).
Every cjm document among them is loaded safely and checked against its
schema; a file that cannot be loaded or is not schema-valid stops the diff
with every problem at its ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cjm.core import model
from cjm.core.errors import CjmError, Location
from cjm.core.kinds import CONFIG_KIND, DOCUMENT_KINDS
from cjm.core.loader import DEFAULT_MAX_FILE_SIZE, Document
from cjm.core.loading import KIND_LINE, check_bytes
from cjm.core.model import DEFAULT_SCALE
from cjm.core.workspace import YAML_SUFFIXES


@dataclass(frozen=True)
class SourceFile:
    """A file of one side: ``key`` pairs it with the other side, ``name`` is shown."""

    key: str
    name: str
    raw: bytes


@dataclass(frozen=True)
class Loaded:
    """A schema-valid document of one side, with its typed model and its node tree."""

    key: str
    name: str
    kind: str
    id: str
    model: model.Document
    source: Document

    def locate(self, path: Sequence[str | int]) -> str:
        return str(self.source.locate(path))


class InputError(CjmError):
    """Some files of a side could not be loaded or are not valid documents."""

    code = "input"

    def __init__(self, problems: Sequence[tuple[Location, str]]) -> None:
        first_location, first_message = problems[0]
        more = "".join(f"\n{location}: {message}" for location, message in problems[1:])
        super().__init__(f"{first_message}{more}", first_location)
        self.problems = tuple(problems)


def is_yaml(name: str) -> bool:
    return name.endswith(YAML_SUFFIXES)


def may_be_document(raw: bytes) -> bool:
    """Whether the file has a top-level `kind:` line naming a cjm document kind."""
    return any(m.group(1).decode("ascii") in DOCUMENT_KINDS for m in KIND_LINE.finditer(raw))


def load_side(
    files: Iterable[SourceFile],
    *,
    explicit: bool,
    scale: tuple[int, int] = DEFAULT_SCALE,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
) -> list[Loaded]:
    """Every cjm document among ``files``, loaded and checked by the loading pipeline.

    Files that are not cjm documents (a CI workflow, `cjm.yaml`) are left out,
    unless ``explicit``: then every file must be one. Raises
    :class:`InputError` with every problem that stops a document from being
    read as what it says it is (it cannot be loaded, or fails its schema).
    """
    loaded: list[Loaded] = []
    problems: list[tuple[Location, str]] = []
    for file in files:
        path = file.key or file.name.rpartition(":")[2]  # `REV:path` names a file at REV
        outcome = check_bytes(
            file.raw, file.name, explicit=explicit, scale=scale, path=path, max_size=max_size
        )
        if outcome.kind == CONFIG_KIND and explicit:
            problems.append(
                (
                    Location(file.name),
                    "this is a workspace's cjm.yaml, not a map: cjm diff compares journeys, "
                    "personas, empathy maps, reality maps and channel catalogs",
                )
            )
            continue
        if outcome.kind == CONFIG_KIND or (outcome.kind is None and not outcome.problems):
            continue
        if outcome.document is None or outcome.kind is None or outcome.kind == "?":
            unreadable = outcome.kind == "?"
            problems.extend(
                (p.location, p.message if unreadable else f"{p.message} ({p.code})")
                for p in outcome.problems
            )
            continue
        built = model.build(outcome.kind, outcome.document.data, file=file.name)
        loaded.append(Loaded(file.key, file.name, outcome.kind, built.id, built, outcome.document))
    if problems:
        raise InputError(problems)
    return loaded
