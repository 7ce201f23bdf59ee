"""Golden text dumps of every target, in Pelican's style: ``tests/golden/<target>/<lang>/<slug>.txt``.

Each dump is the normalised visible text of what a target prints: the HTML a PDF edition lays out
(the summary at the shortening level its layout chose), the web page, the paragraphs and tables of
the DOCX. They
change only through `invoke update-golden`, so a layout or presentation change shows up in review as
a readable diff, target by target and language by language.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from brochure.build.job import SheetJob, prepare
from brochure.core import paths
from brochure.render import html as render_html
from brochure.render import registry
from brochure.render.docx.target import DocxTarget
from brochure.render.pdf.target import SummaryTarget, fitted_summary
from brochure.render.web.target import WebTarget

GOLDEN = paths.PROJECT / "tests" / "golden"
LANGS = ("fr", "en")
SAMPLES = ("responsable-e-commerce",)
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


def _normalised(lines: list[str]) -> str:
    """One block per line, spaces collapsed; U+202F and U+00A0 shown as ⍽ and ~ ."""
    text = "\n".join(line for line in (re.sub(r"[ \t\r\n]+", " ", line).strip() for line in lines) if line)
    return text.replace("\u202f", "⍽").replace("\u00a0", "~") + "\n"


def dump(html: str) -> str:
    """Visible text of ``html``, one block per line."""
    parser = _Text()
    parser.feed(html)
    return _normalised(parser.lines)


def docx_dump(data: bytes) -> str:
    """The DOCX's body in order: headings marked with #, list items with -, table rows joined with |."""
    document = docx.Document(io.BytesIO(data))
    lines = [f"[header: {p.text}]" for p in document.sections[0].header.paragraphs if p.text]
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            mark = "#" * int(style[-1]) + " " if re.fullmatch(r"Heading \d", style) else ""
            lines.append(mark + ("- " if style == "List Bullet" else "") + paragraph.text)
        elif element.tag == qn("w:tbl"):
            lines += [" | ".join(cell.text for cell in row.cells) for row in Table(element, document).rows]
    return _normalised(lines)


def target_dump(job: SheetJob, target: str) -> str:
    """The golden dump of one target of a sheet job: a DOCX's paragraphs, else the HTML it typesets."""
    chosen = registry.get(target)
    if isinstance(chosen, DocxTarget):
        return docx_dump(job.outputs([target])[target])
    if isinstance(chosen, WebTarget):
        return dump(job.outputs([target])[target].decode("utf-8"))
    brochure, svgs = chosen.presented(job), job.figures().svg
    if isinstance(chosen, SummaryTarget):
        return dump(fitted_summary(brochure, svgs)[0])
    return dump(render_html.brochure_html(brochure, svgs))


def dumps(slugs: tuple[str, ...] = SAMPLES) -> dict[Path, str]:
    """Every golden file: its path under ``tests/golden/`` and its text."""
    out = {}
    for slug in slugs:
        prepared = prepare(paths.SOURCES / f"{slug}.yaml")
        for lang in LANGS:
            job = SheetJob(prepared, lang)
            for target in registry.names():
                out[Path(target, lang, f"{slug}.txt")] = target_dump(job, target)
    return out


def update() -> None:
    """Rewrite the golden tree (and remove files no target writes any more)."""
    wanted = dumps()
    for relative, text in wanted.items():
        path = GOLDEN / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for stale in sorted(p for p in GOLDEN.rglob("*.txt") if p.relative_to(GOLDEN) not in wanted):
        stale.unlink()
        print(f"removed {stale}")
    print(f"wrote {len(wanted)} golden dumps under {GOLDEN}")
