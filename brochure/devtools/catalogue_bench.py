"""The catalogue's figures for `invoke bench`: time, pages, bytes and memory of a catalogue; its time
against a bare WeasyPrint render of each of its parts once; its bytes against one WeasyPrint pass
over the same parts (what the font subsets each part embeds cost)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from .. import paths, sources
from .bench import PAIRS, _bare, _median, tree_peak, variants

SINGLE = """
import sys
from pathlib import Path
import weasyprint
html = Path(sys.argv[1]).read_text()
print(len(weasyprint.HTML(string=html, base_url=sys.argv[2]).write_pdf(pdf_tags=True)))
"""


def _catalogue_parts(folder: Path) -> tuple[float, bytes, list[str]]:
    """A catalogue of ``folder`` in this process (no worker): its seconds, bytes, and the HTML of each
    part as finally written (recorded on the way)."""
    from .. import catalogue, catalogue_pages

    written: list[str] = []
    write_part = catalogue_pages._write_part

    def recording(html: str, date):
        written.append(html)
        return write_part(html, date)

    catalogue_pages._write_part = recording
    try:
        start = time.perf_counter()
        data = catalogue.catalogue_pdf(folder=folder, jobs=1)
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


def measure_catalogue(count: int, work: Path, jobs: int = 2, pairs: int = PAIRS, small: int = 4, ten: int = 10) -> dict:
    """A catalogue of ``count`` careers (seconds, pages, bytes, peak memory over the process tree);
    its time against a bare render of each part once (median of ``pairs`` runs of ``small`` careers,
    no worker on either side), its bytes against one WeasyPrint pass over the same parts."""
    from .. import catalogue, stitch

    folder = work / "catalogue-sources"
    folder.mkdir()
    variants(folder, count)
    start = time.perf_counter()
    with tree_peak() as memory:
        data = catalogue.catalogue_pdf(folder=folder, jobs=jobs)
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
    ratios = []
    for run in range(pairs):
        seconds, _, parts = _catalogue_parts(small_folder)
        html_dir = work / f"catalogue-parts-{run}"
        html_dir.mkdir()
        for index, html in enumerate(parts):
            (html_dir / f"{index:03d}.html").write_text(html, encoding="utf-8")
        ratios.append(seconds / (_bare(html_dir) * len(parts)))
    ten_folder = work / "catalogue-ten"
    ten_folder.mkdir()
    variants(ten_folder, min(ten, count))
    _, ten_data, ten_parts = _catalogue_parts(ten_folder)
    return figures | {
        "catalogue_ratio_to_bare": _median(ratios),
        "catalogue_bytes_careers": min(ten, count),
        "catalogue_parts_bytes": len(ten_data),
        "catalogue_single_pass_bytes": (single := _single_pass(ten_parts, work / "catalogue-single")),
        "catalogue_bytes_ratio": round(len(ten_data) / single, 3),
    }
