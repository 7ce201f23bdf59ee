"""`invoke catalogue`: many careers in one PDF, rendered in a single pass.

One HTML document holds every selected career as in its brochure (ids prefixed by the slug),
so page numbers run on, the contents and indexes get their page numbers from WeasyPrint's
``target-counter`` and the PDF keeps its tags and bookmarks (merging separately rendered PDFs
would drop the tags). Indexes sort the careers by each fulfilment dimension and group them by
their usual entry level; ``compare`` puts 2 to 4 careers' profiles on one chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import check, paths, sources
from .brand import load as load_brand
from .files import write_atomic
from .labels import labels
from .model import Dimension


class CatalogueError(ValueError):
    """Bad options (``compare``) or no usable sheet."""


def _compare_slugs(compare: str | None, slugs: Sequence[str]) -> list[str]:
    if not compare:
        return []
    chosen = [c.strip() for c in compare.split(",") if c.strip()]
    if not 2 <= len(chosen) <= 4:
        raise CatalogueError(f"--compare takes 2 to 4 careers (slugs separated by commas), not {len(chosen)}")
    unknown = [c for c in chosen if c not in slugs]
    if unknown:
        raise CatalogueError(f"--compare: {', '.join(unknown)} not among the catalogue's careers")
    return chosen


def render(
    only: Sequence[str] = (),
    brand: str | None = None,
    compare: str | None = None,
    lang: str = "fr",
    folder: Path = paths.SOURCES,
) -> tuple[bytes, list[str]]:
    """The catalogue's PDF bytes and the problems of the sheets left out."""
    from . import figures, pdf, present, render_html

    loaded, problems = sources.load_all(sources.select(folder, only))
    if not loaded:
        raise CatalogueError("no valid sheet to put in the catalogue")
    school, words = load_brand(brand), labels(lang)
    chosen = _compare_slugs(compare, [sheet.slug for sheet, _ in loaded.values()])
    careers, by_slug = [], {}
    for path, (sheet, document) in loaded.items():
        errors = sum(p.severity == "error" for p in check.lint(sheet, document, str(path)))
        brochure = present.present(sheet, lang=lang, edition="catalogue", problems=errors, brand=school)
        careers.append(render_html.context(brochure, figures.draw(brochure).svg, prefix=f"{sheet.slug}-"))
        by_slug[sheet.slug] = brochure
    date = max(c["b"].date for c in careers)
    fmt = careers[0]["b"].fmt
    html = (
        render_html.environment()
        .get_template("catalogue.html.j2")
        .render(
            careers=careers,
            words=words,
            lang=lang,
            brand=school,
            contact=present.contact_lines(school),
            version=careers[0]["b"].version,
            date=date,
            date_text=fmt.date(date),
            by_dimension=_by_dimension(careers, words, fmt),
            by_level=_by_level(careers),
            compare=_compare(chosen, by_slug, words) if chosen else None,
        )
    )
    return pdf.write_document(pdf.render(html), date), [str(p) for p in problems]


def _by_dimension(careers: list[dict], words: dict[str, str], fmt) -> list:
    index = []
    for dim in Dimension:
        rows = [(getattr(c["b"].sheet.fulfilment, dim.value).score, c["b"].sheet.title, c["prefix"]) for c in careers]
        rows.sort(key=lambda r: (-r[0], r[1]))
        index.append((words[dim.value], [(fmt.percent(score), title, prefix) for score, title, prefix in rows]))
    return index


def _by_level(careers: list[dict]) -> list:
    groups: dict[str, list] = {}
    for c in careers:
        training = c["b"].sheet.training
        level = training.entry_level if training else "—"
        groups.setdefault(level, []).append((c["b"].sheet.title, c["prefix"]))
    return [(level, sorted(rows)) for level, rows in sorted(groups.items())]


def _compare(chosen: list[str], by_slug: dict, words: dict[str, str]) -> dict:
    from charts import compare, style

    from .render_html import data_uri

    dims = [words[d.value] for d in Dimension]
    careers = [(by_slug[s].sheet.title, [d.score for d in by_slug[s].dims]) for s in chosen]
    with style.rc():
        svg = style.to_svg(compare.draw(dims, careers, axis_label=words["score_axis"]))
    values = "; ".join(
        f"{title}{words['colon']}" + ", ".join(f"{d} {v}" for d, v in zip(dims, scores, strict=True))
        for title, scores in careers
    )
    return {"src": data_uri(svg), "alt": words["chart_compare"].format(values=values)}


def write(out: Path = paths.OUTPUT / "catalogue.pdf", **options) -> list[str]:
    data, problems = render(**options)
    write_atomic(out, data)
    return problems
