"""`cjm lint`: validation first, then the method's rules over each workspace.

Schema and reference problems come first, as `cjm validate` reports them;
the rules then run on the schema-valid documents only, so a broken file never
makes a rule crash. Findings go through the workspace's `lint:` settings,
inline suppressions and an optional baseline, in that order.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from cjm.core.errors import ConfigError, Location
from cjm.core.kinds import CONFIG_FILE
from cjm.core.loader import load_file
from cjm.core.loading import (
    Problem,
    Report,
    default_jobs,
    load_paths,
    map_files,
    workspace_roots,
)
from cjm.core.references import json_path
from cjm.core.workspace import Workspace, absolute, workspace_relative
from cjm.lint import baseline as baselines
from cjm.lint.base import Context, Finding
from cjm.lint.config import LintConfig, parse
from cjm.lint.rules import RULES
from cjm.lint.suppressions import Suppression
from cjm.lint.suppressions import parse as parse_suppressions

UNUSED = "unused-suppression"


@dataclass
class LintResult:
    """Everything a lint run found, and what it left out on purpose."""

    report: Report
    suppressed: int = 0
    baselined: int = 0
    entries: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def exit_code(self, fail_on: str = "error") -> int:
        self.report.fail_on = fail_on
        return self.report.exit_code


@dataclass(frozen=True)
class _Hit:
    rule: str
    level: str
    finding: Finding


def lint_paths(
    paths: Sequence[Path],
    *,
    jobs: int = 0,
    cwd: Path | None = None,
    today: date | None = None,
    baseline: Path | None = None,
) -> LintResult:
    """Lint files and folders, each against the workspace it belongs to.

    Workspaces are independent, so when folders hold several of them and more
    than one worker is wanted, each worker lints whole workspaces in one
    process (node trees at hand, only findings sent back). Otherwise loading
    is shared out file by file, as `cjm validate` does.
    """
    collecting = gc.isenabled()
    gc.disable()  # whole workspaces are held as trees, freed by reference counting
    try:
        return _lint(
            paths, jobs=jobs, cwd=absolute(cwd or Path.cwd()), today=today, baseline=baseline
        )
    finally:
        if collecting:
            gc.enable()


def _lint(
    paths: Sequence[Path], *, jobs: int, cwd: Path, today: date | None, baseline: Path | None
) -> LintResult:
    accepted: Counter[str] = baselines.load(baseline) if baseline is not None else Counter()
    units = _workspace_units(paths, cwd)
    workers = jobs if jobs > 0 else default_jobs(_count_files(units))
    when = today or date.today()
    if units is not None and workers > 1 and len(units) > 1:
        parts = map_files(
            partial(_lint_unit, cwd=cwd, today=when), [(unit, True) for unit in units], workers
        )
    else:
        parts = [_lint_unit((list(paths), False), cwd=cwd, today=when, jobs=jobs)]
    return _merge(parts, accepted)


@dataclass
class _Part:
    """What linting some workspaces gives, before the baseline."""

    files_checked: int = 0
    input_error: bool = False
    validation: list[Problem] = field(default_factory=list)
    findings: list[tuple[Problem, tuple[str, ...]]] = field(default_factory=list)
    unused: list[Problem] = field(default_factory=list)
    suppressed: int = 0


def _workspace_units(paths: Sequence[Path], cwd: Path) -> list[list[Path]] | None:
    """The folders to lint one by one, a workspace each; None when some path is a file.

    A folder's files outside its nested workspaces make a unit of their own.
    """
    units: list[list[Path]] = []
    folders: list[Path] = []
    for raw in paths:
        folder = absolute(cwd / raw)
        if not folder.is_dir():
            return None
        folders.append(folder)
    # a folder given twice, or inside another one given, is linted once
    folders = [
        f
        for f in dict.fromkeys(folders)
        if not any(f != other and f.is_relative_to(other) for other in folders)
    ]
    for folder in folders:
        nested = [
            root
            for root in workspace_roots(folder)
            if root != folder and root.is_relative_to(folder)
        ]
        units.append([folder])
        units.extend([root] for root in nested)
    return units


def _count_files(units: list[list[Path]] | None) -> int:
    if units is None:
        return 0
    return sum(1 for unit in units for folder in unit for _ in folder.rglob("*.y*ml"))


def _lint_unit(item: tuple[list[Path], bool], *, cwd: Path, today: date, jobs: int = 1) -> _Part:
    paths, alone = item
    report = load_paths(paths, jobs=jobs, cwd=cwd, keep_documents=True, nested=not alone)
    part = _Part(report.files_checked, report.input_error, list(report.problems))
    hits: list[_Hit] = []
    linted: set[str] = set()  # target files the rules looked at
    for workspace in report.workspaces:
        if not workspace.settings.valid:
            continue  # cjm.yaml is wrong (reported): its lint settings cannot be trusted
        try:
            config = _config(workspace)
            hits.extend(_run_rules(workspace, config, today))
            part.findings.extend(_config_scalars(workspace, config))
            linted.update(
                d.file
                for d in workspace.files
                if d.file in workspace.targets
                and not config.ignores(workspace_relative(d.path, workspace.root))
            )
        except ConfigError as e:
            location = e.location or Location(workspace.config_file or CONFIG_FILE)
            part.validation.append(
                Problem(location.path, location.line, location.column, e.message, "config")
            )
            part.input_error = True
        except _RuleFailed as e:
            location = _rule_location(workspace, e.rule)
            part.validation.append(
                Problem(location.path, location.line, location.column, e.message, "config")
            )
            part.input_error = True

    locations = _locate(hits, report)
    targets = {d.file: d.path for w in report.workspaces for d in w.files if d.file in linted}
    suppressions = {
        file: parse_suppressions(path.read_text(encoding="utf-8-sig"))
        for file, path in targets.items()
    }
    used: set[tuple[str, Suppression]] = set()
    for hit in hits:
        location = locations[(hit.finding.file, hit.finding.path, hit.finding.key)]
        covering = [
            s for s in suppressions.get(hit.finding.file, []) if s.covers(hit.rule, location.line)
        ]
        if covering:
            used.update((hit.finding.file, s) for s in covering)
            part.suppressed += 1
            continue
        fingerprint = baselines.fingerprint(hit.rule, hit.finding.subject)
        part.findings.append(
            (
                Problem(
                    location.path,
                    location.line,
                    location.column,
                    hit.finding.message,
                    hit.rule,
                    json_path(hit.finding.path),
                    hit.level,
                    fingerprint,
                ),
                hit.finding.subject,
            )
        )
    part.unused = [
        _unused(file, suppression)
        for file, found in sorted(suppressions.items())
        for suppression in found
        if (file, suppression) not in used
    ]
    return part


def _merge(parts: Sequence[_Part], accepted: Counter[str]) -> LintResult:
    """One result from the parts: validation problems first, then the findings the
    baseline does not accept."""
    report = Report(
        files_checked=sum(p.files_checked for p in parts),
        input_error=any(p.input_error for p in parts),
    )
    result = LintResult(report, suppressed=sum(p.suppressed for p in parts))
    findings = sorted((f for p in parts for f in p.findings), key=lambda f: f[0])
    result.entries = [(problem.code, subject) for problem, subject in findings]
    kept = []
    for problem, _subject in findings:
        if accepted[problem.identity] > 0:
            accepted[problem.identity] -= 1
            result.baselined += 1
            continue
        kept.append(problem)
    validation = {problem for p in parts for problem in p.validation}
    report.problems = sorted(validation) + sorted({*kept, *(u for p in parts for u in p.unused)})
    return result


_Where = tuple[str, tuple[str | int, ...], bool]


def _locate(hits: Sequence[_Hit], report: Report) -> dict[_Where, Location]:
    """Where each finding is, from what loading kept of each document's positions."""
    loaded = {d.file: d for w in report.workspaces for d in w.files}
    locations: dict[_Where, Location] = {}
    for hit in hits:
        where = (hit.finding.file, hit.finding.path, hit.finding.key)
        if where not in locations:
            locations[where] = loaded[where[0]].locate(where[1], key=where[2])
    return locations


def _config_scalars(
    workspace: Workspace, config: LintConfig
) -> list[tuple[Problem, tuple[str, ...]]]:
    """`yaml11-scalar` in the workspace's `cjm.yaml` too, when its folder is linted: the
    file is no document, so the rule, which walks documents, does not see it."""
    from cjm.lint.rules import yaml11_scalar

    if workspace.root is None or workspace.config_file is None or not workspace.folder_given:
        return []
    setting = config.setting(yaml11_scalar.ID, CONFIG_FILE)
    if setting is None:
        return []
    document = load_file(workspace.root / CONFIG_FILE, display=workspace.config_file)
    found: list[tuple[Problem, tuple[str, ...]]] = []
    for scalar in document.yaml11:
        subject = (CONFIG_FILE, json_path(scalar.path), scalar.text)
        found.append(
            (
                Problem(
                    workspace.config_file,
                    scalar.line,
                    scalar.column,
                    yaml11_scalar.message(scalar),
                    yaml11_scalar.ID,
                    json_path(scalar.path),
                    setting.level,
                    baselines.fingerprint(yaml11_scalar.ID, subject),
                ),
                subject,
            )
        )
    return found


def _config(workspace: Workspace) -> LintConfig:
    section = workspace.settings.lint
    if workspace.root is None or workspace.config_file is None or not section:
        return parse(section, lambda _path: Location(CONFIG_FILE))
    document = load_file(workspace.root / CONFIG_FILE, display=workspace.config_file)
    return parse(section, lambda path: document.locate(path, key=True))


def _run_rules(workspace: Workspace, config: LintConfig, today: date) -> list[_Hit]:
    context = Context.of(workspace, today=today)
    relative = workspace.relative
    targets = workspace.targets
    hits = []
    for rule, module in RULES.items():
        if all(config.setting(rule, relative[f]) is None for f in targets):
            continue
        if module.WHOLE_WORKSPACE and workspace.incomplete:
            continue  # what it finds unused may be used by the document that failed
        try:
            findings = list(module.check(context, config.rules[rule].options))
        except ConfigError as e:  # an option value the rule cannot use
            raise _RuleFailed(rule, f"rule {rule!r}: {e.message}") from e
        except Exception as e:  # a bug in a rule: say which, never a traceback
            raise _RuleFailed(
                rule,
                f"rule {rule!r} failed on this workspace "
                f"({type(e).__name__}: {e}); please report it",
            ) from e
        for finding in findings:
            if finding.file not in targets:
                continue
            setting = config.setting(rule, relative[finding.file])
            if setting is not None:
                hits.append(_Hit(rule, setting.level, finding))
    return hits


class _RuleFailed(Exception):
    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


def _rule_location(workspace: Workspace, rule: str) -> Location:
    """Where the rule is set in cjm.yaml, else the file itself."""
    if workspace.root is None or workspace.config_file is None:
        return Location(CONFIG_FILE)
    document = load_file(workspace.root / CONFIG_FILE, display=workspace.config_file)
    return document.locate(("lint", "rules", rule), key=True)


def _unused(file: str, suppression: Suppression) -> Problem:
    unknown = sorted((suppression.rules or frozenset()) - set(RULES))
    if suppression.malformed:
        message = (
            "not a suppression cjm understands: write `# cjm-lint: disable`, "
            "`disable-next-line` or `disable-file`, then `=rule,...` and `-- reason` "
            "if wanted (lower case)"
        )
    elif unknown:
        message = f"suppression names unknown rule(s): {', '.join(unknown)}"
    else:
        what = ", ".join(sorted(suppression.rules)) if suppression.rules else "any rule"
        message = f"suppression of {what} suppresses nothing here; remove it"
    return Problem(file, suppression.line, suppression.column, message, UNUSED, level="warning")
