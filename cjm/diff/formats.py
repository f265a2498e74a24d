"""The formats of `cjm diff`: text for a terminal, Markdown for a pull request, JSON for tools.

(HTML is in :mod:`cjm.diff.html`.) Every format shows the changes grouped by
document, journeys first, and a journey's changes by stage. Author text is made
safe by :mod:`cjm.present.escape`: for a terminal, no escape sequence or control
character of a map reaches it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cjm.diff.changes import VERBS, WARNING, Change, Side
from cjm.diff.engine import DiffResult, EmotionLine
from cjm.diff.words import AUTHOR, ID, Segment, describe, plain_text, shorten, subject_word
from cjm.present import numbers
from cjm.present.escape import markdown as md
from cjm.present.escape import markdown_code as md_code
from cjm.present.escape import plain, style

JSON_VERSION = 1
MAX_TABLE_ROWS = 50
"""Rows of a journey's Markdown table; the rest are counted, warnings kept first."""
MAX_DETAILS = 300
"""Changes listed with their locations in Markdown's collapsed details, over all documents."""
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Group:
    """The changes of one document."""

    document: str
    kind: str
    title: str | None
    file: str
    changes: tuple[Change, ...]

    @property
    def affects(self) -> tuple[str, ...]:
        return tuple(sorted({j for c in self.changes for j in c.affects}))


def groups(result: DiffResult) -> list[Group]:
    found: dict[str, list[Change]] = {}
    for change in result.changes:
        found.setdefault(change.document, []).append(change)
    out = []
    for document, changes in found.items():
        info = result.documents.get(document)
        first = changes[0]
        out.append(
            Group(
                document,
                first.document_kind,
                info.title if info else None,
                info.file if info else first.side.location.rsplit(":", 2)[0],
                tuple(changes),
            )
        )
    return out


def by_stage(changes: Sequence[Change]) -> list[tuple[str | None, list[Change]]]:
    found: dict[str | None, list[Change]] = {}
    for change in changes:
        found.setdefault(change.stage, []).append(change)
    return sorted(found.items(), key=lambda kv: kv[0] is not None)


def counts(changes: Sequence[Change]) -> str:
    tally = Counter(c.verb for c in changes)
    return ", ".join(f"{tally[v]} {v}" for v in VERBS if tally[v])


def summary(result: DiffResult) -> str:
    n = len(result.changes)
    if n == 0:
        return "no changes to the maps"
    documents = len({c.document for c in result.changes})
    text = (
        f"{n} change{'s' if n != 1 else ''} in {documents} document"
        f"{'s' if documents != 1 else ''}: {counts(result.changes)}"
    )
    if result.warnings:
        text += f"; {result.warnings} warning{'s' if result.warnings != 1 else ''}"
    return text


def stage_name(result: DiffResult, document: str, stage: str) -> str | None:
    info = result.documents.get(document)
    return info.stage_names.get(stage) if info else None


def _symbol(change: Change) -> str:
    return {"added": "+", "removed": "-", "moved": ">"}.get(change.verb, "~")


# --- text ------------------------------------------------------------------------------------


def as_text(result: DiffResult, colour: bool = False) -> str:
    """Grouped by document and stage, one line per change with its location."""
    s = style(colour)
    symbol_colour = {"+": s.green, "-": s.red, ">": s.cyan, "~": s.yellow}
    lines: list[str] = []
    for group in groups(result):
        if lines:
            lines.append("")
        title = f" “{shorten(plain(group.title), 80)}”" if group.title else ""
        affects = (
            f" {s.dim}affects {plain(', '.join(group.affects))}{s.reset}" if group.affects else ""
        )
        lines.append(
            f"{s.bold}{subject_word(_doc_subject(group.kind))} {plain(group.document)}"
            f"{s.reset}{title} {s.dim}({plain(group.file)}){s.reset}{affects}"
        )
        for stage, changes in by_stage(group.changes):
            indent = "  "
            if stage is not None:
                name = stage_name(result, group.document, stage)
                lines.append(
                    f"  {s.bold}stage {plain(stage)}{s.reset}"
                    + (f" “{shorten(plain(name), 80)}”" if name else "")
                )
                indent = "    "
            for change in changes:
                sym = _symbol(change)
                warning = (
                    f" {s.bold}{s.yellow}[warning]{s.reset}" if change.level == WARNING else ""
                )
                extra = (
                    f" {s.dim}(affects {plain(', '.join(change.affects))}){s.reset}"
                    if change.affects and change.affects != group.affects
                    else ""
                )
                lines.append(
                    f"{indent}{symbol_colour[sym]}{sym}{s.reset} "
                    f"{plain(plain_text(describe(change)))}{warning}{extra}  "
                    f"{s.dim}{plain(change.side.location)}{s.reset}"
                )
    if lines:
        lines.append("")
    lines.append(f"{s.bold}{summary(result)}{s.reset}")
    return "\n".join(lines) + "\n"


def _doc_subject(kind: str) -> str:
    return "channel-catalog" if kind == "channels" else kind


# --- Markdown --------------------------------------------------------------------------------


def md_segments(segments: Sequence[Segment]) -> str:
    out = []
    for text, role in segments:
        if role == ID:
            out.append(f"`{text}`")
        elif role == AUTHOR:
            out.append(f"“{md(text)}”")
        else:
            out.append(_md_words(text))
    return "".join(out)


def _md_words(text: str) -> str:
    """cjm's own words between segments, escaped, with the spaces at their ends kept."""
    core = md(text)
    before = " " if text[:1].isspace() else ""
    after = " " if text[-1:].isspace() and core else ""
    return before + core + after


_MD_ICON = {
    "added": "\N{HEAVY PLUS SIGN}",
    "removed": "\N{HEAVY MINUS SIGN}",
    "moved": "↪️",
    "renamed": "🏷️",
    "reordered": "🔀",
}


def _md_icon(change: Change) -> str:
    return "⚠️" if change.level == WARNING else _MD_ICON.get(change.verb, "✏️")


def as_markdown(result: DiffResult, colour: bool = False) -> str:
    """For a pull-request comment: counts, a table per document, emotion lines, details."""
    out = [f"### cjm diff: `{result.old_label}` → `{result.new_label}`", ""]
    if not result.changes:
        return "\n".join([*out, "No changes to the maps.", ""])
    warnings = (
        f" · **⚠️ {result.warnings} warning{'s' if result.warnings != 1 else ''}**"
        if result.warnings
        else ""
    )
    n = len(result.changes)
    documents = len({c.document for c in result.changes})
    out += [
        f"**{n} change{'s' if n != 1 else ''}** in {documents} document"
        f"{'s' if documents != 1 else ''}: {counts(result.changes)}{warnings}",
        "",
    ]
    detail_budget = MAX_DETAILS
    for group in groups(result):
        title = f": {md(group.title)}" if group.title else ""
        out += [
            f"#### {subject_word(_doc_subject(group.kind)).capitalize()} `{group.document}`{title}",
            "",
        ]
        if group.affects:
            out += ["Affects " + ", ".join(f"`{j}`" for j in group.affects) + ".", ""]
        shown = _table_rows(group.changes)
        out += ["| | stage | change |", "|:-:|---|---|"]
        for change in shown:
            stage = ""
            if change.stage is not None:
                name = stage_name(result, group.document, change.stage)
                stage = md(shorten(name, 40)) if name else f"`{change.stage}`"
            out.append(f"| {_md_icon(change)} | {stage} | {md_segments(describe(change))} |")
        hidden = len(group.changes) - len(shown)
        if hidden:
            out.append(f"| | | … and {hidden} more change{'s' if hidden != 1 else ''} |")
        out.append("")
        line = result.emotion_lines.get(group.document)
        if line is not None:
            out += _md_emotion(line)
        listed = group.changes[: max(detail_budget, 0)]
        detail_budget -= len(listed)
        if listed:
            out += [
                f"<details><summary>{len(group.changes)} change"
                f"{'s' if len(group.changes) != 1 else ''} in detail</summary>",
                "",
            ]
            out += [_md_detail(c) for c in listed]
            rest = len(group.changes) - len(listed)
            if rest:
                out.append(f"- … and {rest} more: run `cjm diff --format text` to see them all")
            out += ["", "</details>", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _table_rows(changes: Sequence[Change]) -> list[Change]:
    if len(changes) <= MAX_TABLE_ROWS:
        return list(changes)
    ranked = sorted(range(len(changes)), key=lambda i: (changes[i].level != WARNING, i))
    keep = sorted(ranked[:MAX_TABLE_ROWS])
    return [changes[i] for i in keep]


def _md_detail(change: Change) -> str:
    where = " \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} ".join(f"`{i}`" for i in change.ids)
    sides = " → ".join(
        f"`{md_code(s.location)}`" for s in (change.old, change.new) if s is not None
    )
    persona = f" (persona `{change.persona}`)" if change.persona else ""
    return f"- `{change.kind}` {where}{persona}: {sides}"


def spark(line: EmotionLine, scores: Sequence[tuple[str, Any]], persona: str | None) -> str:
    low, high = line.scale
    marks = []
    for _step, values in scores:
        value = values.get(persona, values.get(None))
        if value is None:
            marks.append("·")
        else:
            share = numbers.position(value, (low, high)) if high > low else 0.0
            marks.append(SPARKS[round(share * (len(SPARKS) - 1))])
    return "".join(marks)


def _bound(value: float) -> str:
    """A scale bound as written, or rounded when it is too long to read (400 digits)."""
    return str(value) if abs(value) < numbers.LARGEST_EXACT else numbers.number(value)


def _md_emotion(line: EmotionLine) -> list[str]:
    low, high = line.scale
    out = [
        f"Emotion line, step by step (scale {_bound(low)} to {_bound(high)}):",
        "",
        "| persona | before | after |",
        "|---|---|---|",
    ]
    for persona in line.personas:
        who = f"`{persona}`" if persona is not None else "all"
        out.append(
            f"| {who} | `{spark(line, line.old, persona)}` | `{spark(line, line.new, persona)}` |"
        )
    return [*out, ""]


# --- JSON ------------------------------------------------------------------------------------


def _side_json(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {
        "value": side.value,
        "location": side.location,
        "ids": list(side.ids),
        "json_path": _json_path(side.json_path),
    }


def _json_path(path: Sequence[str | int]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def change_json(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "level": change.level,
        "subject": change.subject,
        "verb": change.verb,
        "document": {"kind": change.document_kind, "id": change.document},
        "ids": list(change.ids),
        "stage": change.stage,
        "field": change.field,
        "persona": change.persona,
        "message": plain_text(describe(change)),
        "old": _side_json(change.old),
        "new": _side_json(change.new),
        "affects": list(change.affects),
    }


def as_json(result: DiffResult, colour: bool = False) -> str:
    """Every change with its kind, ids, old and new value and location; see `cjm schema diff`."""
    payload = {
        "version": JSON_VERSION,
        "old": result.old_label,
        "new": result.new_label,
        "summary": {
            "changes": len(result.changes),
            "warnings": result.warnings,
            "documents": len({c.document for c in result.changes}),
            "by_kind": dict(sorted(Counter(c.kind for c in result.changes).items())),
        },
        "changes": [change_json(c) for c in result.changes],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
