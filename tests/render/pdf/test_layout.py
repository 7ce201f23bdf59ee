"""Line-level checks of the laid-out brochure (WeasyPrint's boxes, before PDF writing).

Run on the sample and on a sheet with other counts: bad breaks, split compounds, French
hyphenation, and headings left alone at the bottom of a page or column.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from weasyprint.formatting_structure import boxes

from brochure.model import sources
from brochure.present import figures
from brochure.present import presentation as present
from brochure.render import html as render_html
from brochure.render.pdf import writer as pdf
from tests.conftest import SOURCE, other_counts

SHORT = 0.6  # a line, other than a paragraph's last, shorter than this share of its box is a bad break
HEADINGS = ("h1", "h2", "h3")


def _render(sheet):
    brochure = present.present(sheet)
    return pdf.lay_out(render_html.brochure_html(brochure, figures.draw(brochure).svg))


@pytest.fixture(scope="module", params=["sample", "other-counts"])
def document(request: pytest.FixtureRequest):
    sheet = sources.load(SOURCE)
    return _render(sheet if request.param == "sample" else other_counts(sheet))


def _paragraphs(document) -> Iterator[tuple[int, float, list[boxes.LineBox]]]:
    def walk(box: boxes.Box, page: int) -> Iterator[tuple[int, float, list[boxes.LineBox]]]:
        children = getattr(box, "children", [])
        only_lines = children and all(isinstance(c, boxes.LineBox) for c in children)
        if isinstance(box, boxes.BlockContainerBox) and only_lines:
            yield page, box.width, children
            return
        for child in children:
            yield from walk(child, page)

    for number, page in enumerate(document.pages, 1):
        yield from walk(page._page_box, number)


def _text(box: boxes.Box) -> str:
    return "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))


def _ends_by_design(line: boxes.LineBox) -> bool:
    """A heading's line, or a line ended by a generated line break (the item cards' "\\A")."""
    tags = [b.element_tag for b in line.descendants() if isinstance(b, boxes.InlineBox)]
    return any(tag in HEADINGS or tag.endswith(("::before", "::after")) for tag in tags)


def test_no_short_line_inside_a_paragraph(document) -> None:
    bad = [
        (page, _text(line)[:40])
        for page, width, lines in _paragraphs(document)
        for line in lines[:-1]
        if width and line.width < SHORT * width and not _ends_by_design(line)
    ]
    assert bad == []


def test_compounds_are_never_split(document) -> None:
    compounds = {c.lower() for c in re.findall(r"\b\w{1,2}-\w+", SOURCE.read_text(encoding="utf-8"))}
    assert "e-commerce" in compounds
    split = []
    for _, _, lines in _paragraphs(document):
        texts = [_text(line).strip() for line in lines]
        for end, start in itertools.pairwise(texts):
            next_word = start.split()[0].strip(",.;:") if start else ""
            inside = re.search(r"\b(\w{1,2}-\w+)-$", end)  # "e-com-" / "merce"
            at_hyphen = re.search(r"(?:^|\s)(\w{1,2})-$", end)  # "e-" / "commerce"
            if inside and (inside.group(1) + next_word).lower() in compounds:
                split.append(f"{end[-20:]} / {next_word}")
            if at_hyphen and f"{at_hyphen.group(1)}-{next_word}".lower() in compounds:
                split.append(f"{end[-20:]} / {next_word}")
    assert split == []


def test_body_text_is_hyphenated_in_french(document) -> None:
    """French patterns are on; the design brief's rule 5 (hyphenate-limit-chars 6 3 3, a 25 % zone,
    tests/design_rules.py) keeps them few: 181 hyphenated line ends in v1, under 10 now."""
    ends = [_text(line).rstrip() for _, _, lines in _paragraphs(document) for line in lines]
    assert 3 <= sum(bool(re.search(r"[a-zà-ÿ]-$", end)) for end in ends) <= 40


def _headings_and_lines(page: boxes.Box) -> tuple[list[boxes.Box], list[boxes.LineBox]]:
    headings: list[boxes.Box] = []
    lines: list[boxes.LineBox] = []

    def walk(box: boxes.Box) -> None:
        if isinstance(box, boxes.BlockBox | boxes.InlineBox) and box.element_tag in HEADINGS:
            headings.append(box)
        if isinstance(box, boxes.LineBox):
            lines.append(box)
        for child in getattr(box, "children", []):
            walk(child)

    walk(page)
    return headings, lines


def test_no_heading_ends_a_page_or_column(document) -> None:
    stranded = []
    for number, page in enumerate(document.pages, 1):
        headings, lines = _headings_and_lines(page._page_box)
        for heading in headings:
            bottom = heading.position_y + heading.margin_height() - 0.5
            left, right = heading.position_x, heading.position_x + heading.margin_width()
            below = [
                line
                for line in lines
                if line.position_y >= bottom and line.position_x < right and line.position_x + line.width > left
            ]
            if not below:
                stranded.append((number, _text(heading)[:40]))
    assert stranded == []
