"""`cjm diff` as a function: two sides of files in, a :class:`DiffResult` out.

Files at the same place with the same bytes on both sides are not even
parsed: they cannot hold a change. They are read only when a shared document
(a persona, the channel catalog, a reality map) changed, to name the journeys
that the change affects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from cjm.core import facts, model
from cjm.core.kinds import CONFIG_FILE
from cjm.core.loading import check_bytes
from cjm.core.workspace import Settings
from cjm.diff.changes import WARNING, Change
from cjm.diff.compare import compare, pair_documents
from cjm.diff.documents import InputError, Loaded, SourceFile, load_side

Scores = Mapping[str | None, float]


@dataclass(frozen=True)
class EmotionLine:
    """A journey's emotion scores, step by step, on both sides."""

    scale: tuple[int, int]
    personas: tuple[str | None, ...]
    old: tuple[tuple[str, Scores], ...]
    new: tuple[tuple[str, Scores], ...]


@dataclass(frozen=True)
class DocumentInfo:
    kind: str
    title: str | None
    file: str
    stage_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DiffResult:
    """Everything `cjm diff` found, ready for a format."""

    old_label: str
    new_label: str
    changes: tuple[Change, ...]
    documents: Mapping[str, DocumentInfo] = field(default_factory=dict)
    emotion_lines: Mapping[str, EmotionLine] = field(default_factory=dict)

    @property
    def warnings(self) -> int:
        return sum(c.level == WARNING for c in self.changes)


def diff_sides(
    old: Sequence[SourceFile],
    new: Sequence[SourceFile],
    *,
    old_label: str,
    new_label: str,
    explicit: bool = False,
    settings: Settings | None = None,
) -> DiffResult:
    """The changes from the documents of ``old`` to those of ``new``.

    The emotion scale of a journey that names none is its workspace's: that of
    the `cjm.yaml` among the new side's files (the outermost one), else
    ``settings`` (the workspace the diff runs in), else the default.
    """
    with model.collector_paused():
        return _diff(
            old, new, old_label=old_label, new_label=new_label, explicit=explicit, settings=settings
        )


def _diff(
    old: Sequence[SourceFile],
    new: Sequence[SourceFile],
    *,
    old_label: str,
    new_label: str,
    explicit: bool,
    settings: Settings | None,
) -> DiffResult:
    new_settings = _workspace_settings(new, settings)
    old_settings = _workspace_settings(old, settings)
    scale = new_settings.emotion_scale
    new_by_key = {f.key: f for f in new}
    unchanged = {f.key for f in old if (n := new_by_key.get(f.key)) is not None and n.raw == f.raw}
    old_docs = load_side(
        [f for f in old if f.key not in unchanged],
        explicit=explicit,
        scale=old_settings.emotion_scale,
        max_size=old_settings.max_file_size,
    )
    new_docs = load_side(
        [f for f in new if f.key not in unchanged],
        explicit=explicit,
        scale=scale,
        max_size=new_settings.max_file_size,
    )
    pairing = pair_documents(old_docs, new_docs)
    changes = compare(pairing)
    if any(c.document_kind != "journey" for c in changes):
        same = load_side(
            [f for f in new if f.key in unchanged],
            explicit=False,
            scale=scale,
            max_size=new_settings.max_file_size,
        )
        journeys = [
            d.model for d in (*old_docs, *new_docs, *same) if isinstance(d.model, model.Journey)
        ]
        changes = [_with_affects(c, pairing_docs(old_docs, new_docs), journeys) for c in changes]
    documents: dict[str, DocumentInfo] = {}
    for doc in (*old_docs, *new_docs):
        known = documents.get(doc.id)
        stages = {s.id: s.name for s in getattr(doc.model, "stages", ())}
        documents[doc.id] = DocumentInfo(
            doc.kind, doc.model.title, doc.name, {**(known.stage_names if known else {}), **stages}
        )
    lines = {
        pair.new.id: _emotion_line(pair.old, pair.new, scale)
        for pair in pairing.pairs
        if isinstance(pair.new.model, model.Journey)
    }
    touched = {c.document for c in changes}
    return DiffResult(
        old_label,
        new_label,
        tuple(changes),
        documents,
        {k: v for k, v in lines.items() if k in touched and v.old != v.new},
    )


def pairing_docs(old: Sequence[Loaded], new: Sequence[Loaded]) -> dict[str, list[model.Document]]:
    found: dict[str, list[model.Document]] = {}
    for doc in (*old, *new):
        found.setdefault(doc.id, []).append(doc.model)
    return found


def _with_affects(
    change: Change, docs: Mapping[str, list[model.Document]], journeys: Sequence[model.Journey]
) -> Change:
    if change.document_kind == "journey":
        return change
    ids = {side.ids[0] for side in (change.old, change.new) if side is not None}
    items = {
        side.ids[-1] for side in (change.old, change.new) if side is not None and len(side.ids) > 1
    }
    versions = [d for doc_id in sorted(ids) for d in docs.get(doc_id, [])]
    affected = sorted({j.id for j in journeys if _affects(change, versions, ids, items, j)})
    return replace(change, affects=tuple(affected))


def _affects(
    change: Change,
    versions: Sequence[model.Document],
    ids: set[str],
    items: set[str],
    journey: model.Journey,
) -> bool:
    if change.document_kind == "persona":
        return bool(ids & set(journey.personas))
    if change.document_kind == "empathy-map":
        personas = {d.persona for d in versions if isinstance(d, model.EmpathyMap)}
        return bool(personas & set(journey.personas))
    if change.document_kind == "channels":
        used = {
            c
            for step in journey.steps
            for t in step.touchpoints
            for c in (*t.channels, *t.potential_channels)
        }
        if change.subject == "channel":
            return bool(items & used)
        return any(
            c.id in used
            for d in versions
            if isinstance(d, model.ChannelCatalog)
            for c in d.channels
        )
    if change.document_kind == "reality-map":
        cited = {e for ids in facts.cited_evidence(journey) for e in ids}
        findings = [f for d in versions if isinstance(d, model.RealityMap) for f in d.findings]
        if change.subject == "finding":
            return bool(items & cited)
        if change.subject == "source":
            # a source affects the journeys whose findings it backs, and those whose
            # touchpoints or channels it is collected at
            sources = [
                src
                for d in versions
                if isinstance(d, model.RealityMap)
                for src in d.sources
                if src.id in items
            ]
            touchpoints = {t.id for step in journey.steps for t in step.touchpoints}
            channels = set(facts.channels_in_use(journey))
            return any(f.id in cited and items & set(f.sources) for f in findings) or any(
                set(src.touchpoints) & touchpoints or set(src.channels) & channels
                for src in sources
            )
        return any(f.id in cited for f in findings)
    return False


def _workspace_settings(files: Sequence[SourceFile], given: Settings | None) -> Settings:
    configs = sorted(
        (f for f in files if f.key == CONFIG_FILE or f.key.endswith("/" + CONFIG_FILE)),
        key=lambda f: (f.key.count("/"), f.key),
    )
    if not configs:
        return given or Settings()
    outcome = check_bytes(configs[0].raw, configs[0].name, explicit=True, path=configs[0].key)
    errors = [p for p in outcome.problems if p.level == "error"]
    if errors or outcome.config is None:
        raise InputError([(p.location, f"{p.message} ({p.code})") for p in errors])
    return Settings.from_config(outcome.config)


def _emotion_line(old: Loaded, new: Loaded, workspace_scale: tuple[int, int]) -> EmotionLine:
    assert isinstance(old.model, model.Journey) and isinstance(new.model, model.Journey)
    scale = new.model.emotion_scale
    bounds = (scale.min, scale.max) if scale is not None else workspace_scale

    def scores(journey: model.Journey) -> tuple[tuple[str, Scores], ...]:
        found: list[tuple[str, Scores]] = []
        for step in journey.steps:
            if isinstance(step.emotion, Mapping):
                per_persona: dict[str | None, float] = dict(step.emotion.items())
                found.append((step.id, per_persona))
            elif step.emotion is not None:
                found.append((step.id, {None: step.emotion}))
            else:
                found.append((step.id, {}))
        return tuple(found)

    before, after = scores(old.model), scores(new.model)
    keyed = {p for _, s in (*before, *after) for p in s}
    personas: tuple[str | None, ...] = (
        tuple(sorted(p for p in keyed if p is not None)) if keyed - {None} else (None,)
    )
    return EmotionLine(bounds, personas, before, after)
