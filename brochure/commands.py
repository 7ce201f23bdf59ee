"""The editors' commands behind ``invoke import-sheet``, ``invoke check`` and ``invoke schema``.

Each returns a process exit code (0 = success) and prints plain messages.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from brochure.build import builder
from brochure.build import watch as live
from brochure.build.job import draft_count
from brochure.build.merge import merge as merge_shards
from brochure.build.report import stages
from brochure.core import paths
from brochure.core.errors import FAILED, USAGE, BrochureError, UsageError
from brochure.core.files import write_atomic
from brochure.model import importer, sources
from brochure.model.check import lint
from brochure.present.brand import load as load_brand
from brochure.present.labels import LABELS
from brochure.products.catalogue import book as catalogue_book
from brochure.products.pack import command as packs
from brochure.render import registry

console = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def _print_problems(problems: Sequence[sources.Problem]) -> None:
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        err.print(str(problem), style=style)


def _failed(exc: BrochureError, after: str = "") -> int:
    """Say what went wrong (each problem of a sheet on its line), then return the error's exit code."""
    if isinstance(exc, sources.SheetError):
        _print_problems(exc.problems)
    else:
        err.print(str(exc), style="red")
    if after:
        err.print(after, style="red")
    return exc.exit_code


def _provenance(data: dict, text: str, date: str | None, source_url: str | None) -> str | None:
    """Record the import: ``retrieved`` and ``revised`` (``date`` or today), ``source_url`` (the flag, else the
    career's address named in the export). Returns a plain message for a bad flag, else None."""
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        return f"--date {date!r}: write the date as YYYY-MM-DD, for example 2026-03-04"
    if source_url is not None and not re.match(r"^https?://\S+$", source_url):
        return f"--source-url {source_url!r}: a web address starting with http:// or https:// is needed"
    found = importer.career_url(text, data.get("slug", ""))
    url = source_url or found
    if source_url and found and found != source_url:
        err.print(f"the export names {found}; --source-url {source_url} was recorded instead", style="yellow")
    data["provenance"] = {
        "retrieved": day.isoformat(),
        "revised": day.isoformat(),
        **({"source_url": url} if url else {}),
    }
    return None


def import_sheet(
    file: Path,
    out: Path = paths.SOURCES,
    force: bool = False,
    partial: bool = False,
    date: str | None = None,
    source_url: str | None = None,
) -> int:
    """Import a text export into ``out/<slug>.yaml``, with its provenance. Writes nothing on error."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"{file}: cannot read the export: {exc}", style="red")
        return USAGE
    try:
        data = importer.parse(text)
    except importer.ImportError_ as exc:
        if not partial:
            err.print(f"{file}: {exc}. Nothing was written (use --partial to import what was found).", style="red")
            return USAGE
        if not exc.data:
            err.print(f"{file}: {exc}. Nothing was written.", style="red")
            return USAGE
        data = exc.data
        err.print(f"{file}: {exc}; writing a partial sheet (it builds as a draft).", style="yellow")
    problem = _provenance(data, text, date, source_url)
    if problem:
        err.print(f"{problem}. Nothing was written.", style="red")
        return USAGE
    try:
        sheet = sources.validate(data, None, str(file))
    except sources.SheetError as exc:
        _print_problems(exc.problems)
        err.print(f"{file}: the export holds values a sheet cannot take. Nothing was written.", style="red")
        return USAGE
    target = out / f"{sheet.slug}.yaml"
    if target.exists() and not force:
        err.print(f"{target} already exists; nothing was written (use --force to replace it).", style="red")
        return USAGE
    write_atomic(target, sources.dumps(sheet).encode("utf-8"))
    console.print(f"wrote {target}")
    if sheet.leftovers:
        err.print(
            f"{len(sheet.leftovers)} line(s) of the export were not recognised; kept under 'leftovers'.", style="yellow"
        )
    # Report what the editor must still do, with the lines of the file just written.
    _sheet, document = sources.parse_file(target)
    problems = lint(sheet, document, str(target))
    _print_problems(problems)
    return 0


def check(names: Sequence[str] = (), folder: Path = paths.SOURCES) -> int:
    """Schema errors plus editorial lint for the given sheets (default: all of ``folder``)."""
    try:
        files = sources.select(folder, names)
    except BrochureError as exc:
        return _failed(exc)
    if not files:
        err.print(f"no sheet found in {folder}", style="red")
        return USAGE
    loaded, problems = sources.load_all(files)
    for path, (sheet, document) in loaded.items():
        problems.extend(lint(sheet, document, str(path)))
    _print_problems(problems)
    errors = draft_count(problems)
    warnings = len(problems) - errors
    console.print(f"{len(files)} sheet(s) checked: {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def schema(out: Path = paths.SCHEMA) -> int:
    """Write the JSON Schema of a sheet."""
    text = json.dumps(sources.json_schema(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(out, text.encode("utf-8"))
    console.print(f"wrote {out}")
    return 0


def targets(formats: Sequence[str], editions: Sequence[str]) -> tuple[str, ...]:
    """What to build from ``--format`` and ``--edition``: by default the PDF and the DOCX; with
    editions only, just those (``web`` with the PDF, DOCX and summary its pages link to);
    ``--edition all``: everything (PDF, DOCX and every edition)."""
    formats_, editions_ = registry.formats(), registry.editions()
    unknown = [f"--format {name}" for name in formats if name not in formats_]
    unknown += [f"--edition {name}" for name in editions if name not in (*editions_, "all")]
    if unknown:
        raise UsageError(
            f"unknown {', '.join(unknown)}: --format takes {' or '.join(formats_)}; "
            f"--edition takes {', '.join(editions_)} or all (every output)"
        )
    if "all" in editions:
        return registry.names()
    wanted = registry.with_links(set(formats) | set(editions) or set(formats_))  # never a dead download link
    return tuple(t for t in registry.names() if t in wanted)


def at_least_one(flag: str, value: int | None) -> int | None:
    """A count or a limit given on the command line: left out (None) or 1 or more."""
    if value is not None and value < 1:
        raise UsageError(f"{flag} must be 1 or more, not {value}")
    return value


def language(lang: str) -> str:
    """A language of the fixed labels (``--lang``)."""
    if lang not in LABELS:
        raise UsageError(f"unknown language {lang!r}: --lang takes {' or '.join(sorted(LABELS))}")
    return lang


def build_options(
    formats: Sequence[str] = (),
    editions: Sequence[str] = (),
    lang: str = "fr",
    brand: str = "",
    jobs: int | None = None,
    timeout_s: float | None = None,
    memory_mb: int | None = None,
    verbose: bool = False,
) -> builder.Options:
    """The flags of `invoke build` and `invoke watch` as build options; UsageError says which flag is wrong."""
    chosen = targets(formats, editions)
    load_brand(brand or None)  # a bad brand file is one clear error before any work
    return builder.Options(
        formats=chosen,
        lang=language(lang),
        brand=brand,
        jobs=at_least_one("--jobs", jobs),
        verbose=verbose,
        timeout_s=at_least_one("--timeout", timeout_s) or builder.DEFAULT_TIMEOUT_S,
        memory_mb=at_least_one("--memory-mb", memory_mb) or builder.DEFAULT_MEMORY_MB,
    )


def _options(only: Sequence[str], **flags: Any) -> builder.Options | None:
    """``build_options(**flags)`` and the ``--only`` sheets checked, or None after printing what is wrong."""
    try:
        options = build_options(**flags)
        sources.select(paths.SOURCES, only)
    except BrochureError as exc:
        _failed(exc)
        return None
    return options


def build(only: Sequence[str] = (), shard: str | None = None, **flags: Any) -> int:
    """`invoke build`: ``flags`` (the keyword arguments of :func:`build_options`) become the one
    settings object of the build, :class:`brochure.build.builder.Options`; build, print the summary."""
    options = _options(only, **flags)
    if options is None:
        return USAGE
    try:
        summary = builder.build(only, options, shard_spec=shard)
    except BrochureError as exc:
        return _failed(exc)
    except OSError as exc:  # e.g. output/ read-only or the disk full before any sheet was built
        err.print(f"cannot write to {exc.filename or paths.OUTPUT}: {exc.strerror or exc}", style="red")
        return USAGE
    if summary.results:
        err.print(summary.table())
    else:
        err.print(f"nothing to rebuild: {summary.count('unchanged')} sheet(s) unchanged ({summary.seconds:.2f} s)")
    return summary.exit_code


def watch(port: int = 8000, only: Sequence[str] = (), **flags: Any) -> int:
    """`invoke watch`: the build's flags (:func:`build_options`), checked the same way, then build
    and serve until Ctrl-C."""
    options = _options(only, **flags)
    if options is None:
        return USAGE
    if not 0 <= port <= 65535:
        err.print(f"--port must be between 0 and 65535, not {port}", style="red")
        return USAGE
    live.watch(port, options, only)
    return 0


def catalogue(
    only: Sequence[str] = (), brand: str = "", compare: str | None = None, lang: str = "fr", jobs: int | None = None
) -> int:
    """`invoke catalogue`: output/catalogue.pdf."""
    try:
        lang, jobs = language(lang), at_least_one("--jobs", jobs)
        sources.select(paths.SOURCES, only)  # a wrong --only is said before the progress bar starts
    except BrochureError as exc:
        return _failed(exc)
    try:
        with stages() as progress:
            catalogue_book.write(
                only=only, brand=brand or None, compare=compare, lang=lang, jobs=jobs, progress=progress
            )
    except sources.SheetError as exc:  # a sheet that cannot be built: found before any render
        return _failed(exc, "catalogue not written: fix the sheet(s) above")
    except BrochureError as exc:
        return _failed(exc, "catalogue not written" if exc.exit_code == FAILED else "")
    except OSError as exc:
        err.print(f"catalogue not written: {exc}", style="red")
        return FAILED
    console.print(f"wrote {paths.OUTPUT / 'catalogue.pdf'}")
    return 0


def merge(dirs: str, out: Path = paths.OUTPUT) -> int:
    """`invoke merge`: the shards' output folders (``dirs``: separated by spaces or commas, globs
    allowed) merged into ``out``."""
    names = [name for part in re.split(r"[,\s]+", dirs.strip()) if part for name in sorted(glob.glob(part)) or [part]]
    try:
        copied = merge_shards([Path(name) for name in names], out)
    except BrochureError as exc:
        return _failed(exc, f"{out} left as it was")
    console.print(f"merged {len(names)} shard(s) into {out}: {copied} file(s)")
    return 0


def pack(
    file: str,
    batch: bool = False,
    jobs: int | None = None,
    timeout_s: float | None = None,
    memory_mb: int | None = None,
    verbose: bool = False,
) -> int:
    """`invoke pack`: make the packs, print each one's outcome and the summary; the exit code."""
    try:
        files = [name.strip() for name in file.split(",") if name.strip()]
        if not files or (batch and len(files) > 1):
            raise UsageError("name dossiers (invoke pack FILE[,FILE…]) or one class list (invoke pack --batch FILE)")
        options = packs.Options(
            jobs=at_least_one("--jobs", jobs),
            timeout_s=at_least_one("--timeout", timeout_s) or packs.DEFAULT_TIMEOUT_S,
            memory_mb=at_least_one("--memory-mb", memory_mb) or packs.DEFAULT_MEMORY_MB,
            verbose=verbose,
        )
        summary = packs.make([] if batch else files, files[0] if batch else None, options)
    except BrochureError as exc:
        return _failed(exc)
    if summary.results:
        err.print(summary.table("Pack summary", "pack"))
    else:
        err.print(f"nothing to rebuild: {summary.count('unchanged')} pack(s) unchanged ({summary.seconds:.2f} s)")
    return summary.exit_code
