"""cjm and a stock JSON Schema validator give the same schema verdict on every document.

A corpus of documents is made from the examples by mutation (wrong types,
missing keys, bad enums, impossible dates, unknown and custom keys, numbers
out of bounds, broken patterns, empty strings). The real `check-jsonschema`,
given only the shipped schema file and no network, must find exactly the
documents invalid that cjm finds invalid by schema. Where the two cannot agree
by design, the case says why and the test pins the difference.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjm.cli import app
from cjm.core.kinds import DOCUMENT_KINDS, is_valid
from cjm.core.loader import load_file
from cjm.core.schema_report import schema_errors

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
BANK = ROOT / "examples" / "bank-onboarding"
NEGOZIO = ROOT / "examples" / "negozio-omnicanale"
SOURCES = {
    "journey": [
        BANK / "journeys/onboarding-current.yaml",
        NEGOZIO / "journeys/acquisto-running-futuro.yaml",
    ],
    "persona": [BANK / "personas/priya-switcher.yaml"],
    "empathy-map": [NEGOZIO / "empathy-maps/marco-neofita-empatia.yaml"],
    "reality-map": [BANK / "research/reality-map.yaml"],
    "channels": [NEGOZIO / "channels.yaml"],
    "config": [BANK / "cjm.yaml"],
}
HUGE = int("9" * 400)
WHOLE = {"min": -2.0, "max": 2e0}  # YAML's -2.0 and 2e0: whole numbers, though written as decimals
LIMIT = 10**15

Data = dict[str, Any]
Mutation = Callable[[Data], None]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    source: int
    mutate: Mutation
    valid: bool
    """The verdict both validators must give."""


def _set(*path: str | int, value: Any) -> Mutation:
    def mutate(data: Data) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


def _drop(*path: str | int) -> Mutation:
    def mutate(data: Data) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return mutate


def _same(data: Data) -> None:
    del data  # the example as it is


STEP = ("stages", 0, "steps", 0)
TOUCHPOINT = (*STEP, "touchpoints", 0)
METRIC = ("stages", 0, "metrics", 0)
SOURCE = ("sources", 0)
CHANNEL = ("channels", 0)


def _cases() -> list[Case]:
    v, x = True, False
    c: list[tuple[str, str, int, Mutation, bool]] = [
        # journeys
        ("journey-as-is", "journey", 0, _same, v),
        ("journey-italian-as-is", "journey", 1, _same, v),
        ("journey-state-not-in-enum", "journey", 0, _set("state", value="attuale"), x),
        ("journey-state-number", "journey", 0, _set("state", value=1), x),
        ("journey-no-title", "journey", 0, _drop("title"), x),
        ("journey-no-stages", "journey", 1, _drop("stages"), x),
        ("journey-no-kind", "journey", 0, _drop("kind"), x),
        ("journey-title-number", "journey", 0, _set("title", value=42), x),
        ("journey-title-empty", "journey", 0, _set("title", value=""), x),
        ("journey-date-does-not-exist", "journey", 0, _set("reviewed", value="2026-02-30"), x),
        ("journey-date-month-13", "journey", 1, _set("reviewed", value="2026-13-01"), x),
        ("journey-date-leap-day", "journey", 0, _set("reviewed", value="2024-02-29"), v),
        ("journey-date-not-leap", "journey", 0, _set("reviewed", value="2025-02-29"), x),
        ("journey-date-short", "journey", 0, _set("reviewed", value="2026-3-1"), x),
        ("journey-date-with-time", "journey", 0, _set("reviewed", value="2026-03-01T10:00"), x),
        ("journey-unknown-key", "journey", 0, _set("titel", value="Oops"), x),
        ("journey-x-key-top", "journey", 0, _set("x-cost", value=4.1), v),
        ("journey-x-key-step", "journey", 1, _set(*STEP, "x-stato", value="pilota"), v),
        ("journey-x-key-touchpoint", "journey", 0, _set(*TOUCHPOINT, "x-n", value=[1]), v),
        ("journey-X-key-uppercase", "journey", 0, _set("X-cost", value=1), x),
        (
            "journey-x-key-in-persona-scores",
            "journey",
            0,
            _set(*STEP, "emotion", value={"priya-switcher": -1, "x-weight": 3}),
            v,
        ),
        ("journey-emotion-1000", "journey", 0, _set(*STEP, "emotion", value=1000), x),
        ("journey-emotion-minus-100", "journey", 0, _set(*STEP, "emotion", value=-100), v),
        ("journey-emotion-huge", "journey", 1, _set(*STEP, "emotion", value=-HUGE), x),
        ("journey-emotion-text", "journey", 0, _set(*STEP, "emotion", value="high"), x),
        ("journey-emotion-empty-mapping", "journey", 0, _set(*STEP, "emotion", value={}), x),
        (
            "journey-persona-score-text",
            "journey",
            0,
            _set(*STEP, "emotion", value={"priya-switcher": "x"}),
            x,
        ),
        (
            "journey-persona-score-101",
            "journey",
            0,
            _set(*STEP, "emotion", value={"priya-switcher": 101}),
            x,
        ),
        ("journey-metric-huge", "journey", 0, _set(*METRIC, "value", value=HUGE), x),
        ("journey-metric-at-limit", "journey", 0, _set(*METRIC, "value", value=LIMIT), v),
        ("journey-metric-over-limit", "journey", 0, _set(*METRIC, "value", value=LIMIT + 1), x),
        ("journey-target-under-limit", "journey", 0, _set(*METRIC, "target", value=-LIMIT - 1), x),
        ("journey-metric-decimal", "journey", 0, _set(*METRIC, "value", value=0.35), v),
        ("journey-metric-type-enum", "journey", 0, _set(*METRIC, "type", value="visits"), x),
        (
            "journey-scale-101",
            "journey",
            0,
            _set("emotion_scale", value={"min": -2, "max": 101}),
            x,
        ),
        (
            "journey-scale-half",
            "journey",
            0,
            _set("emotion_scale", value={"min": -1.5, "max": 2}),
            x,
        ),
        (
            "journey-scale-huge",
            "journey",
            0,
            _set("emotion_scale", value={"min": -HUGE, "max": 2}),
            x,
        ),
        ("journey-scale-no-max", "journey", 0, _set("emotion_scale", value={"min": -2}), x),
        ("journey-id-pattern", "journey", 0, _set("id", value="Bad id!"), x),
        ("journey-id-too-long", "journey", 0, _set("id", value="a" * 81), x),
        ("journey-id-80", "journey", 0, _set("id", value="a" * 80), v),
        ("journey-personas-not-list", "journey", 0, _set("personas", value="priya-switcher"), x),
        (
            "journey-personas-twice",
            "journey",
            0,
            _set("personas", value=["priya-switcher", "priya-switcher"]),
            x,
        ),
        ("journey-stage-no-name", "journey", 1, _drop("stages", 0, "name"), x),
        ("journey-locale-pattern", "journey", 0, _set("locale", value="italiano!"), x),
        ("journey-tags-empty-string", "journey", 0, _set("tags", value=[""]), x),
        (
            "journey-counterpart-itself",
            "journey",
            0,
            _set("counterpart", value="onboarding-current"),
            v,
        ),
        ("journey-channels-not-ids", "journey", 0, _set(*TOUCHPOINT, "channels", value=[""]), x),
        # personas
        ("persona-as-is", "persona", 0, _same, v),
        ("persona-no-name", "persona", 0, _drop("name"), x),
        ("persona-channels-string", "persona", 0, _set("preferred_channels", value="web"), x),
        ("persona-age-huge", "persona", 0, _set("demographics", "age", value=HUGE), x),
        ("persona-age-number", "persona", 0, _set("demographics", "age", value=31), v),
        ("persona-demographic-list", "persona", 0, _set("demographics", "pets", value=["cat"]), x),
        ("persona-goal-empty", "persona", 0, _set("goals", 0, value=""), x),
        ("persona-proto-text", "persona", 0, _set("proto", value="no"), x),
        ("persona-reviewed-bad-day", "persona", 0, _set("reviewed", value="2026-04-31"), x),
        ("persona-x-key", "persona", 0, _set("x-nota", value={"a": 1}), v),
        # empathy maps
        ("empathy-as-is", "empathy-map", 0, _same, v),
        ("empathy-no-persona", "empathy-map", 0, _drop("persona"), x),
        ("empathy-says-text", "empathy-map", 0, _set("says", value="ciao"), x),
        ("empathy-unknown-key", "empathy-map", 0, _set("smells", value=["caffè"]), x),
        ("empathy-x-key", "empathy-map", 0, _set("x-workshop", value="2026-01"), v),
        # reality maps
        ("reality-as-is", "reality-map", 0, _same, v),
        ("reality-party-enum", "reality-map", 0, _set(*SOURCE, "party", value="fourth"), x),
        ("reality-records-negative", "reality-map", 0, _set(*SOURCE, "records", value=-1), x),
        ("reality-records-huge", "reality-map", 0, _set(*SOURCE, "records", value=HUGE), x),
        ("reality-records-decimal", "reality-map", 0, _set(*SOURCE, "records", value=1.5), x),
        ("reality-records-limit", "reality-map", 0, _set(*SOURCE, "records", value=LIMIT), v),
        ("reality-basis-enum", "reality-map", 0, _set(*SOURCE, "legal_basis", value="vibes"), x),
        (
            "reality-personal-data-text",
            "reality-map",
            0,
            _set(*SOURCE, "personal_data", value="si"),
            x,
        ),
        ("reality-source-x-key", "reality-map", 0, _set(*SOURCE, "x-owner", value="IT"), v),
        # channel catalogs
        ("channels-as-is", "channels", 0, _same, v),
        ("channels-type-enum", "channels", 0, _set(*CHANNEL, "type", value="telepathic"), x),
        ("channels-no-id", "channels", 0, _drop(*CHANNEL, "id"), x),
        ("channels-unknown-key", "channels", 0, _set(*CHANNEL, "colour", value="red"), x),
        ("channels-x-key", "channels", 0, _set(*CHANNEL, "x-cost-per-contact", value=4.1), v),
        ("channels-not-list", "channels", 0, _set("channels", value={"web": "Web"}), x),
        # workspace configuration
        ("config-as-is", "config", 0, _same, v),
        ("config-version-2", "config", 0, _set("version", value=2), x),
        ("config-max-size-zero", "config", 0, _set("limits", value={"max_file_size": 0}), x),
        ("config-max-size-huge", "config", 0, _set("limits", value={"max_file_size": HUGE}), x),
        (
            "config-scale-reversed",
            "config",
            0,
            _set("emotion_scale", value={"min": 2, "max": -2}),
            v,
        ),
        ("config-lint-x-rule", "config", 0, _set("lint", value={"rules": {"x-mine": "off"}}), v),
        (
            "config-lint-level-enum",
            "config",
            0,
            _set("lint", value={"rules": {"emotion-flat": "loud"}}),
            x,
        ),
        ("config-lint-extends-enum", "config", 0, _set("lint", value={"extends": "lenient"}), x),
        (
            "config-frameworks-x-key",
            "config",
            0,
            _set(
                "frameworks",
                value={
                    "x-nota": "bozza",
                    "giro": {"name": "Giro", "stages": [{"id": "a", "name": "A"}]},
                },
            ),
            v,
        ),
        (
            "config-framework-no-stages",
            "config",
            0,
            _set("frameworks", value={"giro": {"name": "Giro"}}),
            x,
        ),
        ("config-render-lanes-enum", "config", 0, _set("render", value={"lanes": "colour"}), x),
        ("config-unknown-key", "config", 0, _set("lnit", value={}), x),
        (
            "config-lint-option-huge",
            "config",
            0,
            _set("lint", value={"rules": {"review-age": {"max_days": HUGE}}}),
            x,
        ),
        (
            "config-lint-option-x-key",
            "config",
            0,
            _set("lint", value={"rules": {"review-age": {"max_days": 90, "x-why": "audit"}}}),
            v,
        ),
        ("config-locale-number", "config", 0, _set("locale", value=7), x),
        # JSON Schema's integer is a number with no fraction, however it is written
        ("journey-scale-whole-decimal", "journey", 0, _set("emotion_scale", value=WHOLE), v),
        ("config-size-exponent", "config", 0, _set("limits", value={"max_file_size": 5e6}), v),
        ("config-size-fraction", "config", 0, _set("limits", value={"max_file_size": 5.5}), x),
    ]
    return [Case(*row) for row in c]


CASES = _cases()


def _source(case: Case) -> Data:
    path = SOURCES[case.kind][case.source]
    data: Data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _write_corpus(folder: Path) -> dict[str, Path]:
    """Each case as a YAML file; dates and other text are quoted, so both readers agree."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for case in CASES:
        data = copy.deepcopy(_source(case))
        case.mutate(data)
        path = folder / f"{case.name}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        files[case.name] = path
    return files


def _offline() -> dict[str, str]:
    """The environment with every proxy pointing nowhere: a fetch would fail loudly."""
    nowhere = "http://127.0.0.1:9"
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(HTTP_PROXY=nowhere, HTTPS_PROXY=nowhere, http_proxy=nowhere, https_proxy=nowhere)
    return env


def _check_jsonschema(
    schema: Path, files: list[Path], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHECK_JSONSCHEMA),
            "--no-cache",
            "--output-format",
            "json",
            "--schemafile",
            str(schema),
        ]
        + [str(f) for f in files],
        cwd=cwd,
        env=_offline(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _cjm_verdict(kind: str, path: Path) -> bool:
    """cjm's schema verdict, from its own reader and both of its validators (which must agree)."""
    document = load_file(path)
    fast = is_valid(kind, document.data)
    detailed = not list(schema_errors(kind, document.data, document.written))
    assert fast == detailed, f"{path.name}: fast {fast}, detailed {detailed}"
    return fast


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bool, bool]]:
    """Per case: (check-jsonschema's verdict, cjm's verdict)."""
    folder = tmp_path_factory.mktemp("corpus")
    files = _write_corpus(folder)
    theirs: dict[str, bool] = {}
    for kind in (*DOCUMENT_KINDS, "config"):
        names = [case.name for case in CASES if case.kind == kind]
        result = _check_jsonschema(
            SCHEMAS / f"{kind}.schema.json", [files[n] for n in names], folder
        )
        report = json.loads(result.stdout)
        assert report["parse_errors"] == [], report["parse_errors"]
        failed = {Path(e["filename"]).stem for e in report["errors"]}
        for name in names:
            theirs[name] = name not in failed
    return {
        case.name: (theirs[case.name], _cjm_verdict(case.kind, files[case.name])) for case in CASES
    }


def test_the_corpus_is_large_and_mixed() -> None:
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)
    assert {case.kind for case in CASES} == {*DOCUMENT_KINDS, "config"}
    assert sum(case.valid for case in CASES) >= 15
    assert sum(not case.valid for case in CASES) >= 45


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_cjm_and_check_jsonschema_agree(case: Case, verdicts: dict[str, tuple[bool, bool]]) -> None:
    theirs, ours = verdicts[case.name]
    assert ours == case.valid, f"cjm says {'valid' if ours else 'invalid'}"
    assert theirs == ours, f"check-jsonschema says {'valid' if theirs else 'invalid'}"


def _documents_of(kind: str) -> list[Path]:
    found = []
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        if ".cjm" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        is_config = path.name == "cjm.yaml"
        if (kind == "config") == is_config and (is_config or f"\nkind: {kind}\n" in text):
            found.append(path)
    return found


@pytest.mark.parametrize("kind", [*DOCUMENT_KINDS, "config"])
def test_check_jsonschema_passes_the_examples_from_the_repository_root(kind: str) -> None:
    documents = _documents_of(kind)
    assert documents
    result = _check_jsonschema(Path("schemas") / f"{kind}.schema.json", documents, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_passes_the_examples_from_another_folder(tmp_path: Path) -> None:
    shutil.copy(SCHEMAS / "journey.schema.json", tmp_path / "journey.schema.json")
    journeys = _documents_of("journey")
    result = _check_jsonschema(Path("journey.schema.json"), journeys, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yaml"
    bank = next(j for j in journeys if j.name == "onboarding-current.yaml")
    broken.write_text(
        bank.read_text(encoding="utf-8").replace("reviewed: 2026-03-12", "reviewed: 2026-02-30"),
        encoding="utf-8",
    )
    result = _check_jsonschema(Path("journey.schema.json"), [broken], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2026-02-30" in result.stdout


def test_a_copied_workspace_validates_through_its_own_modelines(tmp_path: Path) -> None:
    """What an editor does: each file against the schema its modeline names, offline."""
    moved = tmp_path / "copy"
    shutil.copytree(NEGOZIO, moved)
    by_schema: dict[Path, list[Path]] = {}
    for document in sorted(p for p in moved.rglob("*.yaml") if ".cjm" not in p.parts):
        first = document.read_text(encoding="utf-8").splitlines()[0]
        schema = (document.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.is_relative_to(moved.resolve()), document
        by_schema.setdefault(schema, []).append(document)
    assert len(by_schema) == 6
    for schema, documents in by_schema.items():
        result = _check_jsonschema(schema, documents, tmp_path)
        assert result.returncode == 0, f"{schema.name}: {result.stdout}{result.stderr}"


def test_validate_and_lint_agree_on_custom_keys_in_rule_and_score_mappings(tmp_path: Path) -> None:
    shutil.copytree(BANK, tmp_path / "ws")
    config = tmp_path / "ws" / "cjm.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "lint:\n  rules:\n    x-mine: 'off'\n",
        encoding="utf-8",
    )
    journey = tmp_path / "ws" / "journeys" / "onboarding-current.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace(
            "emotion: {priya-switcher: -1, graham-mover: -2}",
            "emotion: {priya-switcher: -1, graham-mover: -2, x-weight: 3}",
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    validated = runner.invoke(app, ["validate", str(tmp_path / "ws")])
    assert validated.exit_code == 0, validated.output
    linted = runner.invoke(app, ["lint", "--fail-on", "error", str(tmp_path / "ws")])
    assert linted.exit_code == 0, linted.output
    assert "x-mine" not in linted.output and "x-weight" not in linted.output


def test_lint_takes_the_custom_keys_that_validate_takes_in_cjm_yaml() -> None:
    case = ROOT / "tests" / "cases" / "valid" / "x-keys-in-mappings"
    runner = CliRunner()
    validated = runner.invoke(app, ["validate", str(case)])
    assert validated.exit_code == 0, validated.output
    linted = runner.invoke(app, ["lint", "--fail-on", "error", str(case)])
    assert linted.exit_code == 0, linted.output
    assert "(config)" not in linted.output
