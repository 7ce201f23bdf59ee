"""One counselor's pack: a student's selection of careers in one tagged PDF (what a pack worker runs).

The parts, in order: the front matter (a cover with the student's first name, the counselor, the
school, the date, the note and the list of careers with their comments; for 2 or more careers a
comparison page: fulfilment profiles side by side, entry levels, salary bands, top skills), each
career in the dossier's form (its summary leaflet or its full brochure, written by the sheet job
exactly as ``invoke build`` writes it, drafts marked), and a "Prochaines étapes" page (the
counselor's contact, a QR code and address per career's online sheet).

Every career is written knowing where its pages sit in the pack (:class:`job.Frame`: footers read
"page X / Y" over the whole pack, ids prefixed by its slug). Page counts are first guessed (a
leaflet is 2 pages; a full brochure is laid out once to count), the parts are rendered, and
rendered again if a count was wrong. The parts are joined with their tags, bookmarks and links by
:mod:`brochure.render.pdf.stitch`; the cover's list then links to each career's first page.

The student's first name is printed on the cover only: not in the running heads, the bookmarks or
the PDF's metadata (which names the careers).
"""

from __future__ import annotations

import datetime as dt
import logging
import resource
import time
from dataclasses import dataclass
from functools import cached_property

from brochure.build import job
from brochure.build.pipeline import JobResult, failure
from brochure.core import notices
from brochure.core.errors import BrochureError
from brochure.present import labels
from brochure.present.typography import french
from brochure.products.pack import dossier
from brochure.render import registry

PLACEHOLDER_PAGE = 888  # as wide as the real numbers, for the counting pass
PASSES = 3
# The dossier's form -> the target each career prints as: the two-page leaflet, or the whole brochure.
FORMS = {"summary": registry.SUMMARY.name, "full": registry.PDF.name}


class PackError(BrochureError):
    """A pack that cannot be made as asked."""


@dataclass(frozen=True)
class Request:
    """Everything a pack worker needs: the dossier checked, its careers prepared by the sheet job."""

    label: str  # what the progress and the logs name: the file or "class.csv:7 (id 07)", never the student
    selection: dossier.Selection
    prepared: tuple[job.Prepared, ...]
    date: dt.date

    @property
    def draft_errors(self) -> int:
        return sum(p.errors for p in self.prepared)


@dataclass(frozen=True)
class Numbers:
    """Where each part starts (front matter, each career, back matter) and the pack's page count."""

    starts: tuple[int, ...]
    total: int

    @classmethod
    def of(cls, counts: list[int]) -> Numbers:
        starts = [1]
        for count in counts[:-1]:
            starts.append(starts[-1] + count)
        return cls(tuple(starts), sum(counts))

    @classmethod
    def placeholder(cls, parts: int) -> Numbers:
        return cls((PLACEHOLDER_PAGE,) * parts, PLACEHOLDER_PAGE)


class Pack:
    """One pack being made: its careers' sheet jobs (presented once, drawn once) and its own pages."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.dossier = request.selection.dossier
        self.lang = self.dossier.lang
        self.words = labels.labels(self.lang)
        self.jobs = [job.SheetJob(p, self.lang, request.selection.brand) for p in request.prepared]
        self.target = registry.get(FORMS[self.dossier.form])

    @cached_property
    def brochures(self) -> list:
        return [sheet_job.brochure for sheet_job in self.jobs]

    @cached_property
    def comparison(self) -> dict | None:
        from brochure.products.pack.pages import comparison  # Jinja2: kept out of a no-op build

        return comparison(self)

    @property
    def prefixes(self) -> list[str]:
        return [f"{p.slug}-" for p in self.request.prepared]

    def typeset(self, text: str) -> str:
        return french(text) if self.lang == "fr" else text

    def career(self, index: int, numbers: Numbers) -> bytes:
        """One career's PDF, its pages numbered inside the pack, its bookmarks under its title."""
        from brochure.render.pdf import stitch  # pikepdf and pypdf: kept out of a no-op build

        comment = self.request.selection.comments[index] or ""
        frame = job.Frame(numbers.starts[index + 1], numbers.total, self.prefixes[index], self.typeset(comment))
        data = self.target.write(self.jobs[index], frame)
        return stitch.nest_outline(data)

    def own(self, part: str, numbers: Numbers) -> tuple[bytes, int]:
        """The front or back matter's PDF and its page count."""
        from brochure.products.pack.pages import html  # Jinja2: kept out of a no-op build
        from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

        document = pdf.lay_out(html(self, part, numbers))
        return pdf.write_document(document, self.request.date), len(document.pages)

    def first_counts(self) -> list[int]:
        """The parts' page counts, guessed where rendering would cost (a leaflet is 2 pages)."""
        from brochure.products.pack.pages import html  # Jinja2: kept out of a no-op build
        from brochure.render.pdf import stitch  # pikepdf and pypdf: kept out of a no-op build
        from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

        placeholder = Numbers.placeholder(len(self.jobs) + 2)
        front, back = (len(pdf.lay_out(html(self, part, placeholder)).pages) for part in ("front", "back"))
        if self.target.fixed_pages:
            careers = [self.target.fixed_pages] * len(self.jobs)
        else:
            careers = [stitch.page_count(self.career(i, placeholder)) for i in range(len(self.jobs))]
        return [front, *careers, back]

    def pdf(self) -> bytes:
        from brochure.render.pdf import stitch  # pikepdf and pypdf: kept out of a no-op build

        counts = self.first_counts()
        for _ in range(PASSES):
            numbers = Numbers.of(counts)
            front, front_pages = self.own("front", numbers)
            careers = [self.career(i, numbers) for i in range(len(self.jobs))]
            back, back_pages = self.own("back", numbers)
            written = [front_pages, *(stitch.page_count(c) for c in careers), back_pages]
            if written == counts:
                break
            counts = written
        else:
            raise PackError(f"{self.request.label}: page numbers did not settle after {PASSES} passes")
        joined = stitch.merge([front, *careers, back])
        starts = {f"{prefix}start": start - 1 for prefix, start in zip(self.prefixes, numbers.starts[1:], strict=False)}
        return stitch.point_names(joined, starts)


def pack_pdf(request: Request) -> bytes:
    """The pack's PDF bytes."""
    return Pack(request).pdf()


def run(request: Request) -> JobResult:
    """What a pack worker runs: the pack, or why there is none (its time either way)."""

    notices.take()
    start = time.perf_counter()
    logging.getLogger("brochure").info("%s: Step 1 - Presenting %d career(s)", request.label, len(request.prepared))
    try:
        data = pack_pdf(request)
    except Exception as exc:
        return JobResult(request.label, failure=failure(exc), seconds=time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return JobResult(
        request.label,
        {"pack": data},
        request.draft_errors,
        time.perf_counter() - start,
        peak_rss_mb=peak,
        notices=notices.take(),
    )
