"""`cjm report --format html`, and the report page that `cjm render --format html` writes
next to a workspace's index.

The page comes from `templates/report.html.j2` (autoescaped like every page, so author
strings are always text) and is self-contained: no script, no outside request. The
funnel is an inline SVG whose geometry is worked out here, with fixed decimals so the
same data always gives the same bytes; its text is written by the template.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from cjm.core.workspace import Workspace
from cjm.present.durations import since_previous
from cjm.present.html import REPORT_PAGE, Links, render_template
from cjm.present.labels import labels_for
from cjm.present.locale import resolve
from cjm.report import records as r
from cjm.report.document import like_with_like, pair_steps

FUNNEL_WIDTH = 800  # SVG units; the figure is scaled to the page's width
FUNNEL_ROW = 76  # per stage: the stage name, its figures, then the bar
FUNNEL_BAR = 26


def render(data: r.Report, locale: str | None) -> str:
    """The report as one self-contained HTML page, labels in ``locale`` (None: the first
    workspace's)."""
    workspaces = data["workspaces"]
    return page(data, resolve(locale, workspaces[0]["locale"] if workspaces else None))


def render_site(
    site: Workspace, *, locale: str | None = None, template_dir: Path | None = None
) -> bytes:
    """The report page of a rendered workspace: it links back to the index and to the
    journey pages of the same render."""
    from cjm.report.analysis import report

    # the workspace itself as the base, so the page does not depend on where cjm runs
    data = report([site], cwd=site.root)
    return page(
        data,
        resolve(locale, site.locale),
        template_dir=template_dir,
        links=Links(site, REPORT_PAGE),
        index="index.html",
    ).encode("utf-8")


def page(
    data: r.Report,
    locale: str,
    *,
    template_dir: Path | None = None,
    links: Links | None = None,
    index: str | None = None,
) -> str:
    """The page as text. ``links`` finds the rendered pages of documents, ``index`` is
    the relative link to the workspace index; both are left out by `cjm report`."""
    workspaces = data["workspaces"]
    names = [w.get("name") for w in workspaces]
    context: dict[str, Any] = {
        "t": labels_for(locale),
        "lang": locale.replace("_", "-"),
        "when": partial(since_previous, locale=locale),
        "pair_steps": pair_steps,
        "like_with_like": like_with_like,
        "workspaces": [
            WorkspaceView(
                w,
                Names.of(w),
                {j["id"]: funnel_chart(j["funnel"]) for j in w["journeys"] if j["funnel"]},
            )
            for w in workspaces
        ],
        "links": links,
        "index": index,
        "workspace_name": names[0] if len(names) == 1 else None,
        "page_size": "A4 landscape",
        "print_date": None,
    }
    return render_template("report.html.j2", context, template_dir=template_dir)


@dataclass(frozen=True)
class WorkspaceView:
    """One workspace of the report, with the names its ids stand for and its funnels."""

    data: r.WorkspaceRecord
    names: Names
    funnels: Mapping[str, FunnelChart]  # by journey id


@dataclass(frozen=True)
class Names:
    """The names behind the ids of one workspace's report: the data refers to channels,
    stages, steps, pain points and opportunities by id and names each only in some places."""

    channels: Mapping[str, str]
    journeys: Mapping[str, str]
    stages: Mapping[tuple[str, str], str]  # (journey, stage)
    steps: Mapping[tuple[str, str], str]  # (journey, step)
    pain_points: Mapping[tuple[str, str], str]  # (journey, pain point): its description
    opportunities: Mapping[tuple[str, str], str]  # (journey, opportunity): its description
    personas: Mapping[str, str]

    @classmethod
    def of(cls, workspace: r.WorkspaceRecord) -> Names:
        stages: dict[tuple[str, str], str] = {}
        steps: dict[tuple[str, str], str] = {}
        pains: dict[tuple[str, str], str] = {}
        opportunities: dict[tuple[str, str], str] = {}
        for journey in workspace["journeys"]:
            key = journey["id"]
            for stage in journey["stages"]:
                stages[key, stage["id"]] = stage["name"]
            for handoff in journey["handoffs"]["items"]:
                steps[key, handoff["from_step"]] = handoff["from_name"]
                steps[key, handoff["to_step"]] = handoff["to_name"]
            experience = journey["experience"]
            lowest = experience["lowest"]
            for step in lowest["steps"] if lowest is not None else []:
                steps[key, step["step"]] = step["name"]
            for pain in experience["pain_points"]["items"]:
                pains[key, pain["id"]] = pain["description"]
            for opportunity in experience["opportunities"]:
                opportunities[key, opportunity["id"]] = opportunity["description"]
        personas: dict[str, str] = {}
        for comparison in workspace["personas"]:
            for line in comparison["lines"]:
                if line["persona"]:
                    personas.setdefault(line["persona"], line["name"])
            for divergence in comparison["divergence"]:
                for line in divergence["scores"]:
                    steps.setdefault((line["journey"], divergence["step"]), divergence["name"])
        return cls(
            channels={c["id"]: c["name"] for c in workspace["channels"]},
            journeys={j["id"]: j["title"] or j["id"] for j in workspace["journeys"]},
            stages=stages,
            steps=steps,
            pain_points=pains,
            opportunities=opportunities,
            personas=personas,
        )

    def channel(self, channel_id: str) -> str:
        return self.channels.get(channel_id, channel_id)

    def journey(self, journey_id: str) -> str:
        return self.journeys.get(journey_id, journey_id)

    def stage(self, stage_id: str, journeys: str | Iterable[str]) -> str:
        """The stage's name in the first of ``journeys`` that has it, else its id."""
        for journey in [journeys] if isinstance(journeys, str) else journeys:
            if (journey, stage_id) in self.stages:
                return self.stages[journey, stage_id]
        return stage_id

    def step(self, step_id: str, journey_id: str) -> str | None:
        """The step's name, when the report names it anywhere."""
        return self.steps.get((journey_id, step_id))

    def pain_point(self, pain_id: str, journeys: str | Iterable[str]) -> str | None:
        for journey in [journeys] if isinstance(journeys, str) else journeys:
            if (journey, pain_id) in self.pain_points:
                return self.pain_points[journey, pain_id]
        return None

    def opportunity(self, opportunity_id: str, journey_id: str) -> str | None:
        return self.opportunities.get((journey_id, opportunity_id))

    def persona(self, persona_id: str) -> str:
        return self.personas.get(persona_id, persona_id)


@dataclass(frozen=True)
class Bar:
    """One funnel stage in the SVG: its row of data and where it is drawn (SVG units,
    written with two decimals)."""

    row: r.FunnelStage
    x: str
    y: str
    width: str
    name_y: str
    figures_y: str


@dataclass(frozen=True)
class FunnelChart:
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]


def funnel_chart(funnel: r.Funnel) -> FunnelChart:
    """A centred bar per funnel stage, its width proportional to the share of the first
    stage that reaches it (no bar when that share is unknown)."""
    bars = []
    for index, row in enumerate(funnel["stages"]):
        share = row["from_top"]
        width = FUNNEL_WIDTH * min(max(float(share), 0.0), 1.0) if share is not None else 0.0
        top = index * FUNNEL_ROW
        bars.append(
            Bar(
                row,
                x=_f((FUNNEL_WIDTH - width) / 2),
                y=_f(top + 44),
                width=_f(width),
                name_y=_f(top + 17),
                figures_y=_f(top + 36),
            )
        )
    return FunnelChart(FUNNEL_WIDTH, FUNNEL_ROW * len(bars), FUNNEL_BAR, tuple(bars))


def _f(value: float) -> str:
    return f"{value:.2f}"
