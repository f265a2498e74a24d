"""Which files `cjm render` makes, and from what."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import PurePosixPath

from cjm.core.errors import CjmError
from cjm.core.model import Document, Journey
from cjm.present.html import REPORT_PAGE, output_name
from cjm.render.outputs import Format, Options, Planned, site_prefixes
from cjm.render.site import Site

PageMaker = Callable[[Site, Options], bytes]


def plan(
    sites: list[Site],
    chosen: Format,
    options: Options,
    *,
    report_page: PageMaker | None = None,
) -> list[Planned]:
    """Every output file of rendering ``sites`` as ``chosen``, in a stable order.

    A rendered folder also gets an HTML index page linking its documents, and next to
    it the page that ``report_page`` makes of the workspace (the caller's: the report
    page of `cjm report --format html`).
    """
    renderer = chosen.renderer()
    planned: list[Planned] = []
    for site, prefix in zip(sites, site_prefixes(sites), strict=True):
        here = options.for_workspace(site)
        for document in site.rendered:
            _refuse_too_large(document, chosen)
            target = output_name(site, document, chosen.suffix, prefix=prefix)
            planned.append(Planned(target, partial(renderer, site, document, here)))
        if chosen.name == "html" and site.folder_given:
            from cjm.render.html import render_index

            index = PurePosixPath(prefix, "index.html")
            planned.append(Planned(index, partial(render_index, site, here)))
            if report_page is not None:
                report = PurePosixPath(prefix, REPORT_PAGE)
                planned.append(Planned(report, partial(report_page, site, here)))
    _refuse_clashes(planned)
    return planned


def _refuse_too_large(document: Document, chosen: Format) -> None:
    """A journey larger than the format can lay out in reasonable time is refused before
    anything is rendered, naming the limit (PDF and Graphviz slow down with every step;
    HTML does not)."""
    if chosen.max_steps is None or not isinstance(document, Journey):
        return
    steps = len(document.steps)
    if steps > chosen.max_steps:
        raise CjmError(
            f"{document.file}: {steps:,} steps is more than {chosen.layout} can lay out "
            f"(limit {chosen.max_steps:,}); render HTML, or split the journey"
        )


def _refuse_clashes(planned: list[Planned]) -> None:
    """Two outputs with one name would overwrite each other: say so before writing any.

    `journeys/a.yaml` and `journeys/a.yml` both make `journeys/a.html`, and a document
    called `index.yaml` or `report.yaml` next to `cjm.yaml` would take the place of the
    index or report page.
    """
    seen: set[PurePosixPath] = set()
    for item in planned:
        if item.target in seen:
            raise CjmError(
                f"two outputs would be written to {item.target}: rename one of "
                "the documents (or render it on its own)"
            )
        seen.add(item.target)
