"""`invoke bench`: speed and memory of the build, measured in one run on this machine.

Makes N sheet variants of the sample (other scores, longer and shorter texts) in a temporary
folder, then measures, one after the other so that the ratios compare like with like. Every ratio
is the median of ``pairs`` paired runs, each build into a new output folder (a cold chart cache):
PDF builds against a bare WeasyPrint HTML -> PDF of the same HTML, full PDF+DOCX builds with 1 and
2 workers, ``--edition all`` on one sheet with 1 and 2 workers, the sample with a 2 000-character
address against the sample; then a no-op rebuild, a rebuild after a one-word edit that keeps the
file's mtime, the workers' peak memory and the sample PDF's size; then the catalogue
(``catalogue_bench.py``). How busy the machine was (load average) is written with the figures.
``--scale N`` is another run (``scale.py``). Figures go to ``output/bench.json`` and a table.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from brochure.build import builder as build
from brochure.build.report import console
from brochure.core import paths
from brochure.core.errors import BrochureError
from brochure.core.files import write_atomic
from brochure.devtools.catalogue_bench import measure_catalogue
from brochure.devtools.measure import PAIRS, SAMPLE, bare, load, median, report, variants
from brochure.model import sources
from brochure.render import registry

WATCH_EDITS = 5
# The default run: small enough to finish in about a quarter of an hour on a slow 2-core day (the figures of
# issue 19 were taken with --sheets 6 --catalogue 10 --pairs 5); larger runs and --scale behind flags.
SHEETS, CAREERS = 4, 6


def _timed_build(
    folder: Path, output: Path, formats: tuple[str, ...], jobs: int, only: tuple[str, ...] = ()
) -> tuple[float, build.report.Summary]:
    start = time.perf_counter()
    summary = build.build(only, build.Options(formats=formats, jobs=jobs), folder=folder, output=output)
    if summary.exit_code:
        raise RuntimeError("bench build failed: " + "; ".join(r.failure for r in summary.results if r.failure))
    return time.perf_counter() - start, summary


def _bare_html(files: list[Path], html_dir: Path) -> None:
    from brochure.present import figures  # matplotlib: kept out of a no-op build
    from brochure.present import presentation as present
    from brochure.render import html as render_html  # Jinja2: kept out of a no-op build

    html_dir.mkdir(exist_ok=True)
    for path in files:
        brochure = present.present(sources.load(path))
        html = render_html.brochure_html(brochure, figures.draw(brochure).svg)
        (html_dir / f"{path.stem}.html").write_text(html, encoding="utf-8")


class Runs:
    """Fresh output folders (so every build starts with a cold chart cache), one per measured build."""

    def __init__(self, work: Path) -> None:
        self.work, self.count = work, 0

    def __call__(self) -> Path:
        self.count += 1
        return self.work / f"run-{self.count:03d}"


def busy_s(summary: build.report.Summary) -> float:
    """Seconds the workers spent on a build's tasks (each task's time on its worker, summed)."""
    return sum(r.seconds or 0.0 for r in summary.results)


def speedup_profile(one_s: float, one_busy: float, two_s: float, two_busy: float) -> dict[str, float]:
    """Why 2 workers are not twice as fast, as three factors whose product is the speedup
    (``2 × busy_2 ÷ (busy_1 × slowdown)``): how much of each build's time its workers were busy
    (the rest is start-up and the main process' own work, or a worker idle at the end), and how much
    slower the same tasks ran with both cores busy."""
    return {
        "busy_share_1_worker": one_busy / one_s,
        "busy_share_2_workers": two_busy / (2 * two_s),
        "task_slowdown_2_vs_1": two_busy / one_busy,
    }


def measure(
    count: int, work: Path, pairs: int = PAIRS, editions: Sequence[str] | None = None
) -> dict[str, float | int]:
    """The build's figures on ``count`` sheet variants; every ratio the median of ``pairs`` paired runs."""
    folder, html_dir, fresh = work / "sources", work / "html", Runs(work)
    folder.mkdir()
    files = variants(folder, count)
    _bare_html(files, html_dir)
    pdf_runs, bare_runs, full_runs, ratios, speedups, summaries = [], [], [], [], [], []
    profiles: list[dict[str, float]] = []
    for _ in range(pairs):  # each pair: our build, then the bare render of the same HTML, back to back
        pdf_s, summary = _timed_build(folder, fresh(), ("pdf",), 1)
        bare_s = bare(html_dir)
        pdf_runs.append(pdf_s / count)
        bare_runs.append(bare_s)
        ratios.append(pdf_s / count / bare_s)
        one_s, summary = _timed_build(folder, fresh(), registry.formats(), 1)
        two_out = fresh()
        two_s, two = _timed_build(folder, two_out, registry.formats(), 2)
        speedups.append(one_s / two_s)
        profiles.append(speedup_profile(one_s, busy_s(summary), two_s, busy_s(two)))
        full_runs.append(one_s / count)
        summaries += [summary, two]
    noop_s, _ = _timed_build(folder, two_out, registry.formats(), 2)
    edited_text = files[-1].read_text(encoding="utf-8").replace("développe et pilote", "développe, pilote", 1)
    stat = files[-1].stat()
    files[-1].write_text(edited_text, encoding="utf-8")  # a one-word edit that keeps the file's mtime
    os.utime(files[-1], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    edit_s, edited = _timed_build(folder, two_out, registry.formats(), 2)
    return {
        "sheets": count,
        "pairs": pairs,
        "pdf_per_sheet_s": median(pdf_runs),
        "bare_weasyprint_per_sheet_s": median(bare_runs),
        "bare_weasyprint_fonttools_per_sheet_s": round(bare(html_dir, "fonttools"), 3),
        "ratio_to_weasyprint": median(ratios),
        "full_per_sheet_s": median(full_runs),
        "speedup_2_workers": median(speedups),
        **{f"speedup_{key}": median([p[key] for p in profiles]) for key in profiles[0]},
        "noop_rebuild_s": round(noop_s, 3),
        "one_edit_rebuild_s": round(edit_s, 3),
        "one_edit_rebuilt": len(edited.rebuilt),
        "peak_rss_mb": round(max(r.peak_rss_mb for s in summaries for r in s.results), 1),
        "pdf_bytes": (two_out / "pdf" / "responsable-e-commerce.pdf").stat().st_size,
    } | measure_editions(work, pairs, editions)


def long_url(folder: Path, length: int = 2000) -> Path:
    """The sample with a ``length``-character web address in its colophon, as ``long-url.yaml``."""
    sheet = sources.load(SAMPLE)
    sheet.slug = "long-url"
    sheet.provenance.source_url = "https://example.org/" + "x" * (length - 20)
    path = folder / "long-url.yaml"
    path.write_text(sources.dumps(sheet), encoding="utf-8")
    return path


def measure_editions(work: Path, pairs: int = PAIRS, targets: Sequence[str] | None = None) -> dict[str, float]:
    """``--edition all`` (or ``targets``) on one sheet: 2 workers against 1, and the sample with a 2 000-character
    address against the sample (2 workers), each the median of ``pairs`` paired runs."""
    targets = tuple(targets or registry.names())
    folder, fresh = work / "editions", Runs(work / "editions-out")
    folder.mkdir()
    sample = folder / SAMPLE.name
    sample.write_bytes(SAMPLE.read_bytes())
    long_url(folder)
    speedups, long_ratios = [], []
    for _ in range(pairs):
        one_s, _ = _timed_build(folder, fresh(), targets, 1, (sample.stem,))
        two_s, _ = _timed_build(folder, fresh(), targets, 2, (sample.stem,))
        long_s, _ = _timed_build(folder, fresh(), targets, 2, ("long-url",))
        speedups.append(one_s / two_s)
        long_ratios.append(long_s / two_s)
    return {"editions_speedup_2_workers": median(speedups), "long_url_ratio": median(long_ratios)}


def _seen_in_page(driver, marker: str, source: Path, text: str) -> float:
    """Write ``text`` (holding ``marker``) to ``source``; seconds until the page's own DOM shows it
    (stamped by a script in the page, every 5 ms, against the write's time on the same clock)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script(
        "window.__seen = null; var m = arguments[0]; var t = setInterval(function () {"
        " if (document.body && document.body.textContent.indexOf(m) >= 0) { window.__seen = Date.now();"
        " clearInterval(t); } }, 5);",
        marker,
    )
    written = time.time() * 1000
    write_atomic(source, text.encode("utf-8"))
    seen = WebDriverWait(driver, 120, poll_frequency=0.1).until(lambda d: d.execute_script("return window.__seen"))
    return (seen - written) / 1000


def measure_watch(work: Path, edits: int = WATCH_EDITS) -> dict[str, float]:
    """`invoke watch` on the sample (PDF and DOCX), in Chromium: the median time from a save to
    the edited text in the preview's DOM, over ``edits`` saves (each after the previous build)."""

    from selenium.webdriver.support.ui import WebDriverWait

    from brochure.build import watch
    from brochure.devtools.browser import chromium, open_at

    folder, output = work / "watch-sources", work / "watch-output"
    folder.mkdir()
    source = folder / SAMPLE.name
    source.write_bytes(SAMPLE.read_bytes())
    stop, address = threading.Event(), []
    kwargs = {"port": 0, "folder": folder, "output": output, "stop": stop, "ready": address.append}
    thread = threading.Thread(target=watch.watch, kwargs=kwargs | {"say": lambda *a, **k: None}, daemon=True)
    thread.start()
    latencies = []
    try:
        with chromium() as driver:
            idle = (  # the PDF pages of the last save are shown: the editor saves again
                "return document.querySelectorAll('#__pdf-pages img').length > 0"
                " && !document.getElementById('__pdf-status').textContent.includes('building')"
            )
            preview = output / "preview" / f"{source.stem}.html"
            WebDriverWait(driver, 300).until(lambda _: address and preview.exists())
            open_at(driver, f"{address[0]}/{source.stem}", (1280, 800))
            original = source.read_text(encoding="utf-8")
            for i in range(1, edits + 1):
                WebDriverWait(driver, 300, poll_frequency=0.2).until(lambda d: d.execute_script(idle))
                marker = f"Mesure {i}"
                edited = original.replace("title: Responsable e-commerce", f"title: Responsable e-commerce {marker}", 1)
                latencies.append(_seen_in_page(driver, marker, source, edited))
    finally:
        stop.set()
        thread.join(timeout=120)
    return {
        "watch_latency_s": round(statistics.median(latencies), 3),
        "watch_latencies_s": [round(s, 3) for s in latencies],
    }


class BenchError(BrochureError):
    """A bench stage that could not run or finish (said in plain words; the figures measured are kept)."""


TEST_EXTRA = "pip install -c constraints.txt -e '.[test]' && invoke install-tools"


def _watch_stage(work: Path, edits: int = WATCH_EDITS) -> dict[str, float]:
    """The watch figure, or none (with a line that says why) where the browser it needs is not installed."""
    try:
        import selenium  # noqa: F401  # selenium: the test extra's (README command 2), not the product's
    except ImportError:
        console.print(f"watch_latency_s not measured: it drives Chromium through selenium, installed by {TEST_EXTRA}")
        return {}
    return measure_watch(work, edits)


def bench(
    count: int = SHEETS,
    careers: int = CAREERS,
    out: Path = paths.OUTPUT / "bench.json",
    pairs: int = PAIRS,
    edits: int = WATCH_EDITS,
    editions: Sequence[str] | None = None,
) -> dict[str, float | int]:
    """Run the measures (``careers`` = 0 skips the catalogue; ``edits``: the saves behind the watch
    latency, fewer in the tests; ``editions``: the targets of the editions measure, default all); write ``out``
    and print a table.

    A stage that fails stops the bench with :class:`BenchError` naming the stage and why; the figures of
    the stages before it are written first."""
    if count < 2:
        raise BenchError("invoke bench needs at least 2 sheets (--sheets 2 or more)")
    if pairs < 1:
        raise BenchError("invoke bench needs at least 1 pair of runs (--pairs 1 or more)")
    figures: dict[str, float | int] = {"load_before": load()}
    stages = [
        ("build", lambda work: measure(count, work, pairs, editions)),
        ("watch", lambda work: _watch_stage(work, edits)),
    ]
    if careers:
        stages.append(("catalogue", lambda work: measure_catalogue(careers, work, pairs=pairs)))
    with tempfile.TemporaryDirectory(prefix="brochure-bench-") as work:
        for name, stage in stages:
            console.print(f"bench: {name}…")
            try:
                figures |= stage(Path(work))
            except Exception as exc:  # the figures so far are written, then the stage's failure is said
                figures["load_after"] = load()
                report(figures, out)
                raise BenchError(f"the bench's {name} stage failed: {type(exc).__name__}: {exc}") from exc
    figures["load_after"] = load()
    return report(figures, out)


def command(sheets: int | None = None, careers: int | None = None, pairs: int | None = None, scale: int = 0) -> int:
    """`invoke bench`: the measures with the defaults for what is left out, or ``--scale N``; the exit code."""
    from brochure.devtools.scale import scale as run_scale  # its child scripts: only with --scale

    try:
        if scale:
            run_scale(scale)
        else:
            bench(sheets or SHEETS, CAREERS if careers is None else careers, pairs=pairs or PAIRS)
    except BrochureError as exc:
        console.print(str(exc), style="red")
        return exc.exit_code
    return 0
