"""`invoke pack`: counselors' packs from dossiers (``*.pack.yaml``) or a class list (``--batch class.csv``).

- ``invoke pack FILE`` writes ``output/packs/<file name>.pdf`` (``lea.pack.yaml`` -> ``lea.pdf``);
  FILE may be several files separated by commas, or a folder of dossiers.
- ``invoke pack --batch class.csv`` (the flag says FILE is a class list) writes
  ``output/packs/<list name>/<id>.pdf``, one per row.

Like the build: incremental (a pack is rebuilt only when its row or dossier, its careers' sheets,
the layouts or the engine changed; rows are matched by ``id``, so inserting a row rebuilds nothing
else), parallel (one pack per worker task, under the build's time and memory limits), one run at a
time (the build's lock), atomic writes; a bad dossier or row is reported with its line and does not
stop the others; packs of rows no longer in the list are removed.

Personal data: the student's first name is written into the pack's PDF only. The build records
(``output/.build/packs.json``) hold keyed digests (HMAC-SHA256 with a per-install secret kept outside
``output/``, :func:`secret`) of each pack's path, inputs and bytes: nothing from which a name can be
recovered, not even by trying a list of first names. Progress and errors name the file or the row's
line and id, never the student.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

from brochure.build import builder as build
from brochure.build import fingerprint, job, report
from brochure.build.pipeline import JobResult, failure
from brochure.build.workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, pool
from brochure.build.workers import count as workers_count
from brochure.build.workers import lost as workers_lost
from brochure.core import paths
from brochure.core.errors import UsageError
from brochure.core.files import clean_temp_files, write_atomic
from brochure.model import sources, spelling
from brochure.products.pack import classlist, dossier
from brochure.products.pack.document import Request, run

FOLDER = "packs"  # output/packs/
RECORDS = "packs.json"  # output/.build/packs.json
CONFIG = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "career-brochures"


@dataclass(frozen=True)
class Options:
    jobs: int | None = None  # None: one worker per core
    timeout_s: float = DEFAULT_TIMEOUT_S  # per pack
    memory_mb: int = DEFAULT_MEMORY_MB
    verbose: bool = False


@dataclass(frozen=True)
class Item:
    """One pack to make: where it goes (relative to output/), what the progress calls it, its selection."""

    key: str
    label: str
    selection: dossier.Selection


def secret(folder: Path = CONFIG) -> bytes:
    """This install's secret for the build records' digests (created on first use, readable by its owner only)."""
    path = folder / "pack-secret"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        except FileExistsError:  # another run made it meanwhile
            pass
    return path.read_text(encoding="ascii").strip().encode("ascii")


class Records:
    """``output/.build/packs.json``: {keyed digest of the pack's path: {"inputs": …, "bytes": …}}, all keyed."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path, self.key = path, key
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            entries = {}
        self.entries: dict[str, dict[str, str]] = entries if isinstance(entries, dict) else {}

    def digest(self, *parts: bytes) -> str:
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for part in parts:
            mac.update(hashlib.sha256(part).digest())
        return mac.hexdigest()

    def fresh(self, output: Path, key: str, inputs: str) -> bool:
        entry = self.entries.get(self.digest(key.encode()))
        file = output / key
        return (
            bool(entry)
            and entry.get("inputs") == inputs
            and file.is_file()
            and entry.get("bytes") == self.digest(file.read_bytes())
        )

    def record(self, key: str, inputs: str, data: bytes) -> None:
        self.entries[self.digest(key.encode())] = {"inputs": inputs, "bytes": self.digest(data)}

    def keep(self, keys: Sequence[str]) -> None:
        """Forget the records of packs that are gone."""
        wanted = {self.digest(key.encode()) for key in keys}
        self.entries = {k: v for k, v in self.entries.items() if k in wanted}

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True).encode("utf-8"))


def _dossier_files(names: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files += sorted(path.glob(f"*{dossier.SUFFIX}"))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"no dossier file {name}")
    return files


def collect(
    files: Sequence[str], batch: str | None, folder: Path
) -> tuple[list[Item], list[JobResult], dict[str, set[str]]]:
    """The packs asked for, the failures found while reading (a bad dossier or row), and per class
    list folder the ids it names (its other packs are pruned)."""
    items, failed, ids = [], [], {}
    for path in _dossier_files(files):
        try:
            items.append(Item(f"{FOLDER}/{dossier.name_of(path)}.pdf", path.name, dossier.read(path, folder)))
        except sources.SheetError as exc:
            failed.append(JobResult(path.name, failure=str(exc)))
    if batch:
        path = Path(batch)
        if not path.is_file():
            raise UsageError(f"no class list {batch}")
        rows, problems, named = classlist.read(path, folder)
        ids[f"{FOLDER}/{path.stem}"] = named
        for row in rows:
            label = f"{path.name}:{row.line} (id {row.id})"
            items.append(Item(f"{FOLDER}/{path.stem}/{row.id}.pdf", label, row.selection))
        for line in sorted({p.line for p in problems}):
            text = "\n".join(str(p) for p in problems if p.line == line)
            failed.append(JobResult(f"{path.name}:{line}", failure=text))
    return items, failed, ids


def _inputs(item: Item, prepared: Sequence[job.Prepared], records: Records) -> str:
    selection = item.selection
    described = {
        "dossier": selection.dossier.model_dump(mode="json"),
        "brand": selection.brand,
        "counselor": selection.counselor.model_dump(),
    }
    parts = [fingerprint.environment().encode(), json.dumps(described, sort_keys=True).encode()]
    return records.digest(*parts, *(p.source for p in prepared))


def _prepare(items: Sequence[Item]) -> tuple[dict[Path, job.Prepared], dict[Path, str]]:
    """Every career the packs name, through the sheet job's checks, once each."""
    checker, prepared, failures = spelling.Checker(), {}, {}
    for path in dict.fromkeys(p for item in items for p in item.selection.careers):
        try:
            prepared[path] = job.prepare(path, checker)
        except sources.SheetError as exc:
            failures[path] = str(exc)
    checker.save()
    return prepared, failures


def _run(todo: list[tuple[Item, Request]], options: Options) -> Iterator[tuple[Item, JobResult]]:
    jobs = workers_count(options.jobs)
    with pool(min(jobs, len(todo)), options.memory_mb, options.verbose) as workers:
        futures = [(item, workers.schedule(run, args=(request,), timeout=options.timeout_s)) for item, request in todo]
        for item, future in futures:
            yield item, _outcome(item, future, options)


def _outcome(item: Item, future, options: Options) -> JobResult:
    """A pack's result; one stopped or lost says so."""
    try:
        return future.result()
    except FutureTimeout:
        return JobResult(item.label, failure=f"took longer than {options.timeout_s:g} s: stopped", seconds=None)
    except Exception as exc:  # a lost worker, or a failure the pack could not report (pack.run)
        return JobResult(item.label, failure=workers_lost(exc, options.memory_mb) or failure(exc), seconds=None)


def _requests(items: Sequence[Item], records: Records, output: Path, summary: report.Summary) -> list:
    """The packs to rebuild, each with its request and inputs digest (unchanged and unbuildable ones said)."""
    prepared, failures = _prepare(items)
    today = dossier.today()
    todo = []
    for item in items:
        broken = [failures[p] for p in item.selection.careers if p in failures]
        if broken:
            summary.add(JobResult(item.label, failure="\n".join(broken)))
            continue
        careers = tuple(prepared[p] for p in item.selection.careers)
        inputs = _inputs(item, careers, records)
        if records.fresh(output, item.key, inputs):
            summary.unchanged.append(item.label)
            continue
        date = item.selection.dossier.date or today
        todo.append((item, Request(item.label, item.selection, careers, date), inputs))
    return todo


def make(
    files: Sequence[str] = (),
    batch: str | None = None,
    options: Options = Options(),
    folder: Path = paths.SOURCES,
    output: Path = paths.OUTPUT,
    key: bytes | None = None,
) -> report.Summary:
    """Make the packs asked for that changed; return the summary (``summary.exit_code`` for the shell)."""
    with build.lock(output):
        clean_temp_files(output / FOLDER)
        items, failed, ids = collect(files, batch, folder)
        records = Records(output / build.STATE / RECORDS, key or secret())
        summary = report.Summary(pruned=_prune(output, ids))
        for result in failed:
            summary.add(result)
        todo = _requests(items, records, output, summary)
        digests = {item.key: inputs for item, _, inputs in todo}
        with report.progress(len(todo)) as advance:
            for item, result in _run([(item, request) for item, request, _ in todo], options) if todo else ():
                if not result.failure:
                    _store(result, item, digests[item.key], output, records)
                summary.add(result)
                advance(result)
        records.keep([str(p.relative_to(output)) for p in (output / FOLDER).rglob("*.pdf")])
        records.save()
        summary.seconds = time.perf_counter() - summary.start
        return summary


def _store(result: JobResult, item: Item, inputs: str, output: Path, records: Records) -> None:
    """Write a pack (atomically) and its record; a write that fails becomes the pack's failure."""
    data = result.outputs.pop("pack")
    try:
        write_atomic(output / item.key, data)
    except OSError as exc:
        result.failure = f"cannot write {output / item.key}: {exc.strerror or exc}"
        return
    records.record(item.key, inputs, data)


def _prune(output: Path, ids: dict[str, set[str]]) -> list[str]:
    """Remove the packs of rows no longer in their class list."""
    removed = []
    for folder, named in ids.items():
        for path in sorted((output / folder).glob("*.pdf")):
            if path.stem not in named:
                path.unlink()
                removed.append(str(path.relative_to(output)))
    return removed


def clean(output: Path = paths.OUTPUT) -> None:
    """Remove every pack and its build records (``invoke clean --packs``)."""

    shutil.rmtree(output / FOLDER, ignore_errors=True)
    (output / build.STATE / RECORDS).unlink(missing_ok=True)
