"""The writers behind a sheet job (brochure/build/job.py): each target from one presentation and one set of charts.

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

from brochure.model.sheet import Sheet

if TYPE_CHECKING:
    from brochure.build.job import Frame, Prepared, SheetJob
    from brochure.present.chartcache import ChartCache

log = logging.getLogger("brochure")
FORMATS = ("pdf", "docx")  # what a plain `invoke build` writes
EDITIONS = ("print", "booklet", "summary", "archive", "web")  # `--edition NAME` or `--edition all`
# The archive is the screen PDF's pages as PDF/A-3a with the source attached: the same HTML, so one layout
# serves both (job.SheetJob.lay_out) and a build runs the two in one task (build.tasks).
SAME_PAGES = {"archive": "pdf"}
TARGETS = FORMATS + EDITIONS
WEB_DOWNLOADS = ("pdf", "docx", "summary")  # what a web page links to: `--edition web` builds them too
SUMMARY_PAGES = 2
SUMMARY_CUTS = 5  # shortening levels of the leaflet, applied in order (see layouts/summary.html.j2)
# Below level 0, the recto's richer levels: -n shows 2 + n bullets a theme. A sheet of few themes starts there
# (at most SUMMARY_BULLETS bullets in all, 6 a theme), so the leaflet is not two-thirds empty with 3 themes.
SUMMARY_BULLETS, SUMMARY_RICHEST = 20, -4


def extension(target: str) -> str:
    return {"docx": "docx", "web": "html"}.get(target, "pdf")


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
    from brochure.build.job import SheetJob, prepared_sheet

    return SheetJob(prepared_sheet(sheet, problems, source), lang, brand).outputs(formats)


def write_target(job: SheetJob, target: str, frame: Frame | None = None) -> bytes:
    """One target of a sheet job, from its one presentation and its one set of charts; ``frame``: the
    PDF's pages as part of a larger document (a counselor's pack)."""
    from brochure.render.docx import writer as docx_writer

    slug = job.prepared.slug
    if target == "docx":
        log.info("%s: Step 4 - Writing DOCX", slug)
        return docx_writer.write_docx(job.brochure, charts_for(job, target).png)
    if target == "web":
        from brochure.render.web import site as web

        log.info("%s: Step 2 - Rendering HTML (web)", slug)
        return web.page_html(job.brochure.for_edition(target), charts_for(job, target).svg)
    charts = charts_for(job, target).parts  # at the widths the edition prints them
    return _pdf_edition(job, job.brochure.for_edition(target), charts, frame)


def charts_for(job: SheetJob, target: str):
    """The charts ``target`` shows (:class:`figures.Figures`): PNG for the DOCX, the screen widths for
    the web page, the edition's widths for a PDF. A build's main process calls it ahead of the workers
    to fill the chart cache (``build._draw_ahead``)."""
    if target == "docx":
        return job.figures(png=True)
    if target == "web":
        return job.figures()
    return job.figures(target=target)


def _pdf_edition(job: SheetJob, brochure, svgs: dict[str, list[bytes]], frame: Frame | None = None) -> bytes:
    from brochure.render import html as render_html
    from brochure.render.pdf import editions
    from brochure.render.pdf import writer as pdf

    slug, edition = brochure.sheet.slug, brochure.edition
    log.info("%s: Step 2 - Rendering HTML (%s)", slug, edition)
    if edition == "summary":
        return _summary(brochure, svgs, frame)
    prefix, css = (frame.prefix, frame.css()) if frame else ("", None)
    note = frame.note if frame else ""
    document = job.lay_out(render_html.brochure_html(brochure, svgs, prefix=prefix, note=note), css)
    log.info("%s: Step 3 - Typesetting PDF (%s)", slug, edition)
    if edition == "archive":
        attachment = (f"{slug}.yaml", job.prepared.source or b"")
        return pdf.write_document(document, brochure.date, variant="pdf/a-3a", attachment=attachment, claim_ua=True)
    # the screen PDF claims PDF/UA-1; the print shop's is PDF/X-4 with the press's output intent (layouts/color/)
    variant = {"pdf": "pdf/ua-1", "print": "pdf/x-4"}.get(edition)
    written = pdf.write_document(document, brochure.date, tagged=edition != "booklet", variant=variant)
    if edition == "print":
        return editions.set_bleed_box(written)
    if edition == "booklet":
        return editions.impose_booklet(written)
    return written


def fitted_summary(brochure, svgs: dict[str, list[bytes]], frame: Frame | None = None):
    """The leaflet's HTML and layout with each side at the most detailed shortening level that keeps it
    on its page, and those levels (recto, verso)."""
    from brochure.render import html as render_html
    from brochure.render.pdf import writer as pdf

    prefix, css = (frame.prefix, frame.css()) if frame else ("", None)
    recto, verso = richest_recto(brochure.sheet), 0
    while True:
        html = render_html.summary_html(brochure, svgs, recto, verso, prefix=prefix, note=frame.note if frame else "")
        document = pdf.lay_out(html, css=css)
        start = next((i for i, page in enumerate(document.pages) if f"{prefix}verso" in page.anchors), 0)
        recto_fits, verso_fits = start == 1, len(document.pages) - start == 1
        if recto_fits and verso_fits:
            return html, document, (recto, verso)
        recto, verso = recto + (not recto_fits), verso + (not verso_fits)
        if max(recto, verso) >= SUMMARY_CUTS:
            raise pdf.RenderError(
                f"the summary of {brochure.sheet.slug} does not fit on {SUMMARY_PAGES} pages even shortened"
            )


def richest_recto(sheet: Sheet) -> int:
    """The leaflet recto's first level to try: below 0 when its themes are few enough to show more than two
    bullets each within SUMMARY_BULLETS (0 for the sample's 10 themes: no extra layout)."""
    themes = sheet.missions.themes if sheet.missions else []
    if not themes:
        return 0
    per_theme = min(SUMMARY_BULLETS // len(themes), max(len(theme.bullets) for theme in themes))
    return max(SUMMARY_RICHEST, min(0, 2 - per_theme))


def _summary(brochure, svgs: dict[str, list[bytes]], frame: Frame | None = None) -> bytes:
    from brochure.render.pdf import writer as pdf

    _html, document, (recto, verso) = fitted_summary(brochure, svgs, frame)
    log.info("%s: Step 3 - Typesetting PDF (summary, shortening %d/%d)", brochure.sheet.slug, recto, verso)
    return pdf.write_document(document, brochure.date, variant="pdf/ua-1")  # a leaflet read on screen too


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
    notices: tuple[str, ...] = ()  # see brochure/core/notices.py: shown once per build


def run_job(
    prepared: Prepared,
    formats: Sequence[str],
    lang: str = "fr",
    brand: str | None = None,
    charts: ChartCache | None = None,
) -> JobResult:
    """What a build worker runs: targets of one sheet that the main process prepared (``charts``:
    the build's chart cache)."""
    from brochure.core import notices

    notices.take()  # a previous job's notices were sent with it
    start = time.perf_counter()
    log.info("%s: Step 1 - Presenting and drawing charts", prepared.slug)
    try:
        outputs = _sheet_job(prepared, lang, brand, charts).outputs(formats)
    except Exception as exc:  # a failed render reports the time it took, like a success
        return JobResult(prepared.slug, failure=failure(exc), seconds=time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return JobResult(
        prepared.slug, outputs, prepared.errors, time.perf_counter() - start, peak_rss_mb=peak, notices=notices.take()
    )


_LAST: list[tuple[tuple, SheetJob]] = []  # this process' last sheet job


def _sheet_job(prepared: Prepared, lang: str, brand: str | None, charts: ChartCache | None) -> SheetJob:
    """The job of ``prepared``: the same one as for the previous task when that was another target
    of the same sheet in this worker (its presentation and charts are reused), else a new one."""
    from brochure.build.job import SheetJob

    key = (prepared.path, prepared.source, prepared.errors, lang, brand)
    if _LAST and _LAST[0][0] == key:
        return _LAST[0][1]
    job = SheetJob(prepared, lang, brand, charts)
    _LAST[:] = [(key, job)]
    return job


def failure(exc: BaseException) -> str:
    """How a sheet's failure reads in the build summary."""
    return f"{type(exc).__name__}: {exc}"
