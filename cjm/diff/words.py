"""What a change says, as a sentence made of segments each format marks up its own way.

A segment is plain text, an id (code in Markdown and HTML) or author text
(quoted, and escaped by the format that shows it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cjm.core.references import ITEM_LABELS
from cjm.diff.changes import Change, adopted, channel_lists, emotion_delta, regression
from cjm.present import numbers

PLAIN, ID, AUTHOR = "plain", "id", "author"
Segment = tuple[str, str]
MAX_AUTHOR_TEXT = 120

SUBJECT_WORDS = {
    "pain-point": "pain point",
    "channel-catalog": "channel catalog",
    "reality-map": "reality map",
    "empathy-map": "empathy map",
}
PLURALS = {"opportunity": "opportunities", "process": "processes"}
FIELD_WORDS = {
    "potential_channels": "potential channels",
    "pain_points": "pain points",
    "preferred_channels": "preferred channels",
    "framework_stage": "framework stage",
    "emotion_note": "emotion note",
    "emotion_scale": "emotion scale",
    "legal_basis": "legal basis",
    "personal_data": "personal data",
    "since_previous": "time since the previous step",
    "joint_controllers": "joint controllers",
}
MOMENT_WORDS = {"truth": "a moment of truth", "distinctive": "a distinctive moment"}
USE_FIELDS = (("data", "data"), ("legal_basis", "legal basis"), ("retention", "retention"))


def subject_word(subject: str) -> str:
    return SUBJECT_WORDS.get(subject, subject)


def plural(subject: str) -> str:
    word = subject_word(subject)
    return PLURALS.get(word, f"{word}s")


def field_word(name: str) -> str:
    return FIELD_WORDS.get(name, name)


def plain_text(segments: Sequence[Segment]) -> str:
    return "".join(_shown(text, role) for text, role in segments)


def _shown(text: str, role: str) -> str:
    return f"“{text}”" if role == AUTHOR else text


def shorten(text: str, limit: int = MAX_AUTHOR_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def exact(value: float) -> str:
    """A changed field's number exactly as written, unrounded, so that a small change
    stays visible (emotion scores read as everywhere else: :func:`numbers.score`)."""
    text = f"{abs(value):g}" if abs(value) < numbers.LARGEST_EXACT else numbers.number(abs(value))
    return text if value >= 0 else f"{numbers.MINUS}{text}"


def value_segments(value: Any) -> list[Segment]:
    """A field's value: text quoted, numbers and booleans as written, lists joined."""
    if value is None:
        return [("nothing", PLAIN)]
    if isinstance(value, bool):
        return [("yes" if value else "no", PLAIN)]
    if isinstance(value, int | float):
        return [(exact(value), PLAIN)]
    if isinstance(value, str):
        return [(shorten(value), AUTHOR)]
    if isinstance(value, list):
        if not value:
            return [("none", PLAIN)]
        out: list[Segment] = []
        for i, item in enumerate(value):
            if i:
                out.append((", ", PLAIN))
            out.extend(
                value_segments(item)
                if not isinstance(item, dict | list)
                else [(shorten(_compact(item)), AUTHOR)]
            )
        return out
    return [(shorten(_compact(value)), AUTHOR)]


def _compact(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _ids(values: Sequence[str]) -> list[Segment]:
    out: list[Segment] = []
    for i, value in enumerate(values):
        if i:
            out.append((", ", PLAIN))
        out.append((value, ID))
    return out or [("none", PLAIN)]


def parent_word(change: Change) -> str:
    path = change.side.json_path[:-2]
    if "steps" in path:
        return "step"
    if "stages" in path:
        return "stage"
    return subject_word(change.subject) if change.verb == "reordered" else "journey"


def describe(change: Change) -> list[Segment]:
    """The sentence that says what changed, in the words of the map."""
    old = change.old.value if change.old is not None else None
    new = change.new.value if change.new is not None else None
    subject = subject_word(change.subject)
    item_id = change.ids[-1]
    if change.field == "emotion":
        return _emotion(change, old, new)
    if change.subject == "path":
        return _path(change, old, new)
    if change.kind.startswith("touchpoint-channel"):
        return _channels(change, item_id)
    if change.kind == "opportunity-relinked":
        return [
            ("opportunity ", PLAIN),
            (item_id, ID),
            (" now addresses ", PLAIN),
            *_ids(new or []),
            (" (was ", PLAIN),
            *_ids(old or []),
            (")", PLAIN),
        ]
    if change.verb in ("added", "removed"):
        side = change.new if change.verb == "added" else change.old
        assert side is not None
        verb = (
            "resolved (removed)"
            if change.verb == "removed" and change.subject == "pain-point"
            else change.verb
        )
        label = [(": ", PLAIN), (shorten(side.label), AUTHOR)] if side.label else []
        return [(f"{subject} ", PLAIN), (item_id, ID), (f" {verb}", PLAIN), *label]
    if change.verb == "renamed":
        return [(f"{subject} ", PLAIN), (str(old), ID), (" renamed to ", PLAIN), (str(new), ID)]
    if change.verb == "moved":
        if len(change.ids) == 1:
            return [
                (f"{subject} ", PLAIN),
                (item_id, ID),
                (" moved from file ", PLAIN),
                (str(old), ID),
                (" to ", PLAIN),
                (str(new), ID),
            ]
        where = parent_word(change)
        return [
            (f"{subject} ", PLAIN),
            (item_id, ID),
            (f" moved from {where} ", PLAIN),
            (str(old), ID),
            (f" to {where} ", PLAIN),
            (str(new), ID),
        ]
    if change.verb == "reordered":
        owner: list[Segment] = (
            []
            if change.subject == "stage" and change.document_kind == "journey"
            else [(f" of {_owner(change)} ", PLAIN), (item_id, ID)]
        )
        return [
            (plural(change.subject), PLAIN),
            *owner,
            (" reordered: ", PLAIN),
            *_ids(old or []),
            (" → ", PLAIN),
            *_ids(new or []),
        ]
    return _field(change, subject, item_id, old, new)


def _owner(change: Change) -> str:
    path = change.side.json_path
    if len(path) < 3 or not isinstance(path[-3], str):
        return subject_word(
            change.document_kind if change.document_kind != "channels" else "channel-catalog"
        )
    return ITEM_LABELS.get(path[-3], path[-3])


def _field(change: Change, subject: str, item_id: str, old: Any, new: Any) -> list[Segment]:
    assert change.field is not None
    name = field_word(change.field)
    head: list[Segment] = [(f"{subject} ", PLAIN), (item_id, ID), (f": {name} ", PLAIN)]
    if change.field == "end":
        said = "the journey can now end here" if new else "the journey no longer ends here"
        return [(f"{subject} ", PLAIN), (item_id, ID), (f": {said}", PLAIN)]
    if change.field == "moment":
        return [(f"{subject} ", PLAIN), (item_id, ID), (": ", PLAIN), *_moment(old, new)]
    if change.field == "uses" and isinstance(old or [], list) and isinstance(new or [], list):
        return [(f"{subject} ", PLAIN), (item_id, ID), (": ", PLAIN), *_uses(old or [], new or [])]
    if change.field == "lenses" and isinstance(old or {}, dict) and isinstance(new or {}, dict):
        return [
            (f"{subject} ", PLAIN),
            (item_id, ID),
            (": ", PLAIN),
            *_lenses(old or {}, new or {}),
        ]
    if isinstance(old, list) or isinstance(new, list):
        old, new = old or [], new or []  # a list written on one side only
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and all(isinstance(v, str) for v in (*old, *new))
    ):
        gone = [v for v in old if v not in new]
        came = [v for v in new if v not in old]
        parts: list[Segment] = []
        if came:
            parts += [("added ", PLAIN), *value_segments(came)]
        if gone:
            parts += [("; " if parts else "", PLAIN), ("removed ", PLAIN), *value_segments(gone)]
        if not parts:
            parts = [("reordered", PLAIN)]
        return head + parts
    if old is None:
        return [*head, ("set to ", PLAIN), *value_segments(new)]
    if new is None:
        return [*head, ("removed (was ", PLAIN), *value_segments(old), (")", PLAIN)]
    return [*head, *value_segments(old), (" → ", PLAIN), *value_segments(new)]


def _emotion(change: Change, old: Any, new: Any) -> list[Segment]:
    out: list[Segment] = [("emotion at step ", PLAIN), (change.ids[-1], ID)]
    if change.persona is not None:
        out += [(" for ", PLAIN), (change.persona, ID)]
    delta = emotion_delta(change)
    if delta is None:
        if old is None:
            return [*out, (f": scored {numbers.score(new)}", PLAIN)]
        return [*out, (f": score removed (was {numbers.score(old)})", PLAIN)]
    direction = "down" if delta < 0 else "up"
    before, after, by = numbers.score(old), numbers.score(new), numbers.number(abs(delta))
    return [*out, (f": {before} → {after} ({direction} {by})", PLAIN)]


def _channels(change: Change, item_id: str) -> list[Segment]:
    old_in_use, old_potential = channel_lists(change.old)
    new_in_use, new_potential = channel_lists(change.new)
    head: list[Segment] = [("touchpoint ", PLAIN), (item_id, ID)]
    taken = adopted(change)
    if change.kind == "touchpoint-channel-adopted":
        word = "channel" if len(taken) == 1 else "channels"
        return [*head, (f" puts potential {word} ", PLAIN), *_ids(taken), (" in use", PLAIN)]
    if regression(change):
        word = "its only channel" if len(old_in_use) == 1 else "all its channels"
        return [*head, (f" loses {word} ", PLAIN), *_ids(old_in_use)]
    out = list(head)
    if old_in_use != new_in_use:
        out += [(": channels ", PLAIN), *_ids(old_in_use), (" → ", PLAIN), *_ids(new_in_use)]
    if old_potential != new_potential:
        out += [
            (";" if len(out) > 2 else ":", PLAIN),
            (" potential channels ", PLAIN),
            *_ids(old_potential),
            (" → ", PLAIN),
            *_ids(new_potential),
        ]
    if taken:
        out += [(" (puts ", PLAIN), *_ids(taken), (" in use)", PLAIN)]
    return out


def _path(change: Change, old: Any, new: Any) -> list[Segment]:
    """A path between two steps: ``path added: visit → browse (“no stock in store”)``."""
    value = new if new is not None else old
    assert isinstance(value, dict)
    verb = {"added": "added", "removed": "removed"}.get(change.verb, "relabelled")
    out: list[Segment] = [
        (f"path {verb}: ", PLAIN),
        (str(value["from"]), ID),
        (" → ", PLAIN),
        (str(value["to"]), ID),
    ]
    if change.verb == "changed":
        before = old.get("label") if isinstance(old, dict) else None
        return [*out, (": ", PLAIN), *_label(before), (" → ", PLAIN), *_label(value.get("label"))]
    if value.get("label"):
        out += [(" (", PLAIN), (shorten(str(value["label"])), AUTHOR), (")", PLAIN)]
    return out


def _label(label: Any) -> list[Segment]:
    return [(shorten(str(label)), AUTHOR)] if label else [("no label", PLAIN)]


def _moment(old: Any, new: Any) -> list[Segment]:
    if old is None:
        return [(f"marked as {MOMENT_WORDS.get(str(new), str(new))}", PLAIN)]
    if new is None:
        return [(f"no longer {MOMENT_WORDS.get(str(old), str(old))}", PLAIN)]
    return [
        (f"{MOMENT_WORDS.get(str(old), str(old))} → {MOMENT_WORDS.get(str(new), str(new))}", PLAIN)
    ]


def _uses(old: list[Any], new: list[Any]) -> list[Segment]:
    """A source's uses of personal data, matched by purpose: each added, removed or changed."""
    before = {str(u.get("purpose")): u for u in old if isinstance(u, dict)}
    after = {str(u.get("purpose")): u for u in new if isinstance(u, dict)}
    parts: list[list[Segment]] = []
    for purpose, use in after.items():
        if purpose not in before:
            parts.append([("use added ", PLAIN), (shorten(purpose), AUTHOR), *_use_terms(use)])
    for purpose in before:
        if purpose not in after:
            parts.append([("use removed ", PLAIN), (shorten(purpose), AUTHOR)])
    for purpose, use in after.items():
        was = before.get(purpose)
        if was is None or was == use:
            continue
        changed: list[Segment] = [("use ", PLAIN), (shorten(purpose), AUTHOR), (": ", PLAIN)]
        first = True
        for key, word in USE_FIELDS:
            if was.get(key) != use.get(key):
                changed += [
                    ("" if first else "; ", PLAIN),
                    (f"{word} ", PLAIN),
                    *value_segments(was.get(key)),
                    (" → ", PLAIN),
                    *value_segments(use.get(key)),
                ]
                first = False
        parts.append(changed)
    if not parts:
        return [("uses reordered", PLAIN)]
    out: list[Segment] = []
    for i, part in enumerate(parts):
        out += [("; " if i else "", PLAIN), *part]
    return out


def _use_terms(use: Any) -> list[Segment]:
    terms: list[Segment] = []
    for key, word in USE_FIELDS:
        value = use.get(key)
        if value is None:
            continue
        terms += [(", " if terms else " (", PLAIN), (f"{word} ", PLAIN), *value_segments(value)]
    return [*terms, (")", PLAIN)] if terms else []


def _lenses(old: dict[str, Any], new: dict[str, Any]) -> list[Segment]:
    """A stage's stage in each framework it is read through."""
    out: list[Segment] = []
    for lens in sorted(set(old) | set(new)):
        was, now = old.get(lens), new.get(lens)
        if was == now or lens.startswith("x-"):
            continue
        out += [("; " if out else "", PLAIN), ("lens ", PLAIN), (lens, ID), (": ", PLAIN)]
        if was is None:
            out += [("stage ", PLAIN), (str(now), ID), (" added", PLAIN)]
        elif now is None:
            out += [("stage ", PLAIN), (str(was), ID), (" removed", PLAIN)]
        else:
            out += [("stage ", PLAIN), (str(was), ID), (" → ", PLAIN), (str(now), ID)]
    return out or [("lenses reordered", PLAIN)]
