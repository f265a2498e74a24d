"""The output formats of `cjm render` and where each rendered document goes."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from cjm.core.model import Document
from cjm.present.locale import resolve
from cjm.render.site import Site


@dataclass(frozen=True)
class Options:
    """What the user chose on the command line (None: the document's or workspace's)."""

    locale: str | None = None
    template_dir: Path | None = None
    page_size: str | None = None
    lanes: str | None = None
    lens: str | None = None  # a framework to show the journeys' stages through

    def for_workspace(self, site: Site) -> Options:
        """These options, with the workspace's `render:` defaults where none was chosen."""
        defaults = site.settings.render
        template = self.template_dir
        if template is None and defaults.template is not None and site.root is not None:
            template = site.root / defaults.template
        return Options(
            locale=self.locale,
            template_dir=template,
            page_size=self.page_size or defaults.page_size,
            lanes=self.lanes or defaults.lanes,
            lens=self.lens,
        )


class Renderer(Protocol):
    def __call__(self, site: Site, document: Document, options: Options, /) -> bytes | None:
        """The rendered document, or None when the format has nothing to show for its kind."""


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    module: str
    function: str = "render"
    text: bool = True  # printable on standard output
    max_steps: int | None = None  # the largest journey laid out in reasonable time
    layout: str = ""  # what lays it out, for the message refusing a larger journey

    def renderer(self) -> Renderer:
        module = importlib.import_module(f"cjm.render.{self.module}")
        function: Renderer = getattr(module, self.function)
        return function


# Measured on 2 idle cores with a step of touchpoint, pain point and hand-off note:
# WeasyPrint takes 0.03 s a step (500 steps: 15 s, 1,000: 29 s), Graphviz grows
# faster than the steps (500: 5 s, 1,000: 33 s; a busy machine is several times slower).
# HTML, DOT, Mermaid and Markdown are linear and have no limit (20,000 steps of HTML: 8 s).
PDF_STEPS = 1_000
GRAPHVIZ_STEPS = 1_000

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", ".html", "html"),
        Format("pdf", ".pdf", "pdf", text=False, max_steps=PDF_STEPS, layout="the PDF"),
        Format("dot", ".dot", "dot"),
        Format("svg", ".svg", "dot", "render_svg", max_steps=GRAPHVIZ_STEPS, layout="Graphviz"),
        Format(
            "png",
            ".png",
            "dot",
            "render_png",
            text=False,
            max_steps=GRAPHVIZ_STEPS,
            layout="Graphviz",
        ),
        Format("mermaid", ".mmd", "mermaid"),
        Format("markdown", ".md", "markdown"),
    )
}


@dataclass(frozen=True)
class Planned:
    """One output file: where it goes (relative to the output folder) and how it is made."""

    target: PurePosixPath
    make: Callable[[], bytes | None]


def site_prefixes(sites: list[Site]) -> list[str]:
    """One sub-folder per workspace when several are rendered at once, else none."""
    if len(sites) < 2:
        return [""] * len(sites)
    names: list[str] = []
    for site in sites:
        base = site.root.name if site.root is not None else "documents"
        name, n = base, 2
        while name in names:
            name, n = f"{base}-{n}", n + 1
        names.append(name)
    return names


def locale_of(site: Site, document: Document, options: Options) -> str:
    """The labels' language: --locale, else the document's `locale`, else the workspace's."""
    return resolve(options.locale, document.locale, site.locale)
