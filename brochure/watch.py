"""`invoke watch`: rebuild on save and serve an HTML preview on localhost that reloads itself.

The preview is the brochure's own HTML (same templates and print CSS as the PDF) with a
``<base>`` pointing at ``/layouts/`` and a small script that reloads the page when a build
finishes. The server only answers on the loopback address and only serves ``layouts/`` and
the previews.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import build, fingerprint, paths, sources

RELOAD = """<script>
(function () {
  var seen = null;
  setInterval(function () {
    fetch('/__version').then(function (r) { return r.json(); }).then(function (v) {
      if (seen !== null && v.version !== seen) { location.reload(); }
      seen = v.version;
    }).catch(function () {});
  }, 1000);
})();
</script>"""


class State:
    """The version the preview pages poll: bumped after every rebuild."""

    def __init__(self, previews: Path) -> None:
        self.previews = previews
        self.version = 0
        self.lock = threading.Lock()

    def bump(self) -> None:
        with self.lock:
            self.version += 1


def preview_html(path: Path, options: build.Options = build.Options()) -> str:  # noqa: B008
    """The brochure HTML of one source, in the build's language and brand, made for a browser:
    base URL and live reload."""
    from . import job, render_html

    sheet_job = job.SheetJob(job.prepare(path), options.lang, options.brand or None)
    html = render_html.brochure_html(sheet_job.brochure, sheet_job.figures().svg)
    return html.replace("<head>", '<head>\n<base href="/layouts/">', 1).replace("</body>", RELOAD + "\n</body>", 1)


def write_previews(paths_: Iterable[Path], state: State, options: build.Options = build.Options()) -> list[str]:  # noqa: B008
    """Write the previews of ``paths_``; return the problems of the sheets that failed."""
    from .files import write_atomic

    problems = []
    for path in paths_:
        try:
            write_atomic(state.previews / f"{path.stem}.html", preview_html(path, options).encode("utf-8"))
        except sources.SheetError as exc:
            problems.append(str(exc))
    return problems


class Handler(BaseHTTPRequestHandler):
    """GET / (index), /<slug> (preview), /layouts/... (assets), /__version (reload poll)."""

    state: State

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: HTTPStatus, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == "/__version":
            self.send(HTTPStatus.OK, json.dumps({"version": self.state.version}).encode(), "application/json")
        elif path == "/":
            links = "".join(
                f'<li><a href="/{p.stem}">{p.stem}</a></li>' for p in sorted(self.state.previews.glob("*.html"))
            )
            self.send(HTTPStatus.OK, f"<!DOCTYPE html><title>Brochures</title><ul>{links}</ul>{RELOAD}".encode())
        elif path.startswith("/layouts/"):
            self.file(paths.LAYOUTS, path[len("/layouts/") :])
        else:
            self.file(self.state.previews, path.strip("/") + ".html")

    def file(self, root: Path, relative: str) -> None:
        target = (root / relative).resolve()
        if not target.is_file() or not target.is_relative_to(root.resolve()):
            self.send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
            return
        kinds = {".css": "text/css", ".ttf": "font/ttf", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}
        self.send(HTTPStatus.OK, target.read_bytes(), kinds.get(target.suffix, "application/octet-stream"))


def serve(state: State, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """Start the preview server in a thread (loopback only); ``server.server_address`` has the port."""
    handler = type("PreviewHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer((host, port), partial(handler))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def rebuild(
    state: State,
    options: build.Options,
    folder: Path = paths.SOURCES,
    output: Path = paths.OUTPUT,
    only: Sequence[str] = (),
) -> build.report.Summary:
    """One round: incremental build of ``only`` (default: every sheet), then the previews of what was
    rebuilt (all if a layout changed)."""
    fingerprint.environment.cache_clear()
    summary = build.build(only, options, folder=folder, output=output)
    files = sources.select(folder, only)
    changed = set(summary.rebuilt) | {p.stem for p in files if not (state.previews / f"{p.stem}.html").exists()}
    for problem in write_previews([p for p in files if p.stem in changed], state, options):
        build.report.console.print(problem, style="red")
    state.bump()
    return summary


def _round(state: State, options: build.Options, only: Sequence[str]) -> None:
    """One rebuild, its summary printed; a sheet of ``--only`` removed meanwhile is said, not fatal."""
    try:
        build.report.console.print(rebuild(state, options, only=only).table())
    except sources.SheetError as exc:
        build.report.console.print(str(exc), style="red")


def watch(port: int = 8000, options: build.Options = build.Options(), only: Sequence[str] = ()) -> None:  # noqa: B008
    """Build, serve, then rebuild on every save until Ctrl-C."""
    from watchfiles import watch as changes

    state = State(paths.OUTPUT / "preview")
    _round(state, options, only)
    server = serve(state, port=port)
    host, bound = server.server_address[:2]
    build.report.console.print(
        f"preview on http://{host}:{bound}/ — watching sources/, layouts/, charts/ (Ctrl-C stops)"
    )
    try:
        for batch in changes(paths.SOURCES, paths.LAYOUTS, paths.CHARTS, paths.PROJECT / "brochure"):
            names = sorted({Path(p).name for _, p in batch})
            build.report.console.print(f"changed: {', '.join(names)}")
            _round(state, options, only)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
