"""The web edition and the preview in a real browser (Debian's Chromium, selenium, axe-core 4)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from brochure.build import builder as build
from brochure.build import watch
from tests.browser import DESKTOP, PHONE, axe, chromium, open_at, requests, serious
from tests.conftest import WEB_SCORES, web_sources

PAGES = ("index", "alpha")


@pytest.fixture(scope="module")
def driver():
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same careers in English, for the lycee-exemple brand (pages only)."""
    root = tmp_path_factory.mktemp("web-en")
    web_sources(root / "sources")
    options = build.Options(formats=("web",), lang="en", brand="lycee-exemple", jobs=1)
    assert build.build(["alpha"], options, folder=root / "sources", output=root / "output").exit_code == 0
    return root / "output" / "web"


def visible_careers(driver) -> list[str]:
    cards = driver.find_elements(By.CSS_SELECTOR, ".career")
    return [li.get_attribute("data-slug") for li in cards if li.is_displayed()]


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("which", ["fr-neutral", "en-lycee-exemple"])
def test_pages_fit_pass_axe_and_load_only_local_files(driver, web_site, branded_site, size, which) -> None:
    site = web_site if which == "fr-neutral" else branded_site
    for name in PAGES:
        requests(driver)
        open_at(driver, (site / f"{name}.html").as_uri(), size)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= size[0], f"{name} scrolls sideways at {size}: {width} px wide"  # the set viewport
        assert serious(axe(driver)) == [], name
        asked = [u for u in requests(driver) if not u.startswith("data:")]
        assert asked and all(u.startswith(site.as_uri() + "/") for u in asked), asked
        assert driver.execute_script("return document.fonts.check('16px \"Noto Sans\"')")


def test_a_wide_page_is_caught(driver, web_site, tmp_path: Path) -> None:
    """The sideways-scrolling check fails on a page with something wider than the phone."""
    page = tmp_path / "wide.html"
    viewport = '<meta name="viewport" content="width=device-width">'
    page.write_text(f'<!DOCTYPE html>{viewport}<div style="width:500px">x</div>', encoding="utf-8")
    open_at(driver, page.as_uri(), PHONE)
    assert driver.execute_script("return document.documentElement.scrollWidth") > PHONE[0]


def test_filters_show_the_right_careers(driver, web_site) -> None:
    open_at(driver, (web_site / "index.html").as_uri(), DESKTOP)
    assert visible_careers(driver) == ["alpha", "beta", "gamma"]
    Select(driver.find_element(By.ID, "dimension")).select_by_value("stimulation")
    Select(driver.find_element(By.ID, "minimum")).select_by_value("70")
    expected = [slug for slug, s in WEB_SCORES.items() if s["stimulation"] >= 70]
    assert visible_careers(driver) == expected == ["alpha", "gamma"]
    Select(driver.find_element(By.ID, "dimension")).select_by_value("career")
    assert visible_careers(driver) == ["beta"]
    Select(driver.find_element(By.ID, "dimension")).select_by_value("")
    Select(driver.find_element(By.ID, "level")).select_by_value("BTS")
    assert visible_careers(driver) == ["gamma"]
    Select(driver.find_element(By.ID, "level")).select_by_value("")
    driver.find_element(By.ID, "q").send_keys("metier beta")  # accents and case do not matter
    assert visible_careers(driver) == ["beta"]
    assert driver.find_element(By.ID, "count").text == "1 métier(s) sur 3"


def test_without_javascript_every_career_is_listed(driver, web_site) -> None:
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_at(driver, (web_site / "index.html").as_uri(), PHONE)
        assert visible_careers(driver) == ["alpha", "beta", "gamma"]
        assert not driver.find_element(By.ID, "filters").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def tab_stops(driver, count: int) -> list[str]:
    """Where focus goes on each Tab press from the top of the page (the keyboard, not scripts)."""
    driver.execute_script("if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);")
    stops = []
    for _ in range(count):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        element = driver.switch_to.active_element
        stops.append(element.get_attribute("id") or element.get_attribute("href") or element.tag_name)
    return stops


def test_tab_order_reaches_the_search_box_the_filters_and_the_downloads(driver, web_site) -> None:
    open_at(driver, (web_site / "index.html").as_uri(), PHONE)
    stops = tab_stops(driver, 6)
    assert [s for s in stops if s in ("q", "dimension", "minimum", "level")] == ["q", "dimension", "minimum", "level"]
    open_at(driver, (web_site / "alpha.html").as_uri(), PHONE)
    stops = tab_stops(driver, 6)
    downloads = [s.rsplit("/", 2)[-2] for s in stops if s.startswith("file:") and "/web/" not in s]
    assert downloads == ["pdf", "docx", "summary"]


def test_preview_shows_an_edit_then_the_pdf_pages(driver, tmp_path: Path) -> None:
    folder, output = tmp_path / "sources", tmp_path / "output"
    web_sources(folder)
    for extra in ("beta", "gamma"):
        (folder / f"{extra}.yaml").unlink()
    stop, address = threading.Event(), []
    options = build.Options(formats=("pdf",), jobs=1)
    thread = threading.Thread(
        target=watch.watch,
        kwargs={
            "port": 0,
            "options": options,
            "folder": folder,
            "output": output,
            "stop": stop,
            "ready": address.append,
            "say": lambda *a, **k: None,
        },
        daemon=True,
    )
    thread.start()
    try:
        WebDriverWait(driver, 60).until(lambda _: address and (output / "preview" / "alpha.html").is_file())
        open_at(driver, f"{address[0]}/alpha", DESKTOP)
        assert "Métier Alpha" in driver.find_element(By.TAG_NAME, "h1").text
        WebDriverWait(driver, 180).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#__pdf-pages img"))
        source = folder / "alpha.yaml"
        time.sleep(0.5)  # the watcher is listening
        source.write_text(source.read_text(encoding="utf-8").replace("Métier Alpha", "Métier Omega", 1), "utf-8")
        WebDriverWait(driver, 60).until(lambda d: "Métier Omega" in d.find_element(By.TAG_NAME, "body").text)
        assert driver.execute_script("return performance.getEntriesByType('navigation').length") == 1  # same tab
        WebDriverWait(driver, 180).until(lambda d: "PDF: building" not in d.find_element(By.ID, "__pdf-status").text)
        assert driver.find_elements(By.CSS_SELECTOR, "#__pdf-pages img")
    finally:
        stop.set()
        thread.join(timeout=90)
