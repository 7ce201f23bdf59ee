"""The sheet job: what every entry point (build, watch, catalogue, pack, golden) does to one sheet.

1. :func:`prepare`, in the main process: parse the source once, lint it with the dictionary's
   verdicts (looked up through the build's spelling cache), refuse text the bundled fonts cannot
   print (with its file, line and field, before any render), and count the editorial errors.
   The result, :class:`Prepared`, is plain data: it crosses to a worker process as it is.
2. :class:`SheetJob`, in a worker (or in process): present the sheet once, draw its charts once
   (or take them from the chart cache, :mod:`brochure.present.chartcache`), then write any of its targets
   from that one presentation. A build schedules one job per (sheet, target): the targets of one
   sheet run in parallel, and share the charts through the cache.

A worker receives what the main process prepared and never parses the source again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from brochure.model import check, sources, spelling
from brochure.model.sheet import Sheet
from brochure.model.sources import Problem, SheetError
from brochure.present import presentation as present
from brochure.present.brand import load as load_brand
from brochure.present.chartcache import ChartCache
from brochure.render import registry


def draft_count(problems: Sequence[Problem]) -> int:
    """The editorial errors of a sheet: any of them makes it a draft (BROUILLON on every page)."""
    return sum(p.severity == "error" for p in problems)


@dataclass(frozen=True)
class Frame:
    """Where a document's pages sit inside a larger one (a counselor's pack): its first page's number,
    the whole document's page count for the footers ("page X / Y"), and a prefix that keeps its ids
    (link targets) apart from the other parts' once they are joined."""

    start: int
    total: int
    prefix: str = ""
    note: str = ""  # the counselor's one-line comment on this career, printed on its first page

    def css(self) -> str:
        """A stylesheet over the layouts' own: the footer of every page (covers too) counts from ``start``."""
        footer = f'content: "page " counter(page) " / {self.total}" !important;'
        return f"@page :first {{ counter-reset: page {self.start}; }} @page {{ @bottom-right {{ {footer} }} }}"


@dataclass(frozen=True)
class Prepared:
    """One sheet, parsed, linted and guarded: everything a writer needs besides the options."""

    path: Path
    sheet: Sheet
    problems: tuple[Problem, ...]  # editorial errors and warnings, each with its place
    source: bytes  # the YAML file as read (the archive edition attaches it)
    errors: int  # the editorial errors: a draft when > 0

    @property
    def slug(self) -> str:
        return self.sheet.slug


def prepare(path: Path, checker: spelling.Checker | None = None) -> Prepared:
    """Parse, lint and guard one source. Raises :class:`SheetError` for a sheet that cannot be built:
    one that does not validate, or whose text the bundled fonts cannot print.

    ``checker``: the spelling cache to look words up in (its verdicts are saved by the caller);
    by default one is opened and saved here."""
    source = sources.read_source(path)
    sheet, document = sources.parse_text(source.decode("utf-8"), str(path))
    verdicts = check.spell(sheet, checker, save=False) if checker else None
    problems = check.lint(sheet, document, str(path), verdicts)
    unprintable = [p for p in problems if p.message.startswith(check.UNPRINTABLE)]
    if unprintable:  # would only fail later, deep in the renderer: say where the text is instead
        raise SheetError(unprintable)
    return Prepared(path, sheet, tuple(problems), source, draft_count(problems))


def prepared_sheet(sheet: Sheet, errors: int = 0, source: bytes | None = None) -> Prepared:
    """A sheet already in memory (tests, benches) as a prepared job with ``errors`` editorial errors."""
    data = source if source is not None else sources.dumps(sheet).encode("utf-8")
    return Prepared(Path(f"{sheet.slug}.yaml"), sheet, (), data, errors)


class SheetJob:
    """One prepared sheet in one language and brand: presented once, drawn once, written per target."""

    def __init__(
        self, prepared: Prepared, lang: str = "fr", brand: str | None = None, charts: ChartCache | None = None
    ) -> None:
        self.prepared = prepared
        self.lang = lang
        self.brand_name = brand
        self.chart_cache = charts  # charts drawn by earlier jobs (brochure/present/chartcache.py); None: draw here
        self._figures: dict[str, object] = {}  # by frame name (and PNG or not)
        self._drawings: dict = {}  # every chart drawn in this job, shared by the frames
        self._layout: tuple[str, str | None, object] | None = None  # the last (HTML, CSS, laid-out document)

    @cached_property
    def brochure(self):
        p = self.prepared
        return present.present(
            p.sheet, lang=self.lang, edition="pdf", problems=p.errors, brand=load_brand(self.brand_name)
        )

    @property
    def source(self) -> bytes:
        """The YAML file as read (the archive edition attaches it)."""
        return self.prepared.source or b""

    def figures(self, png: bool = False, frame: str = "a4"):
        """The charts at the widths a chart frame prints them (:data:`brochure.present.figures.FRAMES`, named
        by each target): SVG always, and PNG (for the DOCX) when asked; each chart drawn once per job and width."""
        from brochure.present import figures  # matplotlib: kept out of a no-op build

        key = f"{frame}{'+png' if png else ''}"
        if key not in self._figures:
            self._figures[key] = figures.draw(
                self.brochure, png=png, frame=figures.FRAMES[frame], cache=self.chart_cache, drawings=self._drawings
            )
        return self._figures[key]

    def lay_out(self, html: str, css: str | None = None):
        """The pages of ``html`` (+ ``css``): laid out once per job, so two targets with the same HTML (the
        screen PDF and the archive: the archive's target prints the same pages) share one layout."""
        from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

        if self._layout is None or self._layout[:2] != (html, css):
            self._layout = (html, css, pdf.lay_out(html, css=css))
        return self._layout[2]

    def outputs(self, targets: Sequence[str], frame: Frame | None = None) -> dict[str, bytes]:
        """The bytes of ``output/<target>/<slug>.<extension>`` for each target; ``frame``: the PDFs'
        pages numbered as part of a larger document (see :class:`Frame`)."""
        return {name: registry.get(name).write(self, frame) for name in targets}
