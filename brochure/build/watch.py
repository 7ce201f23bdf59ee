"""`invoke watch`: rebuild on save and serve a preview on localhost that keeps up with the editor.

The preview is the brochure's own HTML (same templates and print CSS as the PDF), then, below it,
the PDF's pages as PNG once the PDF is built. On a save:

1. the HTML previews of the sheets that changed (every sheet when a layout or the code changed)
   are written first, by a warm worker (one process that keeps the presentation, the charts and
   the templates imported; restarted when the engine's code changes), and the pages showing them
   update in place (``preview_server``);
2. then a build thread runs the incremental build (PDF, DOCX, editions) and renders each rebuilt
   PDF's pages to PNG, and the pages update again.

The server starts at once with the last build's previews.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from brochure.build import builder as build
from brochure.build import fingerprint, job
from brochure.build.preview_server import State, serve
from brochure.build.workers import pool
from brochure.core import paths
from brochure.core.files import write_atomic
from brochure.model import sources
from brochure.present import labels
from brochure.render import registry

__all__ = ["Previewer", "State", "preview_html", "rebuild", "serve", "watch"]
PAGE_SCALE = 1.25  # PNG pages at 90 dpi
CODE = (paths.CHARTS, paths.PROJECT / "brochure")
# On screen, the print layout at the width of its A4 page (charts are sized by the page's width).
SCREEN = "<style>@media screen { html body { max-width: 210mm; margin: 0 auto; padding: 0 17mm; } }</style>"


def preview_html(path: Path, options: build.Options = build.Options()) -> str:  # noqa: B008
    """The brochure HTML of one source, in the build's language and brand, made for a browser."""
    from brochure.render import html as render_html  # Jinja2: kept out of a no-op build

    sheet_job = job.SheetJob(job.prepare(path), options.lang, options.brand or None)
    html = render_html.brochure_html(sheet_job.brochure, sheet_job.figures().svg)
    return html.replace("<head>", '<head>\n<base href="/layouts/">\n' + SCREEN, 1)


def pdf_pages(pdf: Path, folder: Path, scale: float = PAGE_SCALE) -> int:
    """Each page of ``pdf`` as ``folder/page-N.png`` (older extra pages removed); returns the count."""
    import pypdfium2  # pypdfium2: kept out of a no-op build

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document, 1):
            buffer = io.BytesIO()
            page.render(scale=scale).to_pil().save(buffer, format="PNG")
            write_atomic(folder / f"page-{number}.png", buffer.getvalue())
        count = len(document)
    finally:
        document.close()
    for extra in folder.glob("page-*.png"):
        if int(extra.stem.split("-")[1]) > count:
            extra.unlink()
    return count


def _warm() -> None:
    """Import what a preview needs, once per worker."""
    from brochure.render import html as render_html  # noqa: F401


class Previewer:
    """The warm worker: one process that writes previews, kept between saves."""

    def __init__(self, options: build.Options) -> None:
        self.options = options
        self.workers = None
        self.restart()

    def restart(self) -> None:
        """A fresh worker (after a change of the engine's code), warmed up before the next save."""
        self.close()
        self.workers = pool(1, self.options.memory_mb)
        self.workers.schedule(_warm)

    def run(self, function, *args):
        try:
            return self.workers.schedule(function, args=args, timeout=self.options.timeout_s).result()
        except sources.SheetError:
            raise
        except Exception:  # a worker that died or timed out is replaced; the caller reports it
            self.restart()
            raise

    def html(self, path: Path) -> str:
        return self.run(preview_html, path, self.options)

    def pages(self, pdf: Path, folder: Path) -> int:
        return self.run(pdf_pages, pdf, folder)

    def close(self) -> None:
        if self.workers is not None:
            self.workers.stop()
            self.workers.join()
            self.workers = None


def write_previews(previewer: Previewer, files: Iterable[Path], state: State) -> list[str]:
    """Write the previews of ``files``, each shown as soon as it is written; return the failures."""
    problems = []
    for path in files:
        try:
            write_atomic(state.previews / f"{path.stem}.html", previewer.html(path).encode("utf-8"))
        except Exception as exc:
            problems.append(str(exc) if isinstance(exc, sources.SheetError) else f"{path.name}: {exc}")
            continue
        state.bump()
    return problems


def build_round(previewer: Previewer, state: State, options: build.Options, folder: Path, output: Path, only):
    """The slow half: the incremental build, then the PDF pages of what it rebuilt."""
    fingerprint.environment.cache_clear()
    previewed = registry.PDF.name in options.formats  # the screen PDF's pages are what the preview shows
    state.pdf_pending = {p.stem for p in sources.select(folder, only)} if previewed else set()
    state.bump()
    try:
        summary = build.build(only, options, folder=folder, output=output)
        for slug in summary.rebuilt if previewed else ():
            state.pdf_pending.discard(slug)
            previewer.pages(output / registry.PDF.name / f"{slug}.{registry.PDF.extension}", state.previews / slug)
            state.bump()
    finally:
        state.pdf_pending = set()
        state.bump()
    return summary


def rebuild(
    state: State,
    options: build.Options,
    folder: Path = paths.SOURCES,
    output: Path = paths.OUTPUT,
    only: Sequence[str] = (),
    changed: Sequence[Path] | None = None,
    previewer: Previewer | None = None,
) -> build.report.Summary:
    """One round, synchronously: the HTML previews of ``changed`` (default: every selected sheet)
    first, then the build and the PDF pages."""
    own = previewer is None
    previewer = previewer or Previewer(options)
    try:
        files = sources.select(folder, only)
        todo = files if changed is None else [p for p in files if p in set(changed)]
        for problem in write_previews(previewer, todo, state):
            build.report.console.print(problem, style="red")
        return build_round(previewer, state, options, folder, output, only)
    finally:
        if own:
            previewer.close()


class Builder(threading.Thread):
    """Runs build rounds one after the other whenever a save asked for one (the HTML never waits)."""

    def __init__(self, previewer: Previewer, state: State, options: build.Options, folder: Path, output: Path, only):
        super().__init__(daemon=True)
        self.args_ = (previewer, state, options, folder, output, only)
        self.say: Callable[..., None] = build.report.console.print
        self.wanted = threading.Event()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            if not self.wanted.wait(0.2):
                continue
            self.wanted.clear()
            try:
                self.say(build_round(*self.args_).table())
            except Exception as exc:  # said, and the next save tries again
                self.say(f"build failed: {exc}", style="red")


def changed_sheets(batch: Iterable[Path], files: Sequence[Path]) -> tuple[list[Path], bool]:
    """The sheets a batch of changed files touches (all of them when a layout or the code changed),
    and whether the engine's code or a catalogue of words changed (the warm worker, which read them
    once, must restart)."""
    batch = [Path(p).resolve() for p in batch]
    code = any(
        (p.suffix == ".py" and any(p.is_relative_to(c) for c in CODE))
        or (p.suffix == ".po" and p.is_relative_to(labels.LOCALE))
        for p in batch
    )
    shared = code or any(p.is_relative_to(paths.LAYOUTS) for p in batch)
    sheets = {p.resolve() for p in batch if p.suffix == ".yaml"}
    return (list(files) if shared else [f for f in files if f.resolve() in sheets]), code


def watch(
    port: int = 8000,
    options: build.Options = build.Options(),  # noqa: B008
    only: Sequence[str] = (),
    folder: Path = paths.SOURCES,
    output: Path = paths.OUTPUT,
    stop: threading.Event | None = None,
    ready: Callable[[str], None] | None = None,
    say: Callable[..., None] = build.report.console.print,
) -> None:
    """Serve the last previews at once, write them again, then keep up with every save until Ctrl-C
    (or ``stop``); ``ready`` is called with the server's address once it listens."""
    from watchfiles import watch as changes  # watchfiles: `invoke watch` only

    state = State(output / "preview")
    state.previews.mkdir(parents=True, exist_ok=True)
    server = serve(state, port=port)
    host, bound = server.server_address[:2]
    say(f"preview on http://{host}:{bound}/ — watching sources/, layouts/, charts/ (Ctrl-C stops)")
    if ready:
        ready(f"http://{host}:{bound}")
    previewer = Previewer(options)
    builder = Builder(previewer, state, options, folder, output, only)
    builder.say = say
    builder.start()
    try:
        for problem in write_previews(previewer, sources.select(folder, only), state):
            say(problem, style="red")
        builder.wanted.set()
        watched = (folder, paths.LAYOUTS, *CODE)
        for batch in changes(*watched, debounce=50, step=20, stop_event=stop, rust_timeout=500):
            try:
                todo, code = changed_sheets([Path(p) for _, p in batch], sources.select(folder, only))
            except sources.SheetError as exc:  # a sheet of --only removed meanwhile: said, not fatal
                say(str(exc), style="red")
                continue
            if code:
                previewer.restart()
            for problem in write_previews(previewer, todo, state):
                say(problem, style="red")
            if todo or code:
                builder.wanted.set()
    except KeyboardInterrupt:
        pass
    finally:
        builder.stopping.set()
        server.shutdown()
        builder.join(timeout=60)
        previewer.close()
