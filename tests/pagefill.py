"""How much of a page's content box is used, measured on the PDF (PyMuPDF), as the design brief's rule 2 means it.

The content box (the page less its margins) is cut into a left and a right half. In each half, a
row is used where a text line, an image or a drawn shape (tiles, bars, QR code, rules) lies; white
gaps of at most :data:`GAP_MM` between used rows are the normal space between blocks and count as
used; longer gaps are empty. The page's fill is the mean of its two halves: a column left half
empty shows.
"""

from __future__ import annotations

import pymupdf as fitz

MM = 72 / 25.4
GAP_MM = 8.0
BROCHURE_MARGINS = (17, 17, 16, 17)  # top, right, bottom, left (mm), layouts/css/brochure.css
SUMMARY_MARGINS = (14, 16, 14, 16)  # layouts/css/summary.css


def _boxes(page: fitz.Page) -> list[fitz.Rect]:
    boxes = []
    for block in page.get_text("dict")["blocks"]:
        if block["type"] == 0:
            boxes += [
                fitz.Rect(line["bbox"]) for line in block["lines"] if any(s["text"].strip() for s in line["spans"])
            ]
        else:
            boxes.append(fitz.Rect(block["bbox"]))
    for drawing in page.get_drawings():  # a vertical rule (a box's edge) is 0 pt wide: give it 2 pt
        rect = fitz.Rect(drawing["rect"])
        boxes.append(rect if rect.width >= 2 else fitz.Rect(rect.x0 - 1, rect.y0, rect.x1 + 1, rect.y1))
    return boxes


def _used(spans: list[tuple[float, float]], top: float, bottom: float) -> float:
    gap = GAP_MM * MM
    merged: list[list[float]] = []
    for start, end in sorted((max(a, top), min(b, bottom)) for a, b in spans if b > top and a < bottom):
        if merged and start - merged[-1][1] <= gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return sum(end - start for start, end in merged) / (bottom - top)


def fill(data: bytes, index: int, margins: tuple[float, float, float, float] = BROCHURE_MARGINS) -> float:
    """The used share (0-1) of page ``index`` of the PDF ``data``."""
    with fitz.open(stream=data, filetype="pdf") as document:
        page = document[index]
        trim = page.trimbox if page.trimbox else page.rect
        top_mm, right_mm, bottom_mm, left_mm = margins
        x0, x1 = trim.x0 + left_mm * MM, trim.x1 - right_mm * MM
        top, bottom = trim.y0 + top_mm * MM, trim.y1 - bottom_mm * MM
        middle = (x0 + x1) / 2
        boxes = _boxes(page)
        halves = []
        for left, right in ((x0, middle), (middle, x1)):
            spans = [
                (b.y0, b.y1) for b in boxes if min(b.x1, right) - max(b.x0, left) > 1 and b.height < bottom - top
            ]  # not a page-size background
            halves.append(_used(spans, top, bottom))
        return sum(halves) / 2
