"""A normalised text dump of a brochure's HTML, compared with a committed golden file.

The golden file changes only through `invoke update-golden`, so a layout or presentation
change shows up in review as a readable diff of the brochure's text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .. import paths, present, render_html, sources

GOLDEN = paths.PROJECT / "tests" / "golden"
BLOCKS = {"p", "li", "h1", "h2", "h3", "tr", "figcaption", "dt", "dd", "blockquote", "title", "div", "section"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.skip += 1
        if tag in BLOCKS:
            self.lines.append("")
        if tag == "img":
            self.lines.append(f"[image: {dict(attrs).get('alt', '')}]")
            self.lines.append("")
        if tag in ("td", "th", "span"):
            self.lines[-1] += " "
        if tag in ("h1", "h2", "h3"):
            self.lines[-1] += "#" * int(tag[1]) + " "

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skip -= 1
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.lines[-1] += data


def dump(html: str) -> str:
    """Visible text of ``html``, one block per line; U+202F and U+00A0 shown as ⍽ and ~ ."""
    parser = _Text()
    parser.feed(html)
    lines = [re.sub(r"[ \t\r\n]+", " ", line).strip() for line in parser.lines]
    text = "\n".join(line for line in lines if line)
    return text.replace("\u202f", "⍽").replace("\u00a0", "~") + "\n"


def sample_dump(slug: str = "responsable-e-commerce") -> str:
    sheet = sources.load(paths.SOURCES / f"{slug}.yaml")
    brochure = present.present(sheet)
    return dump(render_html.brochure_html(brochure, {kind: b"" for kind in brochure.charts}))


def update() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    target = GOLDEN / "responsable-e-commerce.txt"
    target.write_text(sample_dump(), encoding="utf-8")
    print(f"wrote {target}")
