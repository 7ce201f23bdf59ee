"""`invoke build`: sheets of ``sources/`` -> ``output/pdf/<slug>.pdf`` and ``output/docx/<slug>.docx``.

Incremental (only outputs whose inputs changed), parallel (a process pool, one sheet per task,
each under a time and memory limit), safe (a lock, atomic writes, a failed sheet keeps its
previous outputs, outputs of removed sheets pruned) and observable (progress, stage logs with
``verbose``, a summary table). Sheets with editorial errors build as drafts.
"""

from __future__ import annotations

import fcntl
import shutil
import time
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from brochure.build import fingerprint, pipeline, report, site
from brochure.build.job import SheetJob, prepare
from brochure.build.pipeline import JobResult, run_job
from brochure.build.workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, pool
from brochure.build.workers import count as workers_count
from brochure.build.workers import lost as workers_lost
from brochure.core import paths
from brochure.core.errors import BrochureError
from brochure.core.files import clean_temp_files, write_atomic
from brochure.model import sources, spelling
from brochure.present.brand import default_name
from brochure.present.chartcache import ChartCache
from brochure.render import registry

STATE = paths.STATE  # output/.build/: the lock, the manifest and the chart cache
SAVE_EVERY_S = 1.0  # the manifest is saved at most this often during a build (and always at its end)


class BuildError(BrochureError):
    """The build cannot start (bad options, another build running)."""


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...] = registry.formats()  # any registered target: the formats and the editions
    lang: str = "fr"
    brand: str = ""  # a folder of layouts/brands/; empty: the project setting
    jobs: int | None = None  # None: one worker per core
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    verbose: bool = False

    def key(self) -> dict[str, str]:
        """The options that change the bytes of an output (part of its inputs digest)."""
        # the format or edition itself is part of each digest; the brand's files are in layouts/
        return {"lang": self.lang, "brand": self.brand or default_name()}


def shard(paths_: Sequence[Path], spec: str | None) -> list[Path]:
    """``"I/N"``: the sheets of part I of N (1-based), by a stable hash of the slug."""
    if not spec:
        return list(paths_)
    try:
        index, count = (int(x) for x in spec.split("/"))
    except ValueError:
        raise BuildError(f"--shard takes I/N such as 2/4, not {spec!r}") from None
    if not 1 <= index <= count:
        raise BuildError(f"--shard {spec}: I must be between 1 and N")
    return [p for p in paths_ if zlib.crc32(p.stem.encode()) % count == index - 1]


@contextmanager
def lock(output: Path) -> Iterator[None]:
    """One build at a time per output folder."""
    state = output / STATE
    state.mkdir(parents=True, exist_ok=True)
    with open(state / "lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is running on {output} (lock {state / 'lock'})") from None
        yield


def plan(files: Sequence[Path], options: Options, output: Path, manifest: fingerprint.Manifest) -> dict[Path, dict]:
    """For each sheet, the formats to rebuild and their input digests (unchanged sheets left out)."""
    todo: dict[Path, dict] = {}
    settings = options.key()  # once: it reads the project's settings (pyproject.toml)
    for path in files:
        source = path.read_bytes()
        for target in options.formats:
            digest = fingerprint.inputs(source, target, settings)
            key = output_key(target, path.stem)
            if not manifest.fresh(output / key, key, digest):
                todo.setdefault(path, {})[target] = digest
    return todo


def prune(folder: Path, output: Path, manifest: fingerprint.Manifest) -> list[str]:
    """Remove the outputs of sheets that are no longer in ``folder`` (renamed or deleted)."""
    slugs = {p.stem for p in sources.discover(folder)}
    removed = []
    for target in registry.names():
        keeps = registry.get(target).keeps
        for path in sorted((output / target).glob(f"*.{registry.extension(target)}")):
            if path.stem not in slugs and path.stem not in keeps:
                path.unlink()
                manifest.forget(f"{target}/{path.name}")
                removed.append(f"{target}/{path.name}")
    return removed


def output_key(target: str, slug: str) -> str:
    """``pdf/<slug>.pdf``, ``docx/<slug>.docx``, ``print/<slug>.pdf``… (relative to output/)."""
    return f"{target}/{slug}.{registry.extension(target)}"


def tasks(formats: Iterable[str]) -> list[tuple[str, ...]]:
    """A sheet's tasks, the usual longest first (so that the last task to finish is a short one): one
    target each, but targets that print the same pages share one task and its layout (the registry's rule)."""
    return registry.tasks(list(formats))


def _run(todo: dict[Path, dict], options: Options, charts: ChartCache) -> Iterator[tuple[Path, JobResult]]:
    """Each (sheet, target) is one task, so one sheet's targets run on every core; a sheet's
    result is yielded, in ``todo``'s order, once all its targets are done.

    Each sheet's first task (its longest, :func:`tasks`) is scheduled at once, its shorter ones after
    the first tasks of the next ``workers - 1`` sheets: every worker starts on a long task and the
    short ones fill in behind (3 sheets of PDF + DOCX on 2 workers end after 2 PDFs and 1 DOCX, not
    2 PDFs and 2 DOCX), and a sheet's result still waits for only a few others."""
    jobs = workers_count(options.jobs)
    count = sum(len(tasks(formats)) for formats in todo.values())
    size = min(jobs, count)
    with pool(size, options.memory_mb, options.verbose) as workers:
        checker = spelling.Checker()  # prepared here, sheet by sheet, as the workers start
        failed: dict[Path, JobResult] = {}
        scheduled: dict[Path, list[Future]] = {}
        held: deque[list[tuple[Path, SheetJob, tuple[str, ...]]]] = deque()  # shorter tasks, by sheet

        def submit(path: Path, sheet_job: SheetJob, targets: tuple[str, ...]) -> None:
            _draw_ahead(sheet_job, targets)
            args = (sheet_job.prepared, targets, options.lang, options.brand or None, charts)
            scheduled[path].append(workers.schedule(run_job, args=args, timeout=options.timeout_s))

        for path, formats in todo.items():
            start = time.perf_counter()
            try:
                prepared = prepare(path, checker)
            except sources.SheetError as exc:  # never reaches a worker
                failed[path] = JobResult(path.stem, failure=str(exc), seconds=time.perf_counter() - start)
                continue
            first, *rest = tasks(formats)
            scheduled[path] = []
            sheet_job = SheetJob(prepared, options.lang, options.brand or None, charts)  # this process' drawings
            submit(path, sheet_job, first)
            held.append([(path, sheet_job, targets) for targets in rest])
            if len(held) >= size:
                for task in held.popleft():
                    submit(*task)
        for sheet in held:
            for task in sheet:
                submit(*task)
        checker.save()
        for path in todo:
            if path in failed:
                yield path, failed[path]
            else:
                yield path, joined(path.stem, [_outcome(path, future, options) for future in scheduled[path]])


def _draw_ahead(sheet_job: SheetJob, targets: Sequence[str]) -> None:
    """Draw a task's charts into the chart cache here, before its worker takes it: this process is
    otherwise idle (the forkserver is still loading when the first task is scheduled, then the workers
    only need it to collect results), so the workers find their charts drawn. One sheet job per sheet:
    its tasks share one presentation and the charts already drawn for its other frames.

    Best effort and invisible: anything that fails here is left for the worker, which draws again and
    reports the failure with its sheet; the bytes are the same either way (the cache's own rule)."""
    try:
        for target in targets:
            pipeline.charts_for(sheet_job, target)
    except Exception:  # the worker draws again and says what failed, with its sheet
        return


def joined(slug: str, results: Sequence[JobResult]) -> JobResult:
    """One sheet's result from its targets' results: failed if one failed (then no output is kept)."""
    failures = [r.failure for r in results if r.failure]
    times = [r.seconds for r in results]
    return JobResult(
        slug,
        {} if failures else {target: data for r in results for target, data in r.outputs.items()},
        max(r.errors for r in results),
        None if None in times else sum(t for t in times if t is not None),
        failures[0] if failures else "",
        max(r.peak_rss_mb for r in results),
        tuple(dict.fromkeys(n for r in results for n in r.notices)),
    )


def _outcome(path: Path, future: Future, options: Options) -> JobResult:
    """A job's result; a job stopped or lost says so, with the time it ran where known."""
    try:
        return future.result()
    except FutureTimeout:  # pebble stops a job once it has run timeout_s on its worker
        failure = f"render took longer than {options.timeout_s:g} s: stopped"
        return JobResult(path.stem, failure=failure, seconds=options.timeout_s)
    except Exception as exc:  # a lost worker, or a failure the job could not report (pipeline.run_job)
        failure = workers_lost(exc, options.memory_mb) or pipeline.failure(exc)
        return JobResult(path.stem, failure=failure, seconds=None)


def build(
    only: Sequence[str] = (),
    options: Options = Options(),
    folder: Path = paths.SOURCES,
    output: Path = paths.OUTPUT,
    shard_spec: str | None = None,
) -> report.Summary:
    """Build what changed; return the summary (``summary.exit_code`` for the shell)."""
    with lock(output):
        clean_temp_files(output)
        files = shard(sources.select(folder, only), shard_spec)
        manifest = fingerprint.Manifest.load(output / STATE / "manifest.json")
        summary = report.Summary(pruned=prune(folder, output, manifest))
        todo = plan(files, options, output, manifest)
        summary.unchanged = [p.stem for p in files if p not in todo]
        charts = chart_cache(output)
        with report.progress(len(todo)) as advance:
            for path, result in _run(todo, options, charts) if todo else ():
                if not result.failure:
                    _store(result, path, todo[path], output, manifest)
                summary.add(result)
                advance(result)
        if site.WEB in options.formats or any(p.startswith(f"{site.WEB}/") for p in summary.pruned):
            site.write_site(folder, output, options, manifest)  # the index, from every sheet's page
        with suppress(OSError):  # a failed save was already reported on the sheet that hit it
            manifest.save()
            if todo:
                charts.prune()
        summary.seconds = time.perf_counter() - summary.start
        return summary


def _store(result: JobResult, path: Path, digests: dict, output: Path, manifest: fingerprint.Manifest) -> None:
    """Write a sheet's outputs (atomically, each replacing its old file only when complete).

    A write that fails (read-only folder, full disk) becomes the sheet's failure, with the file and
    the system's reason; the files not yet replaced keep their previous content.
    """
    for target, data in result.outputs.items():
        key = output_key(target, path.stem)
        try:
            write_atomic(output / key, data)
        except OSError as exc:
            result.failure = f"cannot write {output / key}: {exc.strerror or exc}"
            result.outputs = {}
            return
        manifest.record(key, digests[target], data)
    try:
        manifest.save(every_s=SAVE_EVERY_S)  # a stopped build keeps what it wrote up to a second before
    except OSError as exc:
        result.failure = f"cannot write the build manifest in {output / STATE}: {exc.strerror or exc}"


def chart_cache(output: Path) -> ChartCache:
    """The build's chart cache: ``output/.build/charts``, for the build's environment."""
    return ChartCache(output / STATE / "charts", fingerprint.environment())


def clean(output: Path = paths.OUTPUT) -> None:
    """Remove everything generated under ``output/`` (keeps the folder and its .gitkeep)."""
    for child in output.iterdir():
        if child.name == ".gitkeep":
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
