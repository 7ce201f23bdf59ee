"""`invoke bench` on a small run: every figure is measured and written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from brochure.devtools import bench, measure
from tests.extremes import write_short_sample

KEYS = {
    "ratio_to_weasyprint",
    "full_per_sheet_s",
    "speedup_2_workers",
    "speedup_busy_share_1_worker",
    "speedup_busy_share_2_workers",
    "speedup_task_slowdown_2_vs_1",
    "noop_rebuild_s",
    "one_edit_rebuild_s",
    "one_edit_rebuilt",
    "peak_rss_mb",
    "pdf_bytes",
    "editions_speedup_2_workers",
    "long_url_ratio",
    "catalogue_ratio_to_bare",
    "catalogue_bytes_ratio",
}


def test_variants_differ_and_load(tmp_path: Path) -> None:
    files = bench.variants(tmp_path, 3)
    assert [p.name for p in files] == ["responsable-e-commerce.yaml", "variante-001.yaml", "variante-002.yaml"]
    assert len({p.read_text(encoding="utf-8") for p in files}) == 3


def test_small_bench_writes_every_figure(tmp_path: Path, monkeypatch) -> None:
    """On the sample made short (tests/extremes.short): every figure is measured and written; what
    they are worth is `invoke bench`'s business, on the whole sample."""
    monkeypatch.setattr(measure, "SAMPLE", write_short_sample(tmp_path / "short"))
    out = tmp_path / "bench.json"
    figures = bench.bench(2, 2, out, pairs=1, edits=1, editions=("pdf", "docx"))  # the fewest runs for each figure
    assert set(figures) >= KEYS and json.loads(out.read_text()) == figures
    assert all(figures[key] > 0 for key in KEYS)
    assert figures["catalogue_careers"] == 2 and figures["catalogue_pages"] > 16  # 2 short careers of 8 pages, and more
    assert figures["catalogue_bytes"] > 100_000 and figures["catalogue_peak_mb"] > 50
    assert figures["one_edit_rebuilt"] == 1
    assert figures["pdf_bytes"] > 10_000 and figures["peak_rss_mb"] > 10
    assert 0 < figures["noop_rebuild_s"] < figures["one_edit_rebuild_s"]


def test_the_speedup_profile_multiplies_back_to_the_speedup() -> None:
    """1 worker: 30 s of tasks in a 32 s build; 2 workers: 33 s of tasks (10 % slower each) in 18 s."""
    profile = bench.speedup_profile(32.0, 30.0, 18.0, 33.0)
    assert profile == pytest.approx(
        {"busy_share_1_worker": 30 / 32, "busy_share_2_workers": 33 / 36, "task_slowdown_2_vs_1": 1.1}
    )
    rebuilt = 2 * profile["busy_share_2_workers"] / (profile["busy_share_1_worker"] * profile["task_slowdown_2_vs_1"])
    assert abs(rebuilt - 32 / 18) < 1e-9
    assert profile["busy_share_2_workers"] < 1  # a worker idle at some point: not a perfect 2


def test_tree_peak_counts_the_workers() -> None:
    """A child process holding 300 MB shows in the tree's peak, which getrusage(SELF) would miss."""
    hold = 'b = b"\\x01" * (300 * 2**20); import time; time.sleep(1.5)'
    with measure.tree_peak() as memory:
        subprocess.run([sys.executable, "-c", hold], check=True)
    assert memory["peak_mb"] > 300


def test_the_scale_bench_s_child_builds_and_reports(tmp_path: Path) -> None:
    """The growth measure of `invoke bench --scale` runs in a child interpreter (brochure/devtools/scale.py):
    its script is a string no import checks, so it runs here on 1 and 2 sheets (DOCX) and says its figures."""
    from brochure.core import paths
    from brochure.devtools import scale

    child = subprocess.run(
        [sys.executable, "-c", scale.CHILD, str(tmp_path), "1", "2"],
        cwd=paths.PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert child.returncode == 0, child.stderr
    figures = json.loads(child.stdout)
    assert set(figures["seconds"]) == {"1", "2"} and all(s > 0 for s in figures["seconds"].values())
    assert figures["main"] > 0 and figures["workers"] > 0 and figures["manifest"] > 0
