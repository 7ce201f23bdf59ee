"""`invoke build`: every sheet of ``sources/`` -> ``output/pdf/<slug>.pdf`` and ``output/docx/<slug>.docx``.

Parse everything first, render second: a sheet that fails the schema never reaches a
writer and its previous outputs stay as they were; a sheet with editorial errors builds
as a draft (BROUILLON on every page) with a warning.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from . import check, paths, sources
from .files import clean_temp_files, write_atomic
from .model import Sheet

log = logging.getLogger("brochure")
console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


@dataclass
class Result:
    slug: str
    status: str  # "built", "draft", "failed"
    seconds: float
    message: str = ""


FORMATS = ("pdf", "docx")


def render(sheet: Sheet, problems: int = 0, lang: str = "fr", formats: Sequence[str] = FORMATS) -> dict[str, bytes]:
    """One sheet -> the bytes of each format (the whole pipeline, in memory)."""
    from . import docx_writer, figures, pdf, present, render_html

    brochure = present.present(sheet, lang=lang, edition="pdf", problems=problems)
    log.info("%s: Step 1 - Drawing charts", sheet.slug)
    drawn = figures.draw(brochure, png="docx" in formats)
    out: dict[str, bytes] = {}
    if "pdf" in formats:
        log.info("%s: Step 2 - Rendering HTML", sheet.slug)
        html = render_html.render(brochure, drawn.svg)
        log.info("%s: Step 3 - Typesetting PDF", sheet.slug)
        out["pdf"] = pdf.write_pdf(html, brochure.date)
    if "docx" in formats:
        log.info("%s: Step 4 - Writing DOCX", sheet.slug)
        out["docx"] = docx_writer.write_docx(brochure, drawn.png)
    return out


def render_pdf(sheet: Sheet, problems: int = 0, lang: str = "fr") -> bytes:
    """One sheet -> PDF bytes."""
    return render(sheet, problems, lang, ("pdf",))["pdf"]


def build(
    only: Sequence[str] = (), verbose: bool = False, folder: Path = paths.SOURCES, output: Path = paths.OUTPUT
) -> int:
    """Build the PDF of every sheet (or of the ``only`` slugs). Returns the exit code."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    clean_temp_files(output)
    try:
        files = sources.select(folder, only)
    except sources.SheetError as exc:
        for problem in exc.problems:
            console.print(str(problem), style="red")
        return 2
    loaded, problems = sources.load_all(files)
    for problem in problems:
        console.print(str(problem), style="red")
    results = [Result(Path(p.file).stem, "failed", 0.0, p.message) for p in problems if p.severity == "error"]
    for path, (sheet, document) in loaded.items():
        results.append(_build_one(path, sheet, document, output))
    for result in results:
        style = {"built": "green", "draft": "yellow", "failed": "red"}[result.status]
        console.print(f"{result.status:>6}  {result.slug}  {result.seconds:.2f} s  {result.message}", style=style)
    return 1 if any(r.status == "failed" for r in results) or not files else 0


def _build_one(path: Path, sheet: Sheet, document, output: Path) -> Result:
    start = time.perf_counter()
    # A partial sheet is itself an editorial error, so it is always a draft.
    problems = check.lint(sheet, document, str(path))
    draft = check.is_draft(problems)
    issues = [p for p in problems if p.severity == "error"]
    if draft:
        console.print(
            f"{path}: {len(issues)} editorial error(s): built as a draft (BROUILLON); run `invoke check` for the list",
            style="yellow",
        )
    try:
        outputs = render(sheet, problems=len(issues))
    except Exception as exc:  # one sheet's failure must not stop the others
        return Result(sheet.slug, "failed", time.perf_counter() - start, f"{type(exc).__name__}: {exc}")
    for fmt, data in outputs.items():  # written only once every format rendered
        write_atomic(output / fmt / f"{sheet.slug}.{fmt}", data)
    status = "draft" if draft else "built"
    return Result(sheet.slug, status, time.perf_counter() - start)


def clean(output: Path = paths.OUTPUT) -> None:
    """Remove everything generated under ``output/`` (keeps the folder itself)."""
    for child in output.iterdir():
        if child.name == ".gitkeep":
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
