"""The figures of `cjm report`, computed from a workspace's typed models.

Everything here returns the typed records of :mod:`cjm.report.records`, the
shape that `schemas/report.schema.json` documents and the json format writes as
it is; the text, Markdown and HTML formats only format them. Definitions, so
that every figure can be checked by hand:

- A touchpoint *uses* the channels in its `channels` and *could use* those in
  its `potential_channels`. A coverage cell counts the stage's touchpoints.
- The physical and digital shares of a stage count the (touchpoint, channel)
  pairs in use, by the catalog `type` of the channel.
- A *hand-off* happens when a step uses none of the channels of the last step
  before it that used any: the customer has to leave every channel they were
  on. Each hand-off counts once for every (from, to) channel pair it joins.
- A step's *score* is its emotion, or the mean of its per-persona emotions.
- The *funnel* takes each stage's first `volume` metric, else its first
  `conversion` (or `drop-off`) rate, read as a percentage when its unit is
  `%` or the value is above 1.
- An opportunity's *weight* adds the severities of the pain points it
  addresses (critical 4, high 3, medium 2, low 1, unrated 1).
- A *persona line* is one persona's way through one journey. Lines meet at a
  stage by its *identity*: the framework stage it declares when its journey
  follows a framework, else its id. Stages are in the framework's order, else
  in the order most journeys agree on, pair by pair (ties by id).
- A line's score at a stage is the mean of its steps' scores there, on the
  comparison's scale (journeys on different scales are mapped onto the
  workspace's). The *prevailing model* keeps the stages more than half of the
  lines (and at least two) pass through, and at each stage the channels more
  than half of those lines use there; a line follows it when it passes through
  all its stages in its order, using at each stage at least one of the model's
  channels there (where the model names any).
- Funnel rates are kept unrounded: each is rounded once, where it is shown.
- A *rolled-up funnel* (of a state or a segment) adds up the journeys' volumes per
  stage; its rates compare like with like: the conversion into a stage is the
  volumes of the journeys that have both it and the stage before, over their
  volumes at the stage before (None when no journey has both), and the share of
  the first stage, the overall conversion included, likewise against the first.
  A persona skipping a stage would otherwise count on one side only and push the
  rate above 100%.
- A journey's *paths* are those of :mod:`cjm.core.paths`: a step leads to the step
  after it unless it says otherwise (`next`, `end`). Hand-offs follow them: where
  paths branch or meet, a step is compared with each step the customer can come
  from. The report lists the branch points (steps with several ways on, or a jump,
  return or loop) and the steps where the journey can end.
- A *moment of truth* is *low* when its score, or one persona's, lies in the lower
  half of its journey's scale (below the middle).
- An *owner* holds the touchpoints that name it; its steps are the steps of those
  touchpoints, its emotion their scores' mean, its pain points theirs, and its
  hand-offs those into or out of its steps.
- A *segment* rolls up the journeys (of one state) of the personas that name it,
  as a state does, when it gathers two journeys or more; its emotion is the mean,
  over those journeys' steps, of the segment's personas' scores.
- Through a *lens* (`--lens FRAMEWORK`), stages meet by the stage of that framework
  they map (`lenses`, or `framework_stage` for the journey's own framework), in that
  framework's order; a journey that does not map the lens is left out (when none of
  the compared journeys maps it, `cjm report` stops before this, as `cjm render` does).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from cjm.core import facts, lenses
from cjm.core.model import Channel, Journey, Metric, PainPoint, Persona, Stage, Step, Touchpoint
from cjm.core.paths import graph
from cjm.core.workspace import Workspace as Site
from cjm.present.numbers import bounded
from cjm.report import records as r

REPORT_VERSION = 1
SEVERITIES = ("critical", "high", "medium", "low")
WEIGHTS = {"critical": 4, "high": 3, "medium": 2, "low": 1, None: 1}
FUNNEL_RATES = ("conversion", "drop-off")


def report(sites: Sequence[Site], *, cwd: Path | None = None, lens: str | None = None) -> r.Report:
    """The report of every workspace in ``sites``; the comparison across profiles read
    through the framework ``lens`` when one is given."""
    return {
        "report": REPORT_VERSION,
        "workspaces": [workspace_report(site, cwd=cwd, lens=lens) for site in sites],
    }


def _fraction(value: float | None) -> float | None:
    """A share kept unrounded, so that it is rounded once, where it is shown."""
    if value is None or not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def _num(value: float | None) -> float | None:
    """A figure rounded to 4 decimals, a whole number written without a decimal point."""
    if value is None or not math.isfinite(value):
        return None
    rounded = round(value, 4)
    return int(rounded) if rounded.is_integer() else rounded


def workspace_report(
    site: Site, *, cwd: Path | None = None, lens: str | None = None
) -> r.WorkspaceRecord:
    journeys = _ordered([d for d in site.rendered if isinstance(d, Journey)], site)
    catalog = _catalog(site, journeys)
    used: set[str] = set()
    for journey in journeys:
        used.update(facts.channels_in_use(journey))
    reports = [journey_report(site, journey, catalog) for journey in journeys]
    return {
        "name": site.settings.name,
        "path": _display_path(site.root, cwd),
        "locale": site.locale,
        "channels": [_channel(c, in_catalog=c.id in site.channels) for c in catalog],
        "unused_channels": [c.id for c in catalog if c.id not in used and c.id in site.channels],
        "journeys": reports,
        "lens": _lens(site, journeys, lens),
        "personas": persona_comparison(site, journeys, lens=lens),
        "changes": changes(site, journeys, {r["id"]: r["handoffs"] for r in reports}),
    }


def _ordered(journeys: list[Journey], site: Site) -> list[Journey]:
    """File order, except that a future state follows its current one."""
    ordered: list[Journey] = []
    for journey in journeys:
        if journey in ordered:
            continue
        counterpart = site.counterpart(journey)
        if journey.state == "future" and counterpart in journeys and counterpart not in ordered:
            continue  # placed right after its current state
        ordered.append(journey)
        if (
            journey.state == "current"
            and counterpart in journeys
            and counterpart not in ordered
            and counterpart is not None
        ):
            ordered.append(counterpart)
    ordered.extend(j for j in journeys if j not in ordered)
    return ordered


def _display_path(root: Path | None, cwd: Path | None) -> str:
    if root is None:
        return "."
    base = (cwd or Path.cwd()).resolve()
    try:
        return root.resolve().relative_to(base).as_posix() or "."
    except ValueError:
        return root.name


def _catalog(site: Site, journeys: Iterable[Journey]) -> list[Channel]:
    """The catalog's channels in order, then channels named by journeys but not catalogued."""
    channels = list(site.channels.values())
    known = set(site.channels)
    for journey in journeys:
        for step in journey.steps:
            for touchpoint in step.touchpoints:
                for channel in (*touchpoint.channels, *touchpoint.potential_channels):
                    if channel not in known:
                        known.add(channel)
                        channels.append(Channel(id=channel, name=channel, type=""))
    return channels


def _channel(channel: Channel, *, in_catalog: bool) -> r.ChannelRecord:
    return {
        "id": channel.id,
        "name": channel.name,
        "type": channel.type or None,
        "ownership": channel.ownership,
        "in_catalog": in_catalog,
    }


def journey_report(site: Site, journey: Journey, catalog: Sequence[Channel]) -> r.JourneyRecord:
    return {
        "id": journey.id,
        "title": journey.title or journey.id,
        "file": site.relative.get(journey.file, journey.file),
        "state": journey.state,
        "personas": list(journey.personas),
        "counterpart": c.id if (c := site.counterpart(journey)) is not None else None,
        "stages": [{"id": s.id, "name": s.name, "steps": len(s.steps)} for s in journey.stages],
        "coverage": coverage(journey, catalog),
        "handoffs": handoffs(journey),
        "funnel": funnel(journey),
        "experience": experience(journey),
        "paths": journey_paths(journey),
        "moments": moments(site, journey),
        "owners": owners(journey),
    }


# --- paths, moments, owners -------------------------------------------------------------


def journey_paths(journey: Journey) -> r.Paths | None:
    """Where the journey branches and where it can end; None for a journey that only goes
    from each step to the next."""
    g = graph(journey)
    if g.linear:
        return None
    stage_of = facts.stage_of(journey)
    return {
        "branches": [
            {
                "step": step.id,
                "name": step.name,
                "stage": stage_of[step.id].id,
                "paths": [
                    {
                        "to": p.target.id,
                        "to_name": p.target.name,
                        "label": p.label,
                        "kind": p.kind,
                    }
                    for p in out
                ],
            }
            for step in g.steps
            if (out := g.labelled(step))
        ],
        "ends": [
            {"step": step.id, "name": step.name, "stage": stage_of[step.id].id} for step in g.ends()
        ],
    }


def moments(site: Site, journey: Journey) -> list[r.Moment]:
    """The steps marked as moments, or saying when they happen, in order."""
    low, high = site.scale(journey)
    middle = (low + high) / 2
    stage_of = facts.stage_of(journey)
    found: list[r.Moment] = []
    for step in journey.steps:
        if not (step.moment or step.trigger or step.since_previous):
            continue
        value = facts.overall_score(step)
        scores = _persona_scores(step)
        values = [v for v in (value, *scores.values()) if v is not None]
        found.append(
            {
                "step": step.id,
                "name": step.name,
                "stage": stage_of[step.id].id,
                "moment": step.moment,
                "score": _num(value),
                "scores": scores,
                "low": step.moment == "truth" and any(v < middle for v in values),
                "trigger": step.trigger,
                "since_previous": step.since_previous,
            }
        )
    return found


def owners(journey: Journey) -> list[r.Owner]:
    """Each team that owns touchpoints of the journey, in order of first mention."""
    stage_of = facts.stage_of(journey)
    held: dict[str, list[tuple[Step, Touchpoint]]] = {}
    for step in journey.steps:
        for touchpoint in step.touchpoints:
            if touchpoint.owner:
                held.setdefault(touchpoint.owner, []).append((step, touchpoint))
    found_handoffs = facts.handoffs(journey)
    found: list[r.Owner] = []
    for owner, items in held.items():
        steps = list({step.id: step for step, _t in items}.values())
        mine = {step.id for step in steps}
        handoffs: list[r.OwnerHandoff] = []
        for handoff in found_handoffs:
            into, out = handoff.after.id in mine, handoff.before.id in mine
            if into or out:
                handoffs.append(
                    {
                        "from_step": handoff.before.id,
                        "from_name": handoff.before.name,
                        "to_step": handoff.after.id,
                        "to_name": handoff.after.name,
                        "direction": "within" if into and out else "in" if into else "out",
                    }
                )
        found.append(
            {
                "owner": owner,
                "touchpoints": [
                    {
                        "id": t.id,
                        "name": t.name,
                        "step": step.id,
                        "step_name": step.name,
                        "stage": stage_of[step.id].id,
                    }
                    for step, t in items
                ],
                "steps": [step.id for step in steps],
                "emotion": _num(facts.mean([facts.overall_score(step) for step in steps])),
                "pain_points": [
                    {
                        "id": pain.id,
                        "description": pain.description,
                        "severity": pain.severity,
                        "step": step.id,
                    }
                    for step in steps
                    for pain in step.pain_points
                ],
                "handoffs": handoffs,
            }
        )
    return found


# --- channel coverage -------------------------------------------------------------------


def coverage(journey: Journey, catalog: Sequence[Channel]) -> r.Coverage:
    types = {c.id: c.type for c in catalog}
    order = [c.id for c in catalog]
    stages: list[r.CoverageStage] = []
    in_use_total: Counter[str] = Counter()
    potential_total: Counter[str] = Counter()
    stages_in_use: Counter[str] = Counter()
    for stage in journey.stages:
        in_use: Counter[str] = Counter()
        potential: Counter[str] = Counter()
        touchpoints = 0
        for step in stage.steps:
            for touchpoint in step.touchpoints:
                touchpoints += 1
                in_use.update(dict.fromkeys(touchpoint.channels, 1))
                potential.update(
                    dict.fromkeys(
                        (c for c in touchpoint.potential_channels if c not in touchpoint.channels),
                        1,
                    )
                )
        kinds = Counter(types.get(c) or "unknown" for c in in_use.elements())
        pairs = sum(kinds.values())
        stages.append(
            {
                "stage": stage.id,
                "name": stage.name,
                "touchpoints": touchpoints,
                "in_use": {c: in_use[c] for c in order if in_use[c]},
                "potential": {c: potential[c] for c in order if potential[c]},
                "physical": kinds["physical"],
                "digital": kinds["digital"],
                "physical_share": _share(kinds["physical"], pairs),
                "digital_share": _share(kinds["digital"], pairs),
            }
        )
        in_use_total.update(in_use)
        potential_total.update(potential)
        stages_in_use.update(in_use.keys())
    return {
        "stages": stages,
        "channels": [
            {
                "channel": c,
                "in_use": in_use_total[c],
                "potential": potential_total[c],
                "stages": stages_in_use[c],
            }
            for c in order
        ],
        "unused": [c for c in order if not in_use_total[c] and not potential_total[c]],
        "potential_only": [c for c in order if potential_total[c] and not in_use_total[c]],
    }


def _share(part: int, whole: int) -> float | None:
    return _num(part / whole) if whole else None


# --- hand-offs --------------------------------------------------------------------------


def handoffs(journey: Journey) -> r.Handoffs:
    stage_of = facts.stage_of(journey)
    items: list[r.Handoff] = []
    for handoff in facts.handoffs(journey):
        previous, step = handoff.before, handoff.after
        before, after = facts.overall_score(previous), facts.overall_score(step)
        change = None if before is None or after is None else after - before
        items.append(
            {
                "from_step": previous.id,
                "from_name": previous.name,
                "from_stage": stage_of[previous.id].id,
                "to_step": step.id,
                "to_name": step.name,
                "to_stage": stage_of[step.id].id,
                "from_channels": list(previous.channels),
                "to_channels": list(step.channels),
                "emotion_before": _num(before),
                "emotion_after": _num(after),
                "emotion_change": _num(change),
                "drop": change is not None and (_num(change) or 0) < 0,
                "notes": list(handoff.noted),
            }
        )
    # emotion drops first, the steepest first; the rest in journey order
    ordered = sorted(
        enumerate(items),
        key=lambda e: (not e[1]["drop"], e[1]["emotion_change"] if e[1]["drop"] else 0, e[0]),
    )
    pairs: dict[tuple[str, str], list[str]] = {}
    for item in items:
        for a in item["from_channels"]:
            for b in item["to_channels"]:
                pairs.setdefault((a, b), []).append(item["to_step"])
    return {
        "count": len(items),
        "drops": sum(1 for i in items if i["drop"]),
        "items": [item for _i, item in ordered],
        "pairs": [
            {"from": a, "to": b, "count": len(steps), "steps": steps}
            for (a, b), steps in sorted(pairs.items(), key=lambda p: -len(p[1]))
        ],
    }


# --- funnel -----------------------------------------------------------------------------


def _rate(metric: Metric) -> float | None:
    if metric.value is None:
        return None
    value = bounded(metric.value)
    rate = value / 100 if metric.unit == "%" or value > 1 else value
    if not 0 <= rate <= 1:
        return None  # not a rate: a percentage above 100 or below 0
    return 1 - rate if metric.type == "drop-off" else rate


def funnel(journey: Journey) -> r.Funnel | None:
    """Volume and conversion per stage, where stages carry them; None when none does."""
    rows: list[r.FunnelStage] = []
    volumes: list[float | None] = []  # unrounded, for the next stage's figures
    shares: list[float | None] = []
    unit: str | None = None
    for stage in journey.stages:
        volume = next(
            (m for m in stage.metrics if m.type == "volume" and m.value is not None), None
        )
        rate = next(
            (m for m in stage.metrics if m.type in FUNNEL_RATES and _rate(m) is not None), None
        )
        if volume is None and rate is None:
            continue
        value = bounded(volume.value) if volume is not None and volume.value is not None else None
        before = volumes[-1] if volumes else None
        conversion = None
        derived = False
        if volumes:
            if value is not None and before:
                conversion = value / before
            elif rate is not None:
                conversion = _rate(rate)
                if value is None and before is not None and conversion is not None:
                    value, derived = before * conversion, True
        if not shares:
            from_top: float | None = 1.0
        else:
            top = shares[-1]
            from_top = top * conversion if top is not None and conversion is not None else None
        metric = volume if volume is not None else rate
        assert metric is not None
        if volume is not None:
            unit = volume.unit
        volumes.append(value)
        shares.append(from_top)
        rows.append(
            {
                "stage": stage.id,
                "name": stage.name,
                "compared_with": rows[-1]["stage"] if rows else None,
                "metric": metric.id,
                "metric_name": metric.name,
                "volume": _num(value),
                "unit": unit if value is not None else None,
                "period": metric.period,
                "derived": derived,
                "conversion": _fraction(conversion),
                "drop_off": _fraction(None if conversion is None else 1 - conversion),
                "from_top": _fraction(from_top),
            }
        )
    if not rows:
        return None
    first, last = volumes[0], volumes[-1]
    overall = last / first if first and last is not None else shares[-1]
    worst = max(
        (r for r in rows[1:] if r["drop_off"] is not None and r["drop_off"] > 0),
        key=lambda row: row["drop_off"] or 0,
        default=None,
    )
    return {
        "stages": rows,
        "overall_conversion": _fraction(overall),
        "units": list(dict.fromkeys(r["unit"] for r in rows if r["unit"] is not None)),
        "largest_drop_off": worst["stage"] if worst is not None else None,
    }


# --- experience -------------------------------------------------------------------------


def experience(journey: Journey) -> r.Experience:
    stage_of = facts.stage_of(journey)
    scored = [(step, s) for step in journey.steps if (s := facts.overall_score(step)) is not None]
    lowest: r.Lowest | None = None
    if scored:
        minimum = min(s for _step, s in scored)
        lowest = {
            "score": _num(minimum),
            "steps": [
                {
                    "step": step.id,
                    "name": step.name,
                    "stage": stage_of[step.id].id,
                    "score": _num(s),
                    "scores": _persona_scores(step),
                    "pain_points": [p.id for p in step.pain_points],
                }
                for step, s in scored
                if s == minimum
            ],
            "by_persona": _lowest_by_persona(journey, stage_of),
        }
    addressed_by: dict[str, list[str]] = {}
    opportunities = []
    for step in journey.steps:
        for opportunity in step.opportunities:
            opportunities.append((step, opportunity))
            for pain_id in opportunity.addresses:
                addressed_by.setdefault(pain_id, []).append(opportunity.id)
    pains: list[r.PainPointRecord] = []
    for step in journey.steps:
        for pain in step.pain_points:
            pains.append(
                {
                    "id": pain.id,
                    "description": pain.description,
                    "severity": pain.severity,
                    "step": step.id,
                    "step_name": step.name,
                    "stage": stage_of[step.id].id,
                    "addressed_by": addressed_by.get(pain.id, []),
                }
            )
    rank = {s: i for i, s in enumerate((*SEVERITIES, None))}
    pains.sort(key=lambda p: rank[p["severity"]])  # stable: journey order within a severity
    severity = {p["id"]: p["severity"] for p in pains}
    ranked = []
    for index, (step, opportunity) in enumerate(opportunities):
        known = [p for p in opportunity.addresses if p in severity]
        weight = sum(WEIGHTS[severity[p]] for p in known)
        ranked.append((-weight, -len(known), index, step, opportunity, known, weight))
    ranked.sort(key=lambda entry: entry[:3])
    counts = Counter(p["severity"] for p in pains)
    return {
        "lowest": lowest,
        "pain_points": {
            "count": len(pains),
            "by_severity": _severity_counts(counts),
            "addressed": sum(1 for p in pains if p["addressed_by"]),
            "unaddressed": sum(1 for p in pains if not p["addressed_by"]),
            "items": pains,
        },
        "opportunities": [
            {
                "rank": rank,
                "id": opportunity.id,
                "description": opportunity.description,
                "type": opportunity.type,
                "priority": opportunity.priority,
                "owner": opportunity.owner,
                "step": step.id,
                "step_name": step.name,
                "stage": stage_of[step.id].id,
                "addresses": known,
                "weight": weight,
            }
            for rank, (*_order, step, opportunity, known, weight) in enumerate(ranked, 1)
        ],
    }


def _severity_counts(counts: Counter[str | None]) -> r.SeverityCounts:
    return {
        "critical": counts["critical"],
        "high": counts["high"],
        "medium": counts["medium"],
        "low": counts["low"],
        "unrated": counts[None],
    }


def _lowest_by_persona(journey: Journey, stage_of: Mapping[str, Stage]) -> list[r.PersonaLowest]:
    """Each persona's own lowest steps, where steps score personas apart."""
    found: list[r.PersonaLowest] = []
    for persona in facts.emotion_lines(journey):
        if persona is None:
            break  # one line for everyone: the lowest steps say it already
        scored = [
            (step, v) for step in journey.steps if (v := _line_score(step, persona)) is not None
        ]
        if not scored:
            continue
        minimum = min(v for _step, v in scored)
        found.append(
            {
                "persona": persona,
                "score": _num(minimum),
                "steps": [
                    {"step": step.id, "name": step.name, "stage": stage_of[step.id].id}
                    for step, v in scored
                    if v == minimum
                ],
            }
        )
    return found


def _persona_scores(step: Step) -> dict[str, float | None]:
    if isinstance(step.emotion, Mapping):
        return {p: _num(bounded(v)) for p, v in step.emotion.items()}
    return {}


# --- persona comparison -----------------------------------------------------------------


def _lines(site: Site, journeys: Iterable[Journey]) -> list[tuple[r.Line, Journey, str]]:
    """One line per persona of each journey (journeys with no persona have none)."""
    lines: list[tuple[r.Line, Journey, str]] = []
    for journey in journeys:
        for persona in journey.personas:
            doc = site.by_id.get(persona)
            name = doc.name if isinstance(doc, Persona) else persona
            lines.append(
                ({"journey": journey.id, "persona": persona, "name": name}, journey, persona)
            )
    return lines


def _line_score(step: Step, persona: str | None) -> float | None:
    value = facts.score(step, persona)
    return None if value is None else bounded(value)


def _stage_channels(stage: Stage) -> list[str]:
    return list(dict.fromkeys(c for step in stage.steps for c in step.channels))


def _lens(site: Site, journeys: Sequence[Journey], lens: str | None) -> r.Lens | None:
    """The lens the comparison reads the journeys through, and the journeys left out."""
    if lens is None:
        return None
    framework = site.settings.frameworks.get(lens)
    return {
        "id": lens,
        "name": framework.name if framework else None,
        "left_out": [j.id for j in journeys if j.personas and not lenses.maps(j, lens)],
    }


def persona_comparison(
    site: Site, journeys: Sequence[Journey], *, lens: str | None = None
) -> list[r.PersonaComparison]:
    """For each state (current, future): how the persona lines compare (through ``lens``
    when given, among the journeys that map it)."""
    result = []
    for state in ("current", "future"):
        same_state = [
            j
            for j in journeys
            if j.state == state and j.personas and (lens is None or lenses.maps(j, lens))
        ]
        if same_state:
            result.append(
                _compare_lines(site, state, same_state, _lines(site, same_state), lens=lens)
            )
    return result


class _Scale:
    """Each journey's scores on the comparison's scale: as written when every journey of
    the comparison has the same emotion scale, else mapped linearly onto the workspace's."""

    def __init__(self, site: Site, journeys: Sequence[Journey]) -> None:
        self.scales = {j.id: site.scale(j) for j in journeys}
        distinct = set(self.scales.values())
        self.normalised = len(distinct) > 1
        self.low, self.high = (
            site.settings.emotion_scale if self.normalised or not distinct else distinct.pop()
        )

    def __call__(self, journey: Journey, value: float | None) -> float | None:
        if value is None or not self.normalised:
            return value
        low, high = self.scales[journey.id]
        if high == low:
            return None
        return self.low + (value - low) / (high - low) * (self.high - self.low)

    def record(self) -> r.Scale:
        return {"min": self.low, "max": self.high, "normalised": self.normalised}


def _identities(journey: Journey, lens: str | None = None) -> dict[str, list[Stage]]:
    """The journey's stage identities (through ``lens`` when given) in its order, each with
    the stages that stand for it."""
    found: dict[str, list[Stage]] = {}
    for stage in journey.stages:
        found.setdefault(lenses.identity(journey, stage, lens), []).append(stage)
    return found


def _framework(site: Site, journeys: Sequence[Journey]) -> str | None:
    """The framework the journeys follow: the one most of them declare (the first by id on
    a tie), when the workspace knows it."""
    declared = Counter(j.framework for j in journeys if j.framework in site.settings.frameworks)
    if not declared:
        return None
    return min(declared, key=lambda f: (-declared[f], f or ""))


def _stage_order(sequences: Sequence[Sequence[str]], framework: Sequence[str]) -> list[str]:
    """The identities in one order: the framework's among its own stages; elsewhere the
    order most sequences agree on, pair by pair (ties by id).

    Each time, the next identity is taken among those no remaining framework stage should
    precede: the one that comes before the other remaining identities in the most
    sequences, less the sequences where it comes after them.
    """
    remaining = sorted({s for seq in sequences for s in seq})
    rank = {s: i for i, s in enumerate(framework)}
    position = [{s: i for i, s in enumerate(seq)} for seq in sequences]

    def wins(a: str, b: str) -> int:
        both = [p for p in position if a in p and b in p]
        return sum(1 for p in both if p[a] < p[b]) - sum(1 for p in both if p[a] > p[b])

    order: list[str] = []
    while remaining:
        first_rank = min((rank[s] for s in remaining if s in rank), default=None)
        candidates = [s for s in remaining if s not in rank or rank[s] == first_rank]
        best = min(candidates, key=lambda s: (-sum(wins(s, o) for o in remaining if o != s), s))
        order.append(best)
        remaining.remove(best)
    return order


def _compare_lines(
    site: Site,
    state: str,
    journeys: Sequence[Journey],
    lines: list[tuple[r.Line, Journey, str]],
    *,
    lens: str | None = None,
) -> r.PersonaComparison:
    order = {c: i for i, c in enumerate(site.channels)}
    scale = _Scale(site, journeys)
    if lens is None:
        framework_id = _framework(site, journeys)
    else:
        framework_id = lens if lens in site.settings.frameworks else None
    framework = site.settings.frameworks[framework_id] if framework_id else None
    names: dict[str, str] = (
        {s.id: lenses.stage_name(framework, s.id, site.locale) for s in framework.stages}
        if framework
        else {}
    )
    by_journey = {j.id: _identities(j, lens) for j in journeys}
    for journey in journeys:
        for identity, stages in by_journey[journey.id].items():
            names.setdefault(identity, stages[0].name)
    stage_sets: list[list[str]] = []
    channel_sets: list[set[str]] = []
    per_stage: list[dict[str, list[str]]] = []
    for _line, journey, _persona in lines:
        identities = by_journey[journey.id]
        stage_sets.append(list(identities))
        per_stage.append(
            {
                identity: list(dict.fromkeys(c for s in stages for c in _stage_channels(s)))
                for identity, stages in identities.items()
            }
        )
        channel_sets.append({c for s in journey.stages for c in _stage_channels(s)})
    everyone = len(lines)
    stage_count = Counter(s for stages in stage_sets for s in stages)
    all_stages = _stage_order(
        [list(by_journey[j.id]) for j in journeys],
        [s.id for s in framework.stages] if framework else [],
    )
    channel_count = Counter(c for channels in channel_sets for c in channels)
    all_channels = sorted(channel_count, key=lambda c: (order.get(c, len(order)), c))
    comparable = everyone < 2 or any(stage_count[s] > 1 for s in all_stages)

    # per stage: each line's mean score over its steps there
    stage_scores: dict[str, list[tuple[int, float]]] = {}
    for index, (_line, journey, persona) in enumerate(lines):
        for identity, stages in by_journey[journey.id].items():
            value = facts.mean(
                [scale(journey, _line_score(step, persona)) for s in stages for step in s.steps]
            )
            if value is not None:
                stage_scores.setdefault(identity, []).append((index, value))
    compared: list[r.ComparedStage] = []
    for identity in all_stages:
        values = stage_scores.get(identity, [])
        high = max(values, key=lambda v: v[1]) if values else None
        low = min(values, key=lambda v: v[1]) if values else None
        spread = high[1] - low[1] if high and low and len(values) > 1 else None
        compared.append(
            {
                "stage": identity,
                "name": names[identity],
                "lines": stage_count[identity],
                "score": _num(facts.mean([v for _i, v in values])),
                "spread": _num(spread),
                "highest": {**lines[high[0]][0], "score": _num(high[1])} if high else None,
                "lowest": {**lines[low[0]][0], "score": _num(low[1])} if low else None,
                "scores": [{**lines[i][0], "score": _num(v)} for i, v in values],
            }
        )
    stage_divergence = sorted(
        (c for c in compared if (c["spread"] or 0) > 0), key=lambda c: -(c["spread"] or 0)
    )

    # per step, where lines share a step: the spread of the lines' scores
    scores: dict[tuple[str, str], list[tuple[int, float]]] = {}
    step_names: dict[str, str] = {}
    for index, (_line, journey, persona) in enumerate(lines):
        for stage in journey.stages:
            for step in stage.steps:
                value = scale(journey, _line_score(step, persona))
                step_names.setdefault(step.id, step.name)
                if value is not None:
                    scores.setdefault((stage.id, step.id), []).append((index, value))
    divergence: list[r.Divergence] = []
    for (stage_id, step_id), values in scores.items():
        if len(values) < 2:
            continue
        high_step = max(values, key=lambda v: v[1])
        low_step = min(values, key=lambda v: v[1])
        step_spread = high_step[1] - low_step[1]
        if (_num(step_spread) or 0) > 0:
            divergence.append(
                {
                    "stage": stage_id,
                    "step": step_id,
                    "name": step_names[step_id],
                    "spread": _num(step_spread),
                    "highest": {**lines[high_step[0]][0], "score": _num(high_step[1])},
                    "lowest": {**lines[low_step[0]][0], "score": _num(low_step[1])},
                    "scores": [{**lines[i][0], "score": _num(v)} for i, v in values],
                }
            )
    divergence.sort(key=lambda d: -(d["spread"] or 0))  # stable: journey order within a spread

    majority = everyone / 2
    model_stages = (
        [s for s in all_stages if stage_count[s] > majority and stage_count[s] > 1]
        if everyone > 1
        else list(all_stages)
    )
    model: list[r.ModelStage] = []
    for stage_id in model_stages:
        passing = [channels[stage_id] for channels in per_stage if stage_id in channels]
        used = Counter(c for channels in passing for c in channels)
        model.append(
            {
                "stage": stage_id,
                "name": names[stage_id],
                "lines": stage_count[stage_id],
                "channels": sorted(
                    (c for c in used if used[c] > len(passing) / 2),
                    key=lambda c: (order.get(c, len(order)), c),
                ),
            }
        )
    followed = [
        line
        for (line, _j, _p), stages, channels in zip(lines, stage_sets, per_stage, strict=True)
        if model_stages
        and [s for s in stages if s in model_stages] == model_stages
        and all(not m["channels"] or set(m["channels"]) & set(channels[m["stage"]]) for m in model)
    ]
    return {
        "state": state,
        "lines": [line for line, _j, _p in lines],
        "comparable": comparable,
        "order": "framework" if framework else "consensus",
        "framework": framework_id,
        "framework_name": framework.name if framework else None,
        "scale": scale.record(),
        "stages": compared,
        "stage_divergence": stage_divergence,
        "shared_stages": [s for s in all_stages if stage_count[s] == everyone],
        "partial_stages": [
            {"stage": s, "name": names[s], "lines": stage_count[s]}
            for s in all_stages
            if stage_count[s] < everyone
        ],
        "shared_channels": [c for c in all_channels if channel_count[c] == everyone],
        "partial_channels": [
            {"channel": c, "lines": channel_count[c]}
            for c in all_channels
            if channel_count[c] < everyone
        ],
        "divergence": divergence,
        "prevailing": {"stages": model, "followed_by": followed},
        "funnel": _rolled_funnel(journeys, by_journey, all_stages, names),
        "experience": _rolled_experience(journeys, scale),
        "segments": _segments(site, lines, by_journey, all_stages, names, scale),
    }


def _segments(
    site: Site,
    lines: Sequence[tuple[r.Line, Journey, str]],
    by_journey: Mapping[str, Mapping[str, Sequence[Stage]]],
    order: Sequence[str],
    names: Mapping[str, str],
    scale: _Scale,
) -> list[r.Segment]:
    """The funnel and experience of each segment that gathers two journeys or more, in
    order of first mention."""
    gathered: dict[str, tuple[dict[str, None], dict[str, Journey]]] = {}
    for _line, journey, persona in lines:
        doc = site.by_id.get(persona)
        if not isinstance(doc, Persona) or not doc.segment:
            continue
        personas, journeys = gathered.setdefault(doc.segment, ({}, {}))
        personas[persona] = None
        journeys.setdefault(journey.id, journey)
    found: list[r.Segment] = []
    for segment, (personas, journeys) in gathered.items():
        if len(journeys) < 2:
            continue
        chosen = list(journeys.values())
        found.append(
            {
                "segment": segment,
                "personas": list(personas),
                "journeys": list(journeys),
                "funnel": _rolled_funnel(chosen, by_journey, order, names),
                "experience": _rolled_experience(chosen, scale, personas=list(personas)),
            }
        )
    return found


def _volume(stages: Sequence[Stage]) -> Metric | None:
    return next(
        (m for s in stages for m in s.metrics if m.type == "volume" and m.value is not None),
        None,
    )


def _rolled_funnel(
    journeys: Sequence[Journey],
    by_journey: Mapping[str, Mapping[str, Sequence[Stage]]],
    order: Sequence[str],
    names: Mapping[str, str],
) -> r.RolledFunnel | None:
    """The volumes of the journeys added up per stage, in the comparison's order. Each rate
    compares like with like: only the journeys with a volume at both stages it relates
    (see :func:`_like_with_like`), worked out from the unrounded volumes."""
    rows: list[r.RolledFunnelStage] = []
    volumes: list[dict[str, float]] = []  # per row: each counted journey's volume
    units: dict[str, None] = {}
    for identity in order:
        found: dict[str, float] = {}
        for journey in journeys:
            metric = _volume(by_journey[journey.id].get(identity, ()))
            if metric is not None and metric.value is not None:
                found[journey.id] = bounded(metric.value)
                if metric.unit:
                    units[metric.unit] = None
        if not found:
            continue
        conversion = _like_with_like(volumes[-1], found) if volumes else None
        rows.append(
            {
                "stage": identity,
                "name": names[identity],
                "volume": _num(math.fsum(found.values())),
                "journeys": list(found),
                "conversion": _fraction(conversion),
                "drop_off": _fraction(None if conversion is None else 1 - conversion),
                "from_top": _fraction(_like_with_like(volumes[0], found) if volumes else 1.0),
            }
        )
        volumes.append(found)
    if not rows:
        return None
    worst = max(
        (row for row in rows[1:] if row["drop_off"] is not None and row["drop_off"] > 0),
        key=lambda row: row["drop_off"] or 0,
        default=None,
    )
    return {
        "stages": rows,
        "units": list(units),
        "overall_conversion": rows[-1]["from_top"],
        "largest_drop_off": worst["stage"] if worst is not None else None,
    }


def _like_with_like(before: Mapping[str, float], after: Mapping[str, float]) -> float | None:
    """The rate from one stage of a roll-up to a later one: the later volumes over the
    earlier, both added up over the journeys that give a volume at both stages. A journey
    that skips the earlier stage would otherwise count at the later stage only and push
    the rate above 100%. None when no journey has both (or their earlier volumes add up
    to nothing)."""
    both = [j for j in after if j in before]
    whole = math.fsum(before[j] for j in both)
    return math.fsum(after[j] for j in both) / whole if whole else None


def _rolled_experience(
    journeys: Sequence[Journey], scale: _Scale, *, personas: Sequence[str] | None = None
) -> r.RolledExperience:
    """The journeys together: the mean of every scored step (on the comparison's scale) and
    their pain points. A step's score is its overall one, or with ``personas`` the mean of
    the scores of those of them its journey names."""

    def step_score(journey: Journey, step: Step) -> float | None:
        if personas is None:
            return facts.overall_score(step)
        return facts.mean([_line_score(step, p) for p in personas if p in journey.personas])

    values = [
        scale(journey, step_score(journey, step)) for journey in journeys for step in journey.steps
    ]
    pains = [p for j in journeys for step in j.steps for p in step.pain_points]
    addressed = {
        pain
        for j in journeys
        for step in j.steps
        for o in step.opportunities
        for pain in o.addresses
    }
    return {
        "score": _num(facts.mean(values)),
        "pain_points": len(pains),
        "by_severity": _severity_counts(Counter(p.severity for p in pains)),
        "unaddressed": sum(1 for p in pains if p.id not in addressed),
    }


# --- current vs future ------------------------------------------------------------------


def changes(
    site: Site, journeys: Sequence[Journey], known: Mapping[str, r.Handoffs] | None = None
) -> list[r.Change]:
    """For each current journey with a future counterpart: what the redesign changes.

    ``known`` holds the hand-offs already found, by journey id; a counterpart that is
    not reported itself (a single file was given) has its own found here.
    """
    pairs = []
    for current in journeys:
        if current.state != "current":
            continue
        future = site.counterpart(current)
        if future is None or future.state != "future":
            continue
        found = {j.id: (known or {}).get(j.id) or handoffs(j) for j in (current, future)}
        pairs.append(_change(current, future, list(site.channels), found))
    return pairs


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else _num(after - before)


def _change(
    current: Journey, future: Journey, catalog: list[str], found: Mapping[str, r.Handoffs]
) -> r.Change:
    before_h, after_h = found[current.id], found[future.id]
    pairs_before = {(p["from"], p["to"]) for p in before_h["pairs"]}
    pairs_after = {(p["from"], p["to"]) for p in after_h["pairs"]}
    order = {c: i for i, c in enumerate(catalog)}

    def in_catalog_order(channels: Iterable[str]) -> list[str]:
        return sorted(channels, key=lambda c: (order.get(c, len(order)), c))

    before_c = in_catalog_order(facts.channels_in_use(current))
    after_c = in_catalog_order(facts.channels_in_use(future))
    pains_before = {p.id: p for s in current.steps for p in s.pain_points}
    pains_after = {p.id: p for s in future.steps for p in s.pain_points}
    stages: list[r.StageChange] = []
    future_stages = {s.id: s for s in future.stages}
    current_ids = {s.id for s in current.stages}
    for stage in current.stages:
        other = future_stages.get(stage.id)
        before = facts.stage_score(stage)
        after = facts.stage_score(other) if other is not None else None
        stages.append(
            {
                "stage": stage.id,
                "name": stage.name,
                "before": _num(before),
                "after": _num(after),
                "change": _difference(before, after),
                "handoffs_before": sum(1 for h in before_h["items"] if h["to_stage"] == stage.id),
                "handoffs_after": sum(1 for h in after_h["items"] if h["to_stage"] == stage.id),
            }
        )
    for stage in future.stages:
        if stage.id not in current_ids:
            after = facts.stage_score(stage)
            stages.append(
                {
                    "stage": stage.id,
                    "name": stage.name,
                    "before": None,
                    "after": _num(after),
                    "change": None,
                    "handoffs_before": 0,
                    "handoffs_after": sum(1 for h in after_h["items"] if h["to_stage"] == stage.id),
                }
            )
    overall_before = facts.journey_score(current)
    overall_after = facts.journey_score(future)

    def counts(pains: Mapping[str, PainPoint]) -> r.SeverityCounts:
        return _severity_counts(Counter(p.severity for p in pains.values()))

    items: list[r.PainPointChange] = []
    for pain_id, pain in pains_before.items():
        after_pain = pains_after.get(pain_id)
        items.append(
            {
                "id": pain_id,
                "description": pain.description,
                "status": "kept" if after_pain is not None else "resolved",
                "severity_before": pain.severity,
                "severity_after": after_pain.severity if after_pain else None,
            }
        )
    items.extend(
        {
            "id": pain_id,
            "description": pain.description,
            "status": "new",
            "severity_before": None,
            "severity_after": pain.severity,
        }
        for pain_id, pain in pains_after.items()
        if pain_id not in pains_before
    )
    return {
        "current": current.id,
        "future": future.id,
        "current_title": current.title,
        "future_title": future.title,
        "handoffs": {
            "before": before_h["count"],
            "after": after_h["count"],
            "change": after_h["count"] - before_h["count"],
            "drops_before": before_h["drops"],
            "drops_after": after_h["drops"],
            "pairs_added": [{"from": a, "to": b} for a, b in sorted(pairs_after - pairs_before)],
            "pairs_removed": [{"from": a, "to": b} for a, b in sorted(pairs_before - pairs_after)],
        },
        "channels": {
            "before": before_c,
            "after": after_c,
            "added": [c for c in after_c if c not in before_c],
            "removed": [c for c in before_c if c not in after_c],
            "adopted": in_catalog_order(
                c for c in facts.potential_channels(current) if c in after_c and c not in before_c
            ),
        },
        "pain_points": {
            "before": len(pains_before),
            "after": len(pains_after),
            "by_severity_before": counts(pains_before),
            "by_severity_after": counts(pains_after),
            "resolved": [p for p in pains_before if p not in pains_after],
            "kept": [p for p in pains_before if p in pains_after],
            "new": [p for p in pains_after if p not in pains_before],
            "items": items,
        },
        "emotion": {
            "before": _num(overall_before),
            "after": _num(overall_after),
            "change": _difference(overall_before, overall_after),
            "stages": stages,
        },
    }
