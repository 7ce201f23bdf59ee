"""The section plan (brochure/present/plan.py) is the one list of the brochure's parts.

A part added to it appears in the PDF, the DOCX and the catalogue at the same place, with no
template include list to edit; no template or writer keeps a second list of the parts.
"""

from __future__ import annotations

import ast
import io
import re

import docx
import pytest
from jinja2 import ChoiceLoader, FileSystemLoader

from brochure.build import pipeline
from brochure.core import paths
from brochure.model import sources
from brochure.model.sheet import Sheet
from brochure.present import labels, plan
from brochure.present import presentation as present
from brochure.products.catalogue import book as catalogue
from brochure.render import html as render_html
from brochure.render.docx import writer as docx_writer
from tests.conftest import SOURCE, normalise
from tests.render.docx.test_docx import docx_text, pdf_text

MARK = "Texte de la partie ajoutée au plan"
PART_IDS = [p.id for p in plan.PARTS]


@pytest.fixture
def extra_part(monkeypatch, tmp_path):
    """A part "extra" between the tools and the constraints: its partial, its DOCX method, its label."""
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "extra.html.j2").write_text(
        '<section class="part" id="{{ prefix }}extra"><h1>{{ part.label }}</h1><p>' + MARK + "</p></section>\n"
    )
    env = render_html.environment()
    monkeypatch.setattr(env, "loader", ChoiceLoader([env.loader, FileSystemLoader(tmp_path)]))
    env.cache.clear()
    monkeypatch.setitem(labels.LABELS["fr"], "extra", "Partie ajoutée")
    index = PART_IDS.index("constraints")
    monkeypatch.setattr(plan, "PARTS", (*plan.PARTS[:index], plan.Part("extra", "extra"), *plan.PARTS[index:]))

    def write_extra(writer: docx_writer.Writer, part: plan.PartView) -> None:
        writer.heading(part.label, 1)
        writer.para(MARK)

    monkeypatch.setitem(docx_writer.PART_WRITERS, "extra", write_extra)
    yield
    env.cache.clear()


def _between(text: str, before: str, mark: str, after: str) -> bool:
    text = normalise(text)
    start = text.find(normalise(before))
    middle = text.find(normalise(mark), start)
    return 0 <= start < middle < text.find(normalise(after), middle)


def test_an_added_part_appears_in_every_writer_at_its_place(extra_part) -> None:
    sheet = sources.load(SOURCE)
    last_tool, first_constraint = sheet.tools.families[-1].tools[-1], sheet.constraints.items[0].name
    brochure = present.present(sheet)
    assert [p.id for p in brochure.plan].index("extra") == [p.id for p in brochure.plan].index("constraints") - 1
    outputs = pipeline.sheet_outputs(sheet, formats=("pdf", "docx"))
    assert _between(pdf_text(outputs["pdf"]), last_tool, MARK, first_constraint)
    assert _between(docx_text(docx.Document(io.BytesIO(outputs["docx"]))), last_tool, MARK, first_constraint)
    book = catalogue.catalogue_pdf(only=[sheet.slug], jobs=1)
    assert _between(pdf_text(book), last_tool, MARK, first_constraint)
    assert "Partie ajoutée" in pdf_text(book)  # its label, in the contents and as its heading


def test_without_the_part_the_mark_is_absent() -> None:
    """The fixture's part is what puts the text there (the test above could not pass by accident)."""
    outputs = pipeline.sheet_outputs(sources.load(SOURCE), formats=("docx",))
    assert normalise(MARK) not in normalise(docx_text(docx.Document(io.BytesIO(outputs["docx"]))))


def test_presence_rules_leave_out_missing_parts() -> None:
    data = sources.to_data(sources.load(SOURCE)) | {"status": "partial"}
    del data["tools"], data["faq"]
    sheet = Sheet.model_validate(data)
    ids = [p.id for p in present.present(sheet).plan]
    assert "tools" not in ids and "faq" not in ids
    assert ids == [i for i in PART_IDS if i not in ("tools", "faq")]


def test_the_docx_writer_has_one_method_per_part() -> None:
    assert list(docx_writer.PART_WRITERS) == PART_IDS


INCLUDE = re.compile(r"{%-?\s*include\s+([\"'])(?P<name>[^\"']+)\1")


def test_no_template_includes_a_part_by_name() -> None:
    named = []
    for template in paths.LAYOUTS.rglob("*.j2"):
        for match in INCLUDE.finditer(template.read_text(encoding="utf-8")):
            if any(match["name"] == f"parts/{pid}.html.j2" for pid in PART_IDS):
                named.append(f"{template.name}: {match['name']}")
    assert named == []


def _part_lists(source: str) -> list[int]:
    """Line numbers of list/tuple/set literals naming three or more part ids (a second list of parts)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            names = {e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in PART_IDS}
            if len(names) >= 3:
                found.append(node.lineno)
    return found


def test_the_part_ids_are_listed_in_one_module() -> None:
    assert _part_lists('ORDER = ("missions", "skills", "tools")') == [1]  # the search finds a list
    offenders = {}
    for module in [*(paths.PROJECT / "brochure").rglob("*.py"), *paths.CHARTS.rglob("*.py")]:
        if module.name != "plan.py" and (lines := _part_lists(module.read_text(encoding="utf-8"))):
            offenders[module.name] = lines
    assert offenders == {}
