"""Every target a build can write, in one registry: the one place that names them.

Adding a target is one module (a :class:`~brochure.render.target.Target` subclass with its ``write``)
and one entry in :data:`TARGETS` (or :func:`register` at run time, as the toy target of the tests
does). The build, the commands, the watch and the products ask this module which targets exist,
what they are called on disk and how they relate; none of them compares target names.
"""

from __future__ import annotations

from brochure.core.errors import UsageError
from brochure.render.docx.target import DocxTarget
from brochure.render.pdf.target import SUMMARY_PAGES, PdfTarget, SummaryTarget
from brochure.render.target import Target
from brochure.render.web.target import WebTarget

PDF = PdfTarget("pdf", edition=False, variant="pdf/ua-1", cost=5)  # the tagged screen PDF counselors email
DOCX = DocxTarget("docx", extension="docx", edition=False, png=True, cost=1)
PRINT = PdfTarget("print", charts_at="print", stylesheet="edition-print", variant="pdf/x-4", finish="bleed", cost=4)
BOOKLET = PdfTarget("booklet", charts_at="a5", stylesheet="edition-booklet", tagged=False, finish="impose", cost=3)
SUMMARY = SummaryTarget("summary", charts_at="summary", fixed_pages=SUMMARY_PAGES, cost=2)
# The archive prints the screen PDF's pages as PDF/A-3a with the source attached: one layout serves both,
# and a build runs the two in one task.
ARCHIVE = PdfTarget("archive", same_pages="pdf", variant="pdf/a-3a", claim_ua=True, attach_source=True, cost=6)
WEB_LINKS = (PDF, DOCX, SUMMARY)  # what a career page offers to download, in its order
WEB = WebTarget(
    "web",
    extension="html",
    links_to=tuple(t.name for t in WEB_LINKS),
    downloads=tuple((t.name, t.extension) for t in WEB_LINKS),
    keeps=("index",),  # web/index.html: the site's index, no sheet's page
    cost=0,
)

TARGETS: dict[str, Target] = {t.name: t for t in (PDF, DOCX, PRINT, BOOKLET, SUMMARY, ARCHIVE, WEB)}


class UnknownTarget(UsageError):
    """A name no registered target has (the command line checks names first: this is a caller's mistake)."""


def get(name: str) -> Target:
    """The target called ``name``."""
    try:
        return TARGETS[name]
    except KeyError:
        raise UnknownTarget(f"no target {name!r}: the targets are {', '.join(TARGETS)}") from None


def register(target: Target) -> Target:
    """Add (or replace) a target; returns it."""
    TARGETS[target.name] = target
    return target


def unregister(name: str) -> None:
    TARGETS.pop(name, None)


def names() -> tuple[str, ...]:
    """Every target, formats first, in the registry's order."""
    return formats() + editions()


def formats() -> tuple[str, ...]:
    """What a plain `invoke build` writes (``--format``)."""
    return tuple(name for name, t in TARGETS.items() if not t.edition)


def editions() -> tuple[str, ...]:
    """What ``--edition NAME`` builds."""
    return tuple(name for name, t in TARGETS.items() if t.edition)


def extension(name: str) -> str:
    return get(name).extension


def with_links(wanted: set[str]) -> set[str]:
    """``wanted`` and every target their pages link to (a web page's downloads): never a dead link."""
    return wanted | {link for name in wanted for link in get(name).links_to}


def tasks(wanted: list[str]) -> list[tuple[str, ...]]:
    """A sheet's tasks: one target each, but targets that print the same pages share one task (and its
    layout); the usual longest first, so that the last task to finish is a short one."""
    grouped: dict[str, tuple[str, ...]] = {}
    for name in wanted:
        pages = get(name).pages
        lead = pages if pages in wanted else name
        grouped[lead] = (*grouped.get(lead, ()), name)
    return sorted(grouped.values(), key=lambda group: -max(get(t).cost for t in group))
