"""Print editions that need work after WeasyPrint: the print shop's BleedBox, the A5 booklet's
imposition. (The summary and archive editions are plain renders; see ``pipeline``.)"""

from __future__ import annotations

import hashlib
import io
import math
import re
import uuid

MM = 72 / 25.4
A4_LANDSCAPE = (841.89, 595.28)
BLEED_MM = 3


_RANDOM_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def stable_document_id(pdf) -> None:
    """WeasyPrint gives a PDF/X-4 a random XMP DocumentID (uuid4) and file ID: replace them by ones derived
    from the pages' content, so the same sheet gives the same bytes (``pdf``: an open pikepdf document)."""
    if "/ID" in pdf.trailer:  # WeasyPrint's random file ID: pikepdf's deterministic one replaces it on saving
        del pdf.trailer["/ID"]
    metadata = pdf.Root.get("/Metadata")
    if metadata is None:
        return
    digest = hashlib.sha256(b"".join(page.Contents.read_bytes() for page in pdf.pages)).digest()
    stable = f"xmp.did:{uuid.UUID(bytes=digest[:16])}".encode()
    metadata.write(_RANDOM_ID.sub(stable, metadata.read_bytes()))


def set_bleed_box(data: bytes, mm: float = BLEED_MM) -> bytes:
    """BleedBox = TrimBox grown by ``mm`` on each side (WeasyPrint's caps at 10 pt from the trim); a stable
    XMP DocumentID."""
    import pikepdf  # pikepdf and pypdf: kept out of a no-op build

    with pikepdf.open(io.BytesIO(data)) as pdf:
        stable_document_id(pdf)
        for page in pdf.pages:
            left, bottom, right, top = (float(v) for v in page.obj["/TrimBox"])
            grow = mm * MM
            page.obj["/BleedBox"] = pikepdf.Array([left - grow, bottom - grow, right + grow, top + grow])
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def saddle_order(count: int) -> list[tuple[int | None, int | None]]:
    """Page indexes (0-based; None for a blank) for each side of the imposed sheets, in print order.

    The pages are padded to a multiple of 4 with blanks placed before the back cover (the last
    page). Side 1 of sheet k holds (last - 2k, 2k), side 2 holds (2k + 1, last - 2k - 1), so that
    printing duplex, stacking and folding gives the pages in reading order.
    """
    total = max(4, math.ceil(count / 4) * 4)
    slots: list[int | None] = list(range(count - 1)) + [None] * (total - count) + [count - 1]
    sides = []
    for k in range(total // 4):
        sides.append((slots[total - 1 - 2 * k], slots[2 * k]))
        sides.append((slots[2 * k + 1], slots[total - 2 - 2 * k]))
    return sides


def impose_booklet(data: bytes) -> bytes:
    """A5 pages -> A4 landscape sheets, two-up, in saddle-stitch order."""
    from pypdf import PdfReader, PdfWriter, Transformation  # pikepdf and pypdf: kept out of a no-op build

    reader = PdfReader(io.BytesIO(data))
    pages = list(reader.pages)
    width, height = A4_LANDSCAPE
    page_width = float(pages[0].mediabox.width)
    left_x = (width - 2 * page_width) / 2  # two A5 pages are narrower than A4 landscape: centre them
    writer = PdfWriter()
    for left, right in saddle_order(len(pages)):
        side = writer.add_blank_page(width=width, height=height)
        for index, x in ((left, left_x), (right, left_x + page_width)):
            if index is not None:
                side.merge_transformed_page(pages[index], Transformation().translate(x, 0))
    writer.add_metadata({k: v for k, v in (reader.metadata or {}).items() if k in ("/Title", "/Author", "/Subject")})
    out = io.BytesIO()
    writer.write(out)
    return _deterministic(out.getvalue())


def _deterministic(data: bytes) -> bytes:
    import pikepdf  # pikepdf and pypdf: kept out of a no-op build

    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
