"""One sheet through the whole pipeline, in memory: present, draw, write each format.

``render_job`` is what a build worker runs: it reads and checks the source itself, so the
main process never imports WeasyPrint or matplotlib (a no-op build stays light).
"""

from __future__ import annotations

import logging
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import Sheet
from .spelling import Verdicts

log = logging.getLogger("brochure")
FORMATS = ("pdf", "docx")  # what a plain `invoke build` writes
EDITIONS = ("print", "booklet", "summary", "archive")  # `--edition NAME` or `--edition all`
TARGETS = FORMATS + EDITIONS
SUMMARY_PAGES = 2
SUMMARY_CUTS = 5  # shortening levels of the leaflet, applied in order (see layouts/summary.html.j2)


def extension(target: str) -> str:
    return "docx" if target == "docx" else "pdf"


def render(
    sheet: Sheet,
    problems: int = 0,
    lang: str = "fr",
    formats: Sequence[str] = FORMATS,
    source: bytes | None = None,
    brand: str | None = None,
) -> dict[str, bytes]:
    """One sheet -> the bytes of each target (``output/<target>/<slug>.<pdf|docx>``).

    ``source`` is the sheet's YAML file, attached to the archive edition (default: the sheet dumped);
    ``brand`` a folder of layouts/brands/ (default: the project's).
    """
    from . import docx_writer, figures, present, sources
    from .brand import load as load_brand

    school = load_brand(brand)
    if "archive" in formats and source is None:
        source = sources.dumps(sheet).encode("utf-8")
    log.info("%s: Step 1 - Drawing charts", sheet.slug)
    brochure = present.present(sheet, lang=lang, edition="pdf", problems=problems, brand=school)
    drawn = figures.draw(brochure, png="docx" in formats)
    out: dict[str, bytes] = {}
    for target in formats:
        if target == "docx":
            log.info("%s: Step 4 - Writing DOCX", sheet.slug)
            out[target] = docx_writer.write_docx(brochure, drawn.png)
        else:
            edition = present.present(sheet, lang=lang, edition=target, problems=problems, brand=school)
            out[target] = _pdf_edition(edition, drawn.svg, source)
    return out


def _pdf_edition(brochure, svgs: dict[str, bytes], source: bytes | None) -> bytes:
    from . import editions, pdf, render_html

    slug, edition = brochure.sheet.slug, brochure.edition
    log.info("%s: Step 2 - Rendering HTML (%s)", slug, edition)
    if edition == "summary":
        return _summary(brochure, svgs)
    document = pdf.render(render_html.render(brochure, svgs))
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


def _summary(brochure, svgs: dict[str, bytes]) -> bytes:
    """The leaflet at the first shortening level that fits on two pages."""
    from . import pdf, render_html

    for cut in range(SUMMARY_CUTS):
        document = pdf.render(render_html.render(brochure, svgs, "summary.html.j2", cut=cut))
        if len(document.pages) <= SUMMARY_PAGES:
            log.info("%s: Step 3 - Typesetting PDF (summary, shortening level %d)", brochure.sheet.slug, cut)
            return pdf.write_document(document, brochure.date)
    raise pdf.RenderError(f"the summary of {brochure.sheet.slug} does not fit on {SUMMARY_PAGES} pages even shortened")


def render_pdf(sheet: Sheet, problems: int = 0, lang: str = "fr") -> bytes:
    """One sheet -> PDF bytes."""
    return render(sheet, problems, lang, ("pdf",))["pdf"]


@dataclass
class JobResult:
    """What a worker sends back: the outputs, or why there are none."""

    slug: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    errors: int = 0  # editorial errors: the sheet was built as a draft
    seconds: float = 0.0
    failure: str = ""
    peak_rss_mb: float = 0.0
    notices: tuple[str, ...] = ()  # see brochure/notices.py: shown once per build


def render_job(
    path: str,
    formats: Sequence[str],
    lang: str = "fr",
    brand: str | None = None,
    verdicts: Verdicts | None = None,
) -> JobResult:
    """Load, check and render one source file (in a worker process). ``verdicts``: the dictionary's
    on the sheet, looked up by the build's main process (else here, loading the dictionary)."""
    from . import check, notices, sources

    notices.take()  # a previous job's notices were sent with it
    start = time.perf_counter()
    slug = Path(path).stem
    try:
        sheet, document = sources.parse_file(Path(path))
    except sources.SheetError as exc:
        return JobResult(slug, failure=str(exc), seconds=time.perf_counter() - start)
    log.info("%s: Step 0 - Checking the sheet", slug)
    problems = check.lint(sheet, document, path, verdicts)
    unprintable = [str(p) for p in problems if p.message.startswith(check.UNPRINTABLE)]
    if unprintable:  # would only fail later, deep in the renderer: say where the text is instead
        return JobResult(slug, failure="\n".join(unprintable), seconds=time.perf_counter() - start)
    errors = sum(p.severity == "error" for p in problems)
    outputs = render(sheet, errors, lang, formats, source=Path(path).read_bytes(), brand=brand)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return JobResult(slug, outputs, errors, time.perf_counter() - start, peak_rss_mb=peak, notices=notices.take())


def init_worker(memory_mb: int, verbose: bool) -> None:
    """Worker start-up: an address-space limit (a runaway render fails, the machine survives) and logs."""
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", force=True)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
