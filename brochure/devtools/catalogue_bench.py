"""The catalogue's figures for `invoke bench`: time, pages, bytes and memory of a catalogue; its time
against a bare WeasyPrint render of each of its parts once; its bytes against one WeasyPrint pass
over the same parts (what the font subsets each part embeds cost)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from brochure.core import paths
from brochure.devtools.measure import PAIRS, bare, median, tree_peak, variants
from brochure.model import sources

SINGLE = """
import sys
from pathlib import Path
import weasyprint
html = Path(sys.argv[1]).read_text()
print(len(weasyprint.HTML(string=html, base_url=sys.argv[2]).write_pdf(pdf_tags=True)))
"""


def _catalogue_parts(
    folder: Path, pages_cache: Path | None = None, built: Path | None = None
) -> tuple[float, bytes, list[str]]:
    """A catalogue of ``folder`` in this process (no worker): its seconds, bytes, and the HTML of each
    part as finally written (recorded on the way). ``pages_cache``: the page counts it may remember;
    ``built``: a build's output whose brochures predict the careers' counts (both None: cold, every
    part is counted by a layout first)."""
    from brochure.products.catalogue import book as catalogue
    from brochure.products.catalogue import pagecounts as catalogue_pages

    written: list[str] = []
    write_part = catalogue_pages._write_part

    def recording(html: str, date):
        written.append(html)
        return write_part(html, date)

    catalogue_pages._write_part = recording
    try:
        start = time.perf_counter()
        data = catalogue.catalogue_pdf(folder=folder, jobs=1, pages_cache=pages_cache, built=built)
        seconds = time.perf_counter() - start
    finally:
        catalogue_pages._write_part = write_part
    parts = len(sources.discover(folder)) + 2  # the front matter, each career, the back matter
    return seconds, data, written[-parts:]


def _single_pass(parts: list[str], html_dir: Path) -> int:
    """Bytes of the catalogue laid out as one document (every part's body after the first's head)."""
    bodies = [re.search(r"<body>(.*)</body>", html, re.S).group(1) for html in parts]
    head = parts[0].split("<body>", 1)[0]
    html_dir.mkdir(exist_ok=True)
    (html_dir / "single.html").write_text(head + "<body>" + "".join(bodies) + "</body></html>", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", SINGLE, str(html_dir / "single.html"), str(paths.LAYOUTS) + "/"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip())


def _ratios(folder: Path, work: Path, pairs: int) -> dict[str, list[float]]:
    """Catalogue time over a bare render of each part once, ``pairs`` times, each paired with the same
    bare run: ``built`` (after `invoke build --format pdf` of the same sheets, nothing remembered: the
    brochures predict the careers' counts, the front and back matter are counted), ``unbuilt`` (nothing
    known: each part laid out to count, then rendered) and ``remembered`` (the counts of an earlier
    catalogue of the same sheets: each part laid out once)."""
    from brochure.build import builder as build

    cache, output = work / "catalogue-pages.json", work / "catalogue-built"
    _catalogue_parts(folder, cache)  # remembers the counts (not timed)
    build.build((), build.Options(formats=("pdf",)), folder=folder, output=output)  # not timed
    ratios: dict[str, list[float]] = {"built": [], "unbuilt": [], "remembered": []}
    for run in range(pairs):
        built_s, _, _ = _catalogue_parts(folder, built=output)
        cold_s, _, parts = _catalogue_parts(folder)
        warm_s, _, _ = _catalogue_parts(folder, cache)
        html_dir = work / f"catalogue-parts-{run}"
        html_dir.mkdir()
        for index, html in enumerate(parts):
            (html_dir / f"{index:03d}.html").write_text(html, encoding="utf-8")
        bare_s = bare(html_dir) * len(parts)
        for name, seconds in (("built", built_s), ("unbuilt", cold_s), ("remembered", warm_s)):
            ratios[name].append(seconds / bare_s)
    return ratios


def measure_catalogue(count: int, work: Path, jobs: int = 2, pairs: int = PAIRS, small: int = 4, ten: int = 10) -> dict:
    """A catalogue of ``count`` careers (seconds, pages, bytes, peak memory over the process tree);
    its time against a bare render of each part once (median of ``pairs`` runs of ``small`` careers,
    no worker on either side; with the page counts remembered, and cold), its bytes against one
    WeasyPrint pass over the same parts."""
    from brochure.products.catalogue import book as catalogue
    from brochure.render.pdf import stitch  # pikepdf and pypdf: kept out of a no-op build

    folder = work / "catalogue-sources"
    folder.mkdir()
    variants(folder, count)
    start = time.perf_counter()
    with tree_peak() as memory:
        data = catalogue.catalogue_pdf(folder=folder, jobs=jobs, pages_cache=None)
    figures = {
        "catalogue_careers": count,
        "catalogue_jobs": jobs,
        "catalogue_s": round(time.perf_counter() - start, 1),
        "catalogue_pages": stitch.page_count(data),
        "catalogue_bytes": len(data),
        "catalogue_peak_mb": memory["peak_mb"],
    }
    small_folder = work / "catalogue-small"
    small_folder.mkdir()
    variants(small_folder, min(small, count))
    ratios = _ratios(small_folder, work, pairs)
    ten_folder = work / "catalogue-ten"
    ten_folder.mkdir()
    variants(ten_folder, min(ten, count))
    _, ten_data, ten_parts = _catalogue_parts(ten_folder)
    return figures | {
        "catalogue_ratio_to_bare": median(ratios["built"]),  # the usual run: the sheets were built first
        "catalogue_ratio_to_bare_unbuilt": median(ratios["unbuilt"]),  # nothing known: each part counted
        "catalogue_ratio_to_bare_remembered": median(ratios["remembered"]),  # after an earlier catalogue
        "catalogue_bytes_careers": min(ten, count),
        "catalogue_parts_bytes": len(ten_data),
        "catalogue_single_pass_bytes": (single := _single_pass(ten_parts, work / "catalogue-single")),
        "catalogue_bytes_ratio": round(len(ten_data) / single, 3),
    }
