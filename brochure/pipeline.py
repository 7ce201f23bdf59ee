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

log = logging.getLogger("brochure")
FORMATS = ("pdf", "docx")


def render(sheet: Sheet, problems: int = 0, lang: str = "fr", formats: Sequence[str] = FORMATS) -> dict[str, bytes]:
    """One sheet -> the bytes of each format."""
    from . import docx_writer, figures, pdf, present, render_html

    brochure = present.present(sheet, lang=lang, edition="pdf", problems=problems)
    log.info("%s: Step 1 - Drawing charts", sheet.slug)
    drawn = figures.draw(brochure, png="docx" in formats)
    out: dict[str, bytes] = {}
    if "pdf" in formats:
        log.info("%s: Step 2 - Rendering HTML", sheet.slug)
        html = render_html.render(brochure, drawn.svg)
        log.info("%s: Step 3 - Typesetting PDF", sheet.slug)
        out["pdf"] = pdf.write_pdf(html, brochure.date)
    if "docx" in formats:
        log.info("%s: Step 4 - Writing DOCX", sheet.slug)
        out["docx"] = docx_writer.write_docx(brochure, drawn.png)
    return out


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


def render_job(path: str, formats: Sequence[str], lang: str = "fr") -> JobResult:
    """Load, check and render one source file (in a worker process)."""
    from . import check, sources

    start = time.perf_counter()
    slug = Path(path).stem
    try:
        sheet, document = sources.parse_file(Path(path))
    except sources.SheetError as exc:
        return JobResult(slug, failure=str(exc), seconds=time.perf_counter() - start)
    log.info("%s: Step 0 - Checking the sheet", slug)
    errors = sum(p.severity == "error" for p in check.lint(sheet, document, path))
    outputs = render(sheet, problems=errors, lang=lang, formats=formats)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return JobResult(slug, outputs, errors, time.perf_counter() - start, peak_rss_mb=peak)


def init_worker(memory_mb: int, verbose: bool) -> None:
    """Worker start-up: an address-space limit (a runaway render fails, the machine survives) and logs."""
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s", force=True)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
