"""QR codes: they decode (zxing-cpp) to the sheet's address from a PNG and from a PDF page rendered at 200 dpi."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2
import zxingcpp
from PIL import Image

from brochure.present import qr
from brochure.render.pdf import writer as pdf

URL = "https://plateforme-orientation-metiers.fr/metiers/responsable-e-commerce"


def decoded(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_png_decodes_to_the_address_at_300_dpi() -> None:
    image = Image.open(io.BytesIO(qr.png(URL, 20)))
    assert decoded(image) == [URL]
    assert image.size[0] >= 20 / 25.4 * 300 * 0.9  # about 20 mm at 300 dpi


def test_vector_code_in_a_pdf_decodes_from_the_rendered_page() -> None:
    html = f'<html><body><img style="width: 20mm" src="{qr.svg_data_uri(URL, 20)}" alt="QR"></body></html>'
    data = pdf.write_document(pdf.lay_out(html), dt.date(2026, 1, 1), tagged=False)
    assert b"/Subtype /Image" not in data  # drawn as vector paths, not a bitmap
    page = pypdfium2.PdfDocument(data)[0].render(scale=200 / 72).to_pil()
    assert decoded(page) == [URL]


def test_a_broken_code_does_not_decode() -> None:
    """The decoder is a real check: a code with its finder patterns painted over reads as nothing."""
    image = Image.open(io.BytesIO(qr.png(URL, 20))).convert("L")
    image.paste(255, (0, 0, image.size[0] // 2, image.size[1] // 2))
    assert decoded(image) == []


def test_target_and_short_address() -> None:
    assert qr.target(URL) == URL
    assert qr.target(None) is None
    assert qr.target(URL, "https://www.lycee-exemple.fr/orientation/{slug}", "responsable-e-commerce") == (
        "https://www.lycee-exemple.fr/orientation/responsable-e-commerce"
    )
    assert qr.short("https://www.lycee-exemple.fr/orientation/") == "lycee-exemple.fr/orientation"
    assert qr.short(URL) == "plateforme-orientation-metiers.fr/metiers/responsable-e-commerce"
