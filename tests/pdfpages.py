"""Pages of a rendered edition as a designer measures them: the trim, the CSS content box, the lines
of text with their font sizes, the figures' marks, and the running heads.

Word boxes come from PyMuPDF (MuPDF's text device, glyph-tight boxes with ``TEXT_ACCURATE_BBOXES``),
in the order the content stream paints them, which in WeasyPrint is the order of the boxes, hence of
the tags. Page geometry is the CSS of each edition (:data:`GEOMETRY`; ``test_design_rules`` checks
it against WeasyPrint's own page boxes). The A5 booklet is measured on the imposed A4 sheets, half
by half: the imposition only translates the pages (scale 1), so sizes on the sheet are final sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import pymupdf

from brochure.render.pdf import editions

MM = 72 / 25.4
CHART_FONT = re.compile(r"^Noto-?Sans(-Bold|-Italic|-BoldItalic)?$")  # the charts' face; pages use SemiCondensed


@dataclass(frozen=True)
class Geometry:
    """An edition's pages: size and margins (top, right, bottom, left) in mm, from ``layouts/css``.
    ``inner``: the booklet's binding-side margin (mirrored on left and right pages); ``bleed``: the
    print edition's bleed area around the trim."""

    width: float
    height: float
    margins: tuple[float, float, float, float]
    inner: float | None = None
    bleed: float = 0.0


A4, A5 = (210.0, 297.0), (148.0, 210.0)
GEOMETRY = {
    "pdf": Geometry(*A4, (17, 17, 16, 17)),  # brochure.css @page
    "archive": Geometry(*A4, (17, 17, 16, 17)),
    "print": Geometry(*A4, (17, 17, 16, 17), bleed=10),  # edition-print.css: bleed 10mm
    "booklet": Geometry(*A5, (14, 14, 14, 14), inner=17),  # edition-booklet.css, :left/:right
    "summary": Geometry(*A4, (14, 16, 14, 16)),  # summary.css
}


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def inset(self, top: float, right: float, bottom: float, left: float) -> Box:
        return Box(self.x0 + left, self.y0 + top, self.x1 - right, self.y1 - bottom)

    def contains(self, other: Box, tol: float = 0.0) -> bool:
        return (
            other.x0 >= self.x0 - tol
            and other.y0 >= self.y0 - tol
            and other.x1 <= self.x1 + tol
            and other.y1 <= self.y1 + tol
        )

    def centre_in(self, other: Box) -> bool:
        x, y = (other.x0 + other.x1) / 2, (other.y0 + other.y1) / 2
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass(frozen=True)
class Span:
    text: str
    font: str
    size: float
    box: Box
    color: int = 0  # sRGB as 0xRRGGBB

    @property
    def ink(self) -> bool:
        """In the body's near-black ink (secondary text, captions and notes, is a muted grey or a colour)."""
        return all((self.color >> shift) & 0xFF <= 0x33 for shift in (16, 8, 0))

    @property
    def chart(self) -> bool:
        """Text drawn by a chart (matplotlib's SVG, in the plain Noto Sans face)."""
        return bool(CHART_FONT.match(self.font))

    @property
    def bold(self) -> bool:
        return "Bold" in self.font


@dataclass(frozen=True)
class Line:
    spans: tuple[Span, ...]
    box: Box
    baseline: float

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def chart(self) -> bool:
        return all(s.chart for s in self.spans)

    @property
    def size(self) -> float:
        """The size carrying most of the line's characters."""
        return max(self.spans, key=lambda s: len(s.text.strip())).size

    @property
    def bold(self) -> bool:
        """The line starts in bold (a heading, or a card's name)."""
        letters = [s for s in self.spans if s.text.strip()]
        return bool(letters) and letters[0].bold


@dataclass
class Page:
    """One page of the edition as the reader holds it (a booklet page is half an imposed sheet)."""

    number: int  # 1-based, in reading order
    total: int
    trim: Box
    content: Box
    lines: list[Line] = field(default_factory=list)  # page text, in painting (= tag) order
    marks: list[Box] = field(default_factory=list)  # drawn paths and images (figures, rules)
    padding: bool = False  # a booklet's blank page before its back cover
    right: bool = True  # a right-hand (odd, recto) page as the reader holds it

    @cached_property
    def text_lines(self) -> list[Line]:
        return [line for line in self.lines if not line.chart and line.text.strip()]

    def band(self, where: str) -> str:
        """The running head ("top") or foot ("bottom"): text in the margin above or below the content box."""
        if where == "top":
            lines = [ln for ln in self.text_lines if ln.box.y1 <= self.content.y0 + 0.5]
        else:
            lines = [ln for ln in self.text_lines if ln.box.y0 >= self.content.y1 - 0.5]
        return " ".join(ln.text for ln in lines)

    @cached_property
    def head(self) -> str:
        return self.band("top")


def _inked(chars: list[dict], fallback: tuple[float, ...]) -> Box:
    """The box of a span's glyphs. The second letter of a ligature ("fi") comes back as a glyph of zero
    width and the font's full height (ascent to descent): it marks no ink, so it is left out."""
    boxes = [c["bbox"] for c in chars if c["bbox"][2] > c["bbox"][0]]
    if not boxes:
        return Box(*fallback)
    return Box(min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _union(boxes: list[Box]) -> Box:
    return Box(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))


def _lines(page: pymupdf.Page, clip: Box | None = None) -> list[Line]:
    flags = pymupdf.TEXTFLAGS_RAWDICT | pymupdf.TEXT_ACCURATE_BBOXES
    found = []
    for block in page.get_text("rawdict", flags=flags, sort=False)["blocks"]:
        for raw in block.get("lines", []):
            spans = tuple(
                Span(text, s["font"], round(s["size"], 2), _inked(s["chars"], s["bbox"]), s["color"])
                for s in raw["spans"]
                if (text := "".join(c["c"] for c in s["chars"]))
            )
            if not spans:
                continue
            line = Line(spans, _union([s.box for s in spans]), raw["spans"][0]["origin"][1])
            if clip is None or clip.centre_in(line.box):
                found.append(line)
    return found


def _marks(page: pymupdf.Page, clip: Box | None = None) -> list[Box]:
    boxes = [Box(*d["rect"]) for d in page.get_drawings()]
    boxes += [Box(*info["bbox"]) for info in page.get_image_info()]
    area = page.rect.width * page.rect.height
    boxes = [b for b in boxes if b.width * b.height < 0.5 * area]  # no page-size backgrounds
    return [b for b in boxes if clip is None or clip.centre_in(b)]


def _content(geometry: Geometry, trim: Box, right_page: bool) -> Box:
    top, right, bottom, left = (m * MM for m in geometry.margins)
    if geometry.inner is not None:
        inner = geometry.inner * MM
        left, right = (inner, right) if right_page else (left, inner)
    return trim.inset(top, right, bottom, left)


def read(data: bytes, edition: str) -> list[Page]:
    """The pages of one edition's PDF bytes, in reading order."""
    geometry = GEOMETRY[edition]
    document = pymupdf.open(stream=data, filetype="pdf")
    if edition == "booklet":
        return _booklet(document, geometry)
    pages = []
    for index, page in enumerate(document):
        rect = page.rect
        bleed = geometry.bleed * MM
        trim = Box(rect.x0 + bleed, rect.y0 + bleed, rect.x1 - bleed, rect.y1 - bleed)
        content = _content(geometry, trim, right_page=index % 2 == 0)
        right = index % 2 == 0
        pages.append(Page(index + 1, len(document), trim, content, _lines(page), _marks(page), right=right))
    return pages


def _booklet(document: pymupdf.Document, geometry: Geometry) -> list[Page]:
    """The A5 pages of the imposed sheets: each half placed back in reading order (brochure/render/pdf/editions.py)."""
    width = geometry.width * MM
    x0 = (editions.A4_LANDSCAPE[0] - 2 * width) / 2
    halves = []
    for page in document:
        for k in (0, 1):
            trim = Box(x0 + k * width, 0, x0 + (k + 1) * width, editions.A4_LANDSCAPE[1])
            halves.append((trim, _lines(page, trim), _marks(page, trim)))
    total = len(halves)
    blank = sum(1 for _, lines, marks in halves if not lines and not marks)
    count = total - blank
    order = [slot for side in editions.saddle_order(count) for slot in side]
    pages: list[Page | None] = [None] * total
    pads = iter(range(count - 1, total - 1))
    for slot, (trim, lines, marks) in zip(order, halves, strict=True):
        # physical position: the back cover is the last page, the padding blanks come just before it
        position = next(pads) if slot is None else (slot if slot < count - 1 else total - 1)
        right_page = position % 2 == 0
        number = 0 if slot is None else slot + 1  # the printed page number (the A5 document's)
        content = _content(geometry, trim, right_page)
        page = Page(number, count, trim, content, lines, marks, padding=slot is None, right=right_page)
        pages[position] = page
    return [page for page in pages if page is not None]
