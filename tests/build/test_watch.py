"""`invoke watch`: the rebuild round and the preview server (on the loopback address only)."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from brochure.build import builder as build
from brochure.build import watch
from brochure.core import paths
from tests.build.test_build import make_sources


@pytest.fixture()
def server(tmp_path: Path):
    state = watch.State(tmp_path / "preview")
    state.previews.mkdir()
    (state.previews / "alpha.html").write_text("<html><body>alpha</body></html>", encoding="utf-8")
    server = watch.serve(state, port=0)
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def raw(base: str, target: str, host: str | None = None) -> tuple[int, bytes]:
    """A request with exactly this target and Host header (urllib would quote or fix them)."""
    port = int(base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.putrequest("GET", target, skip_host=True)
    connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    status, body = response.status, response.read()
    connection.close()
    return status, body


def test_preview_server_serves_previews_assets_and_version(server) -> None:
    state, base = server
    assert b'href="/alpha"' in get(base + "/")[1]
    status, page = get(base + "/alpha")
    assert status == 200 and page.startswith(b"<html><body>alpha") and b"/__version" in page
    assert b"PDF: not built yet" in page
    assert b"@font-face" in get(base + "/layouts/css/fonts.css")[1]
    assert json.loads(get(base + "/__version")[1]) == {"version": 0}
    state.bump()
    assert json.loads(get(base + "/__version")[1]) == {"version": 1}


def test_version_poll_answers_as_soon_as_a_preview_is_written(server) -> None:
    state, base = server
    threading.Timer(0.3, state.bump).start()
    assert json.loads(get(base + "/__version?after=0")[1]) == {"version": 1}


def test_pdf_pages_are_served_under_the_preview(server) -> None:
    state, base = server
    (state.previews / "alpha").mkdir()
    (state.previews / "alpha" / "page-1.png").write_bytes(b"\x89PNG fake")
    assert b'src="/__pages/alpha/page-1.png' in get(base + "/alpha")[1]
    assert get(base + "/__pages/alpha/page-1.png") == (200, b"\x89PNG fake")
    assert get(base + "/__pages/alpha.html")[0] == 404  # only the PNG pages


@pytest.mark.parametrize("path", ["/layouts/../sources/responsable-e-commerce.yaml", "/../../etc/passwd", "/nope"])
def test_preview_server_serves_nothing_else(server, path: str) -> None:
    assert get(server[1] + path)[0] == 404


@pytest.mark.parametrize("target", ["/alpha%00", "/%00", "/layouts/css/%00fonts.css", "/%ff%fe", "/a%0ab", "alpha"])
def test_malformed_paths_are_a_400_never_a_traceback(server, target: str, capfd) -> None:
    assert raw(server[1], target)[0] == 400
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("host", ["localhost", "localhost:{port}", "127.0.0.1", "127.0.0.1:{port}", "[::1]:{port}"])
def test_loopback_hosts_are_served(server, host: str) -> None:
    port = server[1].rsplit(":", 1)[1]
    assert raw(server[1], "/alpha", host.format(port=port))[0] == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "", "localhost.:1"])
def test_other_hosts_are_refused(server, host: str) -> None:
    port = server[1].rsplit(":", 1)[1]
    status, body = raw(server[1], "/alpha", host.format(port=port))
    assert status == 421 and b"alpha" not in body


def test_rebuild_round_writes_the_html_then_the_pdf_pages(tmp_path: Path) -> None:
    folder, output = tmp_path / "sources", tmp_path / "output"
    make_sources(folder, ["alpha"])
    state = watch.State(output / "preview")
    options = build.Options(formats=("pdf",), jobs=1)
    first = watch.rebuild(state, options, folder, output)
    html = (state.previews / "alpha.html").read_text(encoding="utf-8")
    assert first.rebuilt == ["alpha"] and '<base href="/layouts/">' in html and "Responsable e-commerce" in html
    pages = state.pages("alpha")
    assert len(pages) > 5 and pages[0].read_bytes().startswith(b"\x89PNG") and state.version >= 3
    again = watch.rebuild(state, options, folder, output, changed=[])
    assert again.rebuilt == [] and state.pages("alpha") == pages


def test_rebuild_round_of_only_some_sheets(tmp_path: Path) -> None:
    folder, output = tmp_path / "sources", tmp_path / "output"
    make_sources(folder, ["alpha", "beta"])
    state = watch.State(output / "preview")
    summary = watch.rebuild(state, build.Options(formats=("docx",), jobs=1), folder, output, only=["beta"])
    assert summary.rebuilt == ["beta"]
    assert sorted(p.name for p in state.previews.iterdir()) == ["beta.html"]


def test_a_save_touches_its_sheet_a_layout_touches_every_sheet(tmp_path: Path) -> None:
    files = make_sources(tmp_path, ["alpha", "beta"])
    assert watch.changed_sheets([files[1]], files) == ([files[1]], False)
    assert watch.changed_sheets([paths.LAYOUTS / "css" / "brochure.css"], files) == (files, False)
    assert watch.changed_sheets([paths.PROJECT / "brochure" / "present" / "presentation.py"], files) == (files, True)
    words = paths.LAYOUTS / "locale" / "en" / "LC_MESSAGES" / "brochure.po"  # the warm worker read them once
    assert watch.changed_sheets([words], files) == (files, True)
    assert watch.changed_sheets([tmp_path / "notes.txt"], files) == ([], False)
