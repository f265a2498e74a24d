"""The swimlane grid of a journey, shared by the Graphviz and Mermaid diagrams.

Columns are the journey's steps in order, grouped by stage; lanes are
horizontal bands, one per channel, per service-blueprint layer or per
persona. Each cell of the grid holds the boxes drawn there (the step, its
notes, the touchpoints of other channels); links join boxes. Everything here
is author text as written: each output format escapes it for its own syntax.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from cjm.core import facts
from cjm.core.model import Journey, Persona, Process, Step, Touchpoint
from cjm.core.paths import graph
from cjm.present import numbers
from cjm.present.durations import since_previous
from cjm.present.escape import plain
from cjm.present.labels import labels_for
from cjm.present.marks import END_MARK, MOMENT_MARKS
from cjm.render.site import Site


@dataclass(frozen=True)
class Box:
    """One box of the diagram. ``lines`` are (style, text) pairs; styles: title, text, item."""

    key: str
    kind: str  # step, touchpoint, potential, process, pain, opportunity
    lines: tuple[tuple[str, str], ...]
    score: float | None = None
    ends: bool = False  # a step where the journey can end before its last


@dataclass(frozen=True)
class Link:
    tail: str
    head: str
    kind: str  # flow, handoff (flow that changes lane), attach, channel, potential
    label: str | None = None  # of a path the map declares
    path: str = "next"  # of a flow or hand-off: next, jump, return or loop (cjm.core.paths)


@dataclass(frozen=True)
class Lane:
    key: str
    title: str
    subtitle: str | None = None
    line: bool = False  # a line of the blueprint (interaction, visibility), not a band


@dataclass(frozen=True)
class StageSpan:
    key: str
    name: str
    first: int  # first column
    last: int


@dataclass(frozen=True)
class Grid:
    title: str
    mode: str
    lanes: tuple[Lane, ...]
    stages: tuple[StageSpan, ...]
    columns: int
    cells: Mapping[tuple[int, int], tuple[Box, ...]]  # (lane, column) -> boxes, top first
    links: tuple[Link, ...]
    scale: tuple[int, int]
    labels: Mapping[str, str] = field(default_factory=dict)

    def boxes(self) -> list[tuple[int, int, Box]]:
        return [
            (lane, column, box)
            for (lane, column), boxes in sorted(self.cells.items())
            for box in boxes
        ]


def default_mode(site: Site, journey: Journey) -> str:
    """Channel lanes when the journey goes through more than one channel, else the blueprint."""
    return "channel" if len(facts.channels_in_use(journey)) > 1 else "layer"


def persona_names(site: Site, journey: Journey) -> dict[str, str]:
    names = {}
    for persona_id in journey.personas:
        persona = site.by_id.get(persona_id)
        names[persona_id] = plain(persona.name) if isinstance(persona, Persona) else persona_id
    return names


def emotion_text(
    site: Site,
    journey: Journey,
    step: Step,
    *,
    locale: str,
    persona: str | None = None,
) -> str:
    """The step's emotion as words: `Emotion: \u22121`, or one score per persona."""
    labels = labels_for(locale)
    if isinstance(step.emotion, Mapping) and persona is None:
        names = persona_names(site, journey)
        scores = ", ".join(
            f"{names.get(p, p)} {numbers.score(s, locale)}" for p, s in step.emotion.items()
        )
        return f"{labels['emotion']}: {scores}"
    score = facts.score(step, persona)
    if score is None:
        return f"{labels['emotion']}: {labels['emotion.none']}"
    return f"{labels['emotion']}: {numbers.score(score, locale)}"


def build_grid(site: Site, journey: Journey, *, mode: str | None, locale: str) -> Grid:
    """The swimlane grid of ``journey`` with ``mode`` lanes (None: the default for it)."""
    labels = labels_for(locale)
    chosen = mode or default_mode(site, journey)
    builder = _Builder(site, journey, locale)
    if chosen == "channel":
        builder.channel_lanes()
    elif chosen == "persona":
        builder.persona_lanes()
    else:
        builder.layer_lanes()
    stages, column = [], 0
    for index, stage in enumerate(journey.stages):
        width = max(len(stage.steps), 1)
        stages.append(StageSpan(f"stage{index}", plain(stage.name), column, column + width - 1))
        column += width
    return Grid(
        title=plain(journey.title or journey.id),
        mode=chosen,
        lanes=tuple(builder.lanes),
        stages=tuple(stages),
        columns=max(column, 1),
        cells={k: tuple(v) for k, v in builder.cells.items()},
        links=tuple(builder.links),
        scale=site.scale(journey),
        labels=labels,
    )


class _Builder:
    def __init__(self, site: Site, journey: Journey, locale: str) -> None:
        self.site, self.journey, self.locale = site, journey, locale
        self.labels = labels_for(locale)
        self.lanes: list[Lane] = []
        self.cells: dict[tuple[int, int], list[Box]] = {}
        self.links: list[Link] = []
        self.columns: list[tuple[int, Step]] = []
        column = 0
        for stage in journey.stages:
            for step in stage.steps:
                self.columns.append((column, step))
                column += 1
            if not stage.steps:
                column += 1

    def put(self, lane: int, column: int, box: Box) -> None:
        self.cells.setdefault((lane, column), []).append(box)

    def step_box(
        self,
        index: int,
        step: Step,
        *,
        persona: str | None = None,
        key: str | None = None,
        actions: bool = False,
    ) -> Box:
        lines = [
            ("title", plain(step.name)),
            (
                "text",
                emotion_text(self.site, self.journey, step, locale=self.locale, persona=persona),
            ),
        ]
        if step.since_previous:
            lines.append(("text", since_previous(step.since_previous, self.locale)))
        if step.trigger:
            lines.append(("text", f"{self.labels['trigger']}: {plain(step.trigger)}"))
        if step.moment:
            lines.append(
                ("text", f"{MOMENT_MARKS[step.moment]} {self.labels['moment.' + step.moment]}")
            )
        if self.ends_early(step):
            lines.append(("text", f"{END_MARK} {self.labels['path.can_end']}"))
        if actions:
            lines += [("item", plain(a)) for a in step.actions]
        score = (
            facts.score(step, persona)
            if persona and isinstance(step.emotion, Mapping)
            else facts.overall_score(step)
        )
        return Box(key or f"step{index}", "step", tuple(lines), score, self.ends_early(step))

    def notes(
        self,
        lane: int,
        column: int,
        index: int,
        step: Step,
        anchor: str,
        *,
        lane_of_notes: tuple[int, int] | None = None,
    ) -> None:
        pain_lane, opportunity_lane = lane_of_notes or (lane, lane)
        labels = self.labels
        if step.pain_points:
            items = []
            for pain in step.pain_points:
                severity = (
                    f" ({labels.get('severity.' + pain.severity, pain.severity)})"
                    if pain.severity
                    else ""
                )
                items.append(("item", plain(pain.description) + severity))
            box = Box(f"step{index}_pain", "pain", (("title", labels["lane.pain_points"]), *items))
            self.put(pain_lane, column, box)
            self.links.append(Link(anchor, box.key, "attach"))
        if step.opportunities:
            items = [("item", plain(o.description)) for o in step.opportunities]
            box = Box(
                f"step{index}_opportunity",
                "opportunity",
                (("title", labels["lane.opportunities"]), *items),
            )
            self.put(opportunity_lane, column, box)
            self.links.append(Link(anchor, box.key, "attach"))

    def named(self, touchpoint: Touchpoint) -> str:
        """A touchpoint's name, with the team that owns it."""
        if touchpoint.owner:
            owner = f"{self.labels['touchpoint.owner']}: {plain(touchpoint.owner)}"
            return f"{plain(touchpoint.name)} ({owner})"
        return plain(touchpoint.name)

    def ends_early(self, step: Step) -> bool:
        """True when the journey can end at ``step`` although it is not its last."""
        return step.id in graph(self.journey).early_ends()

    def flow(self, keys: list[str], handoffs: frozenset[tuple[str, str]] = frozenset()) -> None:
        """A link for each path of the journey between the boxes of its steps (``keys``,
        one per step in order), and a hand-off link for each pair of ``handoffs`` (the
        box the customer leaves, the box they are handed to): the link between them when
        a path joins them, one of its own when steps with no channel stand between them."""
        journey_paths = graph(self.journey)
        if journey_paths.linear:
            joined = list(pairwise(keys))
            for tail, head in joined:
                kind = "handoff" if (tail, head) in handoffs else "flow"
                self.links.append(Link(tail, head, kind))
        else:
            order = {step.id: i for i, (_column, step) in enumerate(self.columns)}
            joined = []
            for path in journey_paths.paths:
                tail, head = keys[order[path.source.id]], keys[order[path.target.id]]
                joined.append((tail, head))
                kind = "handoff" if (tail, head) in handoffs else "flow"
                self.links.append(Link(tail, head, kind, path.label, path.kind))
        apart = set(handoffs) - set(joined)
        for tail, head in sorted(apart, key=lambda p: (keys.index(p[1]), keys.index(p[0]))):
            self.links.append(Link(tail, head, "handoff"))

    def channel_lanes(self) -> None:
        catalog = self.site.channels
        used = dict.fromkeys(
            c
            for _i, step in self.columns
            for t in step.touchpoints
            for c in (*t.channels, *t.potential_channels)
        )
        order = [c for c in catalog if c in used] + [c for c in used if c not in catalog]
        lane_of = {}
        for channel_id in order:
            channel = catalog.get(channel_id)
            subtitle = self.labels.get(f"type.{channel.type}") if channel else None
            lane_of[channel_id] = len(self.lanes)
            self.lanes.append(
                Lane(
                    f"lane{len(self.lanes)}",
                    plain(channel.name) if channel else channel_id,
                    subtitle,
                )
            )
        none_lane = -1
        if any(not step.channels for _i, step in self.columns) or not self.lanes:
            none_lane = len(self.lanes)
            self.lanes.append(Lane(f"lane{none_lane}", self.labels["diagram.no_channel"]))
        flow = []
        box_of: dict[int, str] = {}
        for index, (column, step) in enumerate(self.columns):
            primary = lane_of[step.channels[0]] if step.channels else none_lane
            box = self.step_box(index, step)
            self.put(primary, column, box)
            flow.append(box.key)
            box_of[id(step)] = box.key
            self.notes(primary, column, index, step, box.key)
            shown: dict[tuple[str, bool], list[str]] = {}
            for touchpoint in step.touchpoints:
                for channel_id in touchpoint.channels:
                    shown.setdefault((channel_id, False), []).append(self.named(touchpoint))
            for touchpoint in step.touchpoints:
                for channel_id in touchpoint.potential_channels:
                    if channel_id not in step.channels:
                        shown.setdefault((channel_id, True), []).append(self.named(touchpoint))
            for n, ((channel_id, potential), names) in enumerate(shown.items()):
                lane = lane_of[channel_id]
                if lane == primary and not potential:
                    continue
                lines = [("item", name) for name in dict.fromkeys(names)]
                if potential:
                    lines.insert(0, ("title", self.labels["diagram.potential"]))
                kind = "potential" if potential else "touchpoint"
                satellite = Box(f"step{index}_channel{n}", kind, tuple(lines))
                self.put(lane, column, satellite)
                self.links.append(
                    Link(box.key, satellite.key, "potential" if potential else "channel")
                )
        handoffs = frozenset(
            (box_of[id(h.before)], box_of[id(h.after)]) for h in facts.handoffs(self.journey)
        )
        self.flow(flow, handoffs)

    def persona_lanes(self) -> None:
        names = persona_names(self.site, self.journey)
        personas = list(names) or [""]
        for persona_id in personas:
            title = names.get(persona_id, self.labels["diagram.customer"])
            self.lanes.append(Lane(f"lane{len(self.lanes)}", title))
        pain_lane = len(self.lanes)
        self.lanes.append(Lane(f"lane{pain_lane}", self.labels["lane.pain_points"]))
        self.lanes.append(Lane(f"lane{pain_lane + 1}", self.labels["lane.opportunities"]))
        flows: list[list[str]] = [[] for _p in personas]
        for index, (column, step) in enumerate(self.columns):
            keys = []
            for lane, persona_id in enumerate(personas):
                box = self.step_box(
                    index, step, persona=persona_id or None, key=f"step{index}_persona{lane}"
                )
                self.put(lane, column, box)
                flows[lane].append(box.key)
                keys.append(box.key)
            self.notes(0, column, index, step, keys[-1], lane_of_notes=(pain_lane, pain_lane + 1))
        for flow in flows:
            self.flow(flow)

    def layer_lanes(self) -> None:
        labels = self.labels
        lanes = [
            ("diagram.customer_actions", False),
            ("diagram.line_interaction", True),
            ("diagram.frontstage", False),
            ("diagram.line_visibility", True),
            ("lane.backstage", False),
            ("diagram.line_internal", True),
            ("lane.support", False),
        ]
        for key, line in lanes:
            self.lanes.append(Lane(f"lane{len(self.lanes)}", labels[key], line=line))
        catalog = self.site.channels
        flow = []

        def channel_names(ids: tuple[str, ...]) -> str:
            return ", ".join(plain(catalog[c].name) if c in catalog else c for c in ids)

        def process_box(key: str, process: Process) -> Box:
            lines = [("text", plain(process.description))]
            extra = [plain(x) for x in (process.owner, process.system) if x]
            if extra:
                lines.append(("item", " · ".join(extra)))
            return Box(key, "process", tuple(lines))

        for index, (column, step) in enumerate(self.columns):
            box = self.step_box(index, step, actions=True)
            self.put(0, column, box)
            flow.append(box.key)
            self.notes(0, column, index, step, box.key)
            front = box.key
            for n, touchpoint in enumerate(step.touchpoints):
                lines = [("title", plain(touchpoint.name))]
                if touchpoint.channels:
                    lines.append(("text", channel_names(touchpoint.channels)))
                if touchpoint.potential_channels:
                    lines.append(
                        (
                            "item",
                            f"{labels['diagram.potential']}: "
                            f"{channel_names(touchpoint.potential_channels)}",
                        )
                    )
                if touchpoint.owner:
                    lines.append(
                        ("item", f"{labels['touchpoint.owner']}: {plain(touchpoint.owner)}")
                    )
                kind = "touchpoint" if touchpoint.channels else "potential"
                tp_box = Box(f"step{index}_touchpoint{n}", kind, tuple(lines))
                self.put(2, column, tp_box)
                self.links.append(Link(box.key, tp_box.key, "attach"))
                if n == 0:
                    front = tp_box.key
            back = front
            for n, process in enumerate(step.backstage):
                bs_box = process_box(f"step{index}_backstage{n}", process)
                self.put(4, column, bs_box)
                self.links.append(Link(front, bs_box.key, "attach"))
                if n == 0:
                    back = bs_box.key
            for n, process in enumerate(step.support):
                sp_box = process_box(f"step{index}_support{n}", process)
                self.put(6, column, sp_box)
                self.links.append(Link(back, sp_box.key, "attach"))
        self.flow(flow)
