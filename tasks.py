"""Editors' and developers' tasks. `invoke --list` shows them; `invoke --help TASK` explains one.

Each task only parses its flags and calls one engine function in `brochure/`.
"""

from pathlib import Path

from invoke import Exit, task

from brochure import paths


@task(
    help={
        "file": "the text export of a published sheet (.txt)",
        "out": "folder to write <slug>.yaml into (default: sources/)",
        "force": "replace an existing source file",
        "partial": "write an incomplete export anyway, marked partial (it builds as a draft)",
    }
)
def import_sheet(c, file, out=str(paths.SOURCES), force=False, partial=False):
    """Import a text export into sources/<slug>.yaml and list what the editor must still fix."""
    from brochure.commands import import_sheet as run

    raise Exit(code=run(Path(file), Path(out), force=force, partial=partial))


@task(iterable=["sheet"], help={"sheet": "a slug or a .yaml path (repeatable; default: all of sources/)"})
def check(c, sheet):
    """Validate sheets and proof-read them: errors make the exit code non-zero, warnings do not."""
    from brochure.commands import check as run

    raise Exit(code=run(sheet))


@task(help={"out": "where to write the schema (default: sources/sheet.schema.json)"})
def schema(c, out=str(paths.SCHEMA)):
    """Write the JSON Schema of a sheet, for completion and inline errors in editors."""
    from brochure.commands import schema as run

    raise Exit(code=run(Path(out)))


@task(
    iterable=["only", "format", "edition"],
    help={
        "only": "build only this slug (repeatable)",
        "format": "pdf or docx (repeatable; default: both, unless editions are asked for)",
        "edition": "print, booklet, summary, archive or all (repeatable)",
        "lang": "language of the fixed labels and number formats: fr (default) or en",
        "brand": "a school brand, a folder of layouts/brands/ (default: [tool.brochure] brand in pyproject.toml)",
        "jobs": "worker processes (default: one per core)",
        "shard": "I/N: build only part I of N of the sheets (a stable split, for CI matrices)",
        "verbose": "log each stage of each sheet",
        "timeout": "seconds one sheet may take before it is stopped (default 300)",
        "memory-mb": "address-space limit of a worker in MB (default 3072)",
    },
)
def build(c, only, format, edition, jobs=0, shard=None, verbose=False, timeout=0, memory_mb=0, lang="fr", brand=""):
    """Build what changed: output/pdf/<slug>.pdf, output/docx/<slug>.docx, and the editions asked for."""
    from brochure.commands import build as run

    raise Exit(code=run(only, format, int(jobs), shard, verbose, float(timeout), int(memory_mb), edition, lang, brand))


@task(help={"port": "port of the preview server on 127.0.0.1 (default 8000)", "jobs": "worker processes"})
def watch(c, port=8000, jobs=0):
    """Rebuild the sheets whose inputs change on save; serve an HTML preview that reloads itself."""
    from brochure.build import Options
    from brochure.watch import watch as run

    run(int(port), Options(jobs=int(jobs)))


@task(
    help={
        "sheets": "how many sheet variants to build (default 20)",
        "catalogue": "careers in the catalogue measure (default 50; 0 skips it)",
    }
)
def bench(c, sheets=20, catalogue=50):
    """Measure build and catalogue speed and memory on this machine; figures in output/bench.json."""
    from brochure.bench import bench as run

    run(int(sheets), int(catalogue))


@task(
    iterable=["only"],
    help={
        "only": "put only this slug in the catalogue (repeatable; default: all of sources/)",
        "brand": "a school brand (default: the project's)",
        "compare": "2 to 4 slugs separated by commas: their fulfilment profiles on one chart",
        "lang": "fr (default) or en",
        "jobs": "worker processes (default: one per CPU; 1 = no worker)",
    },
)
def catalogue(c, only, brand="", compare=None, lang="fr", jobs=0):
    """One PDF of many careers: cover, contents, every career as in its brochure, indexes, comparison."""
    from brochure.commands import catalogue as run

    raise Exit(code=run(only, brand, compare, lang, int(jobs)))


@task
def docx_reference(c):
    """Rebuild layouts/docx/reference.docx (the DOCX styles) from brochure/docx_reference.py."""
    from brochure.docx_reference import write_reference

    write_reference()


@task
def clean(c):
    """Empty output/."""
    from brochure.build import clean as run

    run()


@task
def update_golden(c):
    """Refresh the golden text dump of the sample brochure (tests/golden/) after an intended change."""
    from brochure.golden import update

    update()


@task(help={"product": "count only what the build needs (not the tests' tools) in the exit code"})
def doctor(c, product=False):
    """What the product and its tests rely on, found or missing, and how to install each (non-zero: one is missing)."""
    from brochure.doctor import doctor as run

    raise Exit(code=run(product_only=product))


@task
def install_tools(c):
    """Install the Debian packages `invoke doctor` finds missing (poppler-utils, qpdf, LibreOffice, HarfBuzz-Subset)."""
    from brochure.tools import install

    install(c)


@task
def test(c):
    """Run the test suite and ruff."""
    c.run("ruff check .", pty=False)
    c.run("python -m pytest", pty=False)
