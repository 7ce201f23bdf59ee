"""The web edition (brochure/render/web/site.py): pages, index, assets, links, weight, escaping, bytes, manifest."""

from __future__ import annotations

import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from brochure import commands
from brochure.build import builder as build
from brochure.build import pipeline
from brochure.build import site as build_site
from brochure.model import sources
from brochure.render.web import site as web
from tests.conftest import SOURCE, web_sources

BUDGET = 150 * 1024  # a career page with its assets, downloads aside


class Links(HTMLParser):
    """Every URL a page refers to (href, src), every id, and the text of its <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, URL)
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append((tag, name, value))
            if name == "id":
                self.ids.append(value)
        self._in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def weight(page: Path) -> int:
    """The page's bytes and those of every local file it loads (stylesheets with their fonts, images,
    scripts), downloads aside."""
    loaded, todo = {page}, []
    for tag, _, url in parse(page).refs:
        if local(url) and tag in ("link", "img", "script") and urlsplit(url).path:
            todo.append(page.parent / unquote(urlsplit(url).path))
    while todo:
        path = todo.pop().resolve()
        if path in loaded:
            continue
        loaded.add(path)
        if path.suffix == ".css":
            todo += [path.parent / u for u in re.findall(r'url\("?([^")]+)"?\)', path.read_text(encoding="utf-8"))]
    return sum(p.stat().st_size for p in loaded)


def test_every_career_has_a_page_and_the_index_lists_them(web_site: Path) -> None:
    pages = sorted(p.stem for p in web_site.glob("*.html"))
    assert pages == ["alpha", "beta", "gamma", "index"]
    index = (web_site / "index.html").read_text(encoding="utf-8")
    assert [m for m in re.findall(r'<a href="(\w+)\.html">', index)] == ["alpha", "beta", "gamma"]
    assert 'data-stimulation="90"' in index and 'data-level="BTS"' in index
    assert "<form" in index and 'id="filters"' in index and " hidden>" in index  # shown by the script only


def test_every_internal_link_resolves(web_site: Path) -> None:
    broken = []
    for page in web_site.glob("*.html"):
        for _, _, url in parse(page).refs:
            if not local(url):
                continue
            parts = urlsplit(url)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.name}: {url}")
            elif parts.fragment and parts.fragment not in parse(target).ids:
                broken.append(f"{page.name}: {url} (no such anchor)")
    assert broken == []
    downloads = [u for _, _, u in parse(web_site / "alpha.html").refs if u.startswith("../")]
    assert downloads == ["../pdf/alpha.pdf", "../docx/alpha.docx", "../summary/alpha.pdf"]


def test_a_broken_link_is_found(web_site: Path, tmp_path: Path) -> None:
    """The link check above fails on a page whose download was not built."""
    (tmp_path / "web").mkdir()
    page = tmp_path / "web" / "alpha.html"
    page.write_bytes((web_site / "alpha.html").read_bytes())
    refs = [u for _, _, u in parse(page).refs if local(u) and urlsplit(u).path]
    assert [u for u in refs if not (page.parent / urlsplit(u).path).is_file()]


def test_web_edition_builds_the_downloads_it_links_to() -> None:
    assert commands.targets((), ("web",)) == ("pdf", "docx", "summary", "web")
    assert "web" in commands.targets((), ("all",))


def test_no_page_asks_for_anything_outside_the_site(web_site: Path) -> None:
    for page in web_site.glob("*.html"):
        links = parse(page)
        loaded = [url for tag, _, url in links.refs if tag in ("link", "img", "script", "source")]
        assert loaded and all(local(url) for url in loaded), page.name
        assert links.scripts == [] or all(not s.strip() for s in links.scripts)  # no inline script
    css = (web_site / "assets" / "site.css").read_text(encoding="utf-8")
    assert all(local(u) for u in re.findall(r'url\("?([^")]+)"?\)', css)) and "@import" not in css
    assert "font-display: swap" in css


def test_every_text_is_escaped(web_site: Path) -> None:
    for name in ("beta.html", "index.html"):
        text = (web_site / name).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(" in text and "<script>alert" not in text and "&lt;b&gt;gras" in text


def test_charts_are_inline_svg_with_text_alternatives_and_unique_ids(web_site: Path) -> None:
    text = (web_site / "alpha.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg .*?</svg>", text, re.S)
    assert len(svgs) == 4 and "<img" not in text.split("</header>", 1)[1]
    for svg in svgs:
        head = svg[: svg.index(">")]
        assert 'role="img"' in head and "aria-labelledby=" in head
        assert re.search(r"<title id=[^>]+>[^<]+</title><desc id=[^>]+>[^<]+</desc>", svg)
    ids = parse(web_site / "alpha.html").ids
    assert len(ids) == len(set(ids))
    for reference in re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', text):
        assert (reference[0] or reference[1]) in ids
    assert text.count('<table class="data">') == 4  # each chart's data table


def test_unprefixed_charts_would_clash() -> None:
    """What the prefix prevents: matplotlib numbers its ids the same way in every chart."""
    from brochure.present import figures
    from brochure.present import presentation as present

    svgs = figures.draw(present.present(sources.load(SOURCE))).svg
    raw = [set(re.findall(r'\sid="([^"]+)"', svg.decode())) for svg in svgs.values()]
    assert raw[0] & raw[1]
    chart = present.present(sources.load(SOURCE)).charts["fulfilment"]
    inlined = [web.inline_svg(svg, f"chart-{kind}", "t", chart) for kind, svg in svgs.items()]
    ids = [set(re.findall(r'\sid="([^"]+)"', str(s))) for s in inlined]
    assert not ids[0] & ids[1]


def test_each_career_page_weighs_at_most_150_kb_with_its_assets(web_site: Path) -> None:
    for page in sorted(web_site.glob("*.html")):
        assert weight(page) <= BUDGET, f"{page.name}: {weight(page)} bytes"
    assert weight(web_site / "alpha.html") > (web_site / "alpha.html").stat().st_size + 15_000  # fonts counted


def test_fonts_are_subset_to_the_characters_the_site_prints(web_site: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO((web_site / "assets" / "fonts" / "noto-sans-regular.woff2").read_bytes()))
    cmap = set(font.getBestCmap())
    text = (web_site / "alpha.html").read_text(encoding="utf-8")
    assert {ord(c) for c in "ÉéèàçœÀ’«»€–—…\u202f\u00a0"} & {ord(c) for c in text} <= cmap
    assert len(cmap) < 300  # the full font has about 3 000 characters


def test_same_sheets_same_bytes(web_site: Path, tmp_path: Path) -> None:
    """A second build elsewhere writes the same site, byte for byte."""
    web_sources(tmp_path / "sources")
    (tmp_path / "output" / "web").mkdir(parents=True)
    for page in web_site.glob("*.html"):  # the pages: their bytes are the sheet job's (checked below)
        (tmp_path / "output" / "web" / page.name).write_bytes(page.read_bytes())
    files = build_site.site_files(sources.discover(tmp_path / "sources"), "fr", None, tmp_path / "output")
    for name, data in files.items():
        assert hashlib.sha256(data).digest() == hashlib.sha256((web_site.parent / name).read_bytes()).digest(), name
    sheet = sources.load(tmp_path / "sources" / "alpha.yaml")
    once, twice = (pipeline.sheet_outputs(sheet, formats=("web",))["web"] for _ in range(2))
    assert once == twice


def test_a_second_build_writes_nothing_and_a_removed_sheet_leaves_the_index(web_site: Path, tmp_path: Path) -> None:
    folder, output = tmp_path / "sources", tmp_path / "output"
    web_sources(folder)
    options = build.Options(formats=("web",), jobs=1)
    assert build.build((), options, folder=folder, output=output).rebuilt == ["alpha", "beta", "gamma"]
    index = (output / "web" / "index.html").stat().st_mtime_ns
    assert build.build((), options, folder=folder, output=output).rebuilt == []
    assert (output / "web" / "index.html").stat().st_mtime_ns == index
    (folder / "gamma.yaml").unlink()
    summary = build.build((), options, folder=folder, output=output)
    assert "web/gamma.html" in summary.pruned and not (output / "web" / "gamma.html").exists()
    assert "gamma.html" not in (output / "web" / "index.html").read_text(encoding="utf-8")
    assert (output / "web" / "index.html").is_file()


def test_the_index_slug_is_refused() -> None:
    sheet = sources.load(SOURCE).model_copy(update={"slug": "index"})
    with pytest.raises(web.WebError, match="index"):
        pipeline.sheet_outputs(sheet, formats=("web",))
