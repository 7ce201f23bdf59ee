"""The editors' commands behind ``invoke import-sheet``, ``invoke check`` and ``invoke schema``.

Each returns a process exit code (0 = success) and prints plain messages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from . import check as lint
from . import importer, paths, sources
from .files import write_atomic

console = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def _print_problems(problems: Sequence[sources.Problem]) -> None:
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        err.print(str(problem), style=style)


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
        return 2
    try:
        data = importer.parse(text)
    except importer.ImportError_ as exc:
        if not partial:
            err.print(f"{file}: {exc}. Nothing was written (use --partial to import what was found).", style="red")
            return 2
        if not exc.data:
            err.print(f"{file}: {exc}. Nothing was written.", style="red")
            return 2
        data = exc.data
        err.print(f"{file}: {exc}; writing a partial sheet (it builds as a draft).", style="yellow")
    problem = _provenance(data, text, date, source_url)
    if problem:
        err.print(f"{problem}. Nothing was written.", style="red")
        return 2
    try:
        sheet = sources.validate(data, None, str(file))
    except sources.SheetError as exc:
        _print_problems(exc.problems)
        err.print(f"{file}: the export holds values a sheet cannot take. Nothing was written.", style="red")
        return 2
    target = out / f"{sheet.slug}.yaml"
    if target.exists() and not force:
        err.print(f"{target} already exists; nothing was written (use --force to replace it).", style="red")
        return 2
    write_atomic(target, sources.dumps(sheet).encode("utf-8"))
    console.print(f"wrote {target}")
    if sheet.leftovers:
        err.print(
            f"{len(sheet.leftovers)} line(s) of the export were not recognised; kept under 'leftovers'.", style="yellow"
        )
    # Report what the editor must still do, with the lines of the file just written.
    _sheet, document = sources.parse_file(target)
    problems = lint.lint(sheet, document, str(target))
    _print_problems(problems)
    return 0


def check(names: Sequence[str] = (), folder: Path = paths.SOURCES) -> int:
    """Schema errors plus editorial lint for the given sheets (default: all of ``folder``)."""
    try:
        files = sources.select(folder, names)
    except sources.SheetError as exc:
        _print_problems(exc.problems)
        return 2
    if not files:
        err.print(f"no sheet found in {folder}", style="red")
        return 2
    loaded, problems = sources.load_all(files)
    for path, (sheet, document) in loaded.items():
        problems.extend(lint.lint(sheet, document, str(path)))
    _print_problems(problems)
    errors = sum(p.severity == "error" for p in problems)
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
    editions only, just those (``all`` is every edition)."""
    from .pipeline import EDITIONS, FORMATS, TARGETS

    wanted = set(formats) | (set(EDITIONS) if "all" in editions else set(editions))
    if not formats and not editions:
        wanted = set(FORMATS)
    unknown = sorted(wanted - set(TARGETS))
    if unknown:
        raise ValueError(f"unknown format or edition {unknown}; choose from {list(TARGETS)} or all")
    return tuple(t for t in TARGETS if t in wanted)


def build(
    only: Sequence[str] = (),
    formats: Sequence[str] = (),
    jobs: int = 0,
    shard: str | None = None,
    verbose: bool = False,
    timeout_s: float = 0,
    memory_mb: int = 0,
    editions: Sequence[str] = (),
    lang: str = "fr",
    brand: str = "",
) -> int:
    """`invoke build`: parse the flags into build options, build, print the summary."""
    from . import build as engine
    from .brand import load as load_brand
    from .labels import LABELS

    try:
        chosen = targets(formats, editions)
        if lang not in LABELS:
            raise ValueError(f"unknown language {lang!r}; choose from {sorted(LABELS)}")
        load_brand(brand or None)  # a bad brand file is one clear error before any work
    except ValueError as exc:
        err.print(str(exc), style="red")
        return 2
    options = engine.Options(
        formats=chosen,
        lang=lang,
        brand=brand,
        jobs=jobs,
        verbose=verbose,
        timeout_s=timeout_s or engine.DEFAULT_TIMEOUT_S,
        memory_mb=memory_mb or engine.DEFAULT_MEMORY_MB,
    )
    try:
        summary = engine.build(only, options, shard_spec=shard)
    except (engine.BuildError, sources.SheetError) as exc:
        err.print(str(exc), style="red")
        return 2
    except OSError as exc:  # e.g. output/ read-only or the disk full before any sheet was built
        err.print(f"cannot write to {exc.filename or paths.OUTPUT}: {exc.strerror or exc}", style="red")
        return 2
    if summary.results:
        err.print(summary.table())
    else:
        err.print(f"nothing to rebuild: {summary.count('unchanged')} sheet(s) unchanged ({summary.seconds:.2f} s)")
    return summary.exit_code


def catalogue(
    only: Sequence[str] = (), brand: str = "", compare: str | None = None, lang: str = "fr", jobs: int = 0
) -> int:
    """`invoke catalogue`: output/catalogue.pdf."""
    from . import catalogue as engine
    from .brand import BrandError
    from .pdf import RenderError
    from .report import stages

    try:
        with stages() as progress:
            problems = engine.write(
                only=only, brand=brand or None, compare=compare, lang=lang, jobs=jobs or None, progress=progress
            )
    except (engine.CatalogueError, BrandError, sources.SheetError, ValueError) as exc:
        err.print(str(exc), style="red")
        return 2
    except (RenderError, OSError) as exc:
        err.print(f"catalogue not written: {exc}", style="red")
        return 1
    for problem in problems:
        err.print(f"left out: {problem}", style="red")
    console.print(f"wrote {paths.OUTPUT / 'catalogue.pdf'}")
    return 1 if problems else 0
