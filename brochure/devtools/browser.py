"""A real browser for the tests and the bench: Debian's Chromium through /usr/bin/chromedriver.

Never selenium-manager (it would try to download a browser): the driver's path is given. The
browser starts headless with a fresh profile, no background networking and its performance log on.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DRIVER = "/usr/bin/chromedriver"
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


class BrowserMissing(RuntimeError):
    """Chromium or its driver is not installed."""


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium with a fresh profile, on about:blank, its performance log emptied."""
    from selenium import webdriver  # selenium: the test extra's (README command 2), not the product's
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium")
    if not Path(DRIVER).exists() or binary is None:
        raise BrowserMissing("Chromium is missing: run `invoke install-tools` (chromium, chromium-driver)")
    profile = tempfile.mkdtemp(prefix="brochure-chromium-")
    options = webdriver.ChromeOptions()
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.binary_location = binary
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        driver.get("about:blank")
        driver.get_log("performance")  # the browser's own start-up pages
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_at(driver, url: str, size: tuple[int, int]) -> None:
    """Load ``url`` with the viewport set to ``size`` (CSS pixels), fonts loaded."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 600},
    )
    driver.get(url)
    driver.execute_async_script("var done = arguments[0]; document.fonts.ready.then(function () { done(); });")
