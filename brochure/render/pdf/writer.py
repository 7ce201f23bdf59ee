"""HTML -> PDF with WeasyPrint: sandboxed, bundled fonts only, fail on any problem, reproducible.

- Fonts: fontconfig is pointed at ``layouts/fonts`` alone (``FONTCONFIG_FILE``) before WeasyPrint
  loads, so a glyph missing from the bundled fonts renders as .notdef and fails the build instead
  of falling back silently to a system font.
- Sandbox: a URL fetcher that reads only ``data:`` URLs and regular files under the asset folders.
- Errors: WeasyPrint only logs problems; every warning or error it logs during a render fails it,
  except its notice that fonts are subset with fontTools (HarfBuzz-Subset missing): a slower write,
  not a fault, kept as a notice for the build's output (:mod:`brochure.core.notices`).
- Dates: the PDF's dates and the font subsets' timestamps come from the sheet's date.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from brochure.core import notices, paths
from brochure.core.errors import FAILED, BrochureError
from brochure.render.pdf import fontconf

os.environ["FONTCONFIG_FILE"] = str(fontconf.isolated_config())  # before WeasyPrint loads fontconfig

from weasyprint import CSS, HTML, Attachment, Document  # after the font isolation, on purpose
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from brochure.present.presentation import UNDATED
from brochure.render.pdf import accessibility

ASSET_ROOTS = (paths.LAYOUTS,)
Attached = tuple[str, bytes] | None


class RenderError(BrochureError):
    """WeasyPrint reported problems while rendering; the PDF was not written."""

    exit_code = FAILED


class SandboxFetcher(URLFetcher):
    """Reads ``data:`` URLs and regular files under the asset folders; nothing else, no redirects."""

    def __init__(self, roots: tuple[Path, ...] = ASSET_ROOTS) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=5)
        self.roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: dict | None = None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"blocked: {url} is outside the asset folders")
        elif scheme != "data":
            raise ValueError(f"blocked: {url} (only data: and asset files may be read)")
        return super().fetch(url, headers)


# WeasyPrint's warning, logged once per font per document, when libharfbuzz-subset0 is missing
_FONTTOOLS_NOTICE = "Using fontTools instead of HarfBuzz-Subset"


def _keep_as_notice(record: logging.LogRecord) -> bool:
    """Logger filter: WeasyPrint's fontTools warning becomes one plain notice (printed by no handler)."""
    if str(record.msg).startswith(_FONTTOOLS_NOTICE):
        notices.add(notices.SLOW_SUBSETTING)
        return False
    return True


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _fail_on_logs() -> Iterator[_Collector]:
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addFilter(_keep_as_notice)
    logger.addHandler(collector)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.removeFilter(_keep_as_notice)
        logger.setLevel(previous)


@contextmanager
def _source_date(date: dt.date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for the fonts' timestamps during a write (restored after)."""
    epoch = int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp())
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _raise_on(logs: _Collector) -> None:
    if logs.messages:
        unique = list(dict.fromkeys(logs.messages))
        raise RenderError("WeasyPrint reported: " + "; ".join(unique[:10]))


def lay_out(html: str, base_url: Path = paths.LAYOUTS, css: str | None = None) -> Document:
    """Lay ``html`` out into pages (sandboxed, bundled fonts); raise :class:`RenderError` on any problem.
    ``css``: a stylesheet applied over the document's own (its ``!important`` rules win)."""
    fonts = FontConfiguration()
    with _fail_on_logs() as logs:
        extra = [CSS(string=css, font_config=fonts)] if css else []
        document = HTML(string=html, base_url=str(base_url) + "/", url_fetcher=SandboxFetcher()).render(
            font_config=fonts, stylesheets=extra
        )
    _raise_on(logs)
    return document


def write_document(
    document: Document,
    date: dt.date | None,
    tagged: bool = True,
    variant: str | None = None,
    attachment: Attached = None,
    claim_ua: bool = False,
) -> bytes:
    """PDF bytes of a laid-out document. ``attachment`` is ``(file name, bytes)``, dated ``date``.

    A tagged PDF is finished by :func:`accessibility.finish` (artifacts, Print flags, header scopes,
    no empty elements); ``claim_ua`` also declares PDF/UA-1 in the XMP of another variant (PDF/A).

    ``date`` None (a sheet without a date): the bytes are stamped with :data:`present.UNDATED`, which
    no page and no document metadata shows."""

    if variant and variant.startswith("pdf/x") and not document.metadata.modified:
        # PDF/X requires both dates and WeasyPrint would write the clock's: a sheet without a date gets
        # the fixed stamp instead (reproducible bytes), the one exception to "no date the sheet lacks".
        document.metadata.created = document.metadata.modified = UNDATED.isoformat()
    date = date or UNDATED
    attachments = []
    if attachment:  # an Attachment is consumed by one write: a new one for each
        stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
        name, data = attachment
        attachments.append(
            Attachment(
                file_obj=io.BytesIO(data),
                name=name,
                relationship="Source",
                created=stamp,
                modified=stamp,
                description=name,
            )
        )
    with _fail_on_logs() as logs, _source_date(date):
        pdf = document.write_pdf(pdf_tags=tagged, pdf_variant=variant, attachments=attachments, uncompressed_pdf=False)
    _raise_on(logs)
    if tagged or variant:
        return accessibility.finish(pdf, claim=claim_ua)
    return pdf


def write_pdf(html: str, date: dt.date | None, base_url: Path = paths.LAYOUTS, tagged: bool = True) -> bytes:
    """Render ``html`` to PDF bytes; raise :class:`RenderError` on any WeasyPrint warning or error."""
    return write_document(lay_out(html, base_url), date, tagged)
