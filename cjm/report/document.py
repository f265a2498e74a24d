"""The report as a sequence of blocks (headings, paragraphs, tables, lists).

The text and Markdown formats both write these blocks, each in its own
syntax, so that the two always say the same thing. Cells and paragraphs hold
author text as written; escaping is the format's job.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import Any

from cjm.present import numbers
from cjm.present.durations import since_previous
from cjm.present.labels import labels_for
from cjm.present.locale import resolve
from cjm.report import records as r


def pair_steps(pair: r.Pair, items: Sequence[r.Handoff]) -> list[tuple[str, list[str]]]:
    """The steps a channel pair's hand-offs lead to, each once, in the pair's order; with
    the steps they come from when more than one of them leads there (a step the customer
    reaches by two paths), else with none."""
    found: list[tuple[str, list[str]]] = []
    for to in dict.fromkeys(pair["steps"]):
        froms = [
            i["from_step"]
            for i in items
            if i["to_step"] == to
            and pair["from"] in i["from_channels"]
            and pair["to"] in i["to_channels"]
        ]
        found.append((to, froms if len(froms) > 1 else []))
    return found


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: frozenset[int] = field(default_factory=frozenset)
    """Columns of figures, aligned to the right."""


@dataclass(frozen=True)
class Items:
    items: Sequence[str]


Block = Heading | Paragraph | Table | Items


# figures as everywhere else; a figure the data does not give is a hyphen in text
number = partial(numbers.number, missing="-")
percent = partial(numbers.percent, missing="-")
score = partial(numbers.score, missing="-")


class Writer:
    """Turns the report's data into blocks, with the labels of one locale."""

    def __init__(self, locale: str | None) -> None:
        self.forced = locale
        self.locale = resolve(locale)
        self.t = labels_for(self.locale)

    def blocks(self, data: r.Report) -> Iterator[Block]:
        for workspace in data["workspaces"]:
            yield from self.workspace(workspace)

    def workspace(self, ws: r.WorkspaceRecord) -> Iterator[Block]:
        self.locale = resolve(self.forced, ws["locale"])
        t = self.t = labels_for(self.locale)
        self.channels = {c["id"]: c for c in ws["channels"]}
        self.journeys = {j["id"]: j for j in ws["journeys"]}
        self.people = {
            line["persona"]: line["name"]
            for comparison in ws["personas"]
            for line in comparison["lines"]
        }
        yield Heading(1, f"{t['report.title']}: {ws['name'] or ws['path']}")
        if not ws["journeys"]:
            yield Paragraph(f"{t['journeys']}: {t['report.nothing']}")
        if ws["unused_channels"]:
            yield Items(
                [f"{t['report.unused_anywhere']}: {self.channel_list(ws['unused_channels'])}"]
            )
        for journey in ws["journeys"]:
            yield from self.journey(journey)
        lens = ws["lens"]
        if lens is not None:
            yield Paragraph(t["report.lens"].format(name=lens["name"] or lens["id"]))
            if lens["left_out"]:
                titles = ", ".join(self.title(j) for j in lens["left_out"])
                yield Items([f"{t['report.left_out']}: {titles}"])
        for comparison in ws["personas"]:
            yield from self.personas(comparison)
        for change in ws["changes"]:
            yield from self.change(change)

    # --- names ---------------------------------------------------------------------------

    def channel(self, channel_id: str) -> str:
        found = self.channels.get(channel_id)
        return str(found["name"]) if found else channel_id

    def channel_list(self, ids: Sequence[str]) -> str:
        return ", ".join(self.channel(c) for c in ids) or self.t["report.nothing"]

    def stage(self, journey: r.JourneyRecord, stage_id: str) -> str:
        return next((s["name"] for s in journey["stages"] if s["id"] == stage_id), stage_id)

    def title(self, journey_id: str) -> str:
        journey = self.journeys.get(journey_id)
        return str(journey["title"] or journey_id) if journey else journey_id

    def person(self, persona_id: str) -> str:
        return str(self.people.get(persona_id, persona_id))

    def severity(self, severity: str | None) -> str:
        return self.t[f"report.severity.{severity or 'unrated'}"]

    # --- one journey ---------------------------------------------------------------------

    def journey(self, journey: r.JourneyRecord) -> Iterator[Block]:
        t = self.t
        state = t[f"state.{journey['state']}"]
        yield Heading(2, f"{journey['title'] or journey['id']} ({state})")
        yield Paragraph(f"{journey['file']}")
        yield from self.coverage(journey)
        yield from self.paths(journey)
        yield from self.handoffs(journey)
        yield from self.funnel(journey)
        yield from self.experience(journey)
        yield from self.moments(journey)
        yield from self.owners(journey)

    def paths(self, journey: r.JourneyRecord) -> Iterator[Block]:
        t = self.t
        paths = journey["paths"]
        if paths is None:
            return
        yield Heading(3, t["report.paths"])
        yield Paragraph(t["report.paths_note"])
        items = []
        for branch in paths["branches"]:
            ways = []
            for way in branch["paths"]:
                notes = [f"“{way['label']}”"] if way["label"] else []
                if way["kind"] != "next":
                    notes.append(t[f"path.kind.{way['kind']}"])
                ways.append(f"→ {way['to_name']}" + (f" ({'; '.join(notes)})" if notes else ""))
            items.append(f"{branch['name']}: {', '.join(ways)}")
        ends = ", ".join(e["name"] for e in paths["ends"]) or t["report.nothing"]
        items.append(f"{t['report.ends']}: {ends}")
        yield Items(items)

    def moments(self, journey: r.JourneyRecord) -> Iterator[Block]:
        t, loc = self.t, self.locale
        moments = journey["moments"]
        if not moments:
            return
        yield Heading(3, t["report.moments"])
        rows = []
        for m in moments:
            shown = score(m["score"], loc)
            if m["scores"]:
                shown += (
                    " ("
                    + ", ".join(f"{self.person(p)} {score(v, loc)}" for p, v in m["scores"].items())
                    + ")"
                )
            rows.append(
                [
                    f"{m['name']} ({self.stage(journey, m['stage'])})",
                    t[f"report.moment.{m['moment']}"] if m["moment"] else "-",
                    shown + (" !" if m["low"] else ""),
                    m["trigger"] or "-",
                    since_previous(m["since_previous"], loc) if m["since_previous"] else "-",
                ]
            )
        yield Table(
            [
                t["step"],
                t["report.moment"],
                t["report.score"],
                t["report.trigger"],
                t["report.since_previous"],
            ],
            rows,
        )
        low = [m for m in moments if m["low"]]
        if low:
            yield Paragraph(
                f"! {t['report.low_truth']}: "
                + ", ".join(f"{m['name']} ({score(m['score'], loc)})" for m in low)
            )

    def owners(self, journey: r.JourneyRecord) -> Iterator[Block]:
        t, loc = self.t, self.locale
        owners = journey["owners"]
        if not owners:
            return
        yield Heading(3, t["report.owners"])
        yield Paragraph(t["report.owners_note"])
        yield Table(
            [
                t["owner"],
                t["lane.touchpoints"],
                t["report.mean_stage_emotion"],
                t["report.pain_points"],
                t["report.handoffs"],
            ],
            [
                [
                    o["owner"],
                    "; ".join(f"{tp['name']} ({tp['step_name']})" for tp in o["touchpoints"]),
                    score(o["emotion"], loc),
                    " / ".join(p["description"] for p in o["pain_points"]) or "-",
                    "; ".join(
                        f"{h['from_name']} → {h['to_name']} "
                        f"({t['report.handoff.' + h['direction']]})"
                        for h in o["handoffs"]
                    )
                    or "-",
                ]
                for o in owners
            ],
        )

    def coverage(self, journey: r.JourneyRecord) -> Iterator[Block]:
        t, loc = self.t, self.locale
        coverage = journey["coverage"]
        stages = coverage["stages"]
        yield Heading(3, t["report.coverage"])
        yield Paragraph(t["report.coverage_note"])
        rows = []
        for total in coverage["channels"]:
            channel_id = total["channel"]
            if not total["in_use"] and not total["potential"]:
                continue
            known = self.channels.get(channel_id)
            kind = known["type"] if known is not None else None
            name = self.channel(channel_id) + (f" ({t['report.' + kind]})" if kind else "")
            cells = [
                _cell(s["in_use"].get(channel_id, 0), s["potential"].get(channel_id, 0))
                for s in stages
            ]
            rows.append([name, *cells, _cell(total["in_use"], total["potential"])])
        numeric = frozenset(range(1, len(stages) + 2))
        yield Table(
            [t["report.channel"], *(s["name"] for s in stages), t["report.total"]], rows, numeric
        )
        yield Table(
            [
                t["stage"],
                t["report.touchpoints"],
                t["report.physical"].capitalize(),
                t["report.digital"].capitalize(),
            ],
            [
                [
                    s["name"],
                    str(s["touchpoints"]),
                    percent(s["physical_share"], loc),
                    percent(s["digital_share"], loc),
                ]
                for s in stages
            ],
            frozenset({1, 2, 3}),
        )
        lines = [f"{t['report.unused']}: {self.channel_list(coverage['unused'])}"]
        if coverage["potential_only"]:
            lines.append(
                f"{t['report.potential_only']}: {self.channel_list(coverage['potential_only'])}"
            )
        yield Items(lines)

    def handoffs(self, journey: r.JourneyRecord) -> Iterator[Block]:
        t, loc = self.t, self.locale
        handoffs = journey["handoffs"]
        yield Heading(3, t["report.handoffs"])
        yield Paragraph(
            f"{t['report.handoff_count']}: {handoffs['count']}, {t['report.drops']}: "
            f"{handoffs['drops']}. {t['report.handoffs_note']}"
        )
        if not handoffs["items"]:
            return
        rows = []
        for item in handoffs["items"]:
            change = f"{score(item['emotion_before'], loc)} → {score(item['emotion_after'], loc)}"
            if item["emotion_change"] is not None:
                change += f" ({score(item['emotion_change'], loc)})"
            rows.append(
                [
                    f"{item['from_name']} ({self.channel_list(item['from_channels'])})",
                    f"{item['to_name']} ({self.channel_list(item['to_channels'])})",
                    change,
                    " / ".join(item["notes"]) or "-",
                ]
            )
        yield Table(
            [t["report.from"], t["report.to"], t["report.emotion_change"], t["report.note"]], rows
        )
        yield Heading(4, t["report.pairs"])
        yield Table(
            [t["report.from"], t["report.to"], t["report.count"], t["report.at_steps"]],
            [
                [
                    self.channel(p["from"]),
                    self.channel(p["to"]),
                    str(p["count"]),
                    ", ".join(
                        f"{to} ({t['report.pair_from']} {', '.join(froms)})" if froms else to
                        for to, froms in pair_steps(p, handoffs["items"])
                    ),
                ]
                for p in handoffs["pairs"]
            ],
            frozenset({2}),
        )

    def funnel(self, journey: r.JourneyRecord) -> Iterator[Block]:
        t, loc = self.t, self.locale
        funnel = journey["funnel"]
        yield Heading(3, t["report.funnel"])
        if funnel is None:
            yield Paragraph(t["report.no_funnel"])
            return
        rows = []
        order = [s["id"] for s in journey["stages"]]
        for row in funnel["stages"]:
            conversion = percent(row["conversion"], loc)
            before = row["compared_with"]
            if before is not None and order.index(row["stage"]) - order.index(before) > 1:
                conversion += f" ({t['report.compared_with']} {self.stage(journey, before)})"
            volume = number(row["volume"], loc)
            if row["volume"] is not None and row["unit"]:
                volume += f" {row['unit']}"
            if row["derived"]:
                volume += " *"
            rows.append(
                [
                    row["name"],
                    volume,
                    conversion,
                    percent(row["drop_off"], loc),
                    percent(row["from_top"], loc),
                ]
            )
        yield Table(
            [
                t["stage"],
                t["report.volume"],
                t["report.conversion"],
                t["report.drop_off"],
                t["report.from_top"],
            ],
            rows,
            frozenset({1, 2, 3, 4}),
        )
        summary = _funnel_summary(funnel, t, loc)
        if any(r["derived"] for r in funnel["stages"]):
            summary.append(f"* {t['report.derived']}")
        yield Items(summary)

    def experience(self, journey: r.JourneyRecord) -> Iterator[Block]:
        t, loc = self.t, self.locale
        experience = journey["experience"]
        yield Heading(3, t["report.experience"])
        lowest = experience["lowest"]
        if lowest is not None:
            yield Heading(4, f"{t['report.lowest']} ({score(lowest['score'], loc)})")
            items = []
            for step in lowest["steps"]:
                scores = ", ".join(
                    f"{self.person(p)} {score(v, loc)}" for p, v in step["scores"].items()
                )
                items.append(
                    f"{step['name']} ({self.stage(journey, step['stage'])}"
                    + (f"; {scores})" if scores else ")")
                )
            items.extend(
                f"{self.person(mine['persona'])} {score(mine['score'], loc)}: "
                + ", ".join(s["name"] for s in mine["steps"])
                for mine in lowest["by_persona"]
            )
            yield Items(items)
        pains = experience["pain_points"]
        yield Heading(4, t["report.pain_points_by_severity"])
        counts = ", ".join(f"{self.severity(s)} {n}" for s, n in pains["by_severity"].items() if n)
        yield Paragraph(
            f"{counts or t['report.nothing']}; {pains['addressed']} "
            f"{t['report.addressed_summary']}, {pains['unaddressed']} "
            f"{t['report.unaddressed_summary']}."
        )
        if pains["items"]:
            yield Table(
                [t["report.severity"], t["lane.pain_points"], t["step"], t["report.addressed_by"]],
                [
                    [
                        self.severity(p["severity"]),
                        p["description"],
                        f"{p['step_name']} ({self.stage(journey, p['stage'])})",
                        ", ".join(p["addressed_by"]) or t["report.unaddressed"],
                    ]
                    for p in pains["items"]
                ],
            )
        if experience["opportunities"]:
            yield Heading(4, t["report.opportunities_ranked"])
            yield Table(
                [
                    t["report.rank"],
                    t["lane.opportunities"],
                    t["step"],
                    t["report.weight"],
                    t["report.addresses"],
                ],
                [
                    [
                        str(o["rank"]),
                        o["description"],
                        f"{o['step_name']} ({self.stage(journey, o['stage'])})",
                        str(o["weight"]),
                        ", ".join(o["addresses"]) or "-",
                    ]
                    for o in experience["opportunities"]
                ],
                frozenset({0, 3}),
            )

    # --- across journeys -----------------------------------------------------------------

    def personas(self, comparison: r.PersonaComparison) -> Iterator[Block]:
        t, loc = self.t, self.locale
        yield Heading(2, f"{t['report.personas']}: {t['state.' + comparison['state']]}")

        def line(entry: r.Line) -> str:
            return f"{entry['name']} ({self.title(entry['journey'])})"

        stage_names = {s["stage"]: s["name"] for s in comparison["stages"]}
        everyone = len(comparison["lines"])
        lines_item = f"{t['report.lines']}: {', '.join(line(e) for e in comparison['lines'])}"
        if not comparison["comparable"]:
            yield Items([lines_item])
            yield Paragraph(t["report.nothing_to_compare"])
            return
        if comparison["framework_name"] is not None:
            yield Paragraph(t["report.order_framework"].format(name=comparison["framework_name"]))
        else:
            yield Paragraph(t["report.order_consensus"])
        scale = comparison["scale"]
        if scale["normalised"]:
            yield Paragraph(
                t["report.scale_normalised"].format(
                    low=score(scale["min"], loc), high=score(scale["max"], loc)
                )
            )
        partial_stages = [
            f"{p['name']} ({p['lines']}/{everyone})" for p in comparison["partial_stages"]
        ]
        partial_channels = [
            f"{self.channel(p['channel'])} ({p['lines']}/{everyone})"
            for p in comparison["partial_channels"]
        ]
        yield Items(
            [
                lines_item,
                f"{t['report.shared_stages']}: "
                + (
                    ", ".join(stage_names.get(s, s) for s in comparison["shared_stages"])
                    or t["report.nothing"]
                ),
                f"{t['report.partial_stages']}: {', '.join(partial_stages) or t['report.nothing']}",
                f"{t['report.shared_channels']}: "
                f"{self.channel_list(comparison['shared_channels'])}",
                f"{t['report.partial_channels']}: "
                f"{', '.join(partial_channels) or t['report.nothing']}",
            ]
        )

        def tied(entry: r.ScoredLine | None, scores: Sequence[r.ScoredLine]) -> str:
            """The line with the highest (or lowest) score, and every line that ties with it."""
            if entry is None:
                return "-"
            names = [s["name"] for s in scores if s["score"] == entry["score"]] or [entry["name"]]
            return f"{', '.join(names)} {score(entry['score'], loc)}"

        yield Heading(3, t["report.stage_divergence"])
        if not comparison["stage_divergence"]:
            yield Paragraph(t["report.one_line" if everyone == 1 else "report.no_divergence"])
        else:
            yield Table(
                [
                    t["stage"],
                    t["report.spread"],
                    t["report.highest"],
                    t["report.lowest_line"],
                    t["report.mean_stage_emotion"],
                ],
                [
                    [
                        d["name"],
                        number(d["spread"], loc),
                        tied(d["highest"], d["scores"]),
                        tied(d["lowest"], d["scores"]),
                        score(d["score"], loc),
                    ]
                    for d in comparison["stage_divergence"]
                ],
                frozenset({1, 4}),
            )
        if comparison["divergence"]:
            yield Heading(3, t["report.step_divergence"])
            yield Table(
                [t["step"], t["report.spread"], t["report.highest"], t["report.lowest_line"]],
                [
                    [
                        d["name"],
                        number(d["spread"], loc),
                        tied(d["highest"], d["scores"]),
                        tied(d["lowest"], d["scores"]),
                    ]
                    for d in comparison["divergence"]
                ],
                frozenset({1}),
            )
        prevailing = comparison["prevailing"]
        yield Heading(3, t["report.prevailing"])
        if not prevailing["stages"]:
            yield Paragraph(t["report.no_model"])
        else:
            yield Table(
                [t["stage"], t["diagram.channels"], t["report.lines"]],
                [
                    [m["name"], self.channel_list(m["channels"]), f"{m['lines']}/{everyone}"]
                    for m in prevailing["stages"]
                ],
                frozenset({2}),
            )
            followers = ", ".join(line(e) for e in prevailing["followed_by"]) or t["report.nothing"]
            yield Paragraph(
                f"{t['report.followed_by']}: {followers} "
                f"({len(prevailing['followed_by'])} "
                f"{t['report.of_lines'].format(n=everyone)})."
            )
            if 2 * len(prevailing["followed_by"]) < everyone:
                yield Paragraph(t["report.few_follow"])
        yield from self.rolled_funnel(comparison["funnel"])
        yield Heading(3, t["report.rolled_experience"])
        yield Items(self.rolled_experience(comparison["experience"]))
        if comparison["segments"]:
            yield Heading(3, t["report.segments"])
        for segment in comparison["segments"]:
            yield Heading(4, f"{t['report.segment']}: {segment['segment']}")
            yield Items(
                [
                    f"{t['personas']}: {', '.join(self.person(p) for p in segment['personas'])}",
                    f"{t['journeys']}: {', '.join(self.title(j) for j in segment['journeys'])}",
                    *self.rolled_experience(segment["experience"]),
                ]
            )
            yield from self.rolled_funnel(segment["funnel"], heading=False)

    def rolled_experience(self, experience: r.RolledExperience) -> list[str]:
        t, loc = self.t, self.locale
        return [
            f"{t['report.mean_stage_emotion']}: {score(experience['score'], loc)}",
            f"{t['report.pain_points']}: {experience['pain_points']} "
            f"({experience['unaddressed']} {t['report.unaddressed_summary']})",
        ]

    def rolled_funnel(
        self, funnel: r.RolledFunnel | None, *, heading: bool = True
    ) -> Iterator[Block]:
        t, loc = self.t, self.locale
        if funnel is None:
            return
        if heading:
            yield Heading(3, t["report.rolled_funnel"])
        yield Table(
            [
                t["stage"],
                t["report.volume"],
                t["report.conversion"],
                t["report.drop_off"],
                t["report.from_top"],
                t["journeys"],
            ],
            [
                [
                    row["name"],
                    number(row["volume"], loc),
                    percent(row["conversion"], loc),
                    percent(row["drop_off"], loc),
                    percent(row["from_top"], loc),
                    str(len(row["journeys"])),
                ]
                for row in funnel["stages"]
            ],
            frozenset({1, 2, 3, 4, 5}),
        )
        compared = like_with_like(funnel, t)
        yield Items(_funnel_summary(funnel, t, loc) + ([compared] if compared else []))

    def change(self, change: r.Change) -> Iterator[Block]:
        t, loc = self.t, self.locale
        yield Heading(
            2,
            f"{t['report.changes']}: {change['current_title'] or change['current']}"
            f" → {change['future_title'] or change['future']}",
        )
        handoffs, pains, emotion = change["handoffs"], change["pain_points"], change["emotion"]
        yield Table(
            ["", t["report.before"], t["report.after"], t["report.change"]],
            [
                [
                    t["report.handoffs"],
                    str(handoffs["before"]),
                    str(handoffs["after"]),
                    score(handoffs["change"], loc),
                ],
                [
                    f"{t['report.handoffs']} {t['report.drops']}",
                    str(handoffs["drops_before"]),
                    str(handoffs["drops_after"]),
                    score(handoffs["drops_after"] - handoffs["drops_before"], loc),
                ],
                [
                    t["lane.pain_points"],
                    str(pains["before"]),
                    str(pains["after"]),
                    score(pains["after"] - pains["before"], loc),
                ],
                *(
                    [
                        f"{t['lane.pain_points']}: {self.severity(s)}",
                        str(pains["by_severity_before"][s]),
                        str(pains["by_severity_after"][s]),
                        score(pains["by_severity_after"][s] - pains["by_severity_before"][s], loc),
                    ]
                    for s in r.SEVERITY_KEYS
                    if pains["by_severity_before"][s] or pains["by_severity_after"][s]
                ),
                [
                    t["report.mean_emotion"],
                    score(emotion["before"], loc),
                    score(emotion["after"], loc),
                    score(emotion["change"], loc),
                ],
            ],
            frozenset({1, 2, 3}),
        )
        channels = change["channels"]
        yield Items(
            [
                f"{t['report.channels_added']}: {self.channel_list(channels['added'])}",
                f"{t['report.channels_removed']}: {self.channel_list(channels['removed'])}",
                f"{t['report.channels_adopted']}: {self.channel_list(channels['adopted'])}",
            ]
        )
        for status in ("resolved", "kept", "new"):
            items = [p for p in pains["items"] if p["status"] == status]
            if not items:
                continue
            yield Heading(3, t[f"report.{status}"])
            yield Items([p["description"] + self._severities(p) for p in items])
        yield Heading(3, t["report.emotion_by_stage"])
        yield Table(
            [
                t["stage"],
                t["report.before"],
                t["report.after"],
                t["report.change"],
                f"{t['report.handoffs']}: {t['report.before']}",
                f"{t['report.handoffs']}: {t['report.after']}",
            ],
            [
                [
                    s["name"],
                    score(s["before"], loc),
                    score(s["after"], loc),
                    score(s["change"], loc),
                    str(s["handoffs_before"]),
                    str(s["handoffs_after"]),
                ]
                for s in emotion["stages"]
            ],
            frozenset({1, 2, 3, 4, 5}),
        )

    def _severities(self, pain: r.PainPointChange) -> str:
        before, after = pain["severity_before"], pain["severity_after"]
        if pain["status"] == "kept" and before != after:
            return f" ({self.severity(before)} → {self.severity(after)})"
        shown = after if pain["status"] == "new" else before
        return f" ({self.severity(shown)})"


def _cell(in_use: int, potential: int) -> str:
    if not in_use and not potential:
        return "."
    text = str(in_use) if in_use else ""
    if potential:
        text += f" +{potential}" if text else f"+{potential}"
    return text


def like_with_like(funnel: r.RolledFunnel, t: Mapping[str, str]) -> str | None:
    """Where a rolled-up funnel's conversion compares fewer journeys than its two rows
    count (a journey skips one of the stages), which and how many; None when every rate
    compares all of them."""
    found: list[str] = []
    rows = funnel["stages"]
    for before, row in pairwise(rows):
        both = [j for j in row["journeys"] if j in before["journeys"]]
        every = set(row["journeys"]) | set(before["journeys"])
        if len(both) == len(every):
            continue
        names = {"stage": row["name"], "previous": before["name"]}
        if both:
            found.append(
                t["report.like_with_like.some"].format(**names, count=len(both), total=len(every))
            )
        else:
            found.append(t["report.like_with_like.none"].format(**names))
    return f"{t['report.like_with_like']}: {'; '.join(found)}" if found else None


def _funnel_summary(funnel: Mapping[str, Any], t: Mapping[str, str], loc: str) -> list[str]:
    """The lines under a funnel table, one journey's or several journeys' together: the
    overall conversion, the largest drop-off, and units that differ."""
    summary = [f"{t['report.overall']}: {percent(funnel['overall_conversion'], loc)}"]
    worst = next(
        (row for row in funnel["stages"] if row["stage"] == funnel["largest_drop_off"]), None
    )
    if worst is not None:
        summary.append(
            f"{t['report.largest_drop_off']}: {worst['name']} ({percent(worst['drop_off'], loc)})"
        )
    if len(funnel["units"]) > 1:
        summary.append(f"{t['report.units_differ']}: {', '.join(funnel['units'])}")
    return summary
