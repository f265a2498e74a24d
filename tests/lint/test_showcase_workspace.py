"""The showcase fires every rule, the examples none, and no rule crashes on a valid workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.core.loading import load_paths
from cjm.lint.base import Context
from cjm.lint.engine import lint_paths
from cjm.lint.items import nodes
from cjm.lint.rule import defaults
from cjm.lint.rules import RULES

from .workspaces import TODAY

SHOWCASE = Path(__file__).parent / "showcase"
TESTS = Path(__file__).parents[1]
VALID_CASES = sorted(p for p in (TESTS / "cases" / "valid").iterdir() if p.is_dir())
EXAMPLES = sorted(p for p in (TESTS.parent / "examples").iterdir() if p.is_dir())
SHOWN = {
    "persona-unused",
    "persona-no-empathy-map",
    "channel-unused",
    "potential-channel-not-adopted",
    "evidence-missing",
    "legal-basis-missing",
    "placeholder-text",
    "review-age",
    "id-style",
}


def test_every_rule_fires_in_the_showcase_and_names_its_subject_by_ids() -> None:
    result = lint_paths([SHOWCASE], jobs=1, cwd=SHOWCASE, today=TODAY)
    problems = result.report.problems
    assert [p for p in problems if p.code not in RULES] == []
    assert {p.code for p in problems} >= SHOWN
    assert all(p.level == "error" for p in problems)

    report = load_paths([SHOWCASE], jobs=1, cwd=SHOWCASE, keep_documents=True)
    models = [m for w in report.workspaces for m in w.documents]
    documents = {m.id for m in models}
    ids = {getattr(n, "id", None) for m in models for n in nodes(m)}
    entries = [(rule, subject) for rule, subject in result.entries if rule in SHOWN]
    assert entries
    for rule, subject in entries:
        # placeholder-text also names the field, so two slips in one item stay apart
        named = subject[:-1] if rule == "placeholder-text" else subject
        assert subject[0] in documents, subject
        assert all(isinstance(part, str) and part in ids for part in named), subject


def test_the_examples_lint_clean_under_recommended() -> None:
    examples = TESTS.parent / "examples"
    result = lint_paths([examples], jobs=1, cwd=examples, today=TODAY)
    assert [f"{p.location}: {p.message} ({p.code})" for p in result.report.problems] == []


@pytest.mark.parametrize("folder", [*VALID_CASES, *EXAMPLES, SHOWCASE], ids=lambda p: p.name)
@pytest.mark.parametrize(
    "options",
    [
        {},
        {
            "require": True,
            "max_days": 0,
            "style": "camel",
            "parties": ["first"],
            "patterns": [r"\w"],
        },
    ],
    ids=["defaults", "other-options"],
)
def test_no_rule_crashes_on_a_valid_workspace(folder: Path, options: dict[str, object]) -> None:
    report = load_paths([folder], jobs=1, cwd=folder, keep_documents=True)
    for workspace in report.workspaces:
        context = Context.of(workspace, today=TODAY)
        for rule in SHOWN:
            module = RULES[rule]
            declared = defaults(module)
            chosen = {**declared, **{k: v for k, v in options.items() if k in declared}}
            for finding in module.check(context, chosen):
                assert finding.message and finding.subject
