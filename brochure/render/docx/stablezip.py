"""A DOCX (a ZIP package) with the same bytes every build: fixed entry dates and attributes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from brochure.present.presentation import UNDATED


def deterministic_zip(data: bytes, date: dt.date | None) -> bytes:
    """The same archive with fixed entry dates and attributes, entries in their written order
    (``date`` None: :data:`present.UNDATED`, a ZIP entry must have a date)."""
    date = date or UNDATED
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
