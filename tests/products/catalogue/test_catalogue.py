"""`invoke catalogue`: many careers in one tagged PDF; contents, bookmarks, links and footers agree."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from brochure import commands
from brochure.devtools import bench
from brochure.products.catalogue import book as catalogue
from tests import tagcheck
from tests.conftest import PROJECT

# The target: 50 careers within 1 GB, counted over the process and its workers.
MEMORY_LIMIT_MB = 1024
MANY = 12  # careers in the many-parts test: its contents and the numbers after them run over parts
FOOTER = re.compile(r"page (\d+) / (\d+)")
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
    data = catalogue.catalogue_pdf(jobs=1)  # no worker: the pool is not the subject
    toc, marks = toc_and_bookmarks(data)
    assert toc["Responsable e-commerce"] == marks["Responsable e-commerce"]
    assert "Index" in marks and "Sommaire" in marks


def test_compare_and_indexes(tmp_path: Path) -> None:
    bench.variants(tmp_path, 3)
    data = catalogue.catalogue_pdf(folder=tmp_path, compare="responsable-e-commerce,variante-001,variante-002", jobs=1)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Comparaison des profils d’épanouissement" in text
    assert "Les métiers par dimension d’épanouissement" in text and "Les métiers par niveau d’entrée habituel" in text
    with pytest.raises(catalogue.CatalogueError, match="2 to 4 careers"):
        catalogue.catalogue_pdf(folder=tmp_path, compare="responsable-e-commerce")
    with pytest.raises(catalogue.CatalogueError, match="not among"):
        catalogue.catalogue_pdf(folder=tmp_path, compare="responsable-e-commerce,inconnu")


def test_bad_compare_is_a_clear_cli_error(capsys) -> None:
    assert commands.catalogue(compare="a,b,c,d,e") == 2
    assert "2 to 4 careers" in capsys.readouterr().err


def footers(path: Path) -> list[tuple[int, int] | None]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for page in text.split("\f")[:-1]:
        match = FOOTER.search(page)
        found.append((int(match[1]), int(match[2])) if match else None)
    return found


def test_parts_are_joined_with_tags_links_and_running_numbers(tmp_path: Path) -> None:
    bench.variants(tmp_path, 3)
    data = catalogue.catalogue_pdf(folder=tmp_path, compare="variante-001,variante-002", jobs=1)
    out = tmp_path / "catalogue.pdf"
    out.write_bytes(data)
    with pikepdf.open(out) as pdf:
        assert tagcheck.problems(pdf) == []
        assert str(pdf.Root.Lang) == "fr-FR" and str(pdf.docinfo["/Title"]) == "Catalogue des métiers"
        toc, marks = toc_and_bookmarks(data)
        for slug, title in (("variante-001", "Responsable e-commerce 1"), ("variante-002", "Responsable e-commerce 2")):
            # the contents' link leads to the career's own cover, not to the stand-in in the contents
            assert tagcheck.destination_page(pdf, f"{slug}-cover") == marks[title] == toc[title]
        assert tagcheck.destination_page(pdf, "catalogue-index") == marks["Index"] == len(pdf.pages)
    numbers = footers(out)
    assert numbers[0] is None  # the cover has no footer
    assert [n for n in numbers if n] == [(i, len(numbers)) for i, n in enumerate(numbers, start=1) if n]


SCRIPT = """
import sys
from pathlib import Path
from brochure.products.catalogue import book as catalogue
from brochure.devtools import measure
from tests.extremes import write_short_sample
if __name__ == "__main__":
    folder = Path(sys.argv[1])
    measure.SAMPLE = write_short_sample(folder.parent / "short")  # careers of half the sample's length
    measure.variants(folder, int(sys.argv[3]))
    with measure.tree_peak() as memory:
        data = catalogue.catalogue_pdf(folder=folder, jobs=1)  # no worker: the pool is not the subject
    Path(sys.argv[2]).write_bytes(data)
    print(memory["peak_mb"])
"""


def test_many_careers_page_numbers_and_memory(tmp_path: Path) -> None:
    """Many careers (MANY, no longer 50: the same joins in a quarter of the layouts) in one process:
    contents, bookmarks, footers and tags across MANY + 2 joined parts, within the memory limit. Each
    career is half the sample (tests/extremes.short), which this test does not need whole; `invoke bench`
    makes the full-length 50-career catalogue on 2 workers (catalogue_s, _pages, _peak_mb)."""
    (tmp_path / "sources").mkdir()
    out, script = tmp_path / "catalogue.pdf", tmp_path / "fifty.py"
    script.write_text(SCRIPT)  # a file, not -c: a child process would re-import the main module
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "sources"), str(out), str(MANY)],
        cwd=PROJECT,
        env=os.environ | {"PYTHONPATH": str(PROJECT)},  # the script's folder, not the cwd, is on its path
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    peak_mb = float(result.stdout.split()[-1])
    toc, marks = toc_and_bookmarks(out.read_bytes())
    careers = {title: page for title, page in marks.items() if title.startswith("Responsable e-commerce")}
    assert len(careers) == MANY
    assert {title: toc[title] for title in careers} == careers  # the contents give each career's first page
    assert peak_mb <= MEMORY_LIMIT_MB, f"peak {peak_mb} MB"
    numbers = footers(out)
    assert numbers.count(None) == MANY + 1  # the catalogue's cover and each career's cover carry no footer
    assert [n for n in numbers if n] == [(i, len(numbers)) for i, n in enumerate(numbers, start=1) if n]
    with pikepdf.open(out) as pdf:
        assert tagcheck.problems(pdf) == []


def test_a_sheet_with_unprintable_text_stops_the_catalogue_at_once(tmp_path: Path, monkeypatch) -> None:
    """Found by the sheet job's guard, before any part is laid out, with the file, line and field."""
    from brochure.model import sources
    from brochure.render.pdf import writer as pdf

    bench.variants(tmp_path, 2)
    bad = tmp_path / "variante-001.yaml"
    lines = bad.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("summary:"))
    lines[number - 1] = lines[number - 1].replace("summary: ", "summary: Un métier 🚀 ", 1)
    bad.write_text("".join(lines), encoding="utf-8")

    def no_layout(*args, **kwargs):
        raise AssertionError("a part was laid out before the sheet was checked")

    monkeypatch.setattr(pdf, "lay_out", no_layout)
    with pytest.raises(sources.SheetError) as caught:
        catalogue.catalogue_pdf(folder=tmp_path, jobs=1)
    assert [(p.file, p.line, p.field) for p in caught.value.problems] == [(str(bad), number, "summary")]
    assert "cannot print" in str(caught.value)


def test_remembered_page_counts_skip_the_counting_layout_and_keep_the_bytes(tmp_path: Path, monkeypatch) -> None:
    """A second catalogue of the same sheets lays each part out once; a wrong remembered count
    (a stale cache) is caught by the written pages and gives the same bytes again."""
    from brochure.products.catalogue import pagecounts as catalogue_pages

    (tmp_path / "sources").mkdir()
    bench.variants(tmp_path / "sources", 1)
    cache = tmp_path / "pages.json"
    cold = catalogue.catalogue_pdf(folder=tmp_path / "sources", jobs=1, pages_cache=cache)
    remembered = json.loads(cache.read_text(encoding="utf-8"))
    assert len(remembered) == 3  # the front matter, the career, the back matter
    assert sum(remembered.values()) == len(PdfReader(io.BytesIO(cold)).pages)

    def no_counting(html: str) -> int:
        raise AssertionError("a part was laid out only to count its pages")

    monkeypatch.setattr(catalogue_pages, "_count_pages", no_counting)
    assert catalogue.catalogue_pdf(folder=tmp_path / "sources", jobs=1, pages_cache=cache) == cold
    cache.write_text(json.dumps({key: count + 1 for key, count in remembered.items()}), encoding="utf-8")
    assert catalogue.catalogue_pdf(folder=tmp_path / "sources", jobs=1, pages_cache=cache) == cold
    assert json.loads(cache.read_text(encoding="utf-8")) == remembered  # the written counts replace the stale ones


class _Parts(Exception):
    """Raised by a stand-in for catalogue_pages.settle: the parts' HTML with stand-in numbers."""


def _career_parts(folder: Path, monkeypatch) -> dict[str, str]:
    """Each career's part of a catalogue of ``folder``, as HTML with stand-in numbers, by slug."""
    from brochure.products.catalogue import pagecounts as catalogue_pages

    def parts_only(run, pages_html, prefixes, date, known, predicted=()):
        raise _Parts(dict(zip(prefixes, pages_html(catalogue_pages.Numbers.placeholder(prefixes))[1:-1], strict=True)))

    monkeypatch.setattr(catalogue, "settle", parts_only)
    with pytest.raises(_Parts) as caught:
        catalogue.catalogue_pdf(folder=folder, jobs=1)
    return {prefix.removesuffix("-"): html for prefix, html in caught.value.args[0].items()}


def test_a_careers_part_prints_as_many_pages_as_its_brochure(tmp_path: Path, monkeypatch) -> None:
    """What lets a build predict the catalogue's counts (catalogue.built_counts): the same parts, layouts
    and widths, on the sample and on the extremes that change the page count most."""
    from brochure.build import pipeline
    from brochure.model import sources
    from brochure.render.pdf import writer as pdf
    from tests import extremes
    from tests.conftest import SOURCE

    sample = sources.load(SOURCE)
    sheets = [sample] + [
        extremes.extreme(sample, name) for name in ("hard-skills-25", "faq-3000-words", "themes-1-bullet")
    ]
    for index, sheet in enumerate(sheets):
        sheet.slug = f"{index}-{sheet.slug}"
        (tmp_path / f"{sheet.slug}.yaml").write_text(sources.dumps(sheet), encoding="utf-8")
    parts = _career_parts(tmp_path, monkeypatch)
    brochures = {
        s.slug: len(pikepdf.open(io.BytesIO(pipeline.sheet_outputs(s, formats=("pdf",))["pdf"])).pages) for s in sheets
    }
    assert len(set(brochures.values())) > 1  # the extremes do change the count
    assert {slug: len(pdf.lay_out(html).pages) for slug, html in parts.items()} == brochures


def test_a_fresh_build_predicts_each_careers_pages_and_keeps_the_bytes(tmp_path: Path, monkeypatch) -> None:
    """After a build of the same sheets, a catalogue counts only its front and back matter: each career's
    part is laid out once. The bytes are a cold catalogue's; a sheet edited since the build, a build in
    another language, or a brochure file that is not the one built predicts nothing."""
    from brochure.build import builder as build
    from brochure.products.catalogue import pagecounts as catalogue_pages

    folder, out = tmp_path / "sources", tmp_path / "output"
    folder.mkdir()
    bench.variants(folder, 1)
    cold = catalogue.catalogue_pdf(folder=folder, jobs=1)
    assert build.build(options=build.Options(formats=("pdf",), jobs=1), folder=folder, output=out).exit_code == 0
    counted: list[str] = []
    count_pages = catalogue_pages._count_pages

    def counting(html: str) -> int:
        counted.append(html)
        return count_pages(html)

    monkeypatch.setattr(catalogue_pages, "_count_pages", counting)
    assert catalogue.catalogue_pdf(folder=folder, jobs=1, built=out) == cold
    assert len(counted) == 2  # the front and the back matter
    prepared = catalogue._prepare([folder / "responsable-e-commerce.yaml"])
    assert catalogue.built_counts(prepared, "fr", None, out) == [
        len(PdfReader(out / "pdf" / "responsable-e-commerce.pdf").pages)
    ]
    assert catalogue.built_counts(prepared, "en", None, out) == [None]
    assert catalogue.built_counts(prepared, "fr", None, tmp_path / "nothing-built") == [None]
    sheet = folder / "responsable-e-commerce.yaml"
    text = sheet.read_text(encoding="utf-8")
    assert "développe et pilote" in text
    sheet.write_text(text.replace("développe et pilote", "développe, pilote", 1), encoding="utf-8")
    assert catalogue.built_counts(catalogue._prepare([sheet]), "fr", None, out) == [None]
    sheet.write_text(text, encoding="utf-8")
    assert catalogue.built_counts(catalogue._prepare([sheet]), "fr", None, out) != [None]
    (out / "pdf" / "responsable-e-commerce.pdf").write_bytes(b"%PDF-1.7 not the one built")
    assert catalogue.built_counts(prepared, "fr", None, out) == [None]
