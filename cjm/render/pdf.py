"""`cjm render --format pdf`: the HTML page laid out for print by WeasyPrint.

The PDF comes from the same page as the HTML output, with its print
stylesheet: A3 landscape unless told otherwise, title and state in the page
header, the date and "page x of y" in the footer, and the journey grid split
between pages by stage (a stage with more steps than fit a page continues on
the next, never cutting a cell). WeasyPrint fetches nothing from the network
and no file outside the workspace, and the output is byte-identical for the
same input (no wall-clock date; SOURCE_DATE_EPOCH, when set, is the date shown).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cjm.core.errors import UsageError
from cjm.core.model import Document
from cjm.render.outputs import Options
from cjm.render.site import Site

DEFAULT_PAGE = "A3 landscape"
SIDE_MARGINS_MM = 20  # the print stylesheet's left and right page margins together
LANE_COLUMN_MM = 28
STEP_COLUMN_MM = 60

# width by height in millimetres, portrait
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a2": (420, 594),
    "a3": (297, 420),
    "a4": (210, 297),
    "a5": (148, 210),
    "b4": (250, 353),
    "b5": (176, 250),
    "letter": (215.9, 279.4),
    "legal": (215.9, 355.6),
    "ledger": (279.4, 431.8),
}
_UNITS_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_LENGTH = re.compile(r"^(\d+(?:\.\d+)?)(mm|cm|in|pt)$")


@dataclass(frozen=True)
class PageSize:
    css: str  # the value of @page's `size`
    width_mm: float

    @property
    def steps_per_part(self) -> int:
        """How many step columns fit across the page beside the lane headers."""
        room = self.width_mm - SIDE_MARGINS_MM - LANE_COLUMN_MM - 2
        return max(1, int(room // STEP_COLUMN_MM))


def page_size(text: str | None) -> PageSize:
    """Read a page size as CSS writes it: `A4`, `A3 landscape`, `letter portrait`,
    `420mm 297mm`. Anything else is refused (it goes into the stylesheet)."""
    words = (text or DEFAULT_PAGE).strip().lower().split()
    orientation = None
    if words and words[-1] in ("landscape", "portrait"):
        orientation = words.pop()
    if len(words) == 1 and words[0] in PAGE_SIZES:
        width, height = PAGE_SIZES[words[0]]
        if orientation == "landscape":
            width, height = height, width
        css = words[0].upper() if words[0][0] in "ab" else words[0]
        return PageSize(f"{css} {orientation}" if orientation else css, width)
    lengths = [_LENGTH.match(w) for w in words]
    if orientation is None and len(words) == 2 and all(lengths):
        width = float(lengths[0][1]) * _UNITS_MM[lengths[0][2]]  # type: ignore[index]
        return PageSize(" ".join(words), width)
    raise UsageError(
        f"unknown page size {text!r}: use A3, A4, A5, B4, B5, letter, legal or "
        "ledger, optionally followed by landscape or portrait, or two lengths "
        "such as `420mm 297mm`"
    )


def render(site: Site, document: Document, options: Options) -> bytes:
    """The PDF of ``document``."""
    from cjm.render.html import page, source_date

    size = page_size(options.page_size)
    html = page(
        site,
        document,
        options,
        steps_per_part=size.steps_per_part,
        page_size=size.css,
        print_date=source_date(),
    )
    return pdf_from_html(html, root=site.root or Path(document.file).parent)


def pdf_from_html(html: str, *, root: Path) -> bytes:
    """Lay ``html`` out with WeasyPrint, letting it read only files under ``root``."""
    import weasyprint

    fetcher = local_fetcher(root)
    quiet = logging.getLogger("weasyprint")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a refused fetch is expected, not news
    try:
        document = weasyprint.HTML(
            string=html, base_url=root.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render()
        pdf: bytes = document.write_pdf(pdf_identifier=b"cjm")
    finally:
        quiet.setLevel(level)
    return pdf


def local_fetcher(root: Path) -> Any:
    """A WeasyPrint URL fetcher for inline data and files under ``root``; it refuses
    every other URL, and records what it refused in ``.refused``."""
    from weasyprint.urls import URLFetcher

    base = root.resolve()

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        refused: list[str]

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_relative_to(base) and path.is_file():
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(
                f"not fetched: {url} (cjm reads no network and no file outside the workspace)"
            )

    fetcher = LocalFetcher(allowed_protocols=("data", "file"), timeout=1)
    fetcher.refused = []
    return fetcher
