"""The catalogue's page counts, remembered between runs so that a part is laid out once.

Every page of the catalogue prints its number and the total ("page X / Y"), and each career's
glance page prints the page of each of its parts: no part can be written before every part's page
count is known. A part's count does not depend on the numbers it prints (WeasyPrint lays the footers
out after the pages are cut; a wider number in a contents line could in theory rewrap it, which the
catalogue checks after writing), so a count is remembered under the digest of the part's HTML with
stand-in numbers, the engine and the layouts (``fingerprint.environment``). A part found here skips
its counting layout; a career not found there takes its built brochure's count as a prediction
(``catalogue.built_counts``); any other part (new, edited, or a first run) is counted as before.

The cache and the build only predict: the catalogue compares every written part's pages with the
prediction and renders again when one differs, so the bytes are those of a cold run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from brochure.build import fingerprint
from brochure.core.errors import BrochureError
from brochure.core.files import write_atomic

PLACEHOLDER_PAGE = 888  # as wide as the real numbers, for the counting layout
PASSES = 3
KEEP = 4000  # counts kept (the most recently used): a few catalogues of a few hundred careers


class CatalogueError(BrochureError):
    """Bad options (``compare``) or no usable sheet; numbers that do not settle."""


def _key(html: str) -> str:
    digest = hashlib.sha256(fingerprint.environment().encode())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


class PageCounts:
    """Page counts by part digest, read from and saved to ``path`` (None: remembered for this run only)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.counts: dict[str, int] = {}
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = {}
            if isinstance(loaded, dict):
                self.counts = {k: v for k, v in loaded.items() if isinstance(v, int) and v > 0}

    def lookup(self, parts: Sequence[str]) -> list[int | None]:
        """The remembered count of each part's stand-in HTML, or None."""
        return [self.counts.get(_key(html)) for html in parts]

    def remember(self, parts: Sequence[str], counts: Sequence[int]) -> None:
        """Keep ``counts`` (the written parts' pages) and save; the oldest entries past :data:`KEEP` go."""
        for html, count in zip(parts, counts, strict=True):
            key = _key(html)
            self.counts.pop(key, None)
            self.counts[key] = count  # last: the most recently used
        self.counts = dict(list(self.counts.items())[-KEEP:])
        if self.path is not None:
            write_atomic(self.path, json.dumps(self.counts, indent=0).encode("utf-8"))


@dataclass(frozen=True)
class Numbers:
    """Where each part starts: parts are the front matter, the careers in order, the back matter."""

    starts: tuple[int, ...]
    total: int
    pages: dict[str, int]  # a career's prefix, or "index" -> its first page

    @classmethod
    def from_counts(cls, counts: Sequence[int], prefixes: Sequence[str]) -> Numbers:
        starts = [1]
        for count in counts[:-1]:
            starts.append(starts[-1] + count)
        pages = dict(zip(prefixes, starts[1:-1], strict=True)) | {"index": starts[-1]}
        return cls(tuple(starts), sum(counts), pages)

    @classmethod
    def placeholder(cls, prefixes: Sequence[str]) -> Numbers:
        pages = dict.fromkeys([*prefixes, "index"], PLACEHOLDER_PAGE)
        return cls((1,) * (len(prefixes) + 2), PLACEHOLDER_PAGE, pages)


def _count_pages(html: str) -> int:
    from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

    return len(pdf.lay_out(html).pages)


def settle(
    run: Callable[..., list],
    pages_html: Callable[[Numbers], list[str]],
    prefixes: list[str],
    date: dt.date | None,
    known: PageCounts,
    predicted: Sequence[int | None] = (),
) -> list[bytes]:
    """Every part's PDF, numbered with the counts they were written with: remembered counts when the
    cache has them, else ``predicted`` ones where given (no counting layout), else counted; written
    again while a count differs."""
    stand_ins = pages_html(Numbers.placeholder(prefixes))
    counts = known.lookup(stand_ins)
    for index, guess in enumerate(predicted):
        if counts[index] is None:
            counts[index] = guess
    missing = [index for index, count in enumerate(counts) if count is None]
    if missing:
        found = run("laying out", _count_pages, [stand_ins[index] for index in missing])
        for index, count in zip(missing, found, strict=True):
            counts[index] = count
    for attempt in range(PASSES):
        stage = "rendering" if attempt == 0 else f"rendering ({attempt + 1})"
        rendered = run(stage, _write_part, pages_html(Numbers.from_counts(counts, prefixes)), date)
        pdfs, written = [data for data, _ in rendered], [pages for _, pages in rendered]
        if written == counts:
            known.remember(stand_ins, written)
            return pdfs
        counts = written
    raise CatalogueError(f"page numbers did not settle after {PASSES} passes")


def _write_part(html: str, date: dt.date | None) -> tuple[bytes, int]:
    """The part's PDF bytes and its page count (read from the laid-out document, not the PDF)."""
    from brochure.render.pdf import writer as pdf  # WeasyPrint: kept out of a no-op build

    document = pdf.lay_out(html)
    return pdf.write_document(document, date, variant="pdf/ua-1"), len(document.pages)
