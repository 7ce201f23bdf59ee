"""Print editions: print shop (bleed, crop marks), A5 booklet (imposition), 2-page summary, archive.

Needs poppler-utils (pdfinfo, pdfdetach), installed by `invoke install-tools`.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from brochure.build import pipeline
from brochure.model import sources
from brochure.model.sheet import Sheet
from brochure.present import presentation as present
from brochure.render import registry
from brochure.render.pdf import editions
from brochure.render.pdf import writer as pdf
from tests.conftest import SOURCE, require

MM = 72 / 25.4


@pytest.fixture(scope="module")
def sheet() -> Sheet:
    return sources.load(SOURCE)


@pytest.fixture(scope="module")
def built(renders) -> dict[str, Path]:
    return renders.sample_files(*registry.names())  # rendered once per run (tests/conftest.py)


def boxes(path: Path) -> dict[str, list[float]]:
    require("pdfinfo")
    out = subprocess.run(["pdfinfo", "-box", str(path)], capture_output=True, text=True, check=True).stdout
    return {m[1]: [float(v) for v in m[2].split()] for m in re.finditer(r"^(\w+Box):\s+(.+)$", out, re.M)}


def pages(path: Path) -> list:
    return PdfReader(path).pages


def test_print_edition_has_3mm_bleed_and_crop_marks(built) -> None:
    box = boxes(built["print"])
    trim, bleed, media = box["TrimBox"], box["BleedBox"], box["MediaBox"]
    assert [round(b - t, 2) for b, t in zip(bleed, trim, strict=True)] == [
        round(-3 * MM, 2),
        round(-3 * MM, 2),
        round(3 * MM, 2),
        round(3 * MM, 2),
    ]
    assert round(trim[2] - trim[0], 1) == 595.3 and round(trim[3] - trim[1], 1) == 841.9  # A4 trim
    assert media[0] < bleed[0] - 10  # room for the crop marks outside the bleed
    with pikepdf.open(built["print"]) as doc:
        assert "/StructTreeRoot" in doc.Root  # still tagged after the BleedBox change


def test_booklet_is_a4_landscape_sheets_of_a5_pages(built) -> None:
    sides = pages(built["booklet"])
    assert len(sides) % 2 == 0
    assert {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in sides} == {
        (841.89, 595.28)
    }


def test_saddle_order() -> None:
    assert editions.saddle_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    # 6 pages: two blanks, placed before the back cover
    assert editions.saddle_order(6) == [(5, 0), (1, None), (None, 2), (3, 4)]


def test_imposition_puts_pages_in_reading_order(sheet: Sheet) -> None:
    html = "<style>@page { size: A5 } p { break-after: page }</style>" + "".join(
        f"<p>PAGE-{i}</p>" for i in range(1, 7)
    )
    a5 = pdf.write_pdf(html, present.sheet_date(sheet), tagged=False)
    sides = PdfReader(io.BytesIO(editions.impose_booklet(a5))).pages
    found = [re.findall(r"PAGE-\d", side.extract_text()) for side in sides]
    assert found == [["PAGE-6", "PAGE-1"], ["PAGE-2"], ["PAGE-3"], ["PAGE-4", "PAGE-5"]]


def long_sheet(sheet: Sheet) -> Sheet:
    """Very long texts and counts: the summary must still fit on two pages."""
    data = sheet.model_dump(mode="json")
    data["summary"] = " ".join([sheet.summary] * 12)
    themes = data["missions"]["themes"]
    data["missions"]["themes"] = [
        {**theme, "title": theme["title"] + " et bien d’autres responsabilités très détaillées " * 2}
        for theme in themes * 4
    ]
    data["hard_skills"]["items"] = data["hard_skills"]["items"] * 4
    data["salary"]["bands"] = data["salary"]["bands"] * 3
    data["salary"]["bands"][2:] = [{**b, "min": 80000, "max": 90000} for b in data["salary"]["bands"][2:]]
    data["training"]["levels"] += [
        {**data["training"]["levels"][0], "name": f"Niveau {i}", "ects": 60 * i} for i in range(1, 4)
    ]
    return Sheet.model_validate(data)


@pytest.mark.parametrize("variant", ["sample", "long"])
def test_summary_is_two_pages(sheet: Sheet, variant: str) -> None:
    chosen = sheet if variant == "sample" else long_sheet(sheet)
    data = pipeline.sheet_outputs(chosen, formats=("summary",))["summary"]
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    text = "".join(p.extract_text() for p in reader.pages)
    assert chosen.title in text and "fiche en ligne" in text.lower()
    if variant == "long":  # shortened by the priority rules: at last, the first sentence and 8 themes
        assert text.count("Responsable e-commerce développe") == 1
        assert text.count("très détaillées") < len(chosen.missions.themes)


def test_archive_is_pdfa3a_with_the_yaml_attached(built, sheet: Sheet) -> None:
    require("pdfdetach")
    listing = subprocess.run(["pdfdetach", "-list", str(built["archive"])], capture_output=True, text=True).stdout
    assert "1: responsable-e-commerce.yaml" in listing
    with pikepdf.open(built["archive"]) as doc:
        attached = doc.attachments["responsable-e-commerce.yaml"]
        assert attached.get_file().read_bytes() == SOURCE.read_bytes()
        assert str(attached.obj.get("/AFRelationship")) == "/Source"
        params = attached.get_file().obj.get("/Params")
        assert str(params["/ModDate"]).startswith("D:20261127")
        with doc.open_metadata() as meta:
            assert meta.get("pdfaid:part") == "3" and meta.get("pdfaid:conformance") == "A"
        assert "/StructTreeRoot" in doc.Root


def test_no_attachment_in_the_other_editions(built) -> None:
    require("pdfdetach")
    for target in ("pdf", "print", "booklet", "summary"):
        listing = subprocess.run(["pdfdetach", "-list", str(built[target])], capture_output=True, text=True).stdout
        assert listing.startswith("0 embedded files"), target


def test_editions_are_reproducible(sheet: Sheet, built) -> None:
    again = pipeline.sheet_outputs(sheet, formats=("print", "booklet", "archive"), source=SOURCE.read_bytes())
    for target, data in again.items():
        assert data == built[target].read_bytes(), target


def test_drafts_are_marked_in_every_edition(sheet: Sheet) -> None:
    outputs = pipeline.sheet_outputs(sheet, problems=1, formats=("summary", "print"))
    for target, data in outputs.items():
        assert all("BROUILLON" in p.extract_text() for p in PdfReader(io.BytesIO(data)).pages), target
