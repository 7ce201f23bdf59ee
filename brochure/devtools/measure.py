"""What every bench measure shares: the sheet variants it builds, the bare WeasyPrint render it compares with,
the memory of a process tree, and the median it quotes (used by :mod:`bench` and :mod:`catalogue_bench`)."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.table import Table

from brochure.build.report import console
from brochure.core import paths
from brochure.core.files import write_atomic
from brochure.model import sources

SAMPLE = paths.SOURCES / "responsable-e-commerce.yaml"
PAIRS = 3  # paired runs behind each ratio (its median): --pairs 5 for a steadier figure
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


def bare(html_dir: Path, subsetter: str = "harfbuzz") -> float:
    """Seconds per document of a bare WeasyPrint HTML -> tagged PDF of each ``*.html`` in ``html_dir``."""
    result = subprocess.run(
        [sys.executable, "-c", BARE, str(html_dir), subsetter, str(paths.LAYOUTS) + "/"],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


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


def _table(figures: dict[str, float | int]) -> Table:
    table = Table(title="invoke bench")
    for column in ("measure", "value", "target"):
        table.add_column(column)
    for key, value in figures.items():
        target = TARGETS.get(key)
        sign = "≥" if "speedup" in key else "≤"
        table.add_row(key, str(value), f"{sign} {target}" if target else ("= 1" if key == "one_edit_rebuilt" else ""))
    return table


def load() -> float:
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
