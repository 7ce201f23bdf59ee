"""What a build worker runs: a sheet job's targets (brochure/render/registry.py), with its time, memory and failure.

``run_job`` is what a build worker runs on a sheet the main process prepared (parsed, linted,
guarded); the main process never imports WeasyPrint or matplotlib (a no-op build stays light).
``sheet_outputs`` does the same in this process for a sheet in memory (tests, benches, golden dumps).
"""

from __future__ import annotations

import logging
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from brochure.build.job import Prepared, SheetJob, prepared_sheet
from brochure.core import notices
from brochure.model.sheet import Sheet
from brochure.render import registry

if TYPE_CHECKING:
    from brochure.present.chartcache import ChartCache

log = logging.getLogger("brochure")


def sheet_outputs(
    sheet: Sheet,
    problems: int = 0,
    lang: str = "fr",
    formats: Sequence[str] = registry.formats(),
    source: bytes | None = None,
    brand: str | None = None,
) -> dict[str, bytes]:
    """One sheet in memory -> the bytes of each target (``output/<target>/<slug>.<extension>``).

    ``problems``: its editorial errors (a draft when > 0); ``source``: the YAML attached to the
    archive edition (default: the sheet dumped); ``brand``: a folder of layouts/brands/."""
    return SheetJob(prepared_sheet(sheet, problems, source), lang, brand).outputs(formats)


def charts_for(job: SheetJob, target: str):
    """The charts ``target`` shows (:class:`brochure.present.figures.Figures`), at the widths it prints them.
    A build's main process calls it ahead of the workers to fill the chart cache (``builder._draw_ahead``)."""
    return registry.get(target).charts(job)


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
    key = (prepared.path, prepared.source, prepared.errors, lang, brand)
    if _LAST and _LAST[0][0] == key:
        return _LAST[0][1]
    job = SheetJob(prepared, lang, brand, charts)
    _LAST[:] = [(key, job)]
    return job


def failure(exc: BaseException) -> str:
    """How a sheet's failure reads in the build summary."""
    return f"{type(exc).__name__}: {exc}"
