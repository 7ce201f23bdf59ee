"""Faults: a full disk or a read-only output folder, crashes at random moments, time zone and locale."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brochure import commands
from brochure.build import builder as build
from brochure.core import files
from tests.build.test_build import SCRIPT, make_sources
from tests.conftest import PROJECT

DOCX = build.Options(formats=("docx",), jobs=1)  # one worker: the pool is not the subject


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")]
)
def test_write_failure_is_a_clear_error_and_keeps_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    folder, output = tmp_path / "sources", tmp_path / "output"
    make_sources(folder, ["alpha", "beta"])
    assert build.build((), DOCX, folder=folder, output=output).exit_code == 0
    before = {p.name: p.read_bytes() for p in (output / "docx").iterdir()}
    for path in folder.iterdir():  # edit both sheets so that both must be written again
        path.write_text(path.read_text(encoding="utf-8").replace("développe et pilote", "pilote"), "utf-8")

    def refuse(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(build, "write_atomic", refuse)
    summary = build.build((), DOCX, folder=folder, output=output)
    assert summary.exit_code == 1
    assert all(words in r.failure and ".docx" in r.failure for r in summary.results)
    assert {p.name: p.read_bytes() for p in (output / "docx").iterdir()} == before
    assert not list(output.rglob(files.TEMP_PREFIX + "*"))


def test_unwritable_output_folder_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "output/.build")

    monkeypatch.setattr(build, "lock", refuse)
    assert commands.build() == 2
    assert "cannot write to output/.build: Permission denied" in capsys.readouterr().err


def test_twenty_kills_at_random_moments_never_tear_a_file(tmp_path: Path) -> None:
    folder, output, clean = tmp_path / "sources", tmp_path / "output", tmp_path / "clean"
    make_sources(folder, ["alpha", "beta"])
    rng = random.Random(20)
    for _ in range(20):
        process = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(folder), str(output)],
            cwd=PROJECT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.3, 3.0))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for path in output.rglob("*"):
            if path.is_file() and path.suffix == ".docx":
                assert path.stat().st_size > 0, path
                assert not path.name.startswith(files.TEMP_PREFIX)
        # an edit now and then, so that kills also land while replacing existing files
        sheet = folder / rng.choice(["alpha.yaml", "beta.yaml"])
        sheet.write_text(sheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build.build((), DOCX, folder=folder, output=output).exit_code == 0
    assert build.build((), DOCX, folder=folder, output=clean).exit_code == 0
    for name in ("alpha.docx", "beta.docx"):
        assert (output / "docx" / name).read_bytes() == (clean / "docx" / name).read_bytes()
    assert not list(output.rglob(files.TEMP_PREFIX + "*"))


DETERMINISM = """
import sys
from pathlib import Path
from brochure.build import builder as build
build.build((), build.Options(formats=("pdf", "docx"), jobs=1), folder=Path(sys.argv[1]), output=Path(sys.argv[2]))
"""


def test_same_bytes_whatever_the_time_zone_and_locale(tmp_path: Path) -> None:
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "fr_fr.utf8" not in locales:
        pytest.fail("the fr_FR.UTF-8 locale is missing: run `invoke install-tools`", pytrace=False)
    folder = tmp_path / "sources"
    make_sources(folder, ["alpha"])
    runs = {"plain": {}, "kiritimati": {"TZ": "Pacific/Kiritimati", "LC_ALL": "fr_FR.UTF-8"}}
    for name, extra in runs.items():
        env = {**os.environ, **extra}
        subprocess.run(
            [sys.executable, "-c", DETERMINISM, str(folder), str(tmp_path / name)],
            cwd=PROJECT,
            env=env,
            check=True,
            capture_output=True,
        )
    for fmt in ("pdf", "docx"):
        first = (tmp_path / "plain" / fmt / f"alpha.{fmt}").read_bytes()
        assert first == (tmp_path / "kiritimati" / fmt / f"alpha.{fmt}").read_bytes(), fmt
