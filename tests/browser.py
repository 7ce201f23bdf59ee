"""A real browser for the tests: Debian's Chromium driven by selenium through /usr/bin/chromedriver.

Never selenium-manager (it would try to download a browser): the driver's path is given. The
browser starts headless with a fresh profile, no background networking, and its performance log
on, so a test can list every request a page made. axe-core 4 (tests/vendor/axe-core, MPL-2.0) is
injected into the page to check accessibility.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

DRIVER = "/usr/bin/chromedriver"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = (375, 812), (1280, 800)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium with a fresh profile; fails (never skips) when the browser is missing."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not Path(DRIVER).exists() or shutil.which("chromium") is None:
        pytest.fail("Chromium is missing: run `invoke install-tools` (chromium, chromium-driver)", pytrace=False)
    profile = tempfile.mkdtemp(prefix="brochure-chromium-")
    options = webdriver.ChromeOptions()
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_at(driver, url: str, size: tuple[int, int]) -> None:
    """Load ``url`` with the window's viewport set to ``size`` (CSS pixels)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 600},
    )
    driver.get(url)
    driver.execute_script("return document.fonts.ready")


def requests(driver) -> list[str]:
    """The URLs the pages asked for since the last call (Chromium's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def axe(driver) -> list[dict]:
    """axe-core's violations on the current page (every rule axe runs by default)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); })"
        ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });"
    )
    return result


def serious(violations: list[dict]) -> list[str]:
    """The serious and critical violations, one line each (rule, help, first targets)."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
