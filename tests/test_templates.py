"""The templates of layouts/ do not copy each other (issue 25): one set of part templates serves the PDF
editions and the web page, the summary leaflet reuses the glance part's boxes, every page takes its
<head> from one partial.

The measure, :func:`repeated_lines`: every line of every ``layouts/**/*.j2`` file, stripped of its
surrounding whitespace, that is at least :data:`MIN_CHARS` characters long and is not made only of Jinja
tags and comments (``{% endif %}``, ``{%- endfor %}{% endif %}``, ``{#- … #}``: the language's
punctuation, not copied markup); such a line that occurs more than once over all the files (in one file
or in several) counts once per occurrence.

Before the change (commit 8e56f89, the two template sets) it counted 185 repeated lines (70 distinct
lines); the test holds the templates to at most a third of that. No rendering: it reads files only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from brochure.core import paths

MIN_CHARS = 12
BEFORE = 185  # repeated_lines() over layouts/ at commit 8e56f89
LIMIT = BEFORE // 3
TAGS_ONLY = re.compile(r"(?:\s*(?:\{%.*?%\}|\{#.*?#\}))+\s*")


def counted(text: str) -> list[str]:
    """The lines of a template that the measure looks at."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if len(line) >= MIN_CHARS and not TAGS_ONLY.fullmatch(line)]


def repeated(templates: Mapping[str, str]) -> dict[str, int]:
    """Each counted line that occurs more than once over ``templates`` (name -> text), with its occurrences."""
    counts = Counter(line for text in templates.values() for line in counted(text))
    return {line: n for line, n in counts.items() if n > 1}


def repeated_lines(templates: Mapping[str, str]) -> int:
    """The measure: occurrences of repeated lines."""
    return sum(repeated(templates).values())


def layouts() -> dict[str, str]:
    return {
        str(p.relative_to(paths.LAYOUTS)): p.read_text(encoding="utf-8") for p in sorted(paths.LAYOUTS.rglob("*.j2"))
    }


def test_templates_repeat_at_most_a_third_of_the_lines_they_did() -> None:
    templates = layouts()
    count, found = repeated_lines(templates), repeated(templates)
    listing = "\n".join(f"{n} × {line}" for line, n in sorted(found.items(), key=lambda item: -item[1]))
    assert count <= LIMIT, f"{count} repeated lines (at most {LIMIT}):\n{listing}"


def test_a_copied_block_is_counted() -> None:
    """The measure sees a box copied from one template into another, and only what is copied."""
    box = """    <div class="front-box">
      <h2>{{ L.fulfilment }}</h2>
      {{ m.meters(b.dims) }}
      <p class="note">{{ L.how_to_read }}</p>
    </div>
    {%- endif %}
"""
    glance = '<section class="glance part">\n' + box + "</section>\n"
    summary = '<section class="side recto">\n' + box + "</section>\n"
    assert repeated_lines({"glance": glance}) == 0
    found = repeated({"glance": glance, "summary": summary})
    # the heading, the meters and the note, twice each; not "</div>" (short) nor "{%- endif %}" (a tag)
    assert found == {
        '<div class="front-box">': 2,
        "<h2>{{ L.fulfilment }}</h2>": 2,
        "{{ m.meters(b.dims) }}": 2,
        '<p class="note">{{ L.how_to_read }}</p>': 2,
    }
    assert repeated_lines({"glance": glance, "summary": summary}) == 8
    assert repeated_lines({"glance": glance + box}) == 8  # copied inside one file: counted the same


def test_the_web_page_and_the_pdf_share_the_part_templates() -> None:
    """No second set of parts: layouts/web/ holds the web's page, index and assets only."""
    assert not (paths.LAYOUTS / "web" / "parts").exists()
    page = (paths.LAYOUTS / "web" / "page.html.j2").read_text(encoding="utf-8")
    assert "{% include part.template %}" in page
    heads = [name for name, text in layouts().items() if "<head>" in text]
    assert heads == ["partials/head.html.j2"]
