"""The front pages read aloud: the cover's key-fact tiles, the QR codes and the glance page's score bars,
in the screen PDF and the summary leaflet (which claims PDF/UA-1 too), checked in the tag tree.

Each check also runs on WeasyPrint's own output or on a small broken page, to show it can fail.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from brochure.build.job import SheetJob, prepared_sheet
from brochure.model import sources
from brochure.render.pdf import accessibility, xmpclaim
from brochure.render.pdf import writer as pdf
from tests import checkers, tagcheck
from tests.conftest import SOURCE
from tests.render.pdf.test_accessibility import ALLOWED_WARNINGS, UNCHECKED, _xmp, shared_screen

LIST_KIDS = (Name.LI, Name.L, Name.Caption)  # what a /L may hold (ISO 32000-1 14.8.4.3.3)
BROKEN_BARS = """<html lang="fr"><body><table class="scores"><tr><th scope="row">Qualité de vie</th>
<td class="bar"><span style="display: block; width: 65%; height: 3mm; background: #246"></span></td></tr></table>"""


@pytest.fixture(scope="module")
def job() -> SheetJob:
    return SheetJob(prepared_sheet(sources.load(SOURCE)), "fr")


@pytest.fixture(scope="module")
def front(renders) -> dict[str, Path]:
    """The sample's screen PDF, its summary leaflet and WeasyPrint's own output of the screen PDF's HTML
    (rendered once per run, tests/conftest.py)."""
    return shared_screen(renders) | {"summary": renders.sample_files("summary")["summary"]}


def _tree(path: Path) -> tuple[list[pikepdf.Object], dict, dict]:
    """(every structure element, page objgen -> number, (page, MCID) -> text), the file kept open."""
    document = pikepdf.open(path)
    _OPEN.append(document)
    pages = {page.obj.objgen: number for number, page in enumerate(document.pages, start=1)}
    return [e for e, _ in accessibility.elements(document)], pages, tagcheck.marked_texts(path)


_OPEN: list[pikepdf.Pdf] = []


def _page(element: pikepdf.Object, pages: dict) -> int:
    return pages[element.Pg.objgen]


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def stray_list_kids(path: Path) -> list[str]:
    """Kids of a /L that are not list items (nor a nested list or a caption)."""
    everything, _, _ = _tree(path)
    lists = [e for e in everything if e.S == Name.L]
    return [
        str(k.S)
        for lst in lists
        for k in accessibility.kids(lst)
        if isinstance(k, Dictionary) and "/S" in k and k.S not in LIST_KIDS
    ]


def tiles_read(path: Path, page: int) -> list[tuple[str, str]]:
    """(label, body) of each item of the first list of ``page`` whose items have a label and a body
    (the key-fact tiles; the lists after them label their items with bullets)."""
    everything, pages, texts = _tree(path)
    for found in [e for e in everything if e.S == Name.L and _page(e, pages) == page]:
        items = [[k for k in accessibility.kids(i) if isinstance(k, Dictionary)] for i in accessibility.kids(found)]
        if items and all([str(k.S) for k in item] == ["/Lbl", "/LBody"] for item in items):
            return [tuple(_plain(tagcheck.read_aloud(k, pages, texts)) for k in item) for item in items]
    return []


@pytest.mark.parametrize("name, page", [("sample", 1), ("summary", 1)])
def test_key_fact_tiles_are_list_items_with_their_label(front, job, name, page):
    assert stray_list_kids(front[name]) == []
    read = tiles_read(front[name], page)
    tiles = job.brochure.front.tiles
    assert [label.casefold() for label, _ in read] == [tile.label.casefold() for tile in tiles]
    assert all(_plain(t.value) in body and _plain(t.note) in body for t, (_, body) in zip(tiles, read, strict=True))


def test_weasyprints_own_tiles_are_divs_in_a_list(front):
    assert "/Div" in stray_list_kids(front["raw"]) and tiles_read(front["raw"], 1) == []


@pytest.mark.parametrize("name, pages", [("sample", [1, 2]), ("summary", [2])])
def test_qr_codes_are_figures_with_the_address(front, job, name, pages):
    everything, numbers, _ = _tree(front[name])
    url = job.brochure.front.link.url
    codes = [_page(e, numbers) for e in everything if Name.Figure == e.S and url in str(e.get("/Alt", ""))]
    assert codes == pages


def score_rows(path: Path, page: int) -> list[str]:
    """Each row of the score tables of ``page``, read aloud: the name, its hint, the value."""
    everything, pages, texts = _tree(path)
    rows = [e for e in everything if e.S == Name.TR and _page(e, pages) == page]
    return [_plain(tagcheck.read_aloud(row, pages, texts)) for row in rows]


def _expected_scores(job: SheetJob) -> list[tuple[str, str]]:
    b = job.brochure
    return [(d.label, d.value) for d in b.dims] + [(s.name, s.value) for s in b.front.hard]


@pytest.mark.parametrize("name, page", [("sample", 2), ("summary", 1)])
def test_score_bars_read_in_tag_order(front, job, name, page):
    """A bar is drawn in CSS (decoration); its row reads name, hint and value, so nothing is lost."""
    rows = score_rows(front[name], page)
    for label, value in _expected_scores(job):
        assert [r for r in rows if r.startswith(_plain(label)) and r.endswith(_plain(value))], (label, rows)


def test_a_bar_without_its_number_fails(tmp_path):
    path = tmp_path / "bars.pdf"
    path.write_bytes(pdf.write_document(pdf.lay_out(BROKEN_BARS), None))
    assert score_rows(path, 1) == ["Qualité de vie"]  # the 65 % is only a width: a reader never hears it


@pytest.mark.parametrize("check", checkers.CHECKERS, ids=lambda c: c.__name__)
def test_summary_passes_the_checkers(front, check):
    report = check(front["summary"])
    assert report.unexplained(ALLOWED_WARNINGS[report.checker]) == []
    assert set(report.unchecked) == UNCHECKED[report.checker], report.unchecked


def test_summary_claims_pdf_ua_1(front, job):
    meta = _xmp(front["summary"])
    assert meta[f"{{{xmpclaim.PDFUAID}}}part"] == "1" and meta["Lang"] == "fr-FR"
    assert meta["{http://purl.org/dc/elements/1.1/}title"] == job.prepared.sheet.title
    with pikepdf.open(front["summary"]) as document:
        assert tagcheck.problems(document) == [] and tagcheck.heading_skips(document) == []
