"""`cjm lint`: validation first, then the method's rules over each workspace.

Schema and reference problems come first, as `cjm validate` reports them;
the rules then run on the schema-valid documents only, so a broken file never
makes a rule crash. Findings go through the workspace's `lint:` settings,
inline suppressions and an optional baseline, in that order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cjm.errors import ConfigError, Location
from cjm.kinds import CONFIG_FILE
from cjm.lint import RULES
from cjm.lint import baseline as baselines
from cjm.lint.base import Context, Finding
from cjm.lint.config import LintConfig, parse
from cjm.lint.suppressions import Suppression
from cjm.lint.suppressions import parse as parse_suppressions
from cjm.loader import load_file
from cjm.model import build
from cjm.references import json_path
from cjm.validate import Problem, Report, Workspace, default_jobs, map_files, validate_paths

LEVEL_RANK = {"warning": 1, "error": 2}
UNUSED = "unused-suppression"


@dataclass
class LintResult:
    """Everything a lint run found, and what it left out on purpose."""

    report: Report
    suppressed: int = 0
    baselined: int = 0
    entries: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def exit_code(self, fail_on: str = "error") -> int:
        if self.report.input_error:
            return 2
        threshold = LEVEL_RANK[fail_on]
        return 1 if any(LEVEL_RANK.get(p.level, 2) >= threshold
                        for p in self.report.problems) else 0


@dataclass(frozen=True)
class _Hit:
    rule: str
    level: str
    finding: Finding


def lint_paths(paths: Sequence[Path], *, jobs: int = 0, cwd: Path | None = None,
               today: date | None = None, baseline: Path | None = None) -> LintResult:
    """Lint files and folders, each against the workspace it belongs to."""
    report = validate_paths(paths, jobs=jobs, cwd=cwd, keep_documents=True)
    result = LintResult(report)
    validation = list(report.problems)
    hits: list[_Hit] = []
    for workspace in report.workspaces:
        try:
            config = _config(workspace)
        except ConfigError as e:
            location = e.location or Location(workspace.config_file or CONFIG_FILE)
            validation.append(Problem(location.path, location.line, location.column,
                                      e.message, "config"))
            report.input_error = True
            continue
        try:
            hits.extend(_run_rules(workspace, config, today or date.today()))
        except _RuleFailed as e:
            location = _rule_location(workspace, e.rule)
            validation.append(Problem(location.path, location.line, location.column,
                                      e.message, "config"))
            report.input_error = True

    locations = _locate(hits, report, jobs)

    targets = {d.file: d.path for w in report.workspaces for d in w.documents if d.target}
    suppressions = {file: parse_suppressions(path.read_text(encoding="utf-8-sig"))
                    for file, path in targets.items()}
    used: set[tuple[str, Suppression]] = set()
    kept: list[tuple[_Hit, Location]] = []
    for hit in hits:
        location = locations[(hit.finding.file, hit.finding.path, hit.finding.key)]
        covering = [s for s in suppressions.get(hit.finding.file, [])
                    if s.covers(hit.rule, location.line)]
        if covering:
            used.update((hit.finding.file, s) for s in covering)
            result.suppressed += 1
            continue
        kept.append((hit, location))

    result.entries = [(hit.rule, hit.finding.subject) for hit, _ in kept]
    accepted: Counter[str] = baselines.load(baseline) if baseline is not None else Counter()
    lint_problems = []
    for hit, location in kept:
        fingerprint = baselines.fingerprint(hit.rule, hit.finding.subject)
        if accepted[fingerprint] > 0:
            accepted[fingerprint] -= 1
            result.baselined += 1
            continue
        lint_problems.append(Problem(location.path, location.line, location.column,
                                     hit.finding.message, hit.rule,
                                     json_path(hit.finding.path), hit.level, fingerprint))
    for file, found in sorted(suppressions.items()):
        for suppression in found:
            if (file, suppression) not in used:
                lint_problems.append(_unused(file, suppression))
    report.problems = sorted(set(validation)) + sorted(set(lint_problems))
    return result


_Where = tuple[str, tuple[str | int, ...], bool]


def _locate(hits: Sequence[_Hit], report: Report, jobs: int) -> dict[_Where, Location]:
    """Where each finding is: from the node trees kept in one process, else by reading
    the files with findings again, in workers when there are many."""
    wanted: dict[str, list[_Where]] = {}
    for hit in hits:
        wanted.setdefault(hit.finding.file, []).append(
            (hit.finding.file, hit.finding.path, hit.finding.key))
    loaded = {d.file: d for w in report.workspaces for d in w.documents}
    locations: dict[_Where, Location] = {}
    again = []
    for file, places in wanted.items():
        document = loaded[file].document
        if document is None:
            again.append((loaded[file].path, file, tuple(places)))
            continue
        for where in places:
            locations[where] = document.locate(where[1], key=where[2])
    workers = jobs if jobs > 0 else default_jobs(len(again))
    for found in map_files(_locate_in_file, again, workers):
        locations.update(found)
    return locations


def _locate_in_file(item: tuple[Path, str, tuple[_Where, ...]]) -> dict[_Where, Location]:
    path, file, places = item
    document = load_file(path, display=file)
    return {where: document.locate(where[1], key=where[2]) for where in places}


def _config(workspace: Workspace) -> LintConfig:
    section = workspace.settings.config.get("lint")
    if workspace.root is None or workspace.config_file is None or not section:
        return parse(section, lambda _path: Location(CONFIG_FILE))
    document = load_file(workspace.root / CONFIG_FILE, display=workspace.config_file)
    return parse(section, lambda path: document.locate(path, key=True))


def _run_rules(workspace: Workspace, config: LintConfig, today: date) -> list[_Hit]:
    models = tuple(build(d.kind, d.data, file=d.file) for d in workspace.documents)
    context = Context(models, workspace.settings, today)
    relative = {d.file: _relative(d.path, workspace.root) for d in workspace.documents}
    targets = {d.file for d in workspace.documents if d.target}
    hits = []
    for rule, module in RULES.items():
        if all(config.setting(rule, relative[f]) is None for f in targets):
            continue
        try:
            findings = list(module.check(context, config.rules[rule].options))
        except ConfigError as e:  # an option value the rule cannot use
            raise _RuleFailed(rule, f"rule {rule!r}: {e.message}") from e
        except Exception as e:  # a bug in a rule: say which, never a traceback
            raise _RuleFailed(rule, f"rule {rule!r} failed on this workspace "
                                    f"({type(e).__name__}: {e}); please report it") from e
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


def _relative(path: Path, root: Path | None) -> str:
    if root is None:
        return path.name
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _unused(file: str, suppression: Suppression) -> Problem:
    unknown = sorted((suppression.rules or frozenset()) - set(RULES))
    if unknown:
        message = f"suppression names unknown rule(s): {', '.join(unknown)}"
    else:
        what = ", ".join(sorted(suppression.rules)) if suppression.rules else "any rule"
        message = f"suppression of {what} suppresses nothing here; remove it"
    return Problem(file, suppression.line, suppression.column, message, UNUSED,
                   level="warning")
