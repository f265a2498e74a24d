"""The `cjm` command line. The only module that prints, reads options or exits."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

from cjm import __version__
from cjm.core.cores import MAX_JOBS, usable_cores
from cjm.core.errors import CjmError

if TYPE_CHECKING:
    from cjm.core.workspace import Workspace

app = typer.Typer(
    name="cjm",
    help="Customer journey maps as code: journeys, personas, empathy maps, reality maps and "
    "channel catalogs kept as YAML, checked against their schemas and each other.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class LintFormat(StrEnum):
    text = "text"
    parsable = "parsable"
    json = "json"
    github = "github"
    sarif = "sarif"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


class RenderFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    dot = "dot"
    svg = "svg"
    png = "png"
    mermaid = "mermaid"
    markdown = "markdown"


class Lanes(StrEnum):
    channel = "channel"
    layer = "layer"
    persona = "persona"


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _fail(error: CjmError) -> NoReturn:
    _warn(f"cjm: {error}")
    raise typer.Exit(2)


def _warn(text: str) -> None:
    """Write ``text`` to standard error when there is one that takes it: a message must
    never be what fails (file names shown with their bytes that are not UTF-8 escaped)."""
    from cjm.core.files import printable

    if sys.stderr is None:
        return
    try:
        sys.stderr.write(printable(text) + ("" if text.endswith("\n") else "\n"))
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


@contextmanager
def _reported() -> Iterator[None]:
    """Turn a :class:`CjmError` raised inside a command into its message and exit code 2."""
    try:
        yield
    except CjmError as e:
        _fail(e)


class _OutputFailed(Exception):
    """Standard output could not take the output: full, closed or gone."""

    def __init__(self, error: OSError | None) -> None:
        super().__init__(error)
        self.error = error


def _emit(text: str) -> None:
    """Write ``text`` to standard output now, so that a stream that cannot take it
    (a full disk, a closed descriptor, a reader gone) ends the command cleanly."""
    if sys.stdout is None:
        raise _OutputFailed(None)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as e:
        raise _OutputFailed(e) from e


def _say(line: str) -> None:
    """One line of output; file names in it come with their bytes that are not UTF-8
    escaped (`caf\\xe9.yaml`)."""
    from cjm.core.files import printable

    _emit(printable(line) + "\n")


def _use_colour(mode: ColorMode) -> bool:
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _jobs(requested: int) -> int:
    """``--jobs`` held to the cores there are: more processes than cores only cost memory."""
    if requested <= 0:
        return 0
    return min(requested, usable_cores())


def _refuse_writing_over_maps(targets: list[Path]) -> None:
    """No output replaces a map or a cjm.yaml: a mistyped `-o` must not destroy the input.

    Checked for every target before anything is written.
    """
    from cjm.core.files import printable
    from cjm.core.loading import holds_document

    for target in targets:
        if holds_document(target):
            _fail(
                CjmError(
                    f"{printable(str(target))}: is a cjm document (a map or a cjm.yaml); "
                    "it was not written over: choose another output file"
                )
            )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cjm {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Customer journey maps as code."""


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check (folders are searched recursively). Default: the "
            "current folder.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: github under GitHub Actions, else text.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Worker processes; 0 uses every core for batches large enough to pay. "
            f"At most one per core (and {MAX_JOBS}): a larger N is lowered.",
            show_default=False,
        ),
    ] = 0,
    ignore_unknown: Annotated[
        bool,
        typer.Option(
            "--ignore-unknown",
            help="Skip named files that are not cjm documents instead of "
            "reporting them (for pre-commit, which passes every YAML file).",
        ),
    ] = False,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color", help="Colour the text output. auto honours NO_COLOR and FORCE_COLOR."
        ),
    ] = ColorMode.auto,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing when there is no problem.")
    ] = False,
) -> None:
    """Check maps against their schemas and their workspace.

    Every document is checked against its kind's schema, then every reference (personas,
    channels, findings, pain points) is resolved in the workspace.

    Exit status: 0 no problem, 1 problems found, 2 a file could not be read or the command
    or cjm.yaml is wrong.
    """
    from cjm.present.escape import COLOUR, PLAIN
    from cjm.reporters import REPORTERS
    from cjm.validate import validate_paths

    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = OutputFormat.github if github else OutputFormat.text
    with _reported():
        report = validate_paths(paths or [Path()], jobs=_jobs(jobs), ignore_unknown=ignore_unknown)
    if quiet and not report.problems and output_format is OutputFormat.text:
        raise typer.Exit(0)
    style = COLOUR if _use_colour(color) and output_format is OutputFormat.text else PLAIN
    _emit(REPORTERS[output_format.value](report, style))
    if not quiet:
        _note_stale_schemas(paths or [Path()])
    raise typer.Exit(report.exit_code)


def _note_stale_schemas(paths: list[Path]) -> None:
    """Say when a workspace's editor schemas are not this cjm's: the editor and cjm
    would then disagree about the same file."""
    from cjm.core.kinds import stale_schema_copies
    from cjm.core.workspace import find_root

    roots = {root for path in paths if (root := find_root(path)) is not None}
    for root in sorted(roots):
        folder = stale_schema_copies(root)
        if folder is not None:
            typer.echo(
                f"note: the schemas in {folder} are not this cjm's (your editor checks "
                f"against them): refresh them with `cjm schema --export {folder}`",
                err=True,
            )


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to lint. Default: the current folder.", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        LintFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: github under GitHub Actions, else text.",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at this level or above.")
    ] = FailOn.error,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Leave out the findings recorded in FILE.",
            show_default=False,
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Record today's findings in FILE and exit 0.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Worker processes for loading; 0 uses every core for batches large enough "
            f"to pay. At most one per core (and {MAX_JOBS}): a larger N is lowered.",
            show_default=False,
        ),
    ] = 0,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color", help="Colour the text output. auto honours NO_COLOR and FORCE_COLOR."
        ),
    ] = ColorMode.auto,
) -> None:
    """Check maps against the journey-mapping method.

    Schema and reference problems come first, as `cjm validate` reports them; then the
    rules (`cjm rules` lists them), as configured in the `lint:` section of cjm.yaml.

    Exit status: 0 nothing at or above --fail-on, 1 findings, 2 a file could not be read or
    the command or cjm.yaml is wrong.
    """
    from cjm.core.files import write_atomic
    from cjm.lint import baseline as baselines
    from cjm.lint.engine import lint_paths
    from cjm.present.escape import COLOUR, PLAIN
    from cjm.reporters import REPORTERS

    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = LintFormat.github if github else LintFormat.text
    with _reported():
        if write_baseline is not None:
            _refuse_writing_over_maps([write_baseline])
        result = lint_paths(paths or [Path()], jobs=_jobs(jobs), baseline=baseline)
        if write_baseline is not None:
            if result.report.input_error:
                _emit(REPORTERS["text"](result.report, PLAIN))
                _fail(
                    CjmError(
                        f"{write_baseline}: not written, as some files could not be "
                        "read or cjm.yaml is wrong"
                    )
                )
            write_atomic(write_baseline, baselines.dump(result.entries))
            _say(f"wrote {len(result.entries)} finding(s) to {write_baseline}")
            raise typer.Exit(0)
    result.report.fail_on = fail_on.value
    style = COLOUR if _use_colour(color) and output_format is LintFormat.text else PLAIN
    _emit(REPORTERS[output_format.value](result.report, style))
    raise typer.Exit(result.report.exit_code)


@app.command()
def rules(
    rule: Annotated[
        str | None,
        typer.Argument(help="A rule id, to print its documentation.", show_default=False),
    ] = None,
) -> None:
    """List the lint rules with their default levels, or document one."""
    from cjm.core.suggest import did_you_mean
    from cjm.lint.docs import describe, summary
    from cjm.lint.rules import RULES

    if rule is None:
        for rule_id, module in RULES.items():
            _say(f"{rule_id:<32} {module.DEFAULT_LEVEL:<8} {summary(module)}")
        return
    if rule not in RULES:
        _fail(CjmError(f"unknown rule {rule!r}{did_you_mean(rule, RULES)}; `cjm rules` lists them"))
    _emit(describe(RULES[rule]))


@app.command()
def schema(
    kind: Annotated[
        str | None,
        typer.Argument(
            help="journey, persona, empathy-map, reality-map, channels, config or defs; or diff "
            "and report, the shapes of `cjm diff` and `cjm report --format json`.",
            show_default=False,
        ),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            metavar="DIR",
            help="Write every schema into DIR (for editors and CI).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print a JSON Schema, list them, or export them all.

    Every schema is self-contained (the shared definitions are copied into it), so
    editors and other validators use any one file alone, from any folder, with no network.
    """
    from cjm.core.files import write_atomic
    from cjm.core.kinds import (
        PRINTABLE_SCHEMA_NAMES,
        exported_schemas,
        schema_id,
        schema_text,
    )
    from cjm.core.suggest import did_you_mean

    if export is not None:
        if kind is not None:
            _fail(CjmError("--export writes every schema; give either KIND or --export"))
        files = exported_schemas()
        with _reported():
            for file_name, content in files.items():
                write_atomic(export / file_name, content)
        typer.echo(f"wrote {len(files)} schemas to {export}")
        return
    if kind is None:
        for name in PRINTABLE_SCHEMA_NAMES:
            typer.echo(f"{name:<12} {schema_id(name)}")
        return
    if kind not in PRINTABLE_SCHEMA_NAMES:
        hint = did_you_mean(kind, PRINTABLE_SCHEMA_NAMES) or (
            " (cjm.yaml's schema is `config`)" if kind == "workspace" else ""
        )
        _fail(
            CjmError(
                f"unknown schema {kind!r}{hint}; available: {', '.join(PRINTABLE_SCHEMA_NAMES)}"
            )
        )
    sys.stdout.write(schema_text(kind))


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder of the new workspace.")] = Path(),
    name: Annotated[
        str | None, typer.Option(help="Name of the workspace.", show_default=False)
    ] = None,
    locale: Annotated[str, typer.Option(help="Language of the content, e.g. en or it.")] = "en",
    framework: Annotated[
        str, typer.Option(help="Stage framework of the starter journey.")
    ] = "linear-five",
) -> None:
    """Create a workspace with a starter map and pre-commit.

    Writes cjm.yaml, a channel catalog, a persona, a journey, a .pre-commit-config.yaml and
    the schemas for your editor (.cjm/schemas). Existing files are never overwritten.
    """
    from cjm.core.files import write_atomic
    from cjm.core.kinds import SCHEMA_NAMES, schema_text
    from cjm.scaffold import workspace_files

    if folder.exists() and not folder.is_dir():
        _fail(CjmError(f"{folder}: is a file, not a folder; nothing was written"))
    with _reported():
        files = workspace_files(
            name=name or folder.resolve().name, locale=locale, framework=framework
        )
    existing = [rel for rel in files if (folder / rel).exists()]
    if existing:
        _fail(CjmError(f"{folder}: already has {', '.join(existing)}; nothing was written"))
    with _reported():
        for rel, content in files.items():
            write_atomic(folder / rel, content.encode("utf-8"))
        for schema_name in SCHEMA_NAMES:
            write_atomic(
                folder / ".cjm" / "schemas" / f"{schema_name}.schema.json",
                schema_text(schema_name).encode("utf-8"),
            )
    for rel in files:
        typer.echo(f"created {folder / rel}")
    typer.echo(f"created {folder / '.cjm' / 'schemas'} (schemas for your editor)")
    from cjm.sarif import work_tree

    top = work_tree(folder.resolve())
    if top is not None and top != folder.resolve():
        typer.echo(
            f"note: pre-commit reads .pre-commit-config.yaml only at the top of the git "
            f"repository ({top}): move or merge {folder / '.pre-commit-config.yaml'} there",
            err=True,
        )


@app.command()
def new(
    kind: Annotated[
        str, typer.Argument(help="journey, persona, empathy-map, reality-map or channels.")
    ],
    id_: Annotated[str, typer.Argument(metavar="ID", help="Id of the new document.")],
    framework: Annotated[
        str | None,
        typer.Option(
            help="Stage framework to scaffold a journey from: aida, purchase-funnel, "
            "consumer-decision-journey, linear-five, 5a, see-think-do-care, or one of cjm.yaml.",
            show_default=False,
        ),
    ] = None,
    persona: Annotated[
        str | None,
        typer.Option(
            help="Persona id for a journey or an empathy map (required for an empathy map).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title or name.", show_default=False)] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            help="Language of the labels: en or it (others get English). Default: the workspace's.",
            show_default=False,
        ),
    ] = None,
    workspace: Annotated[
        Path,
        typer.Option(
            "--in",
            help="Any folder of the workspace; the document goes in its kind's folder "
            "under the workspace's cjm.yaml.",
        ),
    ] = Path(),
) -> None:
    """Add a document to the workspace and check it.

    The document goes in the folder of its kind (journeys/, personas/, empathy-maps/,
    research/) next to cjm.yaml, and is validated against the workspace at once: exit
    status 1 when it needs attention (an unknown persona, a duplicate id).
    """
    from cjm.core.errors import ConfigError
    from cjm.core.files import write_atomic
    from cjm.core.loading import load_paths, workspace_settings
    from cjm.core.workspace import find_root
    from cjm.present.escape import PLAIN
    from cjm.reporters import text
    from cjm.scaffold import Surroundings, document, new_path, still_missing, surroundings
    from cjm.validate import validate_paths

    if not workspace.is_dir():
        _fail(CjmError(f"{workspace}: no such folder"))
    root = find_root(workspace)
    if root is None:
        _fail(
            CjmError(
                f"{workspace}: not in a workspace (no cjm.yaml here or above); run `cjm init` first"
            )
        )
    settings, problems = workspace_settings(root, Path.cwd())
    if problems:
        first = problems[0]
        _fail(
            ConfigError(f"{first.message} (run `cjm validate` for every problem)", first.location)
        )
    if kind == "empathy-map" and persona is None:
        _fail(CjmError("an empathy map details a persona: give --persona ID"))
    loaded = load_paths([root], nested=False, keep_documents=True, keep_sources=False)
    around = next((surroundings(w) for w in loaded.workspaces if w.root == root), None)
    with _reported():
        content = document(
            kind,
            id_,
            locale=locale or settings.locale,
            framework=framework,
            frameworks=settings.frameworks,
            persona=persona,
            title=title,
            scale=settings.emotion_scale,
            around=around,
        )
    path = new_path(root, kind, id_)
    if path.exists():
        _fail(CjmError(f"{path}: already exists; nothing was written"))
    with _reported():
        write_atomic(path, content.encode("utf-8"))
    typer.echo(f"created {path}")
    for note in still_missing(kind, around or Surroundings(), persona=persona):
        typer.echo(f"note: {note}")
    report = validate_paths([path], jobs=1)
    if report.problems:
        typer.echo("it needs attention:")
        sys.stdout.write(text(report, PLAIN))
        raise typer.Exit(1)


class ReadingFormat(StrEnum):
    """What `cjm diff` and `cjm report` print: for a terminal, a pull request, tools, a page."""

    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class DiffFailOn(StrEnum):
    never = "never"
    warning = "warning"


class _DiffCommand(TyperCommand):
    """Remembers the arguments after `--`: paths, where those before are revisions."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click Context
        if "--" in args:
            ctx.meta["cjm.diff.paths"] = args[args.index("--") + 1 :]
        return super().parse_args(ctx, args)


@app.command(cls=_DiffCommand)
def diff(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[OLD NEW | REV [REV2] | REV:PATH [PATH]] [-- PATHS]",
            help="Two files or folders; or git revisions (the working tree against REV, or REV "
            "against REV2), optionally limited to PATHS; or a file at a revision, `REV:path`.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReadingFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for a terminal, markdown for a pull-request comment, "
            "json for tools (`cjm schema diff`), html for a page.",
        ),
    ] = ReadingFormat.text,
    fail_on: Annotated[
        DiffFailOn,
        typer.Option(
            "--fail-on",
            help="Exit 1 on an experience regression (an emotion drops, a pain point "
            "appears, a touchpoint loses its only channel) with `warning`.",
        ),
    ] = DiffFailOn.never,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when anything changed, 0 when nothing did (as git diff)."
        ),
    ] = False,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color", help="Colour the text output. auto honours NO_COLOR and FORCE_COLOR."
        ),
    ] = ColorMode.auto,
    git_driver: Annotated[
        bool,
        typer.Option(
            "--git-driver",
            help="Run as git's external diff command for one file (diff.cjm.command"
            "; see the README).",
        ),
    ] = False,
) -> None:
    """Show what changed in the customer's journey between two versions of the maps.

    Items are matched by id: stages, steps and touchpoints added, removed, renamed, moved or
    reordered; emotion scores up or down; pain points added or resolved; channels put in use.
    A change to a persona, the channel catalog or a reality map is shown once, with the
    journeys it affects.

    Exit status: 0, or 1 with --exit-code when anything changed or with --fail-on warning on
    a regression; 2 a file could not be read or is not a valid document, or the command is
    wrong.
    """
    from cjm.core.loading import workspace_settings
    from cjm.core.workspace import find_root
    from cjm.diff.engine import diff_sides
    from cjm.diff.inputs import driver_sides, resolve
    from cjm.diff.outputs import FORMATS

    given = list(args or [])
    after = ctx.meta.get("cjm.diff.paths")
    colour = _use_colour(color) and output_format is ReadingFormat.text
    with _reported():
        cwd = Path.cwd()
        if git_driver:
            from cjm.diff.driver import driver_output

            # git runs the driver at the top of the work tree; the file's workspace decides
            here = cwd / given[0] if given else cwd
            limit = workspace_settings(find_root(here), cwd)[0].max_file_size
            _emit(driver_output(driver_sides(given, max_size=limit), colour=colour))
            return
        # the workspace of what is compared decides (the first path on disk), not the
        # folder cjm runs in
        anchor = next((cwd / arg for arg in given if (cwd / arg).exists()), cwd)
        settings = workspace_settings(find_root(anchor), cwd)[0]
        limit = settings.max_file_size
        if after is not None:
            sides = resolve(given[: len(given) - len(after)], after, cwd=cwd, max_size=limit)
        else:
            sides = resolve(given, None, cwd=cwd, max_size=limit)
        result = diff_sides(
            sides.old,
            sides.new,
            old_label=sides.old_label,
            new_label=sides.new_label,
            explicit=sides.explicit,
            settings=settings,
        )
    _emit(FORMATS[output_format.value](result, colour))
    if (exit_code and result.changes) or (fail_on is DiffFailOn.warning and result.warnings):
        raise typer.Exit(1)


@app.command()
def render(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Documents or workspace folders to render. Default: the current folder.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        RenderFormat,
        typer.Option(
            "--format",
            "-f",
            help="html and pdf for stakeholders; dot, svg and png swimlanes, "
            "mermaid and markdown for the repository.",
        ),
    ] = RenderFormat.html,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder to write into; the files mirror the "
            "documents' paths in their workspace. `-` prints a single text output.",
        ),
    ] = Path("rendered"),
    locale: Annotated[
        str | None,
        typer.Option(
            help="Language of the labels: en or it. Default: the document's, else the "
            "workspace's. Author content is never translated.",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="DIR",
            help="Folder of templates that extend or replace the built-in ones (html and "
            "pdf). They run sandboxed: they read the documents given to them, nothing else.",
            show_default=False,
        ),
    ] = None,
    page_size: Annotated[
        str | None,
        typer.Option(
            "--page-size",
            metavar="SIZE",
            help="PDF page size as in CSS: A3 landscape (the "
            "default), A4, A4 portrait, letter landscape…",
            show_default=False,
        ),
    ] = None,
    lanes: Annotated[
        Lanes | None,
        typer.Option(
            help="Swimlanes of dot, svg, png and mermaid: one per channel (the default when a "
            "journey uses several), per service-blueprint layer, or per persona.",
            show_default=False,
        ),
    ] = None,
    lens: Annotated[
        str | None,
        typer.Option(
            "--lens",
            metavar="FRAMEWORK",
            help="Show each journey's stages through this framework (its own or one of its "
            "`lenses`, e.g. aida): a band over the stage headers (html, pdf, markdown).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Render maps for stakeholders and for the repository.

    Every document asked for is rendered to one file; rendering a folder also writes an
    index page (html). Nothing is rendered from a workspace that does not validate.

    Exit status: 0 rendered, 2 a file could not be read, did not validate, or could not be
    written, a template failed, or a journey has more steps than pdf, svg or png can lay out.
    """
    from cjm.core.files import write_atomic
    from cjm.present.escape import PLAIN
    from cjm.present.locale import from_option
    from cjm.render.outputs import FORMATS, Options
    from cjm.render.plan import plan
    from cjm.render.site import InvalidInput, load_sites
    from cjm.report.html import render_site
    from cjm.reporters import text

    chosen = FORMATS[output_format.value]
    to_stdout = str(out) == "-"
    with _reported():
        options = Options(
            locale=from_option(locale),
            template_dir=template,
            page_size=page_size,
            lanes=lanes.value if lanes else None,
            lens=lens,
        )
        try:
            sites = load_sites(paths or [Path()])
        except InvalidInput as e:
            # on standard error: with `--out -` standard output is the rendered data
            _warn(text(e.report, PLAIN))
            raise
        if lens is not None:
            from cjm.render.lens import unmapped

            for journey in unmapped(sites, lens):
                _warn(
                    f"{journey.file}: journey {journey.id} does not map its stages to "
                    f"{lens}: rendered without the {lens} band"
                )
        planned = plan(
            sites,
            chosen,
            options,
            report_page=lambda site, here: render_site(
                site, locale=here.locale, template_dir=here.template_dir
            ),
        )
        if to_stdout:
            if not chosen.text or len(planned) != 1:
                _fail(
                    CjmError(
                        f"--out - prints one {output_format.value} output; "
                        f"this would make {len(planned)} file(s) of "
                        f"{'binary' if not chosen.text else 'text'} data"
                    )
                )
            content = planned[0].make()
            if content is None:
                _fail(
                    CjmError(
                        f"nothing to render as {output_format.value} in {planned[0].target.stem}"
                    )
                )
            _emit(content.decode("utf-8"))
            return
        _refuse_writing_over_maps([out / p.target for p in planned])
        outputs = [(out / p.target, content) for p in planned if (content := p.make()) is not None]
        if not outputs:
            _fail(
                CjmError(
                    f"nothing to render as {output_format.value} in "
                    f"{', '.join(map(str, paths or [Path()]))}"
                )
            )
        for path, content in outputs:
            write_atomic(path, content)
    for path, _content in outputs:
        _say(f"wrote {path}")


@app.command()
def report(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Documents or workspace folders to report on. Default: the current folder.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReadingFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for the terminal, markdown for a pull request or wiki, "
            "json for a dashboard (`cjm schema report` describes it), html for stakeholders.",
        ),
    ] = ReadingFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE instead of standard output.",
            show_default=False,
        ),
    ] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            help="Language of the labels: en or it. Default: the workspace's. Author content is "
            "never translated.",
            show_default=False,
        ),
    ] = None,
    lens: Annotated[
        str | None,
        typer.Option(
            metavar="FRAMEWORK",
            help="Compare the personas' journeys through this framework: stages meet by the "
            "stage of it they map (`lenses`, or `framework_stage` for a journey's own "
            "framework), in its order. Journeys that do not map it are left out.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Analyse journeys across channels and personas.

    Channel coverage per stage, where the journey branches, hand-offs between
    channels along its paths, the funnel, the lowest moments and pain points, the
    moments of truth and distinctive moments, what each touchpoint owner holds, how
    persona lines compare (by segment too, and through another framework with
    --lens) and the prevailing journey model, and what each future state changes
    against the current one.

    Exit status: 0 reported, 2 a file could not be read, did not validate, or the
    output could not be written.
    """
    from cjm.core.files import write_atomic
    from cjm.present.escape import PLAIN
    from cjm.present.locale import from_option
    from cjm.render.site import InvalidInput, load_sites
    from cjm.report.analysis import report as analyse
    from cjm.report.formats import formatter
    from cjm.reporters import text

    with _reported():
        locale = from_option(locale)
        try:
            sites = load_sites(paths or [Path()])
        except InvalidInput as e:
            # on standard error: standard output is for the report (piped into jq, say)
            _warn(text(e.report, PLAIN))
            _fail(
                CjmError(
                    f"no report was made: {e.errors} problem(s) to fix first (listed "
                    "above; `cjm validate` checks them)"
                )
            )
        if not sites:
            _fail(
                CjmError(f"no documents to report on in {', '.join(map(str, paths or [Path()]))}")
            )
        to_stdout = output is None or str(output) == "-"
        if output is not None and not to_stdout:
            _refuse_writing_over_maps([output])
        if lens is not None:
            _known_lens(sites, lens)
        data = analyse(sites, lens=lens)
        content = formatter(output_format.value)(data, locale)
        if output is None or to_stdout:
            _emit(content)
            return
        write_atomic(output, content.encode("utf-8"))
    _warn(f"wrote {output}")


def _known_lens(sites: Sequence[Workspace], lens: str) -> None:
    """Stop with a usage error when no workspace knows the framework ``lens``, or when
    none of the journeys the personas are compared by maps it."""
    from cjm.core import lenses

    try:
        lenses.require_known(lens, (f for site in sites for f in site.settings.frameworks))
        lenses.require_mapped(lens, [j for site in sites for j in site.journeys if j.personas])
    except CjmError as error:
        _fail(error)


def main() -> None:
    """Entry point of the `cjm` command."""
    _forgiving_streams()
    code = _run()
    if code == EXIT_INTERRUPTED:
        # at once: the interpreter's own exit would wait for worker processes that Ctrl-C
        # stopped half way, and could wait for ever
        with suppress(OSError, ValueError, AttributeError):
            sys.stdout.flush()
        os._exit(code)
    sys.exit(code)


EXIT_INTERRUPTED = 130


def _run() -> int:
    """Run the command and turn what ends it into an exit status.

    Whatever happens to the streams ends with one line on standard error (when it is
    usable) rather than a traceback: a full disk or a closed standard output is exit
    status 2, Ctrl-C is 130 ("interrupted"), and a reader that went away (`| head`) ends
    cjm quietly, as it ends `cat`.
    """
    try:
        try:
            app(prog_name="cjm")
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else int(e.code is not None)
        if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C in a command into this status
            raise KeyboardInterrupt
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        _warn("cjm: interrupted")
        return EXIT_INTERRUPTED
    except _OutputFailed as e:
        return _output_failed(e.error)
    except OSError as e:  # the final flush, or an echo of a command that writes with typer
        return _output_failed(e)


def _output_failed(error: OSError | None) -> int:
    """Exit status after standard output failed, its unwritten rest dropped for good."""
    _drop_stdout()
    if isinstance(error, BrokenPipeError):
        return EXIT_BROKEN_PIPE
    if error is None or error.errno == errno.EBADF:
        _warn("cjm: cannot write the output: standard output is closed")
    else:
        _warn(f"cjm: cannot write the output: {error.strerror or error}")
    return 2


EXIT_BROKEN_PIPE = 141
"""As a shell reports a command ended by SIGPIPE (128 + 13)."""


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that what is still buffered is not tried
    again (and failing again) when Python exits."""
    if sys.stdout is None:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        sys.stdout = None


def _forgiving_streams() -> None:
    """Characters the terminal's encoding lacks (`PYTHONIOENCODING=ascii`, an old
    console) are written escaped instead of ending the command."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
