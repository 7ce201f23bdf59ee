"""The Target interface: one output a sheet job writes, like Sphinx's builders.

A target declares what the rest of the engine needs to know about it — its name (the output folder
and the ``--format``/``--edition`` value), its file extension, the chart frame its pages print charts
at (:data:`brochure.present.figures.FRAMES`), the target whose pages it shares (one layout serves
both), the targets its pages link to, its stylesheet over the brochure's — and writes its bytes from
one sheet job (:meth:`Target.write`). The targets live in :mod:`brochure.render.registry`; nothing
else in the engine compares target names.

A target module imports WeasyPrint, python-docx or matplotlib only inside :meth:`Target.write`: the
build's main process reads the registry, and a no-op build must stay light.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from brochure.present.figures import Figures
    from brochure.present.presentation import Brochure


class Placement(Protocol):
    """Where a document's pages sit inside a larger one (:class:`brochure.build.job.Frame`)."""

    prefix: str
    note: str

    def css(self) -> str: ...


class Job(Protocol):
    """What a target reads of a sheet job (:class:`brochure.build.job.SheetJob`)."""

    @property
    def brochure(self) -> Brochure: ...

    @property
    def source(self) -> bytes: ...

    def figures(self, png: bool = False, frame: str = "a4") -> Figures: ...

    def lay_out(self, html: str, css: str | None = None) -> object: ...


@dataclass(frozen=True)
class Target:
    """One output of a sheet: ``output/<name>/<slug>.<extension>``."""

    name: str
    extension: str = "pdf"
    edition: bool = True  # an edition (`--edition NAME`); False: a format a plain `invoke build` writes
    charts_at: str = "a4"  # the chart frame (present/figures.py FRAMES) its pages print charts at
    same_pages: str | None = None  # the target whose pages it prints: one layout serves both, in one task
    links_to: tuple[str, ...] = ()  # targets its pages link to: built with it, never a dead link
    stylesheet: str | None = None  # layouts/css/<stylesheet>.css over the brochure's own (page set-up)
    fixed_pages: int | None = None  # a document of this many pages whatever the sheet (the leaflet)
    keeps: tuple[str, ...] = ()  # file stems in its folder that belong to no sheet (the site's index)
    cost: int = 0  # its usual cost on the sample, higher first: a build schedules the longest first
    png: bool = False  # its charts as PNG too (Word takes no SVG)

    @property
    def pages(self) -> str:
        """The target whose pages this one prints (itself, or :attr:`same_pages`)."""
        return self.same_pages or self.name

    def charts(self, job: Job) -> Figures:
        """The charts this target shows, at the width it prints them (drawn once per job and frame)."""
        return job.figures(png=self.png, frame=self.charts_at)

    def presented(self, job: Job) -> Brochure:
        """The job's one presentation, labelled as this target (nothing is presented again)."""
        return job.brochure.for_edition(self.name, pages=self.pages, stylesheet=self.stylesheet)

    def write(self, job: Job, frame: Placement | None = None) -> bytes:
        """The bytes of ``output/<name>/<slug>.<extension>``; ``frame``: the pages as part of a larger
        document (a counselor's pack), for the targets that can be part of one."""
        raise NotImplementedError(f"the target {self.name!r} writes nothing")
