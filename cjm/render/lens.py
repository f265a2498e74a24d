"""`cjm render --lens`: which journeys can be shown through a framework, and how."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjm.core import lenses
from cjm.core.model import Journey
from cjm.render.site import Site


@dataclass(frozen=True)
class LensStage:
    """A run of consecutive stages of the journey that stand for one stage of the lens
    (``id`` and ``name`` None: a stage that stands for none)."""

    id: str | None
    name: str | None
    stages: tuple[str, ...]  # ids of the journey's stages in the run


def unmapped(sites: Sequence[Site], lens: str) -> list[Journey]:
    """The journeys to render that do not map ``lens``. An unknown lens, or one that
    no journey to render maps, is a UsageError naming what can be used instead."""
    journeys = [d for site in sites for d in site.rendered if isinstance(d, Journey)]
    lenses.require_known(lens, (fid for site in sites for fid in site.settings.frameworks))
    lenses.require_mapped(lens, journeys)
    missing = [j for j in journeys if not lenses.maps(j, lens)]
    return missing


def band(site: Site, journey: Journey, lens: str, locale: str) -> tuple[LensStage, ...]:
    """The stages of ``journey`` seen through ``lens``: consecutive stages that stand for
    the same stage of the lens make one run. Empty when the journey does not map it."""
    framework = site.settings.frameworks.get(lens)
    if framework is None or not lenses.maps(journey, lens):
        return ()
    runs: list[LensStage] = []
    for stage in journey.stages:
        found = lenses.lens_stage(journey, stage, lens)
        if found not in framework.stage_ids:
            found = None
        name = lenses.stage_name(framework, found, locale) if found else None
        if runs and found is not None and runs[-1].id == found:
            runs[-1] = LensStage(found, name, (*runs[-1].stages, stage.id))
        else:
            runs.append(LensStage(found, name, (stage.id,)))
    return tuple(runs)
