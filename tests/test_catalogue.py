"""`invoke catalogue`: one single-pass PDF of many careers, contents and bookmarks that agree."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from brochure import bench, catalogue, commands
from tests.conftest import PROJECT

# The target is 1 GB for 50 careers; a single-pass render measured 1 447 MB here (see the
# notes). This budget catches a regression; the gap to the target stays open.
MEMORY_LIMIT_MB = 2048
TOC_LINE = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


def toc_and_bookmarks(data: bytes) -> tuple[dict[str, int], dict[str, int]]:
    reader = PdfReader(io.BytesIO(data))
    toc: dict[str, int] = {}
    for page in reader.pages[1:4]:
        for line in page.extract_text().splitlines():
            match = TOC_LINE.match(line.strip())
            if match:
                toc[match["title"].strip()] = int(match["page"])
    marks = {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    return toc, marks


def test_catalogue_of_sources_has_a_bookmark_and_a_toc_entry_per_career() -> None:
    data, problems = catalogue.render()
    toc, marks = toc_and_bookmarks(data)
    assert problems == []
    assert toc["Responsable e-commerce"] == marks["Responsable e-commerce"]
    assert "Index" in marks and "Sommaire" in marks


def test_compare_and_indexes(tmp_path: Path) -> None:
    bench.variants(tmp_path, 3)
    data, _ = catalogue.render(folder=tmp_path, compare="responsable-e-commerce,variante-001,variante-002")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Comparaison des profils d’épanouissement" in text
    assert "Les métiers par dimension d’épanouissement" in text and "Les métiers par niveau d’entrée habituel" in text
    with pytest.raises(catalogue.CatalogueError, match="2 to 4 careers"):
        catalogue.render(folder=tmp_path, compare="responsable-e-commerce")
    with pytest.raises(catalogue.CatalogueError, match="not among"):
        catalogue.render(folder=tmp_path, compare="responsable-e-commerce,inconnu")


def test_bad_compare_is_a_clear_cli_error(capsys) -> None:
    assert commands.catalogue(compare="a,b,c,d,e") == 2
    assert "2 to 4 careers" in capsys.readouterr().err


SCRIPT = """
import resource, sys
from pathlib import Path
from brochure import bench, catalogue
folder = Path(sys.argv[1])
bench.variants(folder, 50)
data, problems = catalogue.render(folder=folder)
Path(sys.argv[2]).write_bytes(data)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_fifty_careers_page_numbers_and_memory(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    out = tmp_path / "catalogue.pdf"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "sources"), str(out)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    peak_mb = int(result.stdout.split()[-1])
    toc, marks = toc_and_bookmarks(out.read_bytes())
    careers = {title: page for title, page in marks.items() if title.startswith("Responsable e-commerce")}
    assert len(careers) == 50
    assert {title: toc[title] for title in careers} == careers  # the contents give each career's first page
    assert peak_mb <= MEMORY_LIMIT_MB, f"peak {peak_mb} MB"
