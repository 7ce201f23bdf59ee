"""The preview server of `invoke watch`: loopback only, a few fixed routes, never a traceback.

- ``/`` the list of previews; ``/<slug>`` a preview (the brochure's HTML, then its PDF pages as PNG
  once the PDF is built); ``/layouts/...`` the templates' assets; ``/__pages/<slug>/page-N.png``;
  ``/__version?after=N`` answers when the version passes N (a long poll: the page updates itself
  as soon as a preview is written, without reloading).
- A request whose Host header is not the loopback name or address (``localhost``, ``127.0.0.1``,
  ``[::1]``, with or without the port) is refused with 421: a DNS-rebinding page cannot read it.
- A null byte, a control character, a bad percent-encoding or a relative path is a 400.
"""

from __future__ import annotations

import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from brochure.core import paths

LOOPBACK = re.compile(r"^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$", re.IGNORECASE)
POLL_S = 25  # how long a /__version request waits for a change before answering anyway
KINDS = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".js": "text/javascript",
}

# The preview updates itself: it waits for the next version, fetches its own page again and swaps
# the body in place (the scroll position stays); the index reloads.
LIVE = """<script>
(function () {
  var version = null, swap = location.pathname !== "/";
  function refresh() {
    if (!swap) { location.reload(); return; }
    fetch(location.pathname, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      document.body.replaceWith(doc.body);
      document.dispatchEvent(new Event("preview-updated"));
    });
  }
  function poll() {
    fetch("/__version" + (version === null ? "" : "?after=" + version), {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (v) { var changed = version !== null && v.version !== version; version = v.version;
                           if (changed) { refresh(); } poll(); })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>"""


class State:
    """What the preview pages follow: a version bumped after every write, and each sheet's PDF pages."""

    def __init__(self, previews: Path) -> None:
        self.previews = previews
        self.version = 0
        self.changed = threading.Condition()
        self.pdf_pending: set[str] = set()  # sheets whose PDF is being built

    def bump(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait_past(self, version: int, timeout: float = POLL_S) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout)
            return self.version

    def pages(self, slug: str) -> list[Path]:
        folder = self.previews / slug
        found = folder.glob("page-*.png") if folder.is_dir() else []
        return sorted(found, key=lambda p: int(p.stem.split("-")[1]))


def pages_panel(state: State, slug: str) -> str:
    """The PDF's pages under the preview (or a line saying they are on their way)."""
    pages = state.pages(slug)
    busy = slug in state.pdf_pending
    note = "PDF: building…" if busy else (f"PDF: {len(pages)} page(s)" if pages else "PDF: not built yet")
    images = "".join(
        f'<img src="/__pages/{slug}/{p.name}?v={state.version}" alt="PDF page {i}" loading="lazy">'
        for i, p in enumerate(pages, 1)
    )
    style = "max-width:100%;display:block;margin:8px auto;box-shadow:0 0 4px #888"
    badge = "position:fixed;top:8px;right:8px;z-index:9;background:#111;color:#fff;padding:4px 8px"
    badge += ";font:14px sans-serif"
    return (
        f'<a href="/{slug}#__pdf-pages" style="{badge}">{note} ↓</a>'
        f'<section id="__pdf-pages" style="background:#eee;padding:12px;font-family:sans-serif" aria-label="PDF">'
        f'<p id="__pdf-status">{note}</p><style>#__pdf-pages img{{{style}}}</style>{images}</section>'
    )


class Handler(BaseHTTPRequestHandler):
    """GET only; every answer is ``no-store``."""

    state: State

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: HTTPStatus, body: bytes, kind: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if not LOOPBACK.match(self.headers.get("Host", "")):
            self.send(HTTPStatus.MISDIRECTED_REQUEST, b"this preview answers on 127.0.0.1 and localhost only")
            return
        path = self.checked_path()
        if path is None:
            self.send(HTTPStatus.BAD_REQUEST, b"malformed path")
            return
        try:
            self.route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # one line in the reply, never a traceback in the log
            self.send(HTTPStatus.INTERNAL_SERVER_ERROR, f"preview error: {type(exc).__name__}".encode())

    def checked_path(self) -> str | None:
        raw = urlsplit(self.path).path
        try:
            path = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            return None
        if not path.startswith("/") or any(ord(c) < 32 or ord(c) == 127 for c in path) or "\\" in path:
            return None
        return path

    def route(self, path: str) -> None:
        state = self.state
        if path == "/__version":
            after = parse_qs(urlsplit(self.path).query).get("after", [""])[0]
            version = state.wait_past(int(after)) if after.isdigit() else state.version
            self.send(HTTPStatus.OK, json.dumps({"version": version}).encode(), "application/json")
        elif path == "/":
            links = "".join(f'<li><a href="/{p.stem}">{p.stem}</a></li>' for p in sorted(state.previews.glob("*.html")))
            page = f'<!DOCTYPE html><html lang="en"><title>Brochures</title><ul>{links}</ul>{LIVE}</html>'
            self.send(HTTPStatus.OK, page.encode(), KINDS[".html"])
        elif path.startswith("/layouts/"):
            self.file(paths.LAYOUTS, path[len("/layouts/") :])
        elif path.startswith("/__pages/"):
            self.file(state.previews, path[len("/__pages/") :], suffixes=(".png",))
        else:
            self.preview(path.strip("/"))

    def preview(self, slug: str) -> None:
        target = self.inside(self.state.previews, slug + ".html")
        if target is None or "/" in slug:
            self.send(HTTPStatus.NOT_FOUND, b"not found")
            return
        html = target.read_text(encoding="utf-8")
        html = html.replace("</body>", pages_panel(self.state, slug) + LIVE + "\n</body>", 1)
        self.send(HTTPStatus.OK, html.encode("utf-8"), KINDS[".html"])

    @staticmethod
    def inside(root: Path, relative: str) -> Path | None:
        target = (root / relative).resolve()
        return target if target.is_file() and target.is_relative_to(root.resolve()) else None

    def file(self, root: Path, relative: str, suffixes: tuple[str, ...] = ()) -> None:
        target = self.inside(root, relative)
        if target is None or (suffixes and target.suffix not in suffixes):
            self.send(HTTPStatus.NOT_FOUND, b"not found")
            return
        self.send(HTTPStatus.OK, target.read_bytes(), KINDS.get(target.suffix, "application/octet-stream"))


def serve(state: State, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """Start the preview server in a thread (loopback only); ``server.server_address`` has the port."""
    handler = type("PreviewHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
