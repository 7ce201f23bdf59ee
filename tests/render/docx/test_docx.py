"""The DOCX brochure: content, Word-native structure, properties, determinism, parity with the PDF.

The LibreOffice conversion test needs `soffice` (Debian's libreoffice-writer-nogui, installed by
`invoke install-tools`); it fails, never skips, without it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from brochure.build import pipeline
from brochure.model import sources
from brochure.model.sheet import Sheet
from brochure.render import registry
from brochure.render.docx import reference as docx_reference
from tests.conftest import SOURCE, content_items, missing_in_order, normalise, other_counts, require


@pytest.fixture(scope="module")
def sheet() -> Sheet:
    return sources.load(SOURCE)


@pytest.fixture(scope="module")
def outputs(renders) -> dict[str, bytes]:
    return renders.sample(*registry.formats())  # rendered once per run (tests/conftest.py)


@pytest.fixture(scope="module")
def document(outputs: dict[str, bytes]) -> docx.document.Document:
    return docx.Document(io.BytesIO(outputs["docx"]))


def docx_text(document: docx.document.Document) -> str:
    """Paragraphs and table rows in body order."""
    lines = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            lines.append(Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            lines += [" ".join(cell.text for cell in row.cells) for row in Table(element, document).rows]
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_every_item_of_the_source_is_in_the_docx(sheet: Sheet, document) -> None:
    text = docx_text(document)
    assert missing_in_order(content_items(sheet), text) == []
    paragraphs = [item.text for item in sheet.soft_skills.items + sheet.constraints.items + sheet.experience.paths]
    paragraphs += [question.answer for question in sheet.faq.items] + [sheet.missions.intro]
    assert [p[:40] for p in paragraphs if normalise(p) not in normalise(text)] == []


@pytest.mark.parametrize("variant", ["sample", "other-counts"])
def test_parity_with_the_pdf(sheet: Sheet, variant: str) -> None:
    chosen = sheet if variant == "sample" else other_counts(sheet)
    outputs = pipeline.sheet_outputs(chosen)
    items = content_items(chosen)
    assert missing_in_order(items, pdf_text(outputs["pdf"])) == []
    assert missing_in_order(items, docx_text(docx.Document(io.BytesIO(outputs["docx"])))) == []


def test_word_native_structure(document) -> None:
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Title") == 1
    assert {"Heading 1", "Heading 2", "Heading 3", "List Bullet"} <= set(styles)
    # The contents line closes the glance page: each part's page number is a PAGEREF to its heading's bookmark.
    line = next(p for p in document.paragraphs if p.text.startswith("Dans cette brochure"))
    targets = re.findall(r"PAGEREF (_Toc\d+) \\h", "".join(t.text or "" for t in line._p.iter(qn("w:instrText"))))
    marks = {
        mark.get(qn("w:name")): p.text
        for p in document.paragraphs
        if p.style.name == "Heading 1"
        for mark in p._p.iter(qn("w:bookmarkStart"))
    }
    assert [marks[t] for t in targets][:2] == ["Missions", "Compétences"] and len(targets) == 7
    assert "Questions fréquentes\u00a0p.\u00a0" in line.text
    footer = document.sections[0].footer._element.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert document.sections[0].header.paragraphs[0].text.startswith("Responsable e-commerce")
    assert "w:updateFields" in document.settings.element.xml
    assert len(document.tables) >= 5


def test_pictures_have_alt_text_and_text_width(document) -> None:
    shapes = document.inline_shapes
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    charts = [s for s in shapes if s._inline.docPr.get("descr", "").startswith(("Compétences", "Salaires", "Niveaux"))]
    codes = [s for s in shapes if s._inline.docPr.get("descr", "").startswith("La fiche en ligne")]
    assert len(charts) == 3 and len(codes) == 2 and len(shapes) == 5  # the profile is a table (glance page)
    assert all(abs(shape.width - width) < 1000 for shape in charts)
    assert all(shape.width >= Mm(20) for shape in codes)  # QR codes at 20 mm or more


def test_core_properties(document, sheet: Sheet) -> None:
    props = document.core_properties
    assert props.title == sheet.title and props.subject and "Responsable e-commerce" in props.keywords
    assert props.language == "fr-FR"
    revised = dt.datetime.combine(sheet.provenance.revised, dt.time(), tzinfo=dt.UTC)
    assert props.created == props.modified == revised
    assert "python-docx" not in (props.author + props.comments + props.last_modified_by)
    assert props.last_printed.year != 2013


def test_two_builds_are_identical_with_fixed_zip_dates(sheet: Sheet, outputs: dict[str, bytes]) -> None:
    assert pipeline.sheet_outputs(sheet, formats=("docx",))["docx"] == outputs["docx"]
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 27, 0, 0, 0)}


def test_reference_document_has_every_style_the_writer_names() -> None:
    reference = docx.Document(str(docx_reference.REFERENCE))
    names = {style.name for style in reference.styles}
    needed = {spec[0] for spec in docx_reference.PARAGRAPH_STYLES} | {"Light List Accent 1"}
    assert needed <= names
    fonts = zipfile.ZipFile(docx_reference.REFERENCE).read("word/fontTable.xml").decode()
    assert 'w:name="Noto Sans SemiCondensed"' in fonts and 'w:altName w:val="Arial Narrow"' in fonts


def test_libreoffice_converts_it(tmp_path: Path, outputs: dict[str, bytes], sheet: Sheet) -> None:
    require("soffice", "pdfinfo")
    source = tmp_path / f"{sheet.slug}.docx"
    source.write_bytes(outputs["docx"])
    result = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    converted = tmp_path / f"{sheet.slug}.pdf"
    assert result.returncode == 0 and converted.exists(), result.stderr
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(converted)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    assert 10 <= pages <= 30
    text = pdf_text(converted.read_bytes())
    assert missing_in_order(content_items(sheet), text) == []
    # LibreOffice computes the contents' PAGEREF fields: real page numbers (the cached result is "–")
    numbers = re.findall(r"(Missions|Questions fréquentes)\s*p\.\s*(\d+)", text)
    assert [name for name, _ in numbers] == ["Missions", "Questions fréquentes"]
    assert 3 <= int(numbers[0][1]) < int(numbers[1][1]) <= pages
    # the running head and "page X / Y" on every page but the cover, as in the PDF
    shown = [page.extract_text() for page in PdfReader(converted).pages]
    assert "page 1 /" not in shown[0] and not shown[0].lstrip().startswith(sheet.title)
    assert all(f"page {n} / {pages}" in text for n, text in enumerate(shown[1:], start=2))


def test_draft_is_marked_in_the_docx(sheet: Sheet) -> None:
    data = pipeline.sheet_outputs(sheet, problems=2, formats=("docx",))["docx"]
    document = docx.Document(io.BytesIO(data))
    assert "BROUILLON" in document.sections[0].header.paragraphs[0].text
    assert any(p.style.name == "Draft Mark" and "(2)" in p.text for p in document.paragraphs)
