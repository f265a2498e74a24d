"""Reference integrity: which ids a document defines, which it refers to.

Each schema-valid document is reduced to :class:`Facts` (cheap to send back
from a worker process): the ids it defines for the rest of the workspace, the
ids it refers to, and the problems that can be found inside it alone. The
workspace then resolves every reference against every definition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cjm.core.frameworks import Framework
from cjm.core.model import DEFAULT_SCALE, Journey, build
from cjm.core.paths import graph
from cjm.core.suggest import did_you_mean

JsonPath = tuple[str | int, ...]

DOCUMENT = "document"
CHANNEL = "channel"
FINDING = "finding"
FRAMEWORK = "framework"
FRAMEWORK_STAGE = "framework-stage"
TOUCHPOINT = "touchpoint"
EVIDENCE = "finding or assumption"
"""What evidence lists name: a finding or an assumption of a reality map."""

UNLENT = frozenset({TOUCHPOINT})
"""Namespaces whose ids a file that could not be read never lends: a journey's raw
lines tell its own id, not the touchpoints nested in its steps."""


ITEM_LABELS = {
    "stages": "stage",
    "steps": "step",
    "touchpoints": "touchpoint",
    "pain_points": "pain point",
    "opportunities": "opportunity",
    "backstage": "backstage process",
    "support": "support process",
    "metrics": "metric",
    "metric": "metric",
    "channels": "channel",
    "sources": "source",
    "findings": "finding",
    "assumptions": "assumption",
    "emotion_scale": "emotion scale",
}
"""What an item is called in messages, by the collection that holds it."""


@dataclass(frozen=True)
class Define:
    namespace: str
    id: str
    kind: str
    path: JsonPath


@dataclass(frozen=True)
class Ref:
    namespace: str
    id: str
    path: JsonPath
    expected: str
    context: str = ""


@dataclass(frozen=True)
class LocalProblem:
    path: JsonPath
    message: str
    code: str
    key: bool = False


@dataclass(frozen=True)
class Facts:
    kind: str
    defines: tuple[Define, ...] = ()
    refs: tuple[Ref, ...] = ()
    local: tuple[LocalProblem, ...] = ()
    pairing: Pairing | None = None


@dataclass(frozen=True)
class Pairing:
    """A journey's side of a current/future pair: its id, state and the counterpart it names."""

    id: str
    state: str
    counterpart: str | None


@dataclass
class _Collector:
    kind: str
    defines: list[Define] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    local: list[LocalProblem] = field(default_factory=list)
    pairing: Pairing | None = None

    def refer(
        self, namespace: str, ids: Any, path: JsonPath, expected: str, context: str = ""
    ) -> None:
        if isinstance(ids, str):
            self.refs.append(Ref(namespace, ids, path, expected, context))
        elif isinstance(ids, list):
            for i, id_ in enumerate(ids):
                if isinstance(id_, str):
                    self.refs.append(Ref(namespace, id_, (*path, i), expected, context))

    def facts(self) -> Facts:
        return Facts(
            self.kind, tuple(self.defines), tuple(self.refs), tuple(self.local), self.pairing
        )


def definitions(kind: str, data: Mapping[str, Any]) -> Facts:
    """What any loaded document defines, read defensively (the data may be invalid)."""
    out = _Collector(kind)
    doc_id = data.get("id")
    if isinstance(doc_id, str):
        out.defines.append(Define(DOCUMENT, doc_id, kind, ("id",)))
    if kind == "channels":
        for i, item in _items(data, "channels"):
            out.defines.append(Define(CHANNEL, item["id"], "channel", ("channels", i, "id")))
    elif kind == "reality-map":
        for collection, what in (("findings", "finding"), ("assumptions", "assumption")):
            for i, item in _items(data, collection):
                out.defines.append(Define(FINDING, item["id"], what, (collection, i, "id")))
    elif kind == "journey":
        for path, touchpoint in _touchpoints(data):
            out.defines.append(Define(TOUCHPOINT, touchpoint["id"], "touchpoint", (*path, "id")))
    return out.facts()


def _touchpoints(data: Mapping[str, Any]) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """The touchpoints of a journey that may be invalid, with their paths."""
    for s, stage in _items(data, "stages"):
        for t, step in _items(stage, "steps"):
            for k, touchpoint in _items(step, "touchpoints"):
                yield ("stages", s, "steps", t, "touchpoints", k), touchpoint


UNKNOWN_KIND = "?"
"""The kind of a document whose `kind:` cjm does not know, in its definitions."""


def unknown_kind_facts(data: Any) -> Facts | None:
    """The id a document of unknown kind holds, so that no reference to it is a follow-on.

    A misspelt `kind: jorney` is reported at the kind; a counterpart naming that
    document is then neither "unknown" nor "did you mean" another journey.
    """
    doc_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(doc_id, str):
        return None
    return Facts(UNKNOWN_KIND, defines=(Define(DOCUMENT, doc_id, UNKNOWN_KIND, ("id",)),))


def document_facts(
    kind: str, data: Mapping[str, Any], *, default_scale: tuple[int, int] | None = DEFAULT_SCALE
) -> Facts:
    """Definitions, references and in-document problems of a schema-valid document.

    ``default_scale`` is the workspace's emotion scale; None when its cjm.yaml is
    wrong, and then scores on that scale wait to be checked until it is fixed.
    """
    base = definitions(kind, data)
    out = _Collector(kind, list(base.defines))
    out.refer(FINDING, data.get("evidence"), ("evidence",), EVIDENCE)
    if kind == "journey":
        _journey(data, out, default_scale)
    elif kind == "persona":
        out.refer(CHANNEL, data.get("preferred_channels"), ("preferred_channels",), "channel")
    elif kind == "empathy-map":
        out.refer(DOCUMENT, data.get("persona"), ("persona",), "persona")
    elif kind == "reality-map":
        _reality_map(data, out)
    elif kind == "channels":
        channels = [(("channels", i), item) for i, item in _items(data, "channels")]
        _unique_ids(out, channels, {path: "channel" for path, _ in channels})
    elif kind == "config":
        _scale(data.get("emotion_scale"), out)
    return out.facts()


def _scale(scale: Mapping[str, int] | None, out: _Collector) -> tuple[int, int] | None:
    """The declared emotion scale if it runs upwards; else None (and the problem), so
    that the scores are not each blamed for the one slip."""
    if not scale:
        return None
    low, high = int(scale["min"]), int(scale["max"])
    if low >= high:
        out.local.append(
            LocalProblem(
                ("emotion_scale",),
                f"the emotion scale runs from {low} to {high}: min must be lower than max",
                "emotion-scale",
            )
        )
        return None
    return low, high


def an(word: str) -> str:
    """`a` or `an` before a word, by its first letter."""
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


def _items(data: Mapping[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield i, item


def _journey(
    data: Mapping[str, Any], out: _Collector, default_scale: tuple[int, int] | None
) -> None:
    out.refer(DOCUMENT, data.get("personas"), ("personas",), "persona")
    _counterpart(data, out)
    framework = data.get("framework")
    out.refer(FRAMEWORK, framework, ("framework",), "framework")
    lenses = _lenses(data, out)
    personas = set(data.get("personas", []))
    scale = _scale(data["emotion_scale"], out) if data.get("emotion_scale") else default_scale

    items: list[tuple[JsonPath, dict[str, Any]]] = []
    labels: dict[JsonPath, str] = {}
    addresses: list[tuple[JsonPath, Any]] = []
    steps: list[tuple[JsonPath, dict[str, Any]]] = []

    def item(path: JsonPath, value: dict[str, Any], collection: str) -> None:
        items.append((path, value))
        labels[path] = ITEM_LABELS[collection]
        if "evidence" in value:
            out.refer(FINDING, value["evidence"], (*path, "evidence"), EVIDENCE)

    for m, metric in enumerate(data.get("metrics", [])):
        item(("metrics", m), metric, "metrics")
    for s, stage in enumerate(data["stages"]):
        stage_path: JsonPath = ("stages", s)
        item(stage_path, stage, "stages")
        if "framework_stage" in stage:
            if framework is None:
                out.local.append(
                    LocalProblem(
                        (*stage_path, "framework_stage"),
                        "framework_stage needs the journey to declare a `framework`",
                        "framework",
                        key=True,
                    )
                )
            else:
                out.refer(
                    FRAMEWORK_STAGE,
                    stage["framework_stage"],
                    (*stage_path, "framework_stage"),
                    "stage",
                    context=framework,
                )
        _stage_lenses(stage, stage_path, out, framework=framework, lenses=lenses)
        for m, metric in enumerate(stage.get("metrics", [])):
            item((*stage_path, "metrics", m), metric, "metrics")
        for t, step in enumerate(stage.get("steps", [])):
            step_path: JsonPath = (*stage_path, "steps", t)
            item(step_path, step, "steps")
            steps.append((step_path, step))
            _emotion(step, step_path, out, personas, scale)
            for collection in (
                "touchpoints",
                "pain_points",
                "opportunities",
                "backstage",
                "support",
                "metrics",
            ):
                for k, child in enumerate(step.get(collection, [])):
                    child_path: JsonPath = (*step_path, collection, k)
                    item(child_path, child, collection)
                    if collection == "touchpoints":
                        out.refer(
                            CHANNEL, child.get("channels"), (*child_path, "channels"), "channel"
                        )
                        out.refer(
                            CHANNEL,
                            child.get("potential_channels"),
                            (*child_path, "potential_channels"),
                            "channel",
                        )
                    elif collection == "opportunities" and "addresses" in child:
                        addresses.append(((*child_path, "addresses"), child["addresses"]))

    unique = len(out.local)
    by_id = _unique_ids(out, items, labels)
    unique = len(out.local) == unique
    _paths(data, steps, by_id, labels, out, unique=unique)
    pain_points = sorted(i for i, p in by_id.items() if labels[p] == "pain point")
    for path, ids in addresses:
        for n, target in enumerate(ids):
            target_path = by_id.get(target)
            if target_path is None:
                out.local.append(
                    LocalProblem(
                        (*path, n),
                        f"unknown pain point {target!r} in this "
                        f"journey{did_you_mean(target, pain_points)}",
                        "unknown-reference",
                    )
                )
            elif labels[target_path] != "pain point":
                out.local.append(
                    LocalProblem(
                        (*path, n),
                        f"{target!r} is {an(labels[target_path])}, not a pain point",
                        "wrong-kind-reference",
                    )
                )


def _lenses(data: Mapping[str, Any], out: _Collector) -> tuple[str, ...]:
    """The journey's lenses, each a framework other than its own; returns those that
    stages may map to."""
    framework = data.get("framework")
    lenses = []
    for i, lens in enumerate(data.get("lenses", [])):
        if lens == framework:
            out.local.append(
                LocalProblem(
                    ("lenses", i),
                    f"{lens!r} is the journey's own `framework`: `lenses` lists the other "
                    "frameworks it can be read through; remove it from `lenses`",
                    "lens",
                )
            )
            continue
        out.refer(FRAMEWORK, lens, ("lenses", i), "framework")
        lenses.append(lens)
    return tuple(lenses)


def _stage_lenses(
    stage: Mapping[str, Any],
    path: JsonPath,
    out: _Collector,
    *,
    framework: str | None,
    lenses: Sequence[str],
) -> None:
    """A stage's `lenses`: for each lens of the journey, the stage of that framework."""
    for lens, lens_stage in stage.get("lenses", {}).items():
        if lens.startswith("x-"):
            continue
        where: JsonPath = (*path, "lenses", lens)
        if lens in lenses:
            out.refer(FRAMEWORK_STAGE, lens_stage, where, "stage", context=lens)
            continue
        if lens == framework:
            message = (
                f"{lens!r} is the journey's own `framework`: say which of its stages this "
                "stage stands for with `framework_stage`"
            )
        else:
            listed = f" ({', '.join(lenses)})" if lenses else ""
            message = (
                f"{lens!r} is not one of the journey's `lenses`{listed}"
                f"{did_you_mean(lens, lenses)}; add it to the journey's `lenses` to map "
                "this stage to it"
            )
        out.local.append(LocalProblem(where, message, "lens", key=True))


def _paths(
    data: Mapping[str, Any],
    steps: Sequence[tuple[JsonPath, Mapping[str, Any]]],
    by_id: Mapping[str, JsonPath],
    labels: Mapping[JsonPath, str],
    out: _Collector,
    *,
    unique: bool,
) -> None:
    """The steps' `next` and `end`: each path leads to a step of this journey, once,
    and every step can be reached from the first. ``unique`` says whether the
    journey's ids are: a repeated id leaves the paths unclear, and only that is said."""
    step_ids = [step["id"] for _, step in steps]
    broken = not unique
    for step_path, step in steps:
        links = step.get("next", [])
        if links and step.get("end") is True:
            out.local.append(
                LocalProblem(
                    (*step_path, "end"),
                    f"step {step['id']!r} has both `next` and `end: true`: a step that ends "
                    "the journey leads nowhere; remove `end` if the customer goes on from it, or "
                    "`next` if the journey ends there",
                    "step-path",
                    key=True,
                )
            )
        first: dict[str, int] = {}
        for n, link in enumerate(links):
            target = link["to"]
            where: JsonPath = (*step_path, "next", n, "to")
            target_path = by_id.get(target)
            if target_path is None:
                broken = True
                out.local.append(
                    LocalProblem(
                        where,
                        f"unknown step {target!r} in this journey{did_you_mean(target, step_ids)}",
                        "unknown-reference",
                    )
                )
            elif labels[target_path] != "step":
                broken = True
                out.local.append(
                    LocalProblem(
                        where,
                        f"{target!r} is {an(labels[target_path])}, not a step: `next` leads "
                        "to a step of this journey",
                        "wrong-kind-reference",
                    )
                )
            elif target in first:
                out.local.append(
                    LocalProblem(
                        where,
                        f"step {step['id']!r} already leads to {target!r} (next[{first[target]}]): "
                        "list each path once, with one label",
                        "step-path",
                    )
                )
            else:
                first[target] = n
    if broken or not any("next" in step or step.get("end") for _, step in steps):
        return  # a linear journey reaches every step; a broken path is the one problem
    journey = build("journey", data)
    assert isinstance(journey, Journey)
    found = graph(journey)
    start = found.start
    assert start is not None
    traps = found.traps()
    for run in found.unreachable_runs():
        lost = run[0]
        more = ""
        if len(run) > 1:
            named = ", ".join(repr(step.id) for step in run[1:4])
            more = f" (nor, through it, {named}{', …' if len(run) > 4 else ''})"
        hint = (
            "add a `next` to it from the step the customer comes from, or move it to where "
            "it happens"
        )
        if traps:
            loop = " → ".join(repr(step.id) for step in traps[0][:4])
            hint = (
                f"no path leads out of {loop}: add a `next` from there to {lost.id!r}, "
                "or `end: true` where the customer stops"
            )
        out.local.append(
            LocalProblem(
                (*lost.path, "id"),
                f"step {lost.id!r} cannot be reached{more}: no path from the first step "
                f"({start.id!r}) leads to it; {hint}",
                "unreachable-step",
            )
        )


def _counterpart(data: Mapping[str, Any], out: _Collector) -> None:
    """A journey's counterpart: another journey, the same path in the other state."""
    counterpart = data.get("counterpart")
    if not isinstance(counterpart, str):
        # named by another journey, its state still decides whether the pair is right
        out.pairing = Pairing(data["id"], data.get("state", "current"), None)
        return
    if counterpart == data.get("id"):
        out.local.append(
            LocalProblem(
                ("counterpart",),
                f"{counterpart!r} is this journey: its counterpart is the journey that maps "
                "the same path in the other state (current or future)",
                "counterpart",
            )
        )
        return
    out.refer(DOCUMENT, counterpart, ("counterpart",), "journey")
    out.pairing = Pairing(data["id"], data.get("state", "current"), counterpart)


def _emotion(
    step: Mapping[str, Any],
    path: JsonPath,
    out: _Collector,
    personas: set[str],
    scale: tuple[int, int] | None,
) -> None:
    emotion = step.get("emotion")
    if emotion is None:
        return
    scores = (
        [(k, v) for k, v in emotion.items() if not k.startswith("x-")]
        if isinstance(emotion, dict)
        else [(None, emotion)]
    )
    for persona, score in scores:
        where = (*path, "emotion") if persona is None else (*path, "emotion", persona)
        if persona is not None and persona not in personas:
            listed = f" ({', '.join(sorted(personas))})" if personas else ""
            out.local.append(
                LocalProblem(
                    where,
                    f"{persona!r} is not one of the journey's "
                    f"personas{listed}{did_you_mean(persona, personas)}",
                    "unknown-reference",
                    key=True,
                )
            )
        if scale is not None and not scale[0] <= score <= scale[1]:
            shown = int(score) if isinstance(score, float) and score.is_integer() else score
            out.local.append(
                LocalProblem(
                    where,
                    f"emotion {shown} is outside the journey's scale, {scale[0]} to {scale[1]}",
                    "emotion-scale",
                )
            )


def _unique_ids(
    out: _Collector,
    items: Sequence[tuple[JsonPath, Mapping[str, Any]]],
    labels: Mapping[JsonPath, str],
) -> dict[str, JsonPath]:
    """Check that item ids are unique in the document; map each id to its item."""
    by_id: dict[str, JsonPath] = {}
    for path, value in items:
        id_ = value["id"]
        first = by_id.get(id_)
        if first is None:
            by_id[id_] = path
            continue
        what = an(labels.get(first, "item"))
        out.local.append(
            LocalProblem(
                (*path, "id"),
                f"duplicate id {id_!r}: already used by "
                f"{what} at {json_path(first)}; ids must be unique in the "
                "document",
                "duplicate-id",
            )
        )
    return by_id


def _reality_map(data: Mapping[str, Any], out: _Collector) -> None:
    items: list[tuple[JsonPath, dict[str, Any]]] = []
    labels: dict[JsonPath, str] = {}
    for collection, label in (
        ("sources", "source"),
        ("findings", "finding"),
        ("assumptions", "assumption"),
    ):
        for i, item in enumerate(data.get(collection, [])):
            items.append(((collection, i), item))
            labels[(collection, i)] = label
    by_id = _unique_ids(out, items, labels)
    sources = sorted(i for i, p in by_id.items() if labels[p] == "source")
    for i, source in enumerate(data.get("sources", [])):
        out.refer(CHANNEL, source.get("channels"), ("sources", i, "channels"), "channel")
        out.refer(
            TOUCHPOINT, source.get("touchpoints"), ("sources", i, "touchpoints"), "touchpoint"
        )
    for f, finding in enumerate(data.get("findings", [])):
        metric = finding.get("metric", {})
        out.refer(FINDING, metric.get("evidence"), ("findings", f, "metric", "evidence"), EVIDENCE)
        for n, source in enumerate(finding.get("sources", [])):
            path: JsonPath = ("findings", f, "sources", n)
            target = by_id.get(source)
            if target is None:
                out.local.append(
                    LocalProblem(
                        path,
                        f"unknown source {source!r} in this reality "
                        f"map{did_you_mean(source, sources)}",
                        "unknown-reference",
                    )
                )
            elif labels[target] != "source":
                out.local.append(
                    LocalProblem(
                        path,
                        f"{source!r} is {an(labels[target])}, not a source",
                        "wrong-kind-reference",
                    )
                )


def json_path(path: Sequence[str | int]) -> str:
    """``$.stages[0].steps[1]`` for a path of keys and indexes."""
    parts = ["$"]
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part.replace("_", "").replace("-", "").isalnum():
            parts.append(f".{part}")
        else:
            parts.append(f"[{part!r}]")
    return "".join(parts)


def _own_defines(
    own: set[str], defined: Mapping[tuple[str, str], list[tuple[str, Define]]]
) -> list[Define]:
    return [define for id_ in own for _, define in defined.get((DOCUMENT, id_), [])]


@dataclass(frozen=True)
class Unresolved:
    """A workspace-level problem, attached to one file and one path in it."""

    file: str
    path: JsonPath
    message: str
    code: str
    uncertain: bool = False
    """An unknown id that a file which could not be read may define."""
    unlent: bool = False
    """An unknown id of a kind that a file which could not be read never tells (see
    :data:`UNLENT`), so that the raw lines of one do not settle it."""


def resolve(
    facts_by_file: Mapping[str, Facts],
    frameworks: Mapping[str, Framework] | None,
    *,
    unreadable: Sequence[str] = (),
    has_config: bool = True,
) -> list[Unresolved]:
    """Resolve every reference of every document against the whole workspace.

    ``unreadable`` names the workspace's files that could not be loaded: an id
    that seems missing may be in one of them, and the message says so.
    ``frameworks`` is None when cjm.yaml is wrong: references to frameworks wait.
    """
    problems: list[Unresolved] = []
    defined: dict[tuple[str, str], list[tuple[str, Define]]] = defaultdict(list)
    for file, facts in facts_by_file.items():
        for define in facts.defines:
            defined[(define.namespace, define.id)].append((file, define))
    for (namespace, id_), places in defined.items():
        files = list(dict.fromkeys(file for file, _ in places))
        if len(files) < 2 or namespace == TOUCHPOINT:
            # repeated inside one file: that file's own check says so; a touchpoint's id
            # is unique in its journey (a current and a future journey may share one)
            continue
        for file in files:
            first = next(define for f, define in places if f == file)
            what = "document" if namespace == DOCUMENT else first.kind
            others = ", ".join(f for f in files if f != file)
            problems.append(
                Unresolved(
                    file,
                    first.path,
                    f"duplicate {what} id {id_!r}: also defined in {others}",
                    "duplicate-id",
                )
            )
    known: dict[str, list[str]] = defaultdict(list)
    for namespace, id_ in defined:
        known[namespace].append(id_)
    for file, facts in facts_by_file.items():
        own = {d.id for d in facts.defines if d.namespace == DOCUMENT}
        for ref in facts.refs:
            message = _check_ref(ref, defined, known, frameworks, own)
            if message is None:
                continue
            text, code = message
            uncertain = unlent = False
            if code == "unknown-reference" and ref.namespace != FRAMEWORK:
                if unreadable:
                    uncertain = True
                    unlent = ref.namespace in UNLENT
                    text += (
                        f" (it may be in {', '.join(unreadable[:3])}"
                        f"{', …' if len(unreadable) > 3 else ''}, which could not be read)"
                    )
                elif not has_config:
                    text += (
                        " (no cjm.yaml was found above this file, so only the files given "
                        "were searched)"
                    )
            problems.append(Unresolved(file, ref.path, text, code, uncertain, unlent))
    problems.extend(_pairing_problems(facts_by_file))
    return problems


def _pairing_problems(facts_by_file: Mapping[str, Facts]) -> Iterator[Unresolved]:
    """Counterparts that do not make a current/future pair.

    A current-state journey and its future-state counterpart map one path in
    two states: two journeys of the same state are no pair, and a counterpart
    that names a third journey (a loop of three or more) leaves it unclear
    which is the other state of which.
    """
    pairings = {
        facts.pairing.id: (file, facts.pairing)
        for file, facts in facts_by_file.items()
        if facts.pairing is not None
    }
    journeys = {
        define.id
        for facts in facts_by_file.values()
        for define in facts.defines
        if define.namespace == DOCUMENT and define.kind == "journey"
    }
    claimed: dict[str, str] = {}  # a journey → the first journey (by id) naming it
    for _, pairing in sorted(pairings.values(), key=lambda entry: entry[1].id):
        if pairing.counterpart is not None:
            claimed.setdefault(pairing.counterpart, pairing.id)
    for file, pairing in pairings.values():
        other = pairings.get(pairing.counterpart) if pairing.counterpart is not None else None
        if other is None:
            continue
        _, theirs = other
        first = claimed[other[1].id]
        if theirs.counterpart is None and first != pairing.id:
            yield Unresolved(
                file,
                ("counterpart",),
                f"{pairing.counterpart!r} is already the counterpart of {first!r}: a journey "
                "has one counterpart, the same path in the other state",
                "counterpart",
            )
        elif theirs.counterpart is not None and theirs.counterpart != pairing.id:
            if theirs.counterpart in journeys:  # else wrong in itself, reported at its file
                yield Unresolved(
                    file, ("counterpart",), _unpaired(pairing, pairings), "counterpart"
                )
        elif theirs.state == pairing.state:
            yield Unresolved(
                file,
                ("counterpart",),
                f"{pairing.id!r} and its counterpart {pairing.counterpart!r} are both "
                f"{pairing.state}-state journeys: one of them must be `state: "
                f"{'future' if pairing.state == 'current' else 'current'}`",
                "counterpart",
            )


def _unpaired(pairing: Pairing, pairings: Mapping[str, tuple[str, Pairing]]) -> str:
    """Why a counterpart that names another journey back is wrong: a loop, or a third party."""
    chain = [pairing.id]
    current = pairing
    while (step := current.counterpart) is not None and step in pairings and step not in chain:
        chain.append(step)
        current = pairings[step][1]
    if current.counterpart == pairing.id:
        loop = " → ".join([*chain, pairing.id])
        return (
            f"the counterparts form a loop ({loop}): a journey and its counterpart "
            "name each other, one current and one future"
        )
    theirs = pairings[str(pairing.counterpart)][1]
    return (
        f"counterpart {pairing.counterpart!r} names {theirs.counterpart!r} as its own "
        f"counterpart, not this journey: a journey and its counterpart name each other"
    )


def _check_ref(
    ref: Ref,
    defined: Mapping[tuple[str, str], list[tuple[str, Define]]],
    known: Mapping[str, list[str]],
    frameworks: Mapping[str, Framework] | None,
    own: set[str],
) -> tuple[str, str] | None:
    if ref.namespace in (FRAMEWORK, FRAMEWORK_STAGE) and frameworks is None:
        return None  # cjm.yaml is wrong: its frameworks are not known until it is fixed
    if ref.namespace == FRAMEWORK:
        assert frameworks is not None
        if ref.id in frameworks:
            return None
        return (
            f"unknown framework {ref.id!r}{did_you_mean(ref.id, frameworks)}; built in: "
            f"{', '.join(frameworks)} (more can be defined in cjm.yaml)",
            "unknown-reference",
        )
    if ref.namespace == FRAMEWORK_STAGE:
        assert frameworks is not None
        framework = frameworks.get(ref.context)
        if framework is None or ref.id in framework.stage_ids:
            return None
        stages = [s.id for s in framework.stages]
        return (
            f"{ref.id!r} is not a stage of the {framework.name} framework "
            f"({', '.join(stages)}){did_you_mean(ref.id, stages)}",
            "unknown-reference",
        )
    places = defined.get((ref.namespace, ref.id))
    if places:
        kinds = [define.kind for _, define in places]
        if UNKNOWN_KIND in kinds:
            return None  # its file's unknown kind is the problem, reported there
        if ref.namespace == DOCUMENT and ref.expected not in kinds:
            return (f"{ref.id!r} is {an(kinds[0])}, not {an(ref.expected)}", "wrong-kind-reference")
        return None
    candidates = known.get(ref.namespace, [])
    if ref.namespace == DOCUMENT:
        candidates = [
            id_
            for id_ in candidates
            if id_ not in own and defined[(DOCUMENT, id_)][0][1].kind == ref.expected
        ]
    hint = did_you_mean(ref.id, candidates)
    if not candidates:
        other = " other" if ref.expected in {d.kind for d in _own_defines(own, defined)} else ""
        hint = f"; no{other} {ref.expected} is defined in the workspace"
    return f"unknown {ref.expected} {ref.id!r}{hint}", "unknown-reference"
