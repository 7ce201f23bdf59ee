"""Provenance: recorded at import, warned about when missing, and never a date the sheet does not hold."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from brochure import commands
from brochure.build import pipeline
from brochure.model import check, importer, sources
from brochure.model.sheet import Provenance, Sheet
from tests.conftest import EXPORT, PROJECT, SOURCE

URL = "https://plateforme-orientation-metiers.fr/metiers/responsable-e-commerce"


@pytest.fixture(scope="module")
def undated() -> Sheet:
    return sources.load(SOURCE).model_copy(update={"provenance": Provenance()})


@pytest.fixture(scope="module")
def outputs(undated: Sheet) -> dict[str, bytes]:
    mp = pytest.MonkeyPatch()
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)  # where 1970 used to come from
    try:
        return pipeline.sheet_outputs(undated, formats=("pdf", "docx", "summary", "archive"))
    finally:
        mp.undo()


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("target", ["pdf", "summary", "archive"])
def test_undated_pdf_prints_and_stamps_no_date(outputs: dict[str, bytes], target: str) -> None:
    data = outputs[target]
    text = _pdf_text(data)
    assert "1970" not in text and "1980" not in text
    assert "Révision" not in text  # no revision line at all: cover, colophon, summary footer
    assert b"1970" not in data
    reader = PdfReader(io.BytesIO(data))
    assert "/CreationDate" not in reader.metadata and "/ModDate" not in reader.metadata


def test_dated_sheet_still_prints_its_revision() -> None:
    sheet = sources.load(SOURCE)
    text = _pdf_text(pipeline.sheet_outputs(sheet, formats=("summary",))["summary"])
    assert "Révision : 27 novembre 2026" in text.replace("\u202f", " ").replace("\xa0", " ")


def test_undated_docx_holds_no_date(outputs: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(outputs["docx"]))
    props = document.core_properties
    assert props.created is None and props.modified is None and props.last_printed is None
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Révision" not in text and "1970" not in text
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as archive:
        assert not [name for name in archive.namelist() if b"1970" in archive.read(name)]
        # a ZIP entry must have a date: the fixed, unprinted one, the same on every build
        assert {info.date_time[:3] for info in archive.infolist()} == {(1980, 1, 1)}


def test_check_warns_about_a_sheet_with_no_revision_date(tmp_path: Path, undated: Sheet) -> None:
    path = tmp_path / "responsable-e-commerce.yaml"
    path.write_text(sources.dumps(undated), encoding="utf-8")
    sheet, document = sources.parse_file(path)
    problems = [p for p in check.lint(sheet, document, str(path)) if p.field.startswith("provenance")]
    assert [(p.severity, p.field) for p in problems] == [("warning", "provenance.revised")]
    assert str(problems[0]).startswith(f"{path}:") and "no revision date" in str(problems[0])
    assert check.lint(*sources.parse_file(SOURCE), str(SOURCE)) == []  # a dated sheet: no warning


def test_import_records_the_given_date_and_address(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert commands.import_sheet(EXPORT, out, date="2026-03-04", source_url=URL) == 0
    provenance = sources.load(out / "responsable-e-commerce.yaml").provenance
    assert provenance == Provenance(source_url=URL, retrieved=dt.date(2026, 3, 4), revised=dt.date(2026, 3, 4))


def test_import_defaults_to_today_and_the_address_in_the_export(tmp_path: Path, export_text: str) -> None:
    export = tmp_path / "export.txt"
    lines = export_text.split("\n")
    export.write_text("\n".join([*lines[:2], f"Source : {URL}", *lines[2:]]), encoding="utf-8")
    before = dt.date.today()
    assert commands.import_sheet(export, tmp_path / "out") == 0
    sheet = sources.load(tmp_path / "out" / "responsable-e-commerce.yaml")
    assert sheet.provenance.source_url == URL and not sheet.leftovers
    assert before <= sheet.provenance.revised == sheet.provenance.retrieved <= dt.date.today()
    assert importer.career_url(export_text, "responsable-e-commerce") is None  # the sample names no address


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        ({"date": "04/03/2026"}, "YYYY-MM-DD"),
        ({"date": "2026-02-30"}, "YYYY-MM-DD"),
        ({"source_url": "plateforme-orientation-metiers.fr"}, "http:// or https://"),
    ],
)
def test_bad_flags_are_plain_errors(tmp_path: Path, capsys, flags: dict, words: str) -> None:
    assert commands.import_sheet(EXPORT, tmp_path, **flags) == 2
    err = capsys.readouterr().err
    assert words in err and "Nothing was written" in err and "pattern" not in err
    assert not list(tmp_path.iterdir())


def test_cli_flags_and_help(tmp_path: Path) -> None:
    def invoke(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "invoke", *args]
        return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=120)

    help_text = invoke("--help", "import-sheet").stdout
    assert re.search(r"--date=STRING\s+YYYY-MM-DD", help_text)
    assert re.search(r"--source-url=STRING\s+URL", help_text)
    run = invoke("import-sheet", str(EXPORT), "--out", str(tmp_path), "--date", "2026-03-04", "--source-url", URL)
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "responsable-e-commerce.yaml").read_text(encoding="utf-8")
    assert "retrieved: '2026-03-04'" in text and "revised: '2026-03-04'" in text and URL in text
