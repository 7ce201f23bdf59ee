"""A build without Debian's libharfbuzz-subset0: it succeeds, says so once, and gives the same pages and text.

The library is really hidden (see tests/hiding.py), in a subprocess that runs a 2-worker build; the
other side is the machine as it is (with the library on CI, where `invoke install-tools` installs it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from brochure.core import notices
from tests.build.test_build import make_sources
from tests.conftest import PROJECT
from tests.hiding import SUBSET, library_path, without

SCRIPT = """
import json, logging, sys
from pathlib import Path
from brochure.build import builder as build
from brochure.render.pdf import writer as pdf

summary = build.build((), build.Options(formats=("pdf",), jobs=1), folder=Path(sys.argv[1]), output=Path(sys.argv[2]))
import weasyprint
import weasyprint.text.ffi

raw = []  # what WeasyPrint itself logs while writing a PDF in the bundled font
handler = logging.Handler()
handler.emit = lambda record: raw.append(record.getMessage())
logging.getLogger("weasyprint").addHandler(handler)
weasyprint.HTML(string='<p style="font-family: Noto Sans">x</p>').write_pdf()
logging.getLogger("weasyprint").removeHandler(handler)
try:
    pdf.write_pdf("<html><body><p>漢字</p></body></html>", __import__("datetime").date(2026, 1, 1))
    other = "rendered"
except pdf.RenderError as exc:
    other = str(exc)
print(json.dumps({"failures": [r.failure for r in summary.results], "exit": summary.exit_code, "raw": raw,
                  "subset_loaded": weasyprint.text.ffi.harfbuzz_subset is not None, "other_warning": other}))
"""


def _build(tmp: Path, hide: bool) -> tuple[dict, str, Path]:
    """Build two sheets with two workers; the script's report, the build's output, the output folder."""
    output = tmp / ("without" if hide else "with")
    command = [sys.executable, "-c", SCRIPT, str(tmp / "sources"), str(output)]
    done = subprocess.run(without(SUBSET, command) if hide else command, capture_output=True, text=True, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), done.stderr, output


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, tuple[dict, str, Path]]:
    tmp = tmp_path_factory.mktemp("subset")
    make_sources(tmp / "sources", ["alpha", "beta"])
    return {hide: _build(tmp, hide) for hide in (False, True)}


def test_without_the_library_weasyprint_really_falls_back(both) -> None:
    report = both[True][0]
    assert not report["subset_loaded"]
    assert any(m.startswith("Using fontTools instead of HarfBuzz-Subset") for m in report["raw"])
    if library_path(SUBSET) is not None:  # the other side really has it
        assert both[False][0]["subset_loaded"] and not both[False][0]["raw"]


def test_the_build_succeeds_and_says_so_once(both) -> None:
    report, output, _ = both[True]
    assert report["exit"] == 0 and report["failures"] == ["", ""]
    assert output.count(notices.SLOW_SUBSETTING) == 1  # two sheets, two workers: one line
    assert "libharfbuzz-subset0" in notices.SLOW_SUBSETTING
    assert "Using fontTools" not in output  # WeasyPrint's own wording never reaches the user
    if library_path(SUBSET) is not None:
        assert notices.SLOW_SUBSETTING not in both[False][1]


def test_same_pages_and_text_with_and_without(both) -> None:
    for slug in ("alpha", "beta"):
        with_lib, without_lib = (_pages(both[hide][2] / "pdf" / f"{slug}.pdf") for hide in (False, True))
        assert len(with_lib) == len(without_lib) > 1
        assert with_lib == without_lib


def test_other_warnings_still_fail_without_the_library(both) -> None:
    assert "notdef" in both[True][0]["other_warning"]
