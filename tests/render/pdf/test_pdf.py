"""The PDF brochure: content, fonts, tags, sandbox, typography, determinism, size.

Needs poppler-utils and qpdf (`invoke install-tools`); these tests fail, never skip, without them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from brochure.build import pipeline
from brochure.build.job import SheetJob, prepared_sheet
from brochure.model import check, sources
from brochure.model.sheet import Sheet
from brochure.present import presentation as present
from brochure.render import html as render_html
from brochure.render.pdf import accessibility
from brochure.render.pdf import writer as pdf
from tests.conftest import EXPORT, SOURCE, content_items, normalise, other_counts, require

PAGE_BUDGET = 12  # schools pay per page: the design brief's limit for the sample
MAX_BYTES = 200_000


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def sheet() -> Sheet:
    return sources.load(SOURCE)


@pytest.fixture(scope="module")
def sample_pdf(renders) -> Path:
    return renders.sample_files("pdf")["pdf"]  # rendered once per run (tests/conftest.py)


@pytest.fixture(scope="module")
def pdf_text(sample_pdf: Path) -> str:
    require("pdftotext")
    return normalise(_run("pdftotext", str(sample_pdf), "-"))


def test_every_item_of_the_source_is_in_the_pdf_text(sheet: Sheet, pdf_text: str) -> None:
    missing = [item for item in content_items(sheet) if normalise(item) not in pdf_text]
    assert missing == []


def test_fonts_are_bundled_embedded_and_subset(sample_pdf: Path) -> None:
    require("pdffonts")
    rows = _run("pdffonts", str(sample_pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_rest = row.split()
        assert re.match(r"^[A-Z]{6}\+Noto-Sans", name), row  # Noto Sans and its SemiCondensed width
        assert row.split()[-5:-2] == ["yes", "yes", "yes"], row  # emb sub uni


def test_tagged_titled_clean(sample_pdf: Path, sheet: Sheet) -> None:
    require("pdfinfo", "qpdf")
    info = _run("pdfinfo", str(sample_pdf))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(rf"^Title:\s+{re.escape(sheet.title)}$", info, re.M)
    assert re.search(r"^Keywords:\s+\S", info, re.M) and re.search(r"^Subject:\s+\S", info, re.M)
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    assert pages <= PAGE_BUDGET
    assert subprocess.run(["qpdf", "--check", str(sample_pdf)], capture_output=True).returncode == 0
    assert sample_pdf.stat().st_size <= MAX_BYTES


def test_structure_tree_lang_and_figure_alt(sample_pdf: Path, sheet: Sheet) -> None:
    """Every Figure carries /Alt, and the figures are the design's: the QR code to the online sheet on the
    cover and the glance page, then each chart once with the presentation step's alt text (the profile
    is drawn as score bars in a table, not as a chart)."""
    brochure = SheetJob(prepared_sheet(sheet), "fr").brochure
    with pikepdf.open(sample_pdf) as doc:
        assert str(doc.Root.Lang) == "fr-FR"
        pages = {page.obj.objgen: number for number, page in enumerate(doc.pages, start=1)}
        figures = [
            (pages[element.Pg.objgen], str(element.get("/Alt", "")))
            for element, _ in accessibility.elements(doc)
            if element.get("/S") == "/Figure"
        ]
    qr_alt = brochure.labels["online"] + brochure.labels["colon"] + brochure.front.link.url
    assert figures[:2] == [(1, qr_alt), (2, qr_alt)]
    charts = [brochure.charts[kind].alt for kind in ("skills", "training", "salary")]
    assert [alt for _, alt in figures[2:]] == charts
    assert brochure.front.link.url in qr_alt and all(alt.strip() for _, alt in figures)


def test_bookmarks_for_parts_and_sections(sample_pdf: Path) -> None:
    titles = [item.title for item in PdfReader(sample_pdf).outline if not isinstance(item, list)]
    for part in ("Missions", "Compétences", "Outils", "Contraintes", "Questions fréquentes"):
        assert part in titles


def test_two_builds_are_identical(sheet: Sheet, sample_pdf: Path) -> None:
    assert pipeline.render_pdf(sheet) == sample_pdf.read_bytes()


def test_french_typography_in_the_pdf(sample_pdf: Path) -> None:
    text = "".join(page.extract_text() for page in PdfReader(sample_pdf).pages)
    assert "e-commerce\u202f?" in text  # FAQ questions end with a narrow no-break space before ?
    assert "30\u202f000" in text and "\u00a0€" in text
    assert "90\u00a0%" in text


def test_sandbox_blocks_local_files(sheet: Sheet) -> None:
    html = "<html><body><p>x</p><img src='file:///etc/passwd'></body></html>"
    with pytest.raises(pdf.RenderError, match="blocked"):
        pdf.write_pdf(html, present.sheet_date(sheet))


def test_missing_glyph_fails_instead_of_falling_back(sheet: Sheet) -> None:
    with pytest.raises(pdf.RenderError, match="notdef"):
        pdf.write_pdf("<html><body><p>漢字 ★</p></body></html>", present.sheet_date(sheet))


def test_markup_in_sheet_text_is_shown_literally(sheet: Sheet) -> None:
    hostile = sheet.model_copy(deep=True)
    hostile.summary = '<script>alert(1)</script> <img src="file:///etc/passwd"> {{ 7*7 }}'
    brochure = present.present(hostile)
    html = render_html.brochure_html(
        brochure, {k: b"<svg xmlns='http://www.w3.org/2000/svg'/>" for k in brochure.charts}
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and "{{ 7*7 }}" in html


def test_draft_is_marked_on_every_page(tmp_path: Path) -> None:
    from brochure.commands import import_sheet

    assert import_sheet(EXPORT, tmp_path) == 0
    raw, document = sources.parse_file(tmp_path / "responsable-e-commerce.yaml")
    errors = [p for p in check.lint(raw, document, "raw") if p.severity == "error"]
    reader = PdfReader(__import__("io").BytesIO(pipeline.render_pdf(raw, problems=len(errors))))
    assert all("BROUILLON" in page.extract_text() for page in reader.pages)


def test_other_counts_lay_out(sheet: Sheet) -> None:
    data = pipeline.render_pdf(other_counts(sheet))
    reader = PdfReader(__import__("io").BytesIO(data))
    text = "".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) < PAGE_BUDGET and "Bachelor" in text and "BTS" not in text.split("Sommaire")[-1]
