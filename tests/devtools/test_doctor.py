"""`invoke doctor`, run as a user runs it, on this machine and with a piece really taken away:
a PATH without qpdf, the HarfBuzz-Subset library hidden (tests/hiding.py). Nothing is mocked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from brochure.devtools import tools
from tests.conftest import PROJECT
from tests.hiding import SUBSET, without


def doctor(*flags: str, path: str | None = None, hide_subset: bool = False) -> tuple[int, dict[str, str]]:
    """Exit code and the table's rows by piece name (run with ``PATH=path`` when given)."""
    env = {**os.environ, "COLUMNS": "400"}  # one line per row
    if path is not None:
        env["PATH"] = path
    command = [sys.executable, "-m", "invoke", "doctor", *flags]
    done = subprocess.run(
        without(SUBSET, command) if hide_subset else command, capture_output=True, text=True, cwd=PROJECT, env=env
    )
    rows = {}
    for line in done.stdout.splitlines():
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if len(cells) == 5:
            rows[cells[0]] = " | ".join(cells[1:])
    return done.returncode, rows


def path_without(command: str, folder: Path) -> str:
    """A PATH holding links to every program of the current PATH except ``command``."""
    folder.mkdir()
    for directory in os.environ["PATH"].split(os.pathsep):
        try:
            programs = sorted(Path(directory).iterdir())
        except OSError:  # not a folder, or not readable by this user: the shell would not find it either
            continue
        for program in programs:
            link = folder / program.name
            if program.name != command and not link.exists() and os.access(program, os.X_OK):
                link.symlink_to(program)
    return str(folder)


def test_every_piece_has_a_row_and_all_are_found_here() -> None:
    code, rows = doctor()
    assert list(rows) == [need.name for need in tools.NEEDS]
    assert code == 0, rows
    assert all("| found |" in rows[need.name] for need in tools.NEEDS)
    assert rows["HarfBuzz-Subset"].startswith("optional") and rows["qpdf"].startswith("for the tests")


def test_a_missing_test_tool_is_named_with_its_install_command(tmp_path: Path) -> None:
    path = path_without("qpdf", tmp_path / "bin")
    code, rows = doctor(path=path)
    assert code == 1
    assert rows["qpdf"] == "for the tests | missing | no qpdf on PATH | apt-get install qpdf"
    assert "| found |" in rows["poppler (pdftotext)"] and "| found |" in rows["LibreOffice (soffice)"]
    code, rows = doctor("--product", path=path)
    assert code == 0 and "| missing |" in rows["qpdf"]  # the build does not need it


def test_hidden_harfbuzz_subset_is_optional_and_named(tmp_path: Path) -> None:
    code, rows = doctor("--product", hide_subset=True)
    assert code == 0
    row = rows["HarfBuzz-Subset"]
    assert row.startswith("optional | missing |") and row.endswith("apt-get install libharfbuzz-subset0")
    assert "future WeasyPrint versions need it" in row
    assert "| found |" in rows["HarfBuzz"]


def test_fontconfig_probe_reads_the_given_configuration(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    font = next((PROJECT / "layouts" / "fonts").glob("*.ttf"))
    (tmp_path / "fonts" / font.name).symlink_to(font)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{tmp_path / "fonts"}</dir></fontconfig>\n')
    fc = tools._load("libfontconfig.so.1")
    assert fc is not None
    assert tools._font_files(fc, str(conf)) == {font.name}


def test_install_tools_installs_what_the_doctor_finds_missing(tmp_path: Path) -> None:
    script = "from brochure.devtools import tools; print(tools.missing())"
    env = {**os.environ, "PATH": path_without("qpdf", tmp_path / "bin")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT, env=env)
    assert done.stdout.strip() == "['qpdf']"


def test_each_fonts_folder_has_its_own_private_config(tmp_path) -> None:
    """Two checkouts on one machine never rewrite each other's fontconfig file (a half-written one
    reads as "no element found" in the other's renders)."""
    from brochure.render.pdf import fontconf

    other = tmp_path / "fonts"
    other.mkdir()
    mine, theirs = fontconf.isolated_config(), fontconf.isolated_config(other)
    assert mine.parent != theirs.parent
    assert str(other) in theirs.read_text() and str(other) not in mine.read_text()
    assert mine.parent.stat().st_mode & 0o077 == 0  # private to its user
