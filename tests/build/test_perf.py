"""Nothing computed twice, nothing slow by accident: break opportunities in long runs, the chart
cache, one task per (sheet, target), the output status cache, warm workers."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from brochure.build import builder as build
from brochure.build import pipeline, workers
from brochure.model import sources
from brochure.present import chartcache, figures
from brochure.present import presentation as present
from brochure.present.typography import BREAK_EVERY, ZWSP, breakable
from brochure.render import html as render_html
from tests.build.test_build import make_sources
from tests.conftest import SOURCE


def test_long_runs_get_a_break_opportunity_every_few_characters() -> None:
    run = "x" * (3 * BREAK_EVERY + 5)
    assert breakable(f"voir {run} ici") == "voir " + ZWSP.join(["x" * BREAK_EVERY] * 3 + ["x" * 5]) + " ici"
    ordinary = "Anticonstitutionnellement, responsable-e-commerce et https://example.org/a"
    assert breakable(ordinary) == ordinary  # words and addresses of ordinary length are left alone
    assert breakable(breakable(run)) == breakable(run)  # applied twice: the same text


def test_a_2000_character_address_wraps_inside_the_colophon_and_reads_whole() -> None:
    sheet = sources.load(SOURCE)
    sheet.provenance.source_url = "https://example.org/" + "x" * 1980
    (row,) = [r for r in present.present(sheet).colophon if r.url.startswith("https://")]
    assert row.url == sheet.provenance.source_url  # the raw address (links, the web edition's href)
    b = present.present(sheet)
    html = render_html.brochure_html(b, {k: b"<svg xmlns='http://www.w3.org/2000/svg'/>" for k in b.charts})
    printed = re.sub(r'href="[^"]*"', "", html[html.index('id="colophon"') :])  # the link keeps the raw address
    assert breakable(row.url) in printed and "x" * (BREAK_EVERY + 1) not in printed  # break opportunities where printed
    data = pipeline.sheet_outputs(sheet, formats=("pdf",))["pdf"]
    last = PdfReader(io.BytesIO(data)).pages[-1]
    text = last.extract_text()
    assert ZWSP not in text and text.replace("\n", "").count("x") >= 1980  # searchable, no stray characters
    assert text.count("\n") > 20  # wrapped over many lines, not one line past the margin


@pytest.fixture()
def cache(tmp_path: Path) -> chartcache.ChartCache:
    return chartcache.ChartCache(tmp_path / "charts", salt="test")


def test_charts_are_drawn_once_and_a_text_edit_reuses_them(cache, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = sources.load(SOURCE)
    first = figures.draw(present.present(sheet), png=True, cache=cache)
    assert len(list(cache.folder.glob("*/*.svg"))) == len(first.svg) == len(first.png)
    monkeypatch.setattr(figures, "DRAWERS", {})  # any draw now fails: everything must come from the cache
    sheet.summary = "Un autre résumé, écrit autrement."
    again = figures.draw(present.present(sheet), png=True, cache=cache)
    assert again == first


def test_a_data_edit_draws_the_chart_again(cache) -> None:
    sheet = sources.load(SOURCE)
    brochure = present.present(sheet)
    keys = {kind: figures.chart_key(cache, kind, chart, 6.9, "#000000") for kind, chart in brochure.charts.items()}
    sheet.hard_skills.items[0].score = 1 if sheet.hard_skills.items[0].score != 1 else 2
    edited = present.present(sheet).charts
    assert figures.chart_key(cache, "skills", edited["skills"], 6.9, "#000000") != keys["skills"]
    assert figures.chart_key(cache, "salary", edited["salary"], 6.9, "#000000") == keys["salary"]
    assert figures.chart_key(cache, "salary", edited["salary"], 6.9, "#ffffff") != keys["salary"]  # the brand's accent


def test_the_chart_key_is_the_same_in_every_process(cache) -> None:
    """The salary chart's tick formatter is a bound method: its repr holds an address, the key must not."""
    chart = present.present(sources.load(SOURCE)).charts["salary"]
    other = present.present(sources.load(SOURCE)).charts["salary"]
    assert chart.text.tick is not other.text.tick and repr(chart.text.tick) != repr(other.text.tick)
    assert figures.chart_key(cache, "salary", chart, 6.9, "#000") == figures.chart_key(
        cache, "salary", other, 6.9, "#000"
    )


def test_the_cache_stays_bounded(tmp_path: Path) -> None:
    cache = chartcache.ChartCache(tmp_path, salt="", limit=3)
    for index in range(5):
        cache.put(f"{index:02d}key", "svg", b"<svg/>")
        os.utime(cache._path(f"{index:02d}key", "svg"), (index, index))
    assert cache.get("00key", "svg") == b"<svg/>"  # a hit makes it the most recently used
    assert cache.prune() == 2
    assert sorted(p.name for p in tmp_path.glob("*/*")) == ["00key.svg", "03key.svg", "04key.svg"]


def test_joined_keeps_no_output_of_a_sheet_with_a_failed_target() -> None:
    done = pipeline.JobResult("a", {"pdf": b"%PDF"}, 0, 1.5, peak_rss_mb=90, notices=("n",))
    failed = pipeline.JobResult("a", failure="RenderError: boom", seconds=0.5, notices=("n", "m"))
    assert build.joined("a", [done]).outputs == {"pdf": b"%PDF"}
    both = build.joined("a", [done, failed])
    assert both.outputs == {} and both.failure == "RenderError: boom" and both.seconds == 2.0
    assert both.notices == ("n", "m") and both.peak_rss_mb == 90
    assert build.joined("a", [done, pipeline.JobResult("a", failure="died", seconds=None)]).seconds is None


def test_targets_are_scheduled_longest_first_and_the_same_pages_in_one_task() -> None:
    both = {"docx": "", "summary": "", "archive": "", "pdf": ""}
    assert build.tasks(both) == [("archive", "pdf"), ("summary",), ("docx",)]
    assert build.tasks(["docx", "archive", "print"]) == [("archive",), ("print",), ("docx",)]  # no screen PDF asked


def test_the_archive_reuses_the_screen_pdf_s_layout_and_makes_the_same_bytes(monkeypatch) -> None:
    from brochure.build.job import SheetJob, prepared_sheet
    from brochure.render.pdf import writer as pdf

    prepared = prepared_sheet(sources.load(SOURCE))
    alone = SheetJob(prepared).outputs(["archive"])["archive"]
    layouts = []
    real = pdf.lay_out
    monkeypatch.setattr(pdf, "lay_out", lambda html, **kw: layouts.append(html) or real(html, **kw))
    together = SheetJob(prepared).outputs(["pdf", "archive"])
    assert len(layouts) == 1  # one layout for the two files
    assert together["archive"] == alone  # the reused layout writes the archive a layout of its own writes
    assert together["pdf"] != alone and together["pdf"].startswith(b"%PDF")


def test_one_sheet_s_targets_on_two_workers_give_the_bytes_of_one(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    make_sources(folder, ["alpha"])
    options = {"formats": ("pdf", "docx", "summary")}
    one = build.build((), build.Options(**options, jobs=1), folder=folder, output=tmp_path / "one")
    two = build.build((), build.Options(**options, jobs=2), folder=folder, output=tmp_path / "two")
    assert one.exit_code == two.exit_code == 0 and one.rebuilt == two.rebuilt == ["alpha"]
    for key in ("pdf/alpha.pdf", "docx/alpha.docx", "summary/alpha.pdf"):
        assert (tmp_path / "one" / key).read_bytes() == (tmp_path / "two" / key).read_bytes()
    assert list((tmp_path / "two" / ".build" / "charts").glob("*/*.png"))  # the DOCX's charts, shared


def test_a_noop_build_reads_no_output_whose_status_is_unchanged(tmp_path: Path, monkeypatch) -> None:
    folder, output = tmp_path / "sources", tmp_path / "output"
    make_sources(folder, ["alpha", "beta"])
    fast = build.Options(formats=("docx",), jobs=1)
    build.build((), fast, folder=folder, output=output)
    read: list[Path] = []
    file_hash = build.fingerprint.file_hash
    monkeypatch.setattr(build.fingerprint, "file_hash", lambda path: read.append(path) or file_hash(path))
    assert build.build((), fast, folder=folder, output=output).rebuilt == []
    assert read == []
    victim = output / "docx" / "alpha.docx"  # same size, other bytes, the old modification time
    stat, data = victim.stat(), victim.read_bytes()
    victim.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    os.utime(victim, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert build.build((), fast, folder=folder, output=output).rebuilt == ["alpha"]
    assert read == [victim]


def _loaded() -> tuple[bool, bool]:
    return "weasyprint" in sys.modules, "matplotlib" in sys.modules


def test_workers_start_with_the_renderers_loaded() -> None:
    assert "brochure.build.warm" in workers.PRELOAD
    with workers.pool(1) as pool:
        assert pool.schedule(_loaded).result(timeout=120) == (True, True)


def test_the_main_process_draws_each_task_s_charts_ahead_and_leaves_a_failure_to_the_worker(
    tmp_path: Path, monkeypatch
) -> None:
    """While the forkserver loads, the build's own process draws the charts into the chart cache; a
    failure there is not the build's: the worker draws again and the bytes are the same."""
    folder = tmp_path / "sources"
    make_sources(folder, ["alpha"])
    drawn: list[tuple[str, str]] = []
    charts_for = pipeline.charts_for

    def spy(job, target: str):
        drawn.append((job.prepared.slug, target))
        return charts_for(job, target)

    monkeypatch.setattr(pipeline, "charts_for", spy)
    options = build.Options(formats=("docx",), jobs=1)
    ahead = build.build((), options, folder=folder, output=tmp_path / "ahead")
    assert ahead.exit_code == 0 and drawn == [("alpha", "docx")]  # this process' call: workers are other processes
    assert list((tmp_path / "ahead" / ".build" / "charts").glob("*/*.png"))

    def broken(job, target: str):
        raise RuntimeError("drawing failed here")

    monkeypatch.setattr(pipeline, "charts_for", broken)
    behind = build.build((), options, folder=folder, output=tmp_path / "behind")
    assert behind.exit_code == 0 and behind.rebuilt == ["alpha"]
    key = "docx/alpha.docx"
    assert (tmp_path / "behind" / key).read_bytes() == (tmp_path / "ahead" / key).read_bytes()


@pytest.mark.parametrize(
    ("jobs", "order"),
    [
        (1, ["a:pdf", "a:docx", "b:pdf", "b:docx", "c:pdf", "c:docx"]),
        (2, ["a:pdf", "b:pdf", "a:docx", "c:pdf", "b:docx", "c:docx"]),  # a worker never starts on a short task
    ],
)
def test_each_worker_starts_on_a_long_task_and_the_short_ones_fill_in_behind(
    tmp_path: Path, monkeypatch, jobs: int, order: list[str]
) -> None:
    from concurrent.futures import Future
    from contextlib import contextmanager

    folder = tmp_path / "sources"
    make_sources(folder, ["a", "b", "c"])
    scheduled: list[str] = []

    class Recording:
        def schedule(self, function, args, timeout):
            prepared, targets = args[0], args[1]
            scheduled.append(f"{prepared.slug}:{'+'.join(targets)}")
            done: Future = Future()
            done.set_result(pipeline.JobResult(prepared.slug, dict.fromkeys(targets, b"x"), seconds=1.0))
            return done

    @contextmanager
    def recording_pool(*args, **kwargs):
        yield Recording()

    monkeypatch.setattr(build, "pool", recording_pool)
    monkeypatch.setattr(build, "_draw_ahead", lambda *args: None)
    todo = {folder / f"{slug}.yaml": {"pdf": "", "docx": ""} for slug in "abc"}
    results = list(build._run(todo, build.Options(formats=("pdf", "docx"), jobs=jobs), charts=None))
    assert scheduled == order
    assert [(path.stem, sorted(result.outputs)) for path, result in results] == [
        (slug, ["docx", "pdf"]) for slug in "abc"
    ]  # results in the sheets' order, each with all its targets
