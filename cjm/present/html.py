"""What every HTML page of cjm shares: the templates, their filters, and links between pages.

The pages come from the Jinja2 templates in `templates/` (`*.html.j2`, with
autoescape on, so every author string is escaped, and shown without control
characters). A team's `--template DIR` is searched first; its templates may
extend the built-in ones by their `cjm/` name, e.g.
``{% extends "cjm/journey.html.j2" %}``. Render's pages and the report page are
both made here, so neither output needs the other.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from markupsafe import Markup

from cjm.core.errors import CjmError, UsageError
from cjm.core.model import Document
from cjm.core.workspace import Workspace
from cjm.present import numbers
from cjm.present.escape import printable

REPORT_PAGE = "report.html"  # written next to index.html: the `cjm report` of the workspace


class TemplateError(CjmError):
    """A template of --template could not be read or failed."""


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
    env = jinja2.Environment(
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
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as e:
        where = f"{e.filename or e.name}:{e.lineno}: " if e.lineno else ""
        raise TemplateError(f"{where}template error: {e.message}") from e
    except jinja2.TemplateError as e:
        raise TemplateError(f"template {name}: {e}") from e


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
