"""What every HTML page of cjm shares: the templates, their filters, and links between pages.

The pages come from the Jinja2 templates in `templates/` (`*.html.j2`, with
autoescape on, so every author string is escaped, and shown without control
characters). A team's `--template DIR` is searched first; its templates may
extend the built-in ones by their `cjm/` name, e.g.
``{% extends "cjm/journey.html.j2" %}``. Render's pages and the report page are
both made here, so neither output needs the other.

A team's templates are code that arrives with a repository, so every template
runs in Jinja2's sandbox: it reads the documents it is given and nothing else
(no Python internals, no files, no processes), and a template that fails for any
reason is a :class:`TemplateError` naming its file and line, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import operator
import posixpath
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import jinja2.filters
import jinja2.sandbox
from markupsafe import Markup

from cjm.core.errors import CjmError, UsageError
from cjm.core.model import Document
from cjm.core.workspace import Workspace
from cjm.present import marks, numbers
from cjm.present.escape import printable

REPORT_PAGE = "report.html"  # written next to index.html: the `cjm report` of the workspace


class TemplateError(CjmError):
    """A template of --template could not be read or failed."""


MAX_RANGE = 1_000_000  # a template's range(): every column of the largest journey, not more
MAX_POWER_BITS = 4096  # a template's `**`: figures, not numbers that take minutes to compute
MAX_REPEAT = 10_000_000  # a template's `*` on text or a list: a page, not gigabytes
MAX_PAGE = 256 * 1024 * 1024  # characters of one page: ten times the largest journey's
TEAM_TEMPLATE_SECONDS = 120  # a team template's time for one page, loops and all


class Sandbox(jinja2.sandbox.SandboxedEnvironment):
    """Jinja2's sandbox, also bounding what one expression can make: a team template
    that computes ``10 ** 10 ** 10`` or ``"x" * 10 ** 12`` fails at once, by name."""

    intercepted_binops = frozenset({"**", "*", "%"})

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(obj, jinja2.runtime.Macro) and obj is not _range:
            _bound_arguments((*args, *kwargs.values()))
        return super().call(context, obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        owner = getattr(value, "__self__", None)  # "{:>999999999}".format(...)
        if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map"):
            _bound_arguments((owner,))
        return super().wrap_str_format(value)

    def call_binop(
        self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any
    ) -> Any:
        if operator_name == "**":
            _bound_power(left, right)
            return operator.pow(left, right)
        if operator_name == "*":
            _bound_repeat(left, right)
        if operator_name == "%" and isinstance(left, str):
            _bound_format(left, right)
        return super().call_binop(context, operator_name, left, right)


def _bound_power(base: Any, exponent: Any) -> None:
    if (
        isinstance(base, int)
        and isinstance(exponent, int)
        and max(abs(base), 2).bit_length() * exponent > MAX_POWER_BITS
    ):
        raise jinja2.exceptions.SecurityError("this power is too large a number for a page")


def _bound_format(template: str, values: Any) -> None:
    """``"%99999999d" % 1`` and ``"%*d" % (10**9, 1)``: a width no page needs."""
    _bound_arguments((template,))
    if "*" in template:
        _bound_arguments(values if isinstance(values, tuple) else (values,))


def _bound_repeat(left: Any, right: Any) -> None:
    for sequence, times in ((left, right), (right, left)):
        if (
            isinstance(sequence, str | list | tuple)
            and isinstance(times, int)
            and len(sequence) * times > MAX_REPEAT
        ):
            raise jinja2.exceptions.SecurityError(
                f"repeating {len(sequence):,} items {times:,} times is too large for a page"
            )


_WIDE_FORMAT = re.compile(r"(?:%|\{[^{}]*:)[^a-zA-Z%{}]*?\d{8}")
"""A `%` or `{:}` format whose width or precision has eight digits or more."""


def _bound_arguments(arguments: tuple[Any, ...]) -> None:
    """Refuse what would make one value larger than a page: ``center(10**9)``, a
    ``"%999999999d"`` format."""
    for argument in arguments:
        if isinstance(argument, int) and not isinstance(argument, bool):
            if abs(argument) > MAX_REPEAT:
                raise jinja2.exceptions.SecurityError(
                    f"{numbers.number(argument)} is too large a size for a page"
                )
        elif isinstance(argument, str) and _WIDE_FORMAT.search(argument):
            raise jinja2.exceptions.SecurityError("this format is too wide for a page")


def _bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose arguments are bounded as the sandbox bounds calls (Jinja2 calls
    filters directly, not through the sandbox)."""

    @functools.wraps(function)  # keeps Jinja2's pass_context and pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _bound_arguments((*args, *kwargs.values()))
        return function(*args, **kwargs)

    return bounded


def _range(*bounds: int) -> range:
    """range() for templates, as long as a page can use."""
    numbers = range(*bounds)
    if len(numbers) > MAX_RANGE:
        raise jinja2.exceptions.SecurityError(
            f"a range of {len(numbers):,} numbers is more than a page can use"
        )
    return numbers


@cache
def environment(template_dir: Path | None) -> jinja2.Environment:
    builtin = jinja2.PackageLoader("cjm.templates", ".")
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError(
                f"{template_dir}: not a folder of templates (from --template, or from "
                "render.template in cjm.yaml)"
            )
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders += [jinja2.PrefixLoader({"cjm": builtin}), builtin]
    env = Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html.j2", "html", "svg.j2"]),
        finalize=_shown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = numbers.number
    env.filters["percent"] = numbers.percent
    env.filters["score"] = numbers.score
    env.filters["css_string"] = css_string
    for name in jinja2.filters.FILTERS:  # cjm's own filters format any figure
        env.filters[name] = _bounded_filter(env.filters[name])
    env.globals["range"] = _range
    env.globals["moment_marks"] = marks.MOMENT_MARKS
    env.globals["path_marks"] = marks.PATH_MARKS
    env.globals["end_mark"] = marks.END_MARK
    return env


def _shown(value: Any) -> Any:
    """What a template prints of a value: author text without control characters."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


def render_template(
    name: str, context: Mapping[str, Any], *, template_dir: Path | None = None
) -> str:
    """A page from the templates (a team's --template first); a failing template is a
    TemplateError."""
    env = environment(template_dir)
    try:
        with _time_limit(TEAM_TEMPLATE_SECONDS if template_dir is not None else None):
            return _bounded_page(env.get_template(name).generate(context))
    except CjmError:
        raise
    except jinja2.TemplateSyntaxError as e:
        where = f"{e.filename or e.name or name}:{e.lineno}" if e.lineno else name
        raise TemplateError(f"{where}: template error: {e.message}") from e
    except RecursionError as e:
        raise TemplateError(
            f"{_where(e, name, template_dir)}: template error: the template leads back to "
            "itself without end (an extends, include, import or macro call)"
        ) from e
    except Exception as e:  # a template is a program: whatever it raises is its error
        raise TemplateError(
            f"{_where(e, name, template_dir)}: template error: {_described(e)}"
        ) from e


def _bounded_page(chunks: Iterator[str]) -> str:
    """The page the chunks make, refused once it passes :data:`MAX_PAGE` characters."""
    page: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_PAGE:
            raise jinja2.exceptions.SecurityError(
                f"the page passed {numbers.number(MAX_PAGE)} characters"
            )
        page.append(chunk)
    return "".join(page)


@contextlib.contextmanager
def _time_limit(seconds: int | None) -> Iterator[None]:
    """Stop a template still running after ``seconds`` (a loop of loops), where a timer
    can interrupt it: in the main thread, on systems with SIGALRM."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise jinja2.exceptions.SecurityError(
            f"the page took longer than {seconds} seconds to make"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(error: BaseException, name: str, template_dir: Path | None) -> str:
    """``file:line`` of the innermost template line that was running when ``error``
    happened (Jinja2 puts the template's lines in the traceback), else the template name."""
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):
        if frame.filename.endswith(TEMPLATE_SUFFIXES) and frame.lineno:
            return f"{_shown_path(frame.filename)}:{frame.lineno}"
    filename = getattr(error, "filename", None)
    if isinstance(filename, str):
        return _shown_path(filename)
    if template_dir is not None and (template_dir / name).is_file():
        return str(template_dir / name)  # failed before a line ran: not readable as a template
    return name


TEMPLATE_SUFFIXES = (".j2", ".html", ".svg", ".jinja", ".jinja2")


def _shown_path(filename: str) -> str:
    """A built-in template by its `cjm/` name; a team's by the path it was found at."""
    path = Path(filename)
    builtin = _builtin_folder()
    if builtin is not None and path.parent == builtin:
        return f"cjm/{path.name}"
    return filename


@cache
def _builtin_folder() -> Path | None:
    from importlib import resources

    try:
        return Path(str(resources.files("cjm.templates")))
    except (ModuleNotFoundError, TypeError):
        return None


_DESCRIPTIONS: dict[type[BaseException], Callable[[BaseException], str]] = {
    ZeroDivisionError: lambda e: "division by zero",
    RecursionError: lambda e: "recursion too deep",
    MemoryError: lambda e: "out of memory",
    UnicodeDecodeError: lambda e: "the template is not UTF-8 text",
}


def _described(error: BaseException) -> str:
    """The error as one line a template author can act on."""
    for kind, describe in _DESCRIPTIONS.items():
        if isinstance(error, kind):
            return describe(error)
    text = str(error).strip().splitlines()
    detail = text[0] if text else ""
    if isinstance(error, jinja2.TemplateError):
        return detail or type(error).__name__
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


@dataclass
class Links:
    """Relative links from one page to the other pages of the same render."""

    site: Workspace
    here: str
    _pages: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._pages = {
            d.id: output_name(self.site, d, ".html").as_posix() for d in self.site.rendered
        }

    def to(self, document_id: str, anchor: str = "") -> str | None:
        """The link to a document's page (and an item on it), None when it is not rendered."""
        target = self._pages.get(document_id)
        if target is None:
            return None
        if target == self.here:
            return f"#{anchor}" if anchor else "#"
        relative = _url_path(posixpath.relpath(target, posixpath.dirname(self.here) or "."))
        return f"{relative}#{anchor}" if anchor else relative

    def finding(self, finding_id: str) -> str | None:
        for reality_map in self.site.reality_maps:
            if any(f.id == finding_id for f in reality_map.findings):
                return self.to(reality_map.id, f"finding-{finding_id}")
        return None

    def evidence(self, evidence_id: str) -> str | None:
        """The link to a finding, else to an assumption, that evidence cites."""
        found = self.finding(evidence_id)
        if found is not None:
            return found
        for reality_map in self.site.reality_maps:
            if any(a.id == evidence_id for a in reality_map.assumptions):
                return self.to(reality_map.id, f"assumption-{evidence_id}")
        return None


def _url_path(path: str) -> str:
    """``path`` with the bytes of a file name that is not UTF-8 (kept by Python as lone
    surrogates) written as `%E9`, the byte the browser must ask for."""
    return _NOT_UTF8.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", path)


_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def css_string(value: object) -> Markup:
    """A CSS string literal that no content can break out of."""
    text = str(value)
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;-_()/" else f"\\{ord(ch):06x}" for ch in text
    )
    return Markup(f'"{escaped}"')


def output_name(
    site: Workspace, document: Document, suffix: str, *, prefix: str = ""
) -> PurePosixPath:
    """The document's path in the workspace, with the format's suffix: `journeys/x.html`."""
    relative = PurePosixPath(site.relative.get(document.file, PurePosixPath(document.file).name))
    name = relative.with_suffix(suffix)
    return PurePosixPath(prefix) / name if prefix else name
