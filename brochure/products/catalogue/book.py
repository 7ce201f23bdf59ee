"""`invoke catalogue`: many careers in one tagged PDF, laid out part by part to bound memory.

A single WeasyPrint pass over every career keeps every page's boxes until the PDF is written
(1 447 MB for 50 careers, 580 pages). So the catalogue is cut into parts: the front matter (cover,
contents, comparison), each career as in its brochure (ids prefixed by its slug), and the back
matter (indexes). Each part is its own small render, in worker processes:

1. know every part's page count: remembered from an earlier catalogue when the part's HTML, the
   layouts and the engine are the same (``brochure/products/catalogue/pagecounts.py``); for a career, else, the
   page count of its brochure as the last build wrote it (``output/pdf/<slug>.pdf``, when the build's
   manifest says it was built from the same sheet, language and brand: a career's part prints its
   brochure's pages); else counted by laying the part out with stand-in numbers;
2. render every part knowing its first page number and the catalogue's page count (the footers
   read "page X / Y", the contents and indexes print each career's first page);
3. join the parts with their tags, bookmarks and links (``brochure/render/pdf/stitch.py``).

A part whose page count changed between 1 and 2 (wider numbers rewrapping a line, a stale
remembered count) makes the numbers be recomputed and the parts rendered again: the bytes do not
depend on what was remembered. Indexes sort the careers by each fulfilment
dimension and group them by their usual entry level; ``compare`` puts 2 to 4 careers' profiles on
one chart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brochure.build import builder as build
from brochure.build import fingerprint, job
from brochure.build.workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, start_forkserver
from brochure.build.workers import count as workers_count
from brochure.build.workers import lost as workers_lost
from brochure.core import paths
from brochure.core.files import write_atomic
from brochure.model import sources, spelling
from brochure.model.sheet import Dimension
from brochure.present import presentation as present
from brochure.present.brand import load as load_brand
from brochure.present.labels import labels
from brochure.products.catalogue.pagecounts import CatalogueError, Numbers, PageCounts, settle

if TYPE_CHECKING:
    from charts.style import Palette

WORKER_TASKS = 10  # parts a worker renders before it is replaced
PAGES_CACHE = paths.OUTPUT / paths.STATE / "catalogue-pages.json"  # what `invoke catalogue` remembers


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


Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    pass


def _gather(results: Iterator, total: int, stage: str, progress: Progress) -> list:
    """``results`` in order, reporting each as it comes."""
    gathered = []
    for result in results:
        gathered.append(result)
        progress(stage, len(gathered), total)
    return gathered


@dataclass(frozen=True)
class Limits:
    """What a catalogue's workers may use: the build's limits, per part."""

    jobs: int | None = None  # None: one per core; 1: no worker
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB

    @property
    def processes(self) -> int:
        """The worker processes asked for: ``jobs``, else one per CPU."""
        return workers_count(self.jobs)


def _result(future, timeout_s: float, memory_mb: int):
    try:
        return future.result()
    except FutureTimeout:
        raise CatalogueError(f"a part took longer than {timeout_s:g} s: stopped") from None
    except Exception as exc:
        why = workers_lost(exc, memory_mb)
        if why is None:
            raise
        raise CatalogueError(f"a part's {why}") from None


@contextmanager
def _workers(limits: Limits, size: int, progress: Progress) -> Iterator[Callable[..., list]]:
    """``run(stage, function, items, *args)`` → results in order; in worker processes when jobs > 1."""
    from brochure.build.workers import pool  # pebble: loaded when there is work, not by a no-op build

    jobs = limits.processes
    if jobs <= 1 or size <= 1:

        def run_here(stage: str, function: Callable, items: Sequence, *args: Any) -> list:
            return _gather((function(item, *args) for item in items), len(items), stage, progress)

        yield run_here
        return
    # A worker is replaced after a few parts so heap fragmentation cannot pile up over a long catalogue.
    with pool(min(jobs, size), limits.memory_mb, max_tasks=WORKER_TASKS) as workers:

        def run(stage: str, function: Callable, items: Sequence, *args: Any) -> list:
            futures = [workers.schedule(function, args=(item, *args), timeout=limits.timeout_s) for item in items]
            return _gather(
                (_result(future, limits.timeout_s, limits.memory_mb) for future in futures), len(items), stage, progress
            )

        yield run


def _prepare(files: Sequence[Path]) -> list[job.Prepared]:
    """Every sheet through the sheet job's checks, at once: one that cannot be built stops the
    catalogue before any render, naming its file and line."""
    checker, prepared, problems = spelling.Checker(), [], []
    for path in files:
        try:
            prepared.append(job.prepare(path, checker))
        except sources.SheetError as exc:
            problems.extend(exc.problems)
    checker.save()
    if problems:
        raise sources.SheetError(problems)
    return prepared


def catalogue_pdf(
    only: Sequence[str] = (),
    brand: str | None = None,
    compare: str | None = None,
    lang: str = "fr",
    folder: Path = paths.SOURCES,
    jobs: int | None = None,
    progress: Progress = _quiet,
    limits: Limits | None = None,
    pages_cache: Path | None = None,
    built: Path | None = None,
) -> bytes:
    """The catalogue's PDF bytes. Raises :class:`sources.SheetError` before any render when a sheet
    cannot be built.

    ``jobs``: worker processes (default: one per CPU; 1 renders in this process); ``limits``: the
    workers' time and memory limits (default: the build's); ``pages_cache``: where the parts' page
    counts are remembered between runs (None: nowhere); ``built``: an output folder of `invoke build`
    whose fresh brochures predict their careers' page counts (None: none). A part neither remembers
    nor predicts is counted by a layout first.
    ``progress(stage, done, total)`` is called as parts are laid out and rendered."""
    from brochure.render import html as render_html  # Jinja2: kept out of a no-op build
    from brochure.render.pdf import stitch  # pikepdf and pypdf: kept out of a no-op build
    from charts import style  # matplotlib: kept out of a no-op build

    limits = limits or Limits(jobs=jobs)
    if limits.processes > 1:
        start_forkserver()  # it loads the renderers in its own process while this one prepares the careers
    prepared = _prepare(sources.select(folder, only))
    if not prepared:
        raise CatalogueError("no sheet to put in the catalogue")
    school, words = load_brand(brand), labels(lang)
    chosen = _compare_slugs(compare, [p.slug for p in prepared])
    careers, by_slug = [], {}
    for p in prepared:
        sheet_job = job.SheetJob(p, lang, brand)
        brochure = sheet_job.brochure.for_edition("catalogue")
        careers.append(render_html.context(brochure, sheet_job.figures().svg, prefix=f"{p.slug}-"))
        by_slug[p.slug] = brochure
    date = max((c["b"].date for c in careers if c["b"].date), default=None)
    revised = max((c["b"].sheet.provenance.revised for c in careers if c["b"].sheet.provenance.revised), default=None)
    fmt = careers[0]["b"].formatter
    template = render_html.environment().get_template("catalogue.html.j2")
    common = {
        "careers": careers,
        "words": words,
        "lang": lang,
        "lang_tag": present.LANG_TAGS[lang],
        "brand": school,
        "contact": present.contact_lines(school),
        "version": careers[0]["b"].version,
        "date": date,
        "date_text": fmt.date(revised) if revised else None,
        "by_dimension": _by_dimension(careers, words, fmt),
        "by_level": _by_level(careers),
        "compare": _compare(chosen, by_slug, words, style.Palette.of(school.accent)) if chosen else None,
    }
    parts: list[tuple[str, dict | None]] = [("front", None), *(("career", c) for c in careers), ("back", None)]
    prefixes = [c["prefix"] for c in careers]

    def pages_html(numbers: Numbers) -> list[str]:
        return [
            template.render(part=part, career=career, start=start, total=numbers.total, pages=numbers.pages, **common)
            for (part, career), start in zip(parts, numbers.starts, strict=True)
        ]

    with _workers(limits, len(parts), progress) as run:
        predicted = [None, *built_counts(prepared, lang, brand, built), None]  # the front and back: counted
        pdfs = settle(run, pages_html, prefixes, date, PageCounts(pages_cache), predicted)
    owners = {f"{prefix}cover": index for index, prefix in enumerate(prefixes, start=1)}
    owners["catalogue-index"] = len(parts) - 1
    progress("joining", 0, 1)
    joined = stitch.merge(pdfs, owners)
    progress("joining", 1, 1)
    return joined


def built_counts(
    prepared: Sequence[job.Prepared], lang: str, brand: str | None, output: Path | None
) -> list[int | None]:
    """Each career's page count in its brochure as `invoke build` last wrote it in ``output``, where the
    build's manifest says that file is fresh for this sheet, language and brand; else None.

    A career's part of the catalogue prints its brochure's pages (the same parts, layouts and widths;
    tests/test_catalogue.py checks it on the extreme sheets), so the count predicts the part's without
    a counting layout. It only predicts: the catalogue checks every part's count as it writes it."""
    import pikepdf  # pikepdf and pypdf: kept out of a no-op build

    from brochure.render.pdf import stitch  # pikepdf and pypdf: kept out of a no-op build

    if output is None or not (output / build.STATE / "manifest.json").is_file():
        return [None] * len(prepared)
    manifest = fingerprint.Manifest.load(output / build.STATE / "manifest.json")
    options = build.Options(formats=("pdf",), lang=lang, brand=brand or "")
    stale = build.plan([p.path for p in prepared], options, output, manifest)  # the build's own freshness rule
    counts: list[int | None] = []
    for p in prepared:
        count = None
        if p.path not in stale:
            try:
                count = stitch.page_count((output / build.output_key("pdf", p.path.stem)).read_bytes())
            except (OSError, pikepdf.PdfError):  # removed or damaged since: counted instead
                count = None
        counts.append(count)
    return counts


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


def _compare(chosen: list[str], by_slug: dict, words: dict[str, str], palette: Palette) -> dict:
    return compare_chart([by_slug[s] for s in chosen], words, palette)


def compare_chart(brochures: Sequence[Any], words: dict[str, str], palette: Palette) -> dict:
    """2 to 4 presented careers' fulfilment profiles on one chart: ``{"src": data URI, "alt": text}``
    (the catalogue's comparison, and the counselor's pack's)."""
    from brochure.render.html import data_uri  # Jinja2: kept out of a no-op build
    from charts import compare, style  # matplotlib: kept out of a no-op build
    from charts.text import ChartText  # matplotlib: kept out of a no-op build

    dims = [words[d.value] for d in Dimension]
    careers = [(b.sheet.title, [(d.label, d.score) for d in b.dims]) for b in brochures]
    text = ChartText(tuple(d.value for b in brochures for d in b.dims), axis=words["score_axis"])
    with style.rc(palette):
        svg = style.to_svg(compare.draw(careers, text, width_in=6.8, palette=palette))
    values = "; ".join(
        f"{title}{words['colon']}" + ", ".join(f"{d} {score}" for d, (_, score) in zip(dims, pairs, strict=True))
        for title, pairs in careers
    )
    return {"src": data_uri(svg), "alt": words["chart_compare"].format(values=values)}


def write(out: Path = paths.OUTPUT / "catalogue.pdf", **options) -> None:
    """The catalogue in ``out``; it remembers its page counts in :data:`PAGES_CACHE` and takes the
    predictions of the build in ``output/`` unless ``options`` say otherwise."""
    options = {"pages_cache": PAGES_CACHE, "built": paths.OUTPUT} | options
    write_atomic(out, catalogue_pdf(**options))
