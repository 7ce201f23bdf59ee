"""`invoke bench` on a small run: every figure is measured and written."""

from __future__ import annotations

import json
from pathlib import Path

from brochure import bench

KEYS = {
    "ratio_to_weasyprint",
    "full_per_sheet_s",
    "speedup_2_workers",
    "noop_rebuild_s",
    "one_edit_rebuild_s",
    "one_edit_rebuilt",
    "peak_rss_mb",
    "pdf_bytes",
}


def test_variants_differ_and_load(tmp_path: Path) -> None:
    files = bench.variants(tmp_path, 3)
    assert [p.name for p in files] == ["responsable-e-commerce.yaml", "variante-001.yaml", "variante-002.yaml"]
    assert len({p.read_text(encoding="utf-8") for p in files}) == 3


def test_small_bench_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    figures = bench.bench(2, out)
    assert set(figures) >= KEYS and json.loads(out.read_text()) == figures
    assert figures["one_edit_rebuilt"] == 1
    assert figures["pdf_bytes"] > 10_000 and figures["peak_rss_mb"] > 10
    assert 0 < figures["noop_rebuild_s"] < figures["one_edit_rebuild_s"]
