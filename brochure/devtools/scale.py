"""`invoke bench --scale N`: how the build's cost grows with the number of sheets.

- The no-op rebuild of N sheets, in this process and as a cold command line (a new interpreter),
  on an output folder holding every document of a finished build: the sample's real PDF and DOCX
  bytes under each sheet's name, recorded in the manifest as a build records them (rendering 1 000
  sheets for real would take an hour here; a no-op build reads the same bytes either way). Also
  the same with the file status cache removed (every output hashed: the first build after a merge).
- The per-sheet time of a 200-sheet build against a 20-sheet build (DOCX only, so that the run
  fits in minutes: the fixed costs per sheet — scheduling, results crossing processes, the
  manifest, spelling — are the same as for a PDF), both in one child process after a warm-up
  build, with that process' peak memory (``main_peak_rss_mb``) and its workers' (``peak_rss_mb``).
- The manifest's size.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from brochure.build import builder as build
from brochure.build import fingerprint
from brochure.core import paths
from brochure.devtools.measure import load, report, variants
from brochure.render import registry

CHILD = """
import json, resource, sys, time
from pathlib import Path
from brochure.build import builder as build
from brochure.devtools.measure import variants

def main():
    work, sizes, figures = Path(sys.argv[1]), [int(n) for n in sys.argv[2:]], {}
    workers = 0.0
    for size in sizes:
        folder = work / f"sources-{size}"
        folder.mkdir()
        variants(folder, size)
        start = time.perf_counter()
        summary = build.build((), build.Options(formats=("docx",)), folder=folder, output=work / f"out-{size}")
        assert summary.exit_code == 0, [r.failure for r in summary.results if r.failure]
        figures[size] = time.perf_counter() - start
        workers = max([workers] + [r.peak_rss_mb for r in summary.results])
        manifest = work / f"out-{size}" / build.STATE / "manifest.json"
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": figures, "main": main, "workers": workers, "manifest": manifest.stat().st_size}))

if __name__ == "__main__":
    main()
"""

NOOP = """
import sys
from pathlib import Path
import invoke  # the command line's own start-up is part of the figure
from brochure.build import builder as build
summary = build.build((), build.Options(), folder=Path(sys.argv[1]), output=Path(sys.argv[2]))
assert not summary.results, "the no-op build rebuilt something"
"""


def finished_output(files: list[Path], output: Path, seed: dict[str, bytes]) -> fingerprint.Manifest:
    """``output`` as a finished build of ``files`` leaves it, with ``seed``'s bytes for each target."""
    manifest = fingerprint.Manifest.load(output / build.STATE / "manifest.json")
    options = build.Options()
    for path in files:
        source = path.read_bytes()
        for target, data in seed.items():
            key = build.output_key(target, path.stem)
            (output / key).parent.mkdir(parents=True, exist_ok=True)
            (output / key).write_bytes(data)
            manifest.record(key, fingerprint.inputs(source, target, options.key()), data)
    manifest.save()
    return manifest


def _noop(folder: Path, output: Path) -> tuple[float, float]:
    """Seconds of a no-op build in this process, and as a new interpreter."""
    start = time.perf_counter()
    summary = build.build((), build.Options(), folder=folder, output=output)
    in_process = time.perf_counter() - start
    if summary.results:
        raise RuntimeError("the no-op build rebuilt something")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", NOOP, str(folder), str(output)], cwd=paths.PROJECT, check=True)
    return in_process, time.perf_counter() - start


def scale(count: int = 1000, out: Path = paths.OUTPUT / "bench.json") -> dict[str, float | int]:
    figures: dict[str, float | int] = {"scale_sheets": count, "scale_load_before": load()}
    big = min(200, count)
    small = max(2, big // 10)
    with tempfile.TemporaryDirectory(prefix="brochure-scale-") as work_dir:
        work = Path(work_dir)
        folder, seed_out = work / "sources", work / "seed"
        folder.mkdir()
        files = variants(folder, count)
        build.build(("responsable-e-commerce",), build.Options(), folder=folder, output=seed_out)
        seed = {t: (seed_out / build.output_key(t, "responsable-e-commerce")).read_bytes() for t in registry.formats()}
        manifest = finished_output(files, work / "output", seed)
        noop, cli = _noop(folder, work / "output")
        manifest.status_path.unlink()
        hashing, _ = _noop(folder, work / "output")
        figures |= {
            f"noop_rebuild_{count}_s": round(noop, 3),
            f"noop_cli_{count}_s": round(cli, 3),
            f"noop_rebuild_{count}_hashing_s": round(hashing, 3),
            f"manifest_{count}_bytes": manifest.path.stat().st_size,
        }
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(work), "2", str(small), str(big)],
            cwd=paths.PROJECT,
            capture_output=True,
            text=True,
        )
        if child.returncode:
            raise RuntimeError(f"the {small}- and {big}-sheet builds failed:\n{child.stderr}")
        grown = json.loads(child.stdout)
        seconds = grown["seconds"]
        figures |= {
            f"build_{small}_docx_s": round(seconds[str(small)], 2),
            f"build_{big}_docx_s": round(seconds[str(big)], 2),
            f"per_sheet_growth_{big}_vs_{small}": round(seconds[str(big)] / big / (seconds[str(small)] / small), 3),
            "main_peak_rss_mb": round(grown["main"], 1),
            "scale_peak_rss_mb": round(grown["workers"], 1),
            f"manifest_{big}_bytes": grown["manifest"],
        }
    figures["scale_load_after"] = load()
    return report(figures, out)
