"""The writers behind a sheet job (brochure/job.py): each target from one presentation and one set of charts.

``run_job`` is what a build worker runs on a sheet the main process prepared (parsed, linted,
guarded); the main process never imports WeasyPrint or matplotlib (a no-op build stays light).
"""

from __future__ import annotations

import logging
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Sheet

if TYPE_CHECKING:
    from .job import Prepared, SheetJob

log = logging.getLogger("brochure")
FORMATS = ("pdf", "docx")  # what a plain `invoke build` writes
EDITIONS = ("print", "booklet", "summary", "archive")  # `--edition NAME` or `--edition all`
TARGETS = FORMATS + EDITIONS
SUMMARY_PAGES = 2
SUMMARY_CUTS = 5  # shortening levels of the leaflet, applied in order (see layouts/summary.html.j2)


def extension(target: str) -> str:
    return "docx" if target == "docx" else "pdf"


def sheet_outputs(
    sheet: Sheet,
    problems: int = 0,
    lang: str = "fr",
    formats: Sequence[str] = FORMATS,
    source: bytes | None = None,
    brand: str | None = None,
) -> dict[str, bytes]:
    """One sheet in memory -> the bytes of each target (``output/<target>/<slug>.<pdf|docx>``).

    ``problems``: its editorial errors (a draft when > 0); ``source``: the YAML attached to the
    archive edition (default: the sheet dumped); ``brand``: a folder of layouts/brands/."""
    from .job import SheetJob, prepared_sheet

    return SheetJob(prepared_sheet(sheet, problems, source), lang, brand).outputs(formats)


def write_target(job: SheetJob, target: str) -> bytes:
    """One target of a sheet job, from its one presentation and its one set of charts."""
    from . import docx_writer

    slug = job.prepared.slug
    if target == "docx":
        log.info("%s: Step 4 - Writing DOCX", slug)
        return docx_writer.write_docx(job.brochure, job.figures(png=True).png)
    return _pdf_edition(job.brochure.for_edition(target), job.figures(target=target).parts, job.prepared.source)


def _pdf_edition(brochure, svgs: dict[str, list[bytes]], source: bytes | None) -> bytes:
    from . import editions, pdf, render_html

    slug, edition = brochure.sheet.slug, brochure.edition
    log.info("%s: Step 2 - Rendering HTML (%s)", slug, edition)
    if edition == "summary":
        return _summary(brochure, svgs)
    document = pdf.lay_out(render_html.brochure_html(brochure, svgs))
    log.info("%s: Step 3 - Typesetting PDF (%s)", slug, edition)
    if edition == "archive":
        attachment = (f"{slug}.yaml", source or b"")
        return pdf.write_document(document, brochure.date, variant="pdf/a-3a", attachment=attachment)
    written = pdf.write_document(document, brochure.date, tagged=edition != "booklet")
    if edition == "print":
        return editions.set_bleed_box(written)
    if edition == "booklet":
        return editions.impose_booklet(written)
    return written


def _summary(brochure, svgs: dict[str, list[bytes]]) -> bytes:
    """The leaflet at the first shortening level that fits on two pages."""
    from . import pdf, render_html

    for cut in range(SUMMARY_CUTS):
        document = pdf.lay_out(render_html.brochure_html(brochure, svgs, "summary.html.j2", cut=cut))
        if len(document.pages) <= SUMMARY_PAGES:
            log.info("%s: Step 3 - Typesetting PDF (summary, shortening level %d)", brochure.sheet.slug, cut)
            return pdf.write_document(document, brochure.date)
    raise pdf.RenderError(f"the summary of {brochure.sheet.slug} does not fit on {SUMMARY_PAGES} pages even shortened")


def render_pdf(sheet: Sheet, problems: int = 0, lang: str = "fr") -> bytes:
    """One sheet -> PDF bytes."""
    return sheet_outputs(sheet, problems, lang, ("pdf",))["pdf"]


@dataclass
class JobResult:
    """What a worker sends back: the outputs, or why there are none."""

    slug: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    errors: int = 0  # editorial errors: the sheet was built as a draft
    seconds: float | None = 0.0  # None: unknown (the worker died before it could say)
    failure: str = ""
    peak_rss_mb: float = 0.0
    notices: tuple[str, ...] = ()  # see brochure/notices.py: shown once per build


def run_job(prepared: Prepared, formats: Sequence[str], lang: str = "fr", brand: str | None = None) -> JobResult:
    """What a build worker runs: the targets of one sheet that the main process prepared."""
    from . import notices
    from .job import SheetJob

    notices.take()  # a previous job's notices were sent with it
    start = time.perf_counter()
    log.info("%s: Step 1 - Presenting and drawing charts", prepared.slug)
    try:
        outputs = SheetJob(prepared, lang, brand).outputs(formats)
    except Exception as exc:  # a failed render reports the time it took, like a success
        return JobResult(prepared.slug, failure=failure(exc), seconds=time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return JobResult(
        prepared.slug, outputs, prepared.errors, time.perf_counter() - start, peak_rss_mb=peak, notices=notices.take()
    )


def failure(exc: BaseException) -> str:
    """How a sheet's failure reads in the build summary."""
    return f"{type(exc).__name__}: {exc}"
