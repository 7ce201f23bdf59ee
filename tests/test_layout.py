"""Line-level checks of the laid-out brochure (WeasyPrint's boxes, before PDF writing)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from weasyprint.formatting_structure import boxes

from brochure import figures, pdf, present, render_html, sources
from tests.conftest import SOURCE

SHORT = 0.6  # a line, other than a paragraph's last, shorter than this share of its box is a bad break


@pytest.fixture(scope="module")
def document():
    brochure = present.present(sources.load(SOURCE))
    return pdf.render(render_html.render(brochure, figures.draw(brochure).svg))


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


def _text(line: boxes.LineBox) -> str:
    return "".join(t.text for t in line.descendants() if isinstance(t, boxes.TextBox))


def test_no_short_line_inside_a_paragraph(document) -> None:
    bad = [
        (page, _text(line)[:40])
        for page, width, lines in _paragraphs(document)
        for line in lines[:-1]
        if width and line.width < SHORT * width
    ]
    assert bad == []


def test_compounds_are_never_split(document) -> None:
    compounds = {c.lower() for c in re.findall(r"\b\w{1,2}-\w+", SOURCE.read_text(encoding="utf-8"))}
    assert "e-commerce" in compounds
    split = []
    for _, _, lines in _paragraphs(document):
        texts = [_text(line).strip() for line in lines]
        for end, start in itertools.pairwise(texts):
            hyphenated_inside = re.search(r"\b(\w{1,2}-\w+)-$", end)  # "e-com-" / "merce"
            at_hyphen = re.search(r"(?:^|\s)(\w{1,2})-$", end)  # "e-" / "commerce"
            next_word = start.split()[0] if start else ""
            if hyphenated_inside and (hyphenated_inside.group(1) + next_word).lower().strip(",.;:") in compounds:
                split.append(end[-20:] + " / " + next_word)
            if at_hyphen and f"{at_hyphen.group(1)}-{next_word}".lower().strip(",.;:") in compounds:
                split.append(end[-20:] + " / " + next_word)
    assert split == []


def test_body_text_is_hyphenated_in_french(document) -> None:
    ends = [_text(line).rstrip() for _, _, lines in _paragraphs(document) for line in lines]
    assert sum(bool(re.search(r"[a-zà-ÿ]-$", end)) for end in ends) >= 10
