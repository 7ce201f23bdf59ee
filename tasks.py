"""Editors' and developers' tasks. `invoke --list` shows them; `invoke --help TASK` explains one.

Each task only parses its flags and calls one engine function in `brochure/`.
"""

from functools import partial
from pathlib import Path

import invoke
from invoke import Exit

from brochure.core import paths


class Task(invoke.Task):
    """invoke's task, where a whole-number flag left out (``None``) still reads and shows as ``=INT``.

    Short flags are invoke's first letters; they mean the same long flag in every task (see
    tests/test_cli.py): tasks whose flags would take a letter used elsewhere have none.
    """

    WHOLE_NUMBERS = frozenset({"jobs", "timeout", "memory_mb", "sheets", "catalogue", "pairs"})

    def arg_opts(self, name: str, default: object, taken_names: set[str]) -> dict:
        opts = super().arg_opts(name, default, taken_names)  # type: ignore[arg-type]
        if name in self.WHOLE_NUMBERS and default is None:
            opts["kind"] = int
        return opts


task = partial(invoke.task, klass=Task)

# The help of a repeatable flag starts with its value's placeholder (invoke shows none for them).
# Repeatable flags default to None (invoke passes []), so that none is taken for a positional argument.
ONLY = "SLUG: a sheet's slug, or a .yaml path (repeatable; default: every sheet of sources/)"
FORMAT = "FORMAT: pdf or docx (repeatable; default: both, unless editions are asked for)"
EDITION = "EDITION: print, booklet, summary, archive, or all = every output with the PDF and DOCX (repeatable)"
LANG = "language of the fixed labels and number formats: fr (default) or en"
BRAND = "a school brand, a folder of layouts/brands/ (default: [tool.brochure] brand in pyproject.toml)"
JOBS = "worker processes, 1 or more (default: one per core)"
# What build and watch share: which sheets, which outputs, in which language and brand, on how many workers.
OUTPUT_FLAGS = {"only": ONLY, "format": FORMAT, "edition": EDITION, "lang": LANG, "brand": BRAND, "jobs": JOBS}


@task(
    auto_shortflags=False,  # -o, -f and -p mean --only, --format and --port elsewhere
    help={
        "file": "the text export of a published sheet (.txt)",
        "out": "folder to write <slug>.yaml into (default: sources/)",
        "force": "replace an existing source file",
        "partial": "write an incomplete export anyway, marked partial (it builds as a draft)",
        "date": "YYYY-MM-DD: the retrieval and revision date to record (default: today)",
        "source-url": "URL: the career page's address to record (default: the one the export names, if any)",
    },
)
def import_sheet(c, file, out=str(paths.SOURCES), force=False, partial=False, date=None, source_url=None):
    """Import a text export into sources/<slug>.yaml, with its provenance, and list what the editor must still fix."""
    from brochure.commands import import_sheet as run

    raise Exit(code=run(Path(file), Path(out), force=force, partial=partial, date=date, source_url=source_url))


@task(iterable=["only"], help={"only": ONLY})
def check(c, only=None):
    """Validate sheets and proof-read them: errors make the exit code non-zero, warnings do not."""
    from brochure.commands import check as run

    raise Exit(code=run(only))


@task(auto_shortflags=False, help={"out": "where to write the schema (default: sources/sheet.schema.json)"})
def schema(c, out=str(paths.SCHEMA)):
    """Write the JSON Schema of a sheet, for completion and inline errors in editors."""
    from brochure.commands import schema as run

    raise Exit(code=run(Path(out)))


@task(
    iterable=["only", "format", "edition"],
    help={
        **OUTPUT_FLAGS,
        "shard": "I/N: build only part I of N of the sheets (a stable split, for CI matrices)",
        "verbose": "log each stage of each sheet",
        "timeout": "seconds one sheet may take before it is stopped (default 300)",
        "memory-mb": "address-space limit of a worker in MB (default 3072)",
    },
)
def build(
    c,
    only=None,
    format=None,
    edition=None,
    jobs=None,
    shard=None,
    verbose=False,
    timeout=None,
    memory_mb=None,
    lang="fr",
    brand="",
):
    """Build what changed: output/pdf/<slug>.pdf, output/docx/<slug>.docx, and the editions asked for."""
    from brochure.commands import build as run

    flags = {"formats": format, "editions": edition, "lang": lang, "brand": brand, "jobs": jobs}
    raise Exit(code=run(only, shard, **flags, timeout_s=timeout, memory_mb=memory_mb, verbose=verbose))


@task(
    iterable=["only", "format", "edition"],
    help={"port": "port of the preview server on 127.0.0.1 (default 8000)", **OUTPUT_FLAGS},
)
def watch(c, only=None, format=None, edition=None, port=8000, jobs=None, lang="fr", brand=""):
    """Rebuild the sheets whose inputs change on save; serve an HTML preview that reloads itself."""
    from brochure.commands import watch as run

    raise Exit(code=run(port, only, formats=format, editions=edition, lang=lang, brand=brand, jobs=jobs))


@task(
    auto_shortflags=False,  # -s and -c mean --shard and --compare elsewhere
    help={
        "sheets": "how many sheet variants to build (default 4)",
        "catalogue": "careers in the catalogue measure (default 6; 0 skips it)",
        "pairs": "paired runs behind each ratio, its median (default 3)",
        "scale": "N: measure only how the cost grows: N sheets' no-op rebuilds, a 200-sheet build, the manifest",
    },
)
def bench(c, sheets=None, catalogue=None, pairs=None, scale=0):
    """Measure build and catalogue speed and memory on this machine; figures in output/bench.json."""
    from brochure.devtools.bench import command as run

    raise Exit(code=run(sheets, catalogue, pairs, scale))


@task(
    auto_shortflags=False,
    help={
        "dirs": "the shards' output folders, separated by spaces or commas (globs allowed: 'shards/*')",
        "out": "DIR: the folder to merge them into (default: output/)",
    },
)
def merge(c, dirs, out=str(paths.OUTPUT)):
    """Merge the output/ folders of shard builds (`invoke build --shard I/N`) into one, manifest included."""
    from brochure.commands import merge as run

    raise Exit(code=run(dirs, Path(out)))


@task(
    iterable=["only"],
    help={
        "only": ONLY,
        "brand": BRAND,
        "compare": "2 to 4 slugs separated by commas: their fulfilment profiles on one chart",
        "lang": LANG,
        "jobs": "worker processes, 1 or more (default: one per core; 1 = no worker)",
    },
)
def catalogue(c, only=None, brand="", compare=None, lang="fr", jobs=None):
    """One PDF of many careers: cover, contents, every career as in its brochure, indexes, comparison."""
    from brochure.commands import catalogue as run

    raise Exit(code=run(only, brand, compare, lang, jobs))


@task(
    positional=["file"],
    auto_shortflags=False,  # -b, -f and -j stand for --brand, --format and --jobs elsewhere
    help={
        "file": "FILE: a dossier (*.pack.yaml), several separated by commas, a folder of dossiers, or with --batch "
        "a class list (CSV)",
        "batch": "FILE is a class list (CSV): one pack per row, output/packs/<list name>/<id>.pdf",
        "jobs": JOBS,
        "timeout": "seconds one pack may take before it is stopped (default 300)",
        "memory-mb": "address-space limit of a worker in MB (default 3072)",
        "verbose": "log each stage of each pack",
    },
)
def pack(c, file, batch=False, jobs=None, timeout=None, memory_mb=None, verbose=False):
    """Counselor's packs: output/packs/<file name>.pdf per dossier, output/packs/<list>/<id>.pdf per class-list row."""
    from brochure.commands import pack as command

    raise Exit(code=command(file, batch, jobs=jobs, timeout_s=timeout, memory_mb=memory_mb, verbose=verbose))


@task
def docx_reference(c):
    """Rebuild layouts/docx/reference.docx (the DOCX styles) from brochure/render/docx/reference.py."""
    from brochure.render.docx.reference import write_reference

    write_reference()


@task(auto_shortflags=False, help={"packs": "remove only the counselor's packs and their build records"})
def clean(c, packs=False):
    """Empty output/ (with --packs: only output/packs/ and the packs' build records)."""
    from brochure.build.builder import clean as run
    from brochure.products.pack.command import clean as run_packs

    (run_packs if packs else run)()


@task
def update_golden(c):
    """Refresh the golden text dump of the sample brochure (tests/golden/) after an intended change."""
    from brochure.devtools.golden import update

    update()


@task(
    auto_shortflags=False, help={"product": "count only what the build needs (not the tests' tools) in the exit code"}
)
def doctor(c, product=False):
    """What the product and its tests rely on, found or missing, and how to install each (non-zero: one is missing)."""
    from brochure.devtools.doctor import doctor as run

    raise Exit(code=run(product_only=product))


@task
def install_tools(c):
    """Install the Debian packages `invoke doctor` finds missing (poppler-utils, qpdf, LibreOffice, HarfBuzz-Subset)."""
    from brochure.devtools.tools import install

    install(c)


@task(
    auto_shortflags=False,  # -q is no other task's flag; the edit loop's flag stays long
    help={"quick": "the edit loop: leave out the tests marked slow (what CI runs is the whole suite, without it)"},
)
def test(c, quick=False):
    """Run ruff, then the test suite (CI: all of it; --quick: without the tests marked slow)."""
    c.run("ruff check .", pty=False)
    # pytest-xdist: one test process per core of the CI machine; the slow tests: tests/conftest.py's SLOW
    c.run("python -m pytest -n 2" + (' -m "not slow"' if quick else ""), pty=False)


@task(help={"upgrade": "take the newest versions pyproject.toml allows, not the ones pinned now"})
def lock(c, upgrade=False):
    """Compile constraints.txt again, the pinned versions of every package (uv pip compile); prints what changed."""
    from brochure.devtools.lock import lock as run

    run(upgrade=upgrade)
