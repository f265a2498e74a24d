"""The lenses of a journey: the frameworks its stages can be read through.

A journey follows its `framework` (each stage naming its `framework_stage`) and
may list more frameworks as `lenses` (each stage naming its stage of each under
`lenses`). Whatever shows a journey through a lens asks this module which stage of
the lens a stage stands for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from cjm.core import facts
from cjm.core.errors import UsageError
from cjm.core.frameworks import Framework, FrameworkStage
from cjm.core.locales import language
from cjm.core.model import Journey, Stage
from cjm.core.suggest import did_you_mean


def lens_ids(journey: Journey) -> tuple[str, ...]:
    """The frameworks the journey can be read through: its own, then its lenses."""
    own = (journey.framework,) if journey.framework else ()
    return tuple(dict.fromkeys((*own, *journey.lenses)))


def maps(journey: Journey, lens: str) -> bool:
    """True when the journey can be read through ``lens``: its own framework or one of its
    `lenses`."""
    return lens in lens_ids(journey)


def lens_stage(journey: Journey, stage: Stage, lens: str) -> str | None:
    """The id of the stage of ``lens`` that ``stage`` stands for, if it says: under the
    journey's own framework, its `framework_stage`, else its own id."""
    named = stage.lenses.get(lens)
    if named:
        return named
    if lens == journey.framework:
        return facts.framework_stage(stage)
    return None


def identity(journey: Journey, stage: Stage, lens: str | None) -> str:
    """What a stage is matched by across journeys read through the framework ``lens``: the
    stage of the lens it stands for, else its own id. With ``lens`` None, its
    :func:`~cjm.core.facts.stage_identity`."""
    if lens is None:
        return facts.stage_identity(journey, stage)
    return lens_stage(journey, stage, lens) or stage.id


def stage_name(framework: Framework, stage_id: str, locale: str | None) -> str:
    """A framework stage's name in the reader's language (built-in frameworks have
    Italian names); the id when the framework has no such stage."""
    found: Mapping[str, FrameworkStage] = {s.id: s for s in framework.stages}
    stage = found.get(stage_id)
    if stage is None:
        return stage_id
    return stage.name_it if language(locale) == "it" else stage.name


def require_known(lens: str, known: Iterable[str]) -> None:
    """Stop with a usage error when ``lens`` is none of the ``known`` frameworks."""
    names = sorted(set(known))
    if lens not in names:
        raise UsageError(
            f"--lens {lens}: unknown framework{did_you_mean(lens, names)} "
            f"(the frameworks: {', '.join(names)})"
        )


def require_mapped(lens: str, journeys: Sequence[Journey]) -> None:
    """Stop with a usage error when there are journeys and none of them maps ``lens``,
    naming the lenses they do map."""
    if not journeys or any(maps(j, lens) for j in journeys):
        return
    offered = sorted({fid for j in journeys for fid in lens_ids(j)})
    names = ", ".join(j.id for j in journeys)
    raise UsageError(
        f"--lens {lens}: no journey maps its stages to {lens} ({names}); "
        + (
            f"the lenses they map: {', '.join(offered)}"
            if offered
            else "a journey maps a lens with `framework` and `framework_stage`, or "
            "`lenses` and each stage's `lenses`"
        )
    )
