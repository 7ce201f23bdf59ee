"""A brand's logo as PNG for the DOCX (Word does not take SVG).

A brand that ships ``logo.png`` (or a PNG beside its SVG) gives that file. An SVG-only brand is
drawn by WeasyPrint's own SVG renderer, the one that puts the logo in the PDF, onto a page cut to
the logo's size; pypdfium2 rasterises that page at 300 dpi. Same drawing in both formats, no
system library (cairo, rsvg) needed, and the bytes are the same on every run.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

import pypdfium2

from brochure.core import paths
from brochure.present.brand import Brand

DPI = 300
HEIGHT_MM = 12  # the logo's height on the DOCX cover
_DATE = dt.date(2000, 1, 1)  # the throwaway PDF's date: fixed, so the PNG never varies


def _page(src: str, size: str = "210mm 297mm") -> str:
    return (
        f"<html lang='fr'><head><style>@page {{ size: {size}; margin: 0 }} body {{ margin: 0 }}"
        f"img {{ display: block; height: {HEIGHT_MM}mm }}</style></head>"
        f"<body><img src='{src}' alt=''></body></html>"
    )


@cache
def _rasterise(svg: Path) -> bytes:
    from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

    src = svg.resolve().relative_to(paths.LAYOUTS.resolve()).as_posix()
    image = next(box for box in pdf.lay_out(_page(src)).pages[0]._page_box.descendants() if box.element_tag == "img")
    size = f"{image.width:.3f}px {image.height:.3f}px"  # CSS px: 96 a inch
    document = pypdfium2.PdfDocument(pdf.write_document(pdf.lay_out(_page(src, size)), _DATE, tagged=False))
    bitmap = document[0].render(scale=DPI / 72)
    buffer = io.BytesIO()
    bitmap.to_pil().convert("RGB").save(buffer, format="PNG", dpi=(DPI, DPI), optimize=True)
    return buffer.getvalue()


def png(brand: Brand) -> bytes | None:
    """The logo of ``brand`` as PNG bytes, or None when the brand has no logo."""
    shipped = brand.logo_path(".png")
    if shipped:
        return shipped.read_bytes()
    svg = brand.logo_path()
    return _rasterise(svg) if svg and svg.suffix.lower() == ".svg" else None
