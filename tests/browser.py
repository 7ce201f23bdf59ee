"""The browser tests' helpers: Chromium (brochure/devtools/browser.py), its network log, axe-core.

axe-core 4 (tests/vendor/axe-core, MPL-2.0) is injected into the page with ``execute_script``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from brochure.devtools import browser

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = (375, 812), (1280, 800)
open_at = browser.open_at


@contextmanager
def chromium() -> Iterator:
    """The browser; a missing one fails the test (never a skip)."""
    try:
        with browser.chromium() as driver:
            yield driver
    except browser.BrowserMissing as exc:
        pytest.fail(str(exc), pytrace=False)


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
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); })"
        ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });"
    )


def serious(violations: list[dict]) -> list[str]:
    """The serious and critical violations, one line each (rule, help, first targets)."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
