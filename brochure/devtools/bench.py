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

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.table import Table

from brochure.build import builder as build
from brochure.build.report import console
from brochure.core import paths
from brochure.core.files import write_atomic
from brochure.model import sources

SAMPLE = paths.SOURCES / "responsable-e-commerce.yaml"
PAIRS = 5  # paired runs behind each ratio (its median)
TARGETS = {
    "ratio_to_weasyprint": 1.10,
    "speedup_2_workers": 1.8,
    "editions_speedup_2_workers": 1.6,
    "long_url_ratio": 1.5,
    "catalogue_ratio_to_bare": 1.25,
    "catalogue_bytes_ratio": 1.10,
    "noop_rebuild_s": 0.5,
    "noop_rebuild_1000_s": 0.5,
    "noop_cli_1000_s": 1.5,
    "per_sheet_growth_200_vs_20": 1.10,
    "peak_rss_mb": 250,
    "catalogue_peak_mb": 1024,
    "watch_latency_s": 2.0,
}
WATCH_EDITS = 5
BARE = """
import sys, time
from pathlib import Path
import weasyprint
if sys.argv[2] == "fonttools":
    import weasyprint.pdf.fonts
    weasyprint.pdf.fonts.harfbuzz_subset = None
files = sorted(Path(sys.argv[1]).glob("*.html"))
start = time.perf_counter()
for f in files:
    weasyprint.HTML(string=f.read_text(), base_url=sys.argv[3]).write_pdf(pdf_tags=True)
print((time.perf_counter() - start) / len(files))
"""


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants (Linux /proc), in kB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:  # the process ended meanwhile
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        child = int(entry.name)
        children.setdefault(int(fields["PPid"]), []).append(child)
        rss[child] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += children.get(current, [])
    return total


@contextmanager
def tree_peak(every_s: float = 0.05) -> Iterator[dict[str, float]]:
    """Sample the memory of this process and its workers; ``peak_mb`` is set on exit.

    The sum over the process tree is what the machine must hold (a worker pool's processes are
    not counted by ``getrusage``). Sampling can miss a peak shorter than ``every_s``.
    """
    figures = {"peak_mb": 0.0}
    done = threading.Event()

    def sample() -> None:
        peak = 0
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(os.getpid()))
            done.wait(every_s)
        figures["peak_mb"] = round(peak / 1024, 1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield figures
    finally:
        done.set()
        thread.join()


def variants(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` sheets: the sample itself, then variants with other scores and text lengths."""
    rng = random.Random(seed)
    sample = sources.load(SAMPLE)
    made = []
    for i in range(count):
        sheet = sample.model_copy(deep=True)
        if i:
            sheet.slug, sheet.title = f"variante-{i:03d}", f"{sample.title} {i}"
            for _, dimension in sheet.fulfilment.items():
                dimension.score = rng.randint(20, 100)
            for skill in sheet.hard_skills.items:
                skill.score = rng.randint(30, 100)
            for theme in sheet.missions.themes:
                theme.bullets = theme.bullets[: rng.randint(4, len(theme.bullets))]
            if i % 2:
                sheet.faq.items = sheet.faq.items + sheet.faq.items[:2]
                sheet.soft_skills.intro = sheet.soft_skills.intro + " " + sheet.soft_skills.intro
        path = folder / f"{sheet.slug}.yaml"
        path.write_text(sources.dumps(sheet), encoding="utf-8")
        made.append(path)
    return made


def _timed_build(
    folder: Path, output: Path, formats: tuple[str, ...], jobs: int, only: tuple[str, ...] = ()
) -> tuple[float, build.report.Summary]:
    start = time.perf_counter()
    summary = build.build(only, build.Options(formats=formats, jobs=jobs), folder=folder, output=output)
    if summary.exit_code:
        raise RuntimeError("bench build failed: " + "; ".join(r.failure for r in summary.results if r.failure))
    return time.perf_counter() - start, summary


def _bare_html(files: list[Path], html_dir: Path) -> None:
    from brochure.present import figures
    from brochure.present import presentation as present
    from brochure.render import html as render_html

    html_dir.mkdir(exist_ok=True)
    for path in files:
        brochure = present.present(sources.load(path))
        html = render_html.brochure_html(brochure, figures.draw(brochure).svg)
        (html_dir / f"{path.stem}.html").write_text(html, encoding="utf-8")


def _bare(html_dir: Path, subsetter: str = "harfbuzz") -> float:
    """Seconds per document of a bare WeasyPrint HTML -> tagged PDF of each ``*.html`` in ``html_dir``."""
    result = subprocess.run(
        [sys.executable, "-c", BARE, str(html_dir), subsetter, str(paths.LAYOUTS) + "/"],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


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


def measure(count: int, work: Path, pairs: int = PAIRS) -> dict[str, float | int]:
    """The build's figures on ``count`` sheet variants; every ratio the median of ``pairs`` paired runs."""
    folder, html_dir, fresh = work / "sources", work / "html", Runs(work)
    folder.mkdir()
    files = variants(folder, count)
    _bare_html(files, html_dir)
    pdf_runs, bare_runs, full_runs, ratios, speedups, summaries = [], [], [], [], [], []
    profiles: list[dict[str, float]] = []
    for _ in range(pairs):  # each pair: our build, then the bare render of the same HTML, back to back
        pdf_s, summary = _timed_build(folder, fresh(), ("pdf",), 1)
        bare_s = _bare(html_dir)
        pdf_runs.append(pdf_s / count)
        bare_runs.append(bare_s)
        ratios.append(pdf_s / count / bare_s)
        one_s, summary = _timed_build(folder, fresh(), build.FORMATS, 1)
        two_out = fresh()
        two_s, two = _timed_build(folder, two_out, build.FORMATS, 2)
        speedups.append(one_s / two_s)
        profiles.append(speedup_profile(one_s, busy_s(summary), two_s, busy_s(two)))
        full_runs.append(one_s / count)
        summaries += [summary, two]
    noop_s, _ = _timed_build(folder, two_out, build.FORMATS, 2)
    edited_text = files[-1].read_text(encoding="utf-8").replace("développe et pilote", "développe, pilote", 1)
    stat = files[-1].stat()
    files[-1].write_text(edited_text, encoding="utf-8")  # a one-word edit that keeps the file's mtime
    os.utime(files[-1], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    edit_s, edited = _timed_build(folder, two_out, build.FORMATS, 2)
    return {
        "sheets": count,
        "pairs": pairs,
        "pdf_per_sheet_s": _median(pdf_runs),
        "bare_weasyprint_per_sheet_s": _median(bare_runs),
        "bare_weasyprint_fonttools_per_sheet_s": round(_bare(html_dir, "fonttools"), 3),
        "ratio_to_weasyprint": _median(ratios),
        "full_per_sheet_s": _median(full_runs),
        "speedup_2_workers": _median(speedups),
        **{f"speedup_{key}": _median([p[key] for p in profiles]) for key in profiles[0]},
        "noop_rebuild_s": round(noop_s, 3),
        "one_edit_rebuild_s": round(edit_s, 3),
        "one_edit_rebuilt": len(edited.rebuilt),
        "peak_rss_mb": round(max(r.peak_rss_mb for s in summaries for r in s.results), 1),
        "pdf_bytes": (two_out / "pdf" / "responsable-e-commerce.pdf").stat().st_size,
    } | measure_editions(work, pairs)


def long_url(folder: Path, length: int = 2000) -> Path:
    """The sample with a ``length``-character web address in its colophon, as ``long-url.yaml``."""
    sheet = sources.load(SAMPLE)
    sheet.slug = "long-url"
    sheet.provenance.source_url = "https://example.org/" + "x" * (length - 20)
    path = folder / "long-url.yaml"
    path.write_text(sources.dumps(sheet), encoding="utf-8")
    return path


def measure_editions(work: Path, pairs: int = PAIRS) -> dict[str, float]:
    """``--edition all`` on one sheet: 2 workers against 1, and the sample with a 2 000-character
    address against the sample (2 workers), each the median of ``pairs`` paired runs."""
    folder, fresh = work / "editions", Runs(work / "editions-out")
    folder.mkdir()
    sample = folder / SAMPLE.name
    sample.write_bytes(SAMPLE.read_bytes())
    long_url(folder)
    speedups, long_ratios = [], []
    for _ in range(pairs):
        one_s, _ = _timed_build(folder, fresh(), build.TARGETS, 1, (sample.stem,))
        two_s, _ = _timed_build(folder, fresh(), build.TARGETS, 2, (sample.stem,))
        long_s, _ = _timed_build(folder, fresh(), build.TARGETS, 2, ("long-url",))
        speedups.append(one_s / two_s)
        long_ratios.append(long_s / two_s)
    return {"editions_speedup_2_workers": _median(speedups), "long_url_ratio": _median(long_ratios)}


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
    import statistics

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


def _table(figures: dict[str, float | int]) -> Table:
    table = Table(title="invoke bench")
    for column in ("measure", "value", "target"):
        table.add_column(column)
    for key, value in figures.items():
        target = TARGETS.get(key)
        sign = "≥" if "speedup" in key else "≤"
        table.add_row(key, str(value), f"{sign} {target}" if target else ("= 1" if key == "one_edit_rebuilt" else ""))
    return table


def bench(
    count: int = 20,
    careers: int = 50,
    out: Path = paths.OUTPUT / "bench.json",
    pairs: int = PAIRS,
    edits: int = WATCH_EDITS,
) -> dict[str, float | int]:
    """Run the measures (``careers`` = 0 skips the catalogue; ``edits``: the saves behind the watch
    latency, fewer in the tests); write ``out`` and print a table."""
    if count < 2:
        raise ValueError("invoke bench needs at least 2 sheets")
    figures: dict[str, float | int] = {"load_before": _load()}
    with tempfile.TemporaryDirectory(prefix="brochure-bench-") as work:
        figures |= measure(count, Path(work), pairs)
        figures |= measure_watch(Path(work), edits)
        if careers:
            from brochure.devtools.catalogue_bench import measure_catalogue

            figures |= measure_catalogue(careers, Path(work), pairs=pairs)
    figures["load_after"] = _load()
    return report(figures, out)


def _load() -> float:
    """The machine's load average over the last minute (how busy it was: the figures are noisy when high)."""
    return round(os.getloadavg()[0], 2)


def report(figures: dict[str, float | int], out: Path) -> dict[str, float | int]:
    """Merge ``figures`` into ``out`` (the keys of another run, e.g. ``--scale``, are kept) and print a table."""
    try:
        previous = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    merged = (previous if isinstance(previous, dict) else {}) | figures
    write_atomic(out, (json.dumps(merged, indent=2) + "\n").encode("utf-8"))
    console.print(_table(figures))
    console.print(f"written to {out}")
    return figures
