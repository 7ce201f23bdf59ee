"""PDF/UA-1 of the screen PDF, checked from outside (outloud, pdfua, tests/tagcheck.py) and in the bytes.

Each fix of brochure/render/pdf/accessibility.py is checked in the finished PDF and shown to be missing from
WeasyPrint's own output of the same HTML (the broken fixture), so every check can fail.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from brochure.build.job import SheetJob, prepared_sheet
from brochure.devtools import bench
from brochure.model import sources
from brochure.model.sheet import Sheet
from brochure.products.catalogue import book as catalogue
from brochure.render import html as render_html
from brochure.render.pdf import accessibility, xmpclaim
from brochure.render.pdf import writer as pdf
from tests import checkers, tagcheck
from tests.conftest import SOURCE

# Warnings a checker may give and why each is acceptable. Running heads (PAG-001) and table headers
# (TBL-*, UA-15-*) may never be listed here: they are fixed, not excused.
ALLOWED_WARNINGS: dict[str, dict[str, str]] = {"outloud": {}, "pdfua": {}}
FORBIDDEN_ALLOWANCES = ("PAG-", "TBL-", "UA-15-")
# Rules a checker does not evaluate (reported, never counted as a pass).
UNCHECKED = {
    "outloud": {"HDG-004", "ORD-002"},  # "not-implemented" in outloud 0.2.1
    "pdfua": {"UA-14-001"},  # pdfua 0.1.3 raises ValueError on every tagged PDF (reads /K arrays as numbers)
}
TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})


def extreme(sheet: Sheet) -> Sheet:
    """The sample with 25 hard skills and a very long FAQ answer."""
    big = sheet.model_copy(deep=True)
    first = big.hard_skills.items[0]
    big.hard_skills.items = [
        first.model_copy(update={"name": f"{first.name} {i + 1}", "score": 40 + i * 2}) for i in range(25)
    ]
    big.faq.items[0].answer = " ".join([big.faq.items[0].answer] * 12)
    return Sheet.model_validate(big.model_dump())


def _screen(sheet: Sheet, lang: str = "fr") -> tuple[bytes, bytes]:
    """(the finished screen PDF, WeasyPrint's own PDF/UA-1 output of the same HTML)."""
    job = SheetJob(prepared_sheet(sheet), lang)
    return job.outputs(["pdf"])["pdf"], _raw(job)


def _raw(job: SheetJob) -> bytes:
    """WeasyPrint's own PDF/UA-1 output of the HTML of the job's screen PDF."""
    document = pdf.lay_out(render_html.brochure_html(job.brochure.for_edition("pdf"), job.figures().svg))
    return document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")


def shared_screen(renders) -> dict[str, Path]:
    """The sample's screen PDF and the raw WeasyPrint output of its HTML, each made once per run."""
    raw = renders.once_file("raw-weasyprint-sample-fr.pdf", lambda: _raw(SheetJob(prepared_sheet(renders.sheet()))))
    return {"sample": renders.sample_files("pdf")["pdf"], "raw": raw}


@pytest.fixture(scope="module")
def sample() -> Sheet:
    return sources.load(SOURCE)


@pytest.fixture(scope="module")
def rendered(sample, tmp_path_factory, renders) -> dict[str, Path]:
    """The screen PDFs checked from outside, plus the raw WeasyPrint output of the sample."""
    folder = tmp_path_factory.mktemp("a11y")
    files = {}
    files["extreme"] = _screen(extreme(sample))[0]
    careers = folder / "careers"
    careers.mkdir()
    bench.variants(careers, 3)
    files["catalogue"] = catalogue.catalogue_pdf(folder=careers, jobs=1)
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    return paths | shared_screen(renders)  # the sample's: rendered once per run (tests/conftest.py)


def test_allow_list_never_excuses_running_heads_or_table_headers():
    for allowed in ALLOWED_WARNINGS.values():
        assert not [rule for rule in allowed if rule.startswith(FORBIDDEN_ALLOWANCES)]
        assert all(reason.strip() for reason in allowed.values())  # each one says why


def furnished_pages(path: Path) -> set[int]:
    """1-based numbers of the pages that paint margin furniture: pagination artifacts, or marked
    content whose element WeasyPrint left out of the structure tree (its running heads)."""
    with pikepdf.open(path) as document:
        in_tree = {element.objgen for element, _ in accessibility.elements(document)}
        owners = accessibility._page_arrays(document)
        found = set()
        for number, page in enumerate(document.pages, start=1):
            mine = owners.get(int(page.obj.get("/StructParents", -1)), [])
            for operands, _ in pikepdf.parse_content_stream(page, "BDC"):
                orphan = "/MCID" in operands[1] and mine[int(operands[1].MCID)].objgen not in in_tree
                if orphan or operands[1].get("/Type") == Name.Pagination:
                    found.add(number)
        return found


def recurring_body_lines(report: checkers.Report, path: Path) -> frozenset[str]:
    """outloud's PAG-001 findings that cannot be running heads, given as excused messages.

    outloud takes any tagged line in the top or bottom 12 % of a page that recurs on three pages for a
    running head. In a catalogue, each career repeats its part headings and cover lines at the tops
    of pages. Excused only when every line it shows sits where no running head is painted: on a page
    without margin furniture (a cover), or with its middle inside the page's body area. "Page
    numbers tagged as content" is never excused; the margins' own text is checked in the content
    stream by test_running_heads_and_page_numbers_are_artifacts_in_the_content_stream."""
    furnished, excused = furnished_pages(path), set()
    with pikepdf.open(path) as document:
        top = {n: float(p.mediabox[3]) - 17 / 25.4 * 72 for n, p in enumerate(document.pages, start=1)}
    for found in report.findings:
        if found["rule"] != "PAG-001" or "page numbers" in found["message"] or not found.get("boxes"):
            continue
        if all(
            b["page"] not in furnished or 16 / 25.4 * 72 < (b["y0"] + b["y1"]) / 2 < top[b["page"]]
            for b in found["boxes"]
        ):
            excused.add(checkers.outloud_text(found))
    return frozenset(excused)


@pytest.mark.parametrize("name", ["sample", "extreme", "catalogue"])
@pytest.mark.parametrize("check", checkers.CHECKERS, ids=lambda c: c.__name__)
def test_checkers_pass(rendered, name, check):
    report = check(rendered[name])
    excused = recurring_body_lines(report, rendered[name]) if name == "catalogue" else frozenset()
    assert report.unexplained(ALLOWED_WARNINGS[report.checker], excused) == []
    assert set(report.unchecked) == UNCHECKED[report.checker], report.unchecked


@pytest.mark.parametrize("check", checkers.CHECKERS, ids=lambda c: c.__name__)
def test_checkers_fail_on_weasyprints_own_output(rendered, check):
    """The same HTML written by WeasyPrint alone: running heads, header scopes, Print flags."""
    report = check(rendered["raw"])
    failures = " ".join(report.unexplained(ALLOWED_WARNINGS[report.checker]))
    expected = {"outloud": ("PAG-001", "LNK-004", "TAG-020", "LST-002"), "pdfua": ("UA-15-003",)}[report.checker]
    assert all(rule in failures for rule in expected), failures


@pytest.mark.parametrize("name", ["sample", "extreme", "catalogue"])
def test_structure_is_consistent(rendered, name):
    with pikepdf.open(rendered[name]) as document:
        assert tagcheck.problems(document) == []
        assert tagcheck.heading_skips(document) == []
    assert tagcheck.skipped_levels([1, 2, 3, 1, 3]) == ["H3 after H1"]  # the heading check can fail


def _marked_text(page: pikepdf.Page) -> list[tuple[str, float]]:
    """(innermost marked-content tag, text line's y from the top in CSS px) for each text-showing operator."""
    stack, found, y = [], [], 0.0
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            tag = str(operands[0])
            if tag == "/Artifact" and len(operands) > 1 and isinstance(operands[1], Dictionary):
                tag += str(operands[1].get("/Type", ""))
            stack.append(tag)
        elif name == "EMC":
            stack.pop()
        elif name == "Tm":
            y = float(operands[5])
        elif name in TEXT_OPERATORS:
            found.append((stack[-1] if stack else "", y))
    return found


def furniture_as_content(path: Path) -> list[str]:
    """Text painted in the margins of a page outside a pagination artifact."""
    found = []
    with pikepdf.open(path) as document:
        for number, page in enumerate(document.pages, start=1):
            height = float(page.mediabox[3]) / 0.75  # WeasyPrint draws in CSS px, y downwards
            for tag, y in _marked_text(page):
                in_margin = y < 17 / 25.4 * 96 or y > height - 16 / 25.4 * 96
                if in_margin and tag not in ("/Artifact/Pagination", "/Figure"):  # a chart's text: its own coordinates
                    found.append(f"page {number}: {tag} at y={y:.0f}")
    return found


def test_recurring_body_lines_excuse_no_running_head(rendered):
    report = checkers.outloud(rendered["raw"])
    assert [m for m in report.unexplained({}) if "PAG-001" in m]
    assert not recurring_body_lines(report, rendered["raw"])  # WeasyPrint's own running heads: not excused


def test_running_heads_and_page_numbers_are_artifacts_in_the_content_stream(rendered):
    with pikepdf.open(rendered["sample"]) as document:
        pages = len(document.pages)
        artifacts = [tag for page in document.pages[1:] for tag, _ in _marked_text(page) if tag.endswith("Pagination")]
    assert len(artifacts) >= 2 * (pages - 1)  # the part's name and the page number on every page but the cover
    assert furnished_pages(rendered["sample"]) == furnished_pages(rendered["raw"]) == set(range(2, pages + 1))
    # The cover has no running head: its revision line sits low on the page, and is content.
    assert [f for f in furniture_as_content(rendered["sample"]) if not f.startswith("page 1:")] == []
    assert len(furniture_as_content(rendered["raw"])) >= 2 * (pages - 1)  # WeasyPrint tags them


_OPEN: list[pikepdf.Pdf] = []  # the documents whose elements the tests hold


def _elements(data: bytes, kind: Name) -> list[pikepdf.Object]:
    _OPEN.append(pikepdf.open(io.BytesIO(data)))
    return [element for element, _ in accessibility.elements(_OPEN[-1]) if element.get("/S") == kind]


def test_every_header_cell_has_a_scope(rendered):
    finished = _elements(rendered["sample"].read_bytes(), Name.TH)
    assert finished and all(cell.A.get("/Scope") in (Name.Row, Name.Column) for cell in finished)
    scopes = {str(cell.A.Scope) for cell in finished}
    assert scopes == {"/Row", "/Column"}  # glance rows, the keyword table's one header row
    raw = _elements(rendered["raw"].read_bytes(), Name.TH)
    assert not [cell for cell in raw if "/Scope" in cell.get("/A", {})]


def test_keyword_table_keeps_one_header_row(rendered):
    with pikepdf.open(rendered["extreme"]) as document:
        for table in [e for e, _ in accessibility.elements(document) if e.get("/S") == Name.Table]:
            everything = [e for e, _ in accessibility.elements(document)]
            rows = [e for e in everything if e.get("/S") == Name.TR and e.P.P.objgen == table.objgen]
            heads = [r for r in rows if all(k.S == Name.TH for k in accessibility.kids(r))]
            assert len(heads) <= 1


def test_links_print(rendered):
    def unprintable(data: bytes) -> int:
        with pikepdf.open(io.BytesIO(data)) as document:
            links = [a for p in document.pages for a in p.obj.get("/Annots", []) if a.Subtype == Name.Link]
            assert links
            return sum(1 for a in links if not int(a.get("/F", 0)) & accessibility.PRINT_FLAG)

    assert unprintable(rendered["sample"].read_bytes()) == 0
    assert unprintable(rendered["raw"].read_bytes()) > 0


def _empty(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as document:
        return [str(e.S) for e, _ in accessibility.elements(document) if accessibility._empty(e)]


def test_no_empty_structure_elements(rendered):
    assert _empty(rendered["sample"].read_bytes()) == []
    assert _empty(rendered["catalogue"].read_bytes()) == []
    assert "/Span" in _empty(rendered["raw"].read_bytes())


def test_list_items_have_a_body(rendered):
    def bare(data: bytes) -> int:
        items = _elements(data, Name.LI)
        assert items
        return sum(1 for item in items if not [k for k in accessibility.kids(item) if k.get("/S") == Name.LBody])

    assert bare(rendered["sample"].read_bytes()) == 0
    assert bare(rendered["raw"].read_bytes()) > 0


def _xmp(path: Path) -> dict:
    with pikepdf.open(path) as document, document.open_metadata() as meta:
        return dict(meta) | {"Lang": str(document.Root.Lang), "DisplayDocTitle": document.Root.ViewerPreferences}


def test_claims_pdf_ua_1_with_title_and_language(rendered, sample):
    meta = _xmp(rendered["sample"])
    assert meta[f"{{{xmpclaim.PDFUAID}}}part"] == "1"
    assert meta["{http://purl.org/dc/elements/1.1/}title"] == sample.title
    assert meta["Lang"] == "fr-FR" and bool(meta["DisplayDocTitle"].DisplayDocTitle)
    assert _xmp(rendered["catalogue"])[f"{{{xmpclaim.PDFUAID}}}part"] == "1"


def test_english_pdf_says_en_gb(renders):
    path = renders.sample_files("pdf", lang="en")["pdf"]
    assert _xmp(path)["Lang"] == "en-GB"


def test_archive_is_pdf_a_3a_and_pdf_ua_1(renders):
    path = renders.sample_files("archive")["archive"]
    meta = _xmp(path)
    assert meta["{http://www.aiim.org/pdfa/ns/id/}part"] == "3"
    assert meta["{http://www.aiim.org/pdfa/ns/id/}conformance"] == "A"
    assert meta[f"{{{xmpclaim.PDFUAID}}}part"] == "1"
    with pikepdf.open(path) as document:
        packet = document.Root.Metadata.read_bytes()
        assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in packet  # PDF/A: extension schema declared
        assert "/Filter" not in document.Root.Metadata  # PDF/A: XMP stays readable without decoding
        assert tagcheck.problems(document) == []
    for check in checkers.CHECKERS:
        report = check(path)
        assert report.unexplained(ALLOWED_WARNINGS[report.checker]) == []


def test_claim_is_not_made_twice(rendered):
    with pikepdf.open(rendered["sample"]) as document:
        xmpclaim.claim_ua(document)
        assert document.Root.Metadata.read_bytes().count(b"pdfuaid:part") == 1
