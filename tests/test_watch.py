"""`invoke watch`: the rebuild round and the preview server (on the loopback address only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from brochure import build, watch
from tests.test_build import make_sources


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


def test_preview_server_serves_previews_assets_and_version(server) -> None:
    state, base = server
    assert b'href="/alpha"' in get(base + "/")[1]
    assert get(base + "/alpha") == (200, b"<html><body>alpha</body></html>")
    assert b"@font-face" in get(base + "/layouts/css/fonts.css")[1]
    assert json.loads(get(base + "/__version")[1]) == {"version": 0}
    state.bump()
    assert json.loads(get(base + "/__version")[1]) == {"version": 1}


@pytest.mark.parametrize("path", ["/layouts/../sources/responsable-e-commerce.yaml", "/../../etc/passwd", "/nope"])
def test_preview_server_serves_nothing_else(server, path: str) -> None:
    assert get(server[1] + path)[0] == 404


def test_rebuild_round_writes_previews_that_reload(tmp_path: Path) -> None:
    folder, output = tmp_path / "sources", tmp_path / "output"
    make_sources(folder, ["alpha"])
    state = watch.State(output / "preview")
    options = build.Options(formats=("docx",), jobs=1)
    first = watch.rebuild(state, options, folder, output)
    html = (state.previews / "alpha.html").read_text(encoding="utf-8")
    assert first.rebuilt == ["alpha"] and state.version == 1
    assert '<base href="/layouts/">' in html and "/__version" in html and "Responsable e-commerce" in html
    assert watch.rebuild(state, options, folder, output).rebuilt == [] and state.version == 2
    assert sorted(p.name for p in (output / "docx").iterdir()) == ["alpha.docx"]


def test_rebuild_round_of_only_some_sheets(tmp_path: Path) -> None:
    folder, output = tmp_path / "sources", tmp_path / "output"
    make_sources(folder, ["alpha", "beta"])
    state = watch.State(output / "preview")
    summary = watch.rebuild(state, build.Options(formats=("docx",), jobs=1), folder, output, only=["beta"])
    assert summary.rebuilt == ["beta"]
    assert sorted(p.name for p in state.previews.iterdir()) == ["beta.html"]
