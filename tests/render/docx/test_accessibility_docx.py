"""An accessible DOCX, read from its XML: title and language, an outline without skipped levels, alt
text on every picture, repeating header rows, no empty paragraphs for spacing, links that show their text.

Each check runs on the brochure and on a broken variant of its XML, so each one can fail."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from brochure.build.job import SheetJob, prepared_sheet
from brochure.model import sources
from tests.conftest import SOURCE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "dc": "http://purl.org/dc/elements/1.1/",
}
URL = "https://www.example.org/metiers/responsable-e-commerce"


def _docx(lang: str = "fr") -> dict[str, bytes]:
    sheet = sources.load(SOURCE).model_copy(deep=True)
    sheet.provenance.source_url = URL
    data = SheetJob(prepared_sheet(sheet), lang).outputs(["docx"])["docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def parts() -> dict[str, bytes]:
    return _docx()


def xml(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


def outline_levels(parts: dict[str, bytes]) -> list[tuple[int, str]]:
    """(outline level, 1 = top, text) of each paragraph whose style has an outline level."""
    styles = xml(parts, "word/styles.xml")
    levels, based = {}, {}
    for style in styles.iterfind("w:style", NS):
        sid = style.get(f"{{{W}}}styleId")
        level = style.find("w:pPr/w:outlineLvl", NS)
        if level is not None:  # 9 is body text: no outline level (the TOC's own heading)
            value = int(level.get(f"{{{W}}}val"))
            levels[sid] = value + 1 if value < 9 else None
        parent = style.find("w:basedOn", NS)
        if parent is not None:
            based[sid] = parent.get(f"{{{W}}}val")
    found = []
    for paragraph in xml(parts, "word/document.xml").iterfind(".//w:body/w:p", NS):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        sid = style.get(f"{{{W}}}val") if style is not None else "Normal"
        while sid not in levels and sid in based:
            sid = based[sid]
        if levels.get(sid):
            found.append((levels[sid], "".join(paragraph.itertext())))
    return found


def skipped_levels(levels: list[tuple[int, str]]) -> list[str]:
    skips, previous = [], 0
    for level, text in levels:
        if level > previous + 1:
            skips.append(f"level {level} after {previous}: {text}")
        previous = level
    return skips


def test_title_and_language(parts):
    core = xml(parts, "docProps/core.xml")
    assert core.findtext("dc:title", namespaces=NS) == "Responsable e-commerce"
    assert core.findtext("dc:language", namespaces=NS) == "fr-FR"
    defaults = xml(parts, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert defaults.get(f"{{{W}}}val") == "fr-FR"


def test_english_language():
    parts = _docx("en")
    assert xml(parts, "docProps/core.xml").findtext("dc:language", namespaces=NS) == "en-GB"
    defaults = xml(parts, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert defaults.get(f"{{{W}}}val") == "en-GB"


def test_headings_skip_no_level(parts):
    levels = outline_levels(parts)
    assert len(levels) > 20 and levels[0][0] == 1
    assert skipped_levels(levels) == []
    assert skipped_levels([(1, "a"), (3, "b")]) == ["level 3 after 1: b"]  # the check can fail


def test_every_picture_has_alt_text(parts):
    pictures = xml(parts, "word/document.xml").findall(".//wp:docPr", NS)
    assert len(pictures) >= 3  # fulfilment, skills, training, salary charts (and a QR code when the brand has one)
    assert [p.get("name") for p in pictures if not (p.get("descr") or "").strip()] == []


def test_table_header_rows_repeat(parts):
    tables = xml(parts, "word/document.xml").findall(".//w:tbl", NS)
    with_header = [t for t in tables if t.find("w:tblPr/w:tblLook", NS).get(f"{{{W}}}firstRow") == "1"]
    assert with_header  # the keyword table
    for table in with_header:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])


def empty_paragraphs(parts: dict[str, bytes]) -> int:
    """Body paragraphs with no text, no picture, no field, no page or section break: spacing by hand."""
    body = xml(parts, "word/document.xml").find("w:body", NS)
    empty = 0
    for paragraph in body.iterfind("w:p", NS):
        has = paragraph.xpath(
            ".//w:t[normalize-space()] | .//w:drawing | .//w:br | .//w:fldChar | w:pPr/w:sectPr", namespaces=NS
        )  # a section break (the glance page's columns) is structure, not spacing
        empty += not has
    return empty


def test_no_empty_paragraphs_for_spacing(parts):
    assert empty_paragraphs(parts) == 0
    broken = dict(parts)
    broken["word/document.xml"] = parts["word/document.xml"].replace(b"</w:tbl>", b"</w:tbl><w:p/>", 1)
    assert empty_paragraphs(broken) == 1


def test_source_address_is_a_hyperlink_that_shows_itself(parts):
    document = xml(parts, "word/document.xml")
    links = document.findall(".//w:hyperlink", NS)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    shown = {"".join(link.itertext()): targets[link.get(f"{{{NS['r']}}}id")] for link in links}
    assert shown.get(URL) == URL
    assert all(text.strip() for text in shown)  # no link without visible text
