"""The typed model built from the examples keeps what the YAML says."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.core import facts
from cjm.core.kinds import is_valid
from cjm.core.loader import load_file
from cjm.core.model import ChannelCatalog, Journey, Persona, RealityMap, build

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def model(path: Path) -> object:
    document = load_file(path)
    kind = document.data["kind"]
    assert is_valid(kind, document.data)
    return build(kind, document.data, file=str(path))


def test_journey_model_keeps_order_ids_and_positions() -> None:
    path = EXAMPLES / "negozio-omnicanale" / "journeys" / "acquisto-running-attuale.yaml"
    journey = model(path)
    assert isinstance(journey, Journey)
    assert journey.state == "current"
    assert journey.personas == ("giulia-runner-urbana", "marco-neofita")
    assert [s.id for s in journey.stages][:2] == ["bisogno", "ricerca"]
    first = journey.stages[0].steps[0]
    assert first.id == "scarpe-consumate"
    assert facts.score(first) == -1
    assert first.touchpoints[0].channels == ("recensioni-community",)
    assert first.pain_points[0].severity == "medium"
    assert first.opportunities[0].addresses == ("pp-nessun-promemoria",)
    assert first.path == ("stages", 0, "steps", 0)
    location = load_file(path).locate(first.pain_points[0].path)
    assert (
        path.read_text(encoding="utf-8").splitlines()[location.line - 1].strip()
        == "- id: pp-nessun-promemoria"
    )
    assert len(journey.steps) == sum(len(s.steps) for s in journey.stages)


def test_per_persona_emotion() -> None:
    journey = model(EXAMPLES / "bank-onboarding" / "journeys" / "onboarding-current.yaml")
    assert isinstance(journey, Journey)
    mapped = [s for s in journey.steps if isinstance(s.emotion, dict)]
    assert mapped
    step = mapped[0]
    for persona, score in step.emotion.items():  # type: ignore[union-attr]
        assert facts.score(step, persona) == score
    assert facts.score(step) is None


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_example_builds(path: Path) -> None:
    if path.name == "cjm.yaml":
        return
    document = model(path)
    assert document.id  # type: ignore[attr-defined]


def test_other_kinds_and_extensions() -> None:
    persona = model(EXAMPLES / "negozio-omnicanale" / "personas" / "giulia-runner-urbana.yaml")
    assert isinstance(persona, Persona)
    assert persona.name.startswith("Giulia")
    assert persona.preferred_channels
    catalog = model(EXAMPLES / "negozio-omnicanale" / "channels.yaml")
    assert isinstance(catalog, ChannelCatalog)
    assert {c.type for c in catalog.channels} == {"physical", "digital"}
    reality = model(EXAMPLES / "bank-onboarding" / "research" / "reality-map.yaml")
    assert isinstance(reality, RealityMap)
    assert {s.party for s in reality.sources} == {"first", "second", "third"}
    assert all(f.sources for f in reality.findings)
    with_extension = [
        p
        for p in EXAMPLES.rglob("*.yaml")
        if "\nx-" in p.read_text("utf-8") and p.name != "cjm.yaml"
    ]
    assert with_extension
    document = model(with_extension[0])
    assert document.extensions  # type: ignore[attr-defined]
