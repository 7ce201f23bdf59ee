"""The design brief's rules 1-7 and 11 (../shared/DESIGN-BRIEF.md) as checks of a rendered edition.

Each rule takes a :class:`Edition` (pages read by :mod:`tests.pdfpages`) and returns its violations in
plain words, one per offending page or paragraph: an empty list is a pass.

Exempt pages, in one place (:meth:`Edition.exempt`): the cover, the "at a glance" page(s) and the
summary leaflet are redesigned in part 2 (their fill is checked there); the booklet's blank padding
pages; the booklet's back cover (the colophon: a cover, no running head) and the page before it
(the one page break the booklet's design adds); the last page of any document (fill only).
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pikepdf

from brochure.present.labels import LABELS
from tests import pdfpages
from tests.pdfpages import MM, Line, Page

BODY_PT = 9.5
SMALLEST_PT = 7.0
CHART_SPREAD_PT = 1.0  # one chart label size per document, +/- 0.5 pt
SECTION_HEADING_PT = 13.0  # brochure.css: .section > h2
MEASURE = (45, 80)  # characters a line of running text
TRIM_SAFETY = 5 * MM
MAX_EMPTY = 0.25
HYPHENS_A_PAGE, HYPHENS_IN_A_ROW = 8, 2
TOLERANCE = 0.75  # pt: glyph boxes against the content box


@dataclass
class Edition:
    """One rendered edition of one sheet in one language."""

    name: str  # pdf, print, booklet, summary, archive
    lang: str
    title: str  # the job title as the sheet spells it
    data: bytes

    def __post_init__(self) -> None:
        self.pages = pdfpages.read(self.data, self.name)
        self.words = LABELS[self.lang]

    def exempt(self, page: Page, rule: str) -> bool:
        """Pages a rule does not apply to (see the module's docstring)."""
        if page.padding:
            return True
        if self.name == "summary" and rule in ("fill", "heads"):
            return True  # the leaflet: part 2
        back_cover = self.name == "booklet" and page is self.pages[-1]
        if rule == "heads":
            return page.number == 1 or back_cover
        if rule == "fill":
            printed = [p for p in self.pages if not p.padding]
            before_back = self.name == "booklet" and len(printed) > 1 and page is printed[-2]
            glance = self.words["glance"] in page.head and self.name != "booklet"  # the A4 one: test_front
            return page.number == 1 or glance or page is self.pages[-1] or before_back
        return False

    def pages_for(self, rule: str) -> Iterator[Page]:
        return (page for page in self.pages if not self.exempt(page, rule))


def plain(text: str) -> str:
    """Text compared across breaks: NFC, no-break spaces as spaces, one space, case folded."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


# -- 1. Geometry -------------------------------------------------------------------------------------
def geometry(ed: Edition) -> list[str]:
    """Every glyph inside the content box (running heads and feet: in the margin, within the box's
    width); every glyph >= 5 mm inside the trim; left and right margins equal (mirrored in the booklet)."""
    bad = []
    for page in ed.pages_for("geometry"):
        safe = page.trim.inset(TRIM_SAFETY, TRIM_SAFETY, TRIM_SAFETY, TRIM_SAFETY)
        for line in page.lines:
            if not line.text.strip():
                continue
            in_band = line.box.y1 <= page.content.y0 + 0.5 or line.box.y0 >= page.content.y1 - 0.5
            inside = page.content.contains(line.box, TOLERANCE)
            within_width = page.content.x0 - TOLERANCE <= line.box.x0 and line.box.x1 <= page.content.x1 + TOLERANCE
            if not (inside or (in_band and within_width)) or not safe.contains(line.box):
                past = max(page.content.x0 - line.box.x0, line.box.x1 - page.content.x1, 0)
                bad.append(f"page {page.number}: {line.text[:40]!r} {past:.1f} pt past the content box")
                break
        bad += _margins(ed, page)
    return bad


def _margins(ed: Edition, page: Page) -> list[str]:
    """The content box's margins, left and right (outer and inner in the booklet), equal within 1 pt."""
    left, right = page.content.x0 - page.trim.x0, page.trim.x1 - page.content.x1
    geometry = pdfpages.GEOMETRY[ed.name]
    if geometry.inner is not None:  # mirrored: the binding side holds the inner margin
        inner, outer = (left, right) if page.right else (right, left)
        left, right = inner - (geometry.inner - geometry.margins[3]) * MM, outer
    return [] if abs(left - right) <= 1 else [f"page {page.number}: margins {left:.1f} / {right:.1f} pt"]


# -- 2. Fill -----------------------------------------------------------------------------------------
def empty_share(page: Page, cell: float = MM, reach: float = 3 * MM) -> float:
    """Share of the content box that holds no text nor figure, on a 1 mm grid, each text line and mark
    grown by 3 mm (the gaps between paragraphs, lines and columns are not "empty")."""
    box = page.content
    columns, rows = int(box.width / cell), int(box.height / cell)
    used = np.zeros((rows, columns), dtype=bool)
    for mark in [line.box for line in page.lines if line.text.strip()] + page.marks:
        x0, x1 = (int((v - box.x0) / cell) for v in (mark.x0 - reach, mark.x1 + reach))
        y0, y1 = (int((v - box.y0) / cell) for v in (mark.y0 - reach, mark.y1 + reach))
        used[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)] = True
    return 1 - used.mean()


def fill(ed: Edition) -> list[str]:
    """No page but the last (and the exempt ones) more than 25 % empty."""
    shares = ((page, empty_share(page)) for page in ed.pages_for("fill"))
    return [f"page {page.number}: {share:.0%} empty" for page, share in shares if share > MAX_EMPTY]


# -- 3. Sizes ----------------------------------------------------------------------------------------
def sizes(ed: Edition) -> list[str]:
    """Body text (regular, in the body's ink) >= 9.5 pt; every text >= 7 pt; chart text one size
    (+/- 0.5 pt), never larger than a section heading."""
    bad, chart = [], []
    for page in ed.pages_for("sizes"):
        for line in page.lines:
            for span in (s for s in line.spans if s.text.strip()):
                if span.size < SMALLEST_PT - 0.05:
                    bad.append(f"page {page.number}: {span.text[:30]!r} at {span.size:.1f} pt")
                if span.chart:
                    chart.append(span.size)
                elif span.ink and not span.bold and span.size < BODY_PT - 0.05:
                    bad.append(f"page {page.number}: body text {span.text[:30]!r} at {span.size:.1f} pt")
    if chart and max(chart) - min(chart) > CHART_SPREAD_PT + 0.05:
        bad.append(f"chart text from {min(chart):.1f} to {max(chart):.1f} pt")
    if chart and max(chart) > SECTION_HEADING_PT:
        bad.append(f"chart text at {max(chart):.1f} pt, above the section headings")
    return bad


# -- 4. Measure and 5. hyphenation share one reading of paragraphs -----------------------------------
_MARKER = re.compile(r"[•◦‣–-]|\d+[.)]")  # a list marker outside the line, painted as a line of its own
_INSIDE_MARKER = re.compile(r"[•◦‣▪]\s")  # a marker inside the line box (list-style-position: inside)


def item(line: Line) -> bool:
    """The first line of a list item whose marker sits inside the line box."""
    return bool(_INSIDE_MARKER.match(line.text.lstrip()))


def paragraphs(page: Page) -> list[list[Line]]:
    """Consecutive text lines (painting order) of one size, one left edge and one leading; a list
    item's first line (its marker inside the line) starts a paragraph of its own."""
    found: list[list[Line]] = []
    for line in page.text_lines:
        if page.content.centre_in(line.box) and not _MARKER.fullmatch(line.text.strip()):
            last = found[-1][-1] if found else None
            same = (
                last is not None
                and not item(line)
                and abs(last.size - line.size) < 0.3
                and abs(last.box.x0 - line.box.x0) < 15
                and 0 < line.baseline - last.baseline <= 1.5 * line.size
            )
            if same:
                found[-1].append(line)
            else:
                found.append([line])
    return found


def measure(ed: Edition) -> list[str]:
    """Running text (paragraphs of 3+ lines of body text, list items aside) sets 45-80 characters a
    line (median of all lines but the last)."""
    bad = []
    for page in ed.pages_for("measure"):
        markers = [ln.baseline for ln in page.text_lines if _MARKER.fullmatch(ln.text.strip())]
        for para in paragraphs(page):
            body = [ln for ln in para if abs(ln.size - BODY_PT) < 0.3 and not ln.bold]
            listed = item(para[0]) or any(abs(para[0].baseline - base) < 0.6 for base in markers)  # not running text
            if len(para) < 3 or len(body) < len(para) or listed:
                continue
            chars = statistics.median(len(ln.text.strip()) for ln in para[:-1])
            if not MEASURE[0] <= chars <= MEASURE[1]:
                bad.append(f"page {page.number}: {chars:.0f} characters a line in {para[0].text[:30]!r}")
    return bad


_BROKEN = re.compile(r"\w-$")
_ENDS = re.compile(r"[.!?…:»)]$")  # a paragraph's last line (not a line cut by a column or page break)


def _hyphenated(line: Line, following: Line) -> bool:
    text, nxt = line.text.rstrip(), following.text.lstrip()
    return bool(_BROKEN.search(text)) and bool(nxt) and nxt[0].islower()


def hyphenation(ed: Edition) -> list[str]:
    """At most 2 hyphenated lines in a row and 8 a page; never the line before a paragraph's last;
    the job title never hyphenated."""
    bad, title = [], plain(ed.title)
    for page in ed.pages_for("hyphenation"):
        count = 0
        for para in paragraphs(page):
            run = 0
            for index, (line, following) in enumerate(itertools.pairwise(para)):
                if not _hyphenated(line, following):
                    run = 0
                    continue
                count, run = count + 1, run + 1
                if run > HYPHENS_IN_A_ROW:
                    bad.append(f"page {page.number}: {run} hyphenated lines in a row at {line.text[-20:]!r}")
                if index == len(para) - 2 and _ENDS.search(following.text.rstrip()):
                    bad.append(f"page {page.number}: a paragraph ends on a fragment {following.text[:20]!r}")
                joined = plain(line.text.rstrip()[:-1] + following.text)
                at = len(plain(line.text.rstrip()[:-1]))
                if any(m.start() < at < m.end() for m in re.finditer(re.escape(title), joined)):
                    bad.append(f"page {page.number}: the job title hyphenated {line.text[-15:]!r}")
        if count > HYPHENS_A_PAGE:
            bad.append(f"page {page.number}: {count} hyphenated lines")
    return bad


# -- 6. Reading order --------------------------------------------------------------------------------
def reading_order(ed: Edition) -> list[str]:
    """No prose in row-by-row grids: on a page, a run of unheaded paragraphs side by side switches
    column at most once (CSS columns read down, rows zig-zag); no layout tables in the tag tree."""
    bad = []
    for page in ed.pages_for("reading"):
        middle, run, switches = (page.content.x0 + page.content.x1) / 2, [], 0
        for para in [*paragraphs(page), []]:
            heading = not para or para[0].bold or para[0].box.x0 < middle < para[0].box.x1
            if heading:
                if switches > 1:
                    bad.append(f"page {page.number}: prose read row by row from {run[0][0].text[:30]!r}")
                run, switches = [], 0
                continue
            if run and (run[-1][0].box.x0 < middle) != (para[0].box.x0 < middle):
                switches += 1
            run.append(para)
    return bad + layout_tables(ed.data)


def _kids(element: pikepdf.Object) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def layout_tables(data: bytes) -> list[str]:
    """Tables of the tag tree whose cells hold headings or paragraphs: a layout grid, not data.
    (An untagged edition, the booklet, has no tag tree: nothing to measure.)"""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return []
        bad: list[str] = []

        def walk(element: pikepdf.Object, in_cell: bool) -> None:
            kind = str(element.get("/S", ""))
            if in_cell and kind in ("/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/L"):
                bad.append(f"a {kind[1:]} inside a table cell")
                return
            for kid in _kids(element):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid, in_cell or kind in ("/TD", "/TH"))

        for kid in _kids(root):
            walk(kid, False)
        return sorted(set(bad))


# -- 7. Every page is identifiable -------------------------------------------------------------------
def running_heads(ed: Edition) -> list[str]:
    """The job title and a part in the head, "page X / Y" in the foot, on every page but the cover."""
    parts = {plain(ed.words[key]) for key in _PART_LABELS}
    bad = []
    for page in ed.pages_for("heads"):
        head, foot = plain(page.head), plain(page.band("bottom"))
        if plain(ed.title) not in head:
            bad.append(f"page {page.number}: no job title in the running head {head[:40]!r}")
        if not any(part in head for part in parts):
            bad.append(f"page {page.number}: no part in the running head {head[:40]!r}")
        if f"page {page.number} / {page.total}" not in foot:
            bad.append(f"page {page.number}: no 'page {page.number} / {page.total}' in the foot {foot[:30]!r}")
    return bad


_PART_LABELS = ("glance", "missions", "skills", "training_and_experience", "tools", "constraints", "salary", "faq")

RULES = {
    "geometry": geometry,
    "fill": fill,
    "sizes": sizes,
    "measure": measure,
    "hyphenation": hyphenation,
    "reading": reading_order,
    "heads": running_heads,
}
