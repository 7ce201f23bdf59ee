"""QR codes to a career's online sheet (segno: pure Python, maintained): vector for the PDF, PNG for the DOCX.

The address is the brand's override for the school's own page when it has one, else the sheet's
``provenance.source_url``; a sheet with neither gets no QR code (and no empty box). Codes are drawn at
a printed size of at least :data:`MIN_MM` (20 mm), with a 4-module quiet zone, error correction M.
"""

from __future__ import annotations

import base64
import io
from urllib.parse import urlsplit

import segno

MIN_MM = 20.0
QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)
ERROR = "m"  # 15 % of the code may be damaged or covered
MAX_VERSION = 10  # 57 modules: at 20 mm, 0.3 mm a module, which a phone reads; longer addresses get no code


def target(source_url: str | None, override: str | None = None, slug: str = "") -> str | None:
    """The address a QR code leads to: ``override`` (a brand's page, ``{slug}`` replaced by the career's slug),
    else the sheet's own address; None when there is neither."""
    if override:
        return override.replace("{slug}", slug)
    return source_url or None


def short(url: str) -> str:
    """The address as printed beside the code: no scheme, no ``www.``, no trailing slash."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    rest = parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")
    return host + rest


def fits(url: str) -> bool:
    """Whether ``url`` makes a code of at most :data:`MAX_VERSION` (readable at 20 mm)."""
    try:
        return _code(url).version <= MAX_VERSION
    except segno.DataOverflowError:
        return False


def _code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error=ERROR, boost_error=False)


def svg(url: str, size_mm: float = MIN_MM) -> bytes:
    """The code as an SVG of ``size_mm`` square (quiet zone included), black modules as one path."""
    code = _code(url)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    out = io.BytesIO()
    code.save(out, kind="svg", scale=1, border=QUIET_ZONE, xmldecl=False, svgns=True, nl=False, unit="mm")
    text = out.getvalue().decode("utf-8")
    # segno sizes the code in modules (its viewBox is the module grid): set the printed size.
    text = text.replace(f'width="{modules}mm" height="{modules}mm"', f'width="{size_mm:g}mm" height="{size_mm:g}mm"', 1)
    return text.encode("utf-8")


def svg_data_uri(url: str, size_mm: float = MIN_MM) -> str:
    """``data:image/svg+xml;base64,…`` of :func:`svg`, for an ``<img>`` in the PDF's HTML."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(url, size_mm)).decode("ascii")


def png(url: str, size_mm: float = MIN_MM, dpi: int = 300) -> bytes:
    """The code as a PNG at ``dpi`` for ``size_mm`` (for the DOCX, which takes no SVG)."""
    code = _code(url)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    scale = max(1, round(size_mm / 25.4 * dpi / modules))
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=QUIET_ZONE, dpi=dpi)
    return out.getvalue()
