"""Comparing two sides document by document and item by item, always by id.

Documents are paired by kind and id, then by file, then by content (a renamed
id). Inside a document every item (stage, step, touchpoint, pain point,
opportunity, process, metric, source, finding, assumption, channel) is paired
by its id wherever it sits, since item ids are unique in their document: a
step found under another stage has moved, an id found nowhere is an item
added or removed, and an added and a removed item with the same (or nearly
the same) content are one item renamed.
"""

from __future__ import annotations

import dataclasses
import typing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cjm.core import model
from cjm.core.paths import graph
from cjm.diff.changes import DOCUMENT_SUBJECTS, Change, Side
from cjm.diff.documents import Loaded

RENAME_SIMILARITY = 0.75
"""How alike an added and a removed item must be to count as one item renamed (0 to 1)."""
MAX_RENAME_PAIRS = 2500
"""Beyond this many candidate pairs, only items of identical content count as renamed."""

SUBJECTS: dict[type, str] = {
    model.Stage: "stage",
    model.Step: "step",
    model.Touchpoint: "touchpoint",
    model.PainPoint: "pain-point",
    model.Opportunity: "opportunity",
    model.Process: "process",
    model.Metric: "metric",
    model.Source: "source",
    model.Finding: "finding",
    model.Assumption: "assumption",
    model.Channel: "channel",
}
KIND_ORDER = {
    kind: i
    for i, kind in enumerate(("journey", "persona", "empathy-map", "channels", "reality-map"))
}
_SKIPPED_FIELDS = frozenset({"path", "extensions", "file", "id", "kind"})
_MISSING = object()

Parent = tuple[str, str, str]  # (subject of the parent, its id, the list that holds the item)


@dataclass(frozen=True)
class Entry:
    """An item of a document, with where it sits."""

    item: Any
    subject: str
    parent: Parent
    ids: tuple[str, ...]
    stage: str | None
    index: int


@dataclass(frozen=True)
class Pair:
    old: Loaded
    new: Loaded


@dataclass(frozen=True)
class Pairing:
    """How the documents of the two sides correspond."""

    pairs: tuple[Pair, ...]
    added: tuple[Loaded, ...]
    removed: tuple[Loaded, ...]


def pair_documents(old: Sequence[Loaded], new: Sequence[Loaded]) -> Pairing:
    """Pair documents by kind and id, then by file, then by content."""
    pairs: list[Pair] = []
    old_left, new_left = list(old), list(new)

    def take(match: Callable[[Loaded, Loaded], bool]) -> None:
        for o in list(old_left):
            found = next((n for n in new_left if match(o, n)), None)
            if found is not None:
                pairs.append(Pair(o, found))
                old_left.remove(o)
                new_left.remove(found)

    by_identity = Counter((d.kind, d.id) for d in old_left)
    by_identity_new = Counter((d.kind, d.id) for d in new_left)
    take(lambda o, n: (o.kind, o.id) == (n.kind, n.id) and o.key == n.key)
    take(
        lambda o, n: (
            (o.kind, o.id) == (n.kind, n.id)
            and by_identity[(o.kind, o.id)] == 1
            and by_identity_new[(n.kind, n.id)] == 1
        )
    )
    take(lambda o, n: o.kind == n.kind and o.key == n.key)

    def content(d: Loaded) -> Counter[tuple[str, str]]:
        return _leaves(d.source.data)

    for o, n in _similar(old_left, new_left, lambda d: d.kind, content, content):
        pairs.append(Pair(o, n))
        old_left.remove(o)
        new_left.remove(n)
    return Pairing(tuple(pairs), tuple(new_left), tuple(old_left))


def document_order(kind: str, doc_id: str) -> tuple[int, str]:
    return KIND_ORDER.get(kind, len(KIND_ORDER)), doc_id


def compare(pairing: Pairing) -> list[Change]:
    """Every change between paired, added and removed documents, in document order."""
    changes: list[Change] = []
    for doc in pairing.removed:
        changes.append(
            Change(DOCUMENT_SUBJECTS[doc.kind], "removed", doc.kind, _document_side(doc), None)
        )
    for doc in pairing.added:
        changes.append(
            Change(DOCUMENT_SUBJECTS[doc.kind], "added", doc.kind, None, _document_side(doc))
        )
    for pair in pairing.pairs:
        changes.extend(DocumentDiff(pair.old, pair.new).changes())
    return sorted(changes, key=change_order)


def change_order(change: Change) -> tuple[Any, ...]:
    side = change.side
    return (
        document_order(change.document_kind, change.document),
        tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in side.json_path),
        change.kind,
        change.persona or "",
    )


def _document_side(doc: Loaded) -> Side:
    label = doc.model.title or getattr(doc.model, "name", None)
    return Side(doc.source.data, doc.locate(()), (doc.id,), (), None, label)


def _label(item: Any) -> str | None:
    for name in ("name", "description", "statement"):
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return None


def _get(data: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        inside = (isinstance(data, Mapping) and isinstance(part, str) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if not inside:
            return _MISSING
        data = data[part]
    return data


def _raw(doc: Loaded, path: Sequence[str | int]) -> Any:
    found = _get(doc.source.data, path)
    return None if found is _MISSING else found


_LIST_FIELDS: dict[Any, tuple[str, ...]] = {}
_VALUE_FIELDS: dict[Any, tuple[str, ...]] = {}


def _list_fields(cls: Any) -> tuple[str, ...]:
    """The fields of a model class that hold lists of items with ids (a step's `next` and
    a source's `uses` hold items without ids: they are compared as values)."""
    found = _LIST_FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _LIST_FIELDS[cls] = tuple(
            name
            for name in model.child_fields(cls)
            if typing.get_origin(hints[name]) is tuple
            and typing.get_args(hints[name])[0] in SUBJECTS
        )
    return found


def _value_fields(cls: Any) -> tuple[str, ...]:
    """The fields of a model class compared as values."""
    found = _VALUE_FIELDS.get(cls)
    if found is None:
        lists = set(_list_fields(cls))
        found = _VALUE_FIELDS[cls] = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if f.name not in _SKIPPED_FIELDS and f.name not in lists
        )
    return found


def walk(doc: model.Document) -> dict[tuple[str, str], Entry]:
    """Every item of a document with an id, by (subject, id)."""
    found: dict[tuple[str, str], Entry] = {}

    def visit(node: Any, subject: str, ids: tuple[str, ...], stage: str | None) -> None:
        parent_id = ids[-1] if subject != "document" else ""
        for name in _list_fields(type(node)):
            for index, child in enumerate(getattr(node, name)):
                child_subject = SUBJECTS[type(child)]
                key_id = child.id
                n = 1
                while (child_subject, key_id) in found:  # a duplicate id: keep both apart
                    n += 1
                    key_id = f"{child.id}#{n}"
                child_ids = (*ids, child.id)
                child_stage = child.id if child_subject == "stage" else stage
                found[(child_subject, key_id)] = Entry(
                    child, child_subject, (subject, parent_id, name), child_ids, child_stage, index
                )
                visit(child, child_subject, child_ids, child_stage)

    visit(doc, "document", (doc.id,), None)
    return found


def _leaves(value: Any, prefix: str = "") -> Counter[tuple[str, str]]:
    """The scalar leaves of a value, as (key path without list positions, value) counts."""
    found: Counter[tuple[str, str]] = Counter()
    if isinstance(value, Mapping):
        for key, child in value.items():
            if prefix == "" and key == "id":
                continue
            found.update(_leaves(child, f"{prefix}/{key}"))
    elif isinstance(value, list):
        for child in value:
            found.update(_leaves(child, prefix))
    else:
        found[(prefix, repr(value))] += 1
    return found


def similarity(a: Counter[tuple[str, str]], b: Counter[tuple[str, str]]) -> float:
    """How much two items' content overlaps, from 0 to 1, the same both ways."""
    union = sum((a | b).values())
    return 1.0 if union == 0 else sum((a & b).values()) / union


def _similar(
    old: Sequence[Any],
    new: Sequence[Any],
    group: Callable[[Any], str],
    old_leaves_of: Callable[[Any], Counter[tuple[str, str]]],
    new_leaves_of: Callable[[Any], Counter[tuple[str, str]]],
) -> Iterator[tuple[Any, Any]]:
    """Pairs of an old and a new thing alike enough to be one thing renamed.

    The most alike pairs are taken first; ties go by the pair's names, so that
    the same pairs are found whichever side is old.
    """
    if not old or not new:
        return
    old_leaves = [old_leaves_of(o) for o in old]
    new_leaves = [new_leaves_of(n) for n in new]
    candidates: list[tuple[float, tuple[str, str], int, int]] = []
    if len(old) * len(new) > MAX_RENAME_PAIRS:
        index: dict[tuple[str, frozenset[tuple[tuple[str, str], int]]], list[int]] = defaultdict(
            list
        )
        for j, n in enumerate(new):
            index[(group(n), frozenset(new_leaves[j].items()))].append(j)
        for i, o in enumerate(old):
            for j in index.get((group(o), frozenset(old_leaves[i].items())), []):
                candidates.append((1.0, _names(o, new[j]), i, j))
    else:
        for i, o in enumerate(old):
            for j, n in enumerate(new):
                if group(o) != group(n):
                    continue
                score = similarity(old_leaves[i], new_leaves[j])
                if score >= RENAME_SIMILARITY:
                    candidates.append((score, _names(o, n), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _score, _key, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        yield old[i], new[j]


def _names(a: Any, b: Any) -> tuple[str, str]:
    x, y = _name(a), _name(b)
    return (x, y) if x <= y else (y, x)


def _name(thing: Any) -> str:
    if isinstance(thing, Entry):
        return f"{thing.subject}:{thing.item.id}"
    return f"{thing.key}:{thing.id}"


class DocumentDiff:
    """The changes between two versions of one document."""

    def __init__(self, old: Loaded, new: Loaded) -> None:
        self.old = old
        self.new = new
        self.subject = DOCUMENT_SUBJECTS[new.kind]
        self.old_items = walk(old.model)
        self.new_items = walk(new.model)
        self.renamed: dict[str, dict[str, str]] = defaultdict(dict)  # subject: old id -> new id

    def changes(self) -> list[Change]:
        old, new = self.old, self.new
        found: list[Change] = []
        root_old = Side(old.id, old.locate(("id",)), (old.id,), ("id",), None, old.model.title)
        root_new = Side(new.id, new.locate(("id",)), (new.id,), ("id",), None, new.model.title)
        if old.id != new.id:
            found.append(Change(self.subject, "renamed", new.kind, root_old, root_new))
        if old.key != new.key:
            found.append(
                Change(
                    self.subject,
                    "moved",
                    new.kind,
                    dataclasses.replace(root_old, value=old.key, location=old.locate(())),
                    dataclasses.replace(root_new, value=new.key, location=new.locate(())),
                )
            )
        found.extend(
            self._fields(old.model, new.model, self.subject, (old.id,), (new.id,), None, None)
        )
        matched = self._match()
        added_keys = {k for k in self.new_items if k not in matched.values()}
        removed_keys = {k for k in self.old_items if k not in matched}
        added_ids = {(s, self.new_items[(s, i)].item.id) for s, i in added_keys}
        removed_ids = {(s, self.old_items[(s, i)].item.id) for s, i in removed_keys}
        for key in sorted(removed_keys):
            entry = self.old_items[key]
            if (entry.parent[0], entry.parent[1]) not in removed_ids:
                found.append(
                    Change(entry.subject, "removed", new.kind, self._item_side(old, entry), None)
                )
        for key in sorted(added_keys):
            entry = self.new_items[key]
            if (entry.parent[0], entry.parent[1]) not in added_ids:
                found.append(
                    Change(entry.subject, "added", new.kind, None, self._item_side(new, entry))
                )
        for old_key, new_key in matched.items():
            found.extend(self._item(self.old_items[old_key], self.new_items[new_key]))
        if isinstance(old.model, model.Journey) and isinstance(new.model, model.Journey):
            found.extend(self._paths(old.model, new.model, matched))
        found.extend(self._reorders(matched))
        return found

    def _paths(
        self,
        old: model.Journey,
        new: model.Journey,
        matched: Mapping[tuple[str, str], tuple[str, str]],
    ) -> Iterator[Change]:
        """The paths out of each step kept on both sides, where either side writes where the
        step leads (`next`, `end`): each path added, removed or relabelled. Paths that only
        follow the order of the steps are the steps' own changes."""
        old_graph, new_graph = graph(old), graph(new)
        to_new = self.renamed["step"]
        for old_key, new_key in matched.items():
            if old_key[0] != "step":
                continue
            before_entry, after_entry = self.old_items[old_key], self.new_items[new_key]
            before, after = before_entry.item, after_entry.item
            if not (before.next or before.end or after.next or after.end):
                continue
            old_out = {
                to_new.get(p.target.id, p.target.id): (i, p)
                for i, p in enumerate(old_graph.out.get(before.id, ()))
            }
            new_out = {p.target.id: (i, p) for i, p in enumerate(new_graph.out.get(after.id, ()))}

            def side(doc: Loaded, entry: Entry, index: int, path: Any, target: str) -> Side:
                json_path = (*entry.item.path, "next", index) if path.declared else entry.item.path
                value = {"from": entry.item.id, "to": target, "label": path.label}
                return Side(
                    value, doc.locate(json_path), entry.ids, json_path, entry.stage, path.label
                )

            for target, (i, p) in old_out.items():
                if target not in new_out:
                    yield Change(
                        "path",
                        "removed",
                        "journey",
                        side(self.old, before_entry, i, p, p.target.id),
                        None,
                    )
            for target, (i, p) in new_out.items():
                was = old_out.get(target)
                if was is None:
                    yield Change(
                        "path",
                        "added",
                        "journey",
                        None,
                        side(self.new, after_entry, i, p, target),
                    )
                elif was[1].label != p.label:
                    yield Change(
                        "path",
                        "changed",
                        "journey",
                        side(self.old, before_entry, was[0], was[1], was[1].target.id),
                        side(self.new, after_entry, i, p, target),
                        "label",
                    )

    def _match(self) -> dict[tuple[str, str], tuple[str, str]]:
        matched = {key: key for key in self.old_items if key in self.new_items}
        old_left = [e for k, e in self.old_items.items() if k not in matched]
        new_left = [e for k, e in self.new_items.items() if k not in matched]
        old_keys = {id(e): k for k, e in self.old_items.items()}
        new_keys = {id(e): k for k, e in self.new_items.items()}
        for o, n in _similar(
            old_left,
            new_left,
            lambda e: e.subject,
            lambda e: _leaves(_raw(self.old, e.item.path)),
            lambda e: _leaves(_raw(self.new, e.item.path)),
        ):
            matched[old_keys[id(o)]] = new_keys[id(n)]
            self.renamed[o.subject][o.item.id] = n.item.id
        return matched

    def _item_side(self, doc: Loaded, entry: Entry) -> Side:
        return Side(
            _raw(doc, entry.item.path),
            doc.locate(entry.item.path),
            entry.ids,
            entry.item.path,
            entry.stage,
            _label(entry.item),
        )

    def _mapped_parent(self, parent: Parent) -> Parent:
        subject, parent_id, name = parent
        return subject, self.renamed[subject].get(parent_id, parent_id), name

    def _item(self, old: Entry, new: Entry) -> Iterator[Change]:
        kind = self.new.kind
        renamed = old.item.id != new.item.id
        moved = self._mapped_parent(old.parent) != new.parent
        if renamed or moved:
            old_side = self._item_side(self.old, old)
            new_side = self._item_side(self.new, new)
        if renamed:
            yield Change(
                new.subject,
                "renamed",
                kind,
                dataclasses.replace(old_side, value=old.item.id),
                dataclasses.replace(new_side, value=new.item.id),
            )
        if moved:
            yield Change(
                new.subject,
                "moved",
                kind,
                dataclasses.replace(old_side, value=_parent_value(old.parent)),
                dataclasses.replace(new_side, value=_parent_value(new.parent)),
            )
        yield from self._fields(
            old.item, new.item, new.subject, old.ids, new.ids, old.stage, new.stage
        )

    def _fields(
        self,
        old: Any,
        new: Any,
        subject: str,
        old_ids: tuple[str, ...],
        new_ids: tuple[str, ...],
        old_stage: str | None,
        new_stage: str | None,
    ) -> Iterator[Change]:
        kind = self.new.kind

        def side(
            doc: Loaded,
            item: Any,
            name: str,
            ids: tuple[str, ...],
            stage: str | None,
            value: Any = _MISSING,
            extra: tuple[str | int, ...] = (),
        ) -> Side:
            path = (*item.path, name, *extra)
            raw = _raw(doc, path) if value is _MISSING else value
            return Side(raw, doc.locate(path), ids, path, stage, _label(item))

        def sides(
            name: str,
            old_value: Any = _MISSING,
            new_value: Any = _MISSING,
            extra: tuple[str | int, ...] = (),
        ) -> tuple[Side, Side]:
            return (
                side(self.old, old, name, old_ids, old_stage, old_value, extra),
                side(self.new, new, name, new_ids, new_stage, new_value, extra),
            )

        for name in _value_fields(type(new)):
            if subject == "touchpoint" and name in ("channels", "potential_channels"):
                continue
            if subject == "step" and name == "next":
                continue  # said as paths: see _paths
            before, after = getattr(old, name), getattr(new, name)
            if before == after:
                continue
            if name == "emotion":
                yield from self._emotion(before, after, sides)
            else:
                o, n = sides(name)
                yield Change(subject, "changed", kind, o, n, name)
        if subject == "touchpoint" and (old.channels, old.potential_channels) != (
            new.channels,
            new.potential_channels,
        ):
            o, n = sides(
                "channels",
                {
                    "channels": list(old.channels),
                    "potential_channels": list(old.potential_channels),
                },
                {
                    "channels": list(new.channels),
                    "potential_channels": list(new.potential_channels),
                },
            )
            yield Change(subject, "changed", kind, o, n, "channels")
        for name in sorted(set(old.extensions) | set(new.extensions)):
            before = old.extensions.get(name, _MISSING)
            after = new.extensions.get(name, _MISSING)
            if before != after:
                o, n = sides(name)
                yield Change(subject, "changed", kind, o, n, name)

    def _emotion(
        self, before: Any, after: Any, sides: Callable[..., tuple[Side, Side]]
    ) -> Iterator[Change]:
        old_scores = _scores(before)
        new_scores = _scores(after)
        personas: list[str | None] = [
            *sorted(p for p in set(old_scores) | set(new_scores) if p is not None)
        ] or [None]
        for persona in personas:
            was = old_scores.get(persona, old_scores.get(None))
            now = new_scores.get(persona, new_scores.get(None))
            if was == now:
                continue
            o, n = sides("emotion", was, now, () if persona is None else (persona,))
            yield Change("step", "changed", self.new.kind, o, n, "emotion", persona)

    def _reorders(self, matched: Mapping[tuple[str, str], tuple[str, str]]) -> Iterator[Change]:
        to_new = {self.old_items[o].item.id: self.new_items[n].item.id for o, n in matched.items()}
        old_groups: dict[tuple[str, Parent], list[Entry]] = defaultdict(list)
        new_groups: dict[tuple[str, Parent], list[Entry]] = defaultdict(list)
        for entry in self.old_items.values():
            old_groups[(entry.subject, self._mapped_parent(entry.parent))].append(entry)
        for entry in self.new_items.values():
            new_groups[(entry.subject, entry.parent)].append(entry)
        for key, new_entries in new_groups.items():
            old_entries = old_groups.get(key)
            if not old_entries:
                continue
            new_ids = [e.item.id for e in sorted(new_entries, key=lambda e: e.index)]
            old_sorted = sorted(old_entries, key=lambda e: e.index)
            common = {to_new.get(e.item.id) for e in old_sorted} & set(new_ids)
            before = [e.item.id for e in old_sorted if to_new.get(e.item.id) in common]
            after = [i for i in new_ids if i in common]
            if [to_new[i] for i in before] == after:
                continue
            subject, (_parent_subject, _parent_id, name) = key
            old_parent, new_parent = old_entries[0], new_entries[0]
            old_path, new_path = old_parent.item.path[:-1], new_parent.item.path[:-1]
            yield Change(
                subject,
                "reordered",
                self.new.kind,
                Side(
                    before,
                    self.old.locate(old_path),
                    old_parent.ids[:-1],
                    old_path,
                    old_parent.stage if subject != "stage" else None,
                ),
                Side(
                    after,
                    self.new.locate(new_path),
                    new_parent.ids[:-1],
                    new_path,
                    new_parent.stage if subject != "stage" else None,
                ),
                name,
            )


def _parent_value(parent: Parent) -> str:
    subject, parent_id, name = parent
    if subject == "document":
        return name
    return f"{parent_id}/{name}" if name in ("backstage", "support") else parent_id


def _scores(emotion: Any) -> dict[str | None, float]:
    if emotion is None:
        return {}
    if isinstance(emotion, Mapping):
        return dict(emotion)
    return {None: emotion}
