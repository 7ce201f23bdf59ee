"""A class list for the mail merge, ``invoke pack --batch class.csv``: one student's dossier per row.

The file is what a spreadsheet writes: UTF-8 with or without a byte-order mark, cells separated by
commas or semicolons (found from the header line), a cell in double quotes when it holds the
separator or line breaks. The first line names the columns:

- ``id`` (required): names the pack file, ``<id>.pdf``; letters, digits, ``-`` and ``_``; never
  the student's name (an id that holds the first name is refused);
- ``first_name`` (required);
- ``careers`` (required): 1 to 6 slugs separated by spaces, commas or semicolons;
- ``comments``: one comment per career, in the same order, separated by ``|`` (leave one empty to
  give none);
- ``note``: the note; a line break inside the cell twice starts a paragraph;
- ``form`` (summary or full), ``lang``, ``brand``, ``counselor_name``, ``counselor_contact``,
  ``date`` (YYYY-MM-DD): as in a dossier, empty for the default.

Each row is validated as a dossier (:mod:`brochure.products.pack.dossier`); a bad row is reported with its line
and column and does not stop the others.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from brochure.core import paths
from brochure.model import sources, yamlsafe
from brochure.model.sources import Problem, SheetError
from brochure.products.pack import dossier

REQUIRED = ("id", "first_name", "careers")
OPTIONAL = ("comments", "note", "form", "lang", "brand", "counselor_name", "counselor_contact", "date")
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
MAX_BYTES = 5_000_000
# A dossier field -> the column it comes from (the rest have the same name).
COLUMNS = {"student": "first_name", "careers": "careers", "counselor": "counselor_name"}


@dataclass(frozen=True)
class Row:
    """One good row: its line in the file, its id and its selection."""

    line: int
    id: str
    selection: dossier.Selection


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    records, line = [], 1
    for cells in reader:
        records.append((line, cells))
        line = reader.line_num + 1
    return records


def _column_name(loc: tuple[str | int, ...]) -> str:
    """The column a dossier field comes from, as the error names it: ``careers[2]``, ``comments[2]``."""
    if loc[:1] == ("careers",) and len(loc) >= 2:
        column = "comments" if loc[2:3] == ("comment",) else "careers"
        return f"{column}[{int(loc[1]) + 1}]"
    if loc[:1] == ("counselor",) and len(loc) >= 2:
        return f"counselor_{loc[1]}"
    return COLUMNS.get(str(loc[0]), str(loc[0])) if loc else ""


def _split(value: str, pattern: str) -> list[str]:
    return [part.strip() for part in re.split(pattern, value.strip())] if value.strip() else []


def _data(cells: dict[str, str]) -> dict:
    """A row's cells as a dossier's data (empty cells left out: the defaults apply)."""
    slugs = _split(cells.get("careers", ""), r"[\s,;]+")
    comments = _split(cells.get("comments", ""), r"\|")
    careers = [{"slug": slug} for slug in slugs]
    for choice, comment in zip(careers, comments, strict=False):
        if comment:
            choice["comment"] = comment
    data: dict = {"student": {"first_name": cells.get("first_name", "")}, "careers": careers}
    if cells.get("counselor_name") or cells.get("counselor_contact"):
        data["counselor"] = {k: cells[f"counselor_{k}"] for k in ("name", "contact") if cells.get(f"counselor_{k}")}
    for key in ("note", "form", "lang", "brand", "date"):
        if cells.get(key, "").strip():
            data[key] = cells[key].strip() if key != "note" else cells[key].replace("\r\n", "\n")
    return data


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum())


class _Place:
    """Line and column of a dossier field in the row (its column, counted from 1)."""

    def __init__(self, line: int, header: list[str]) -> None:
        self.line, self.header = line, header

    def __call__(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        column = _column_name(loc).split("[")[0]
        return self.line, (self.header.index(column) + 1 if column in self.header else 1)


def _row(line: int, header: list[str], cells: list[str], file: str, folder: Path) -> Row:
    if len(cells) > len(header):
        why = f"has {len(cells)} cells; the header names {len(header)} columns"
        raise SheetError([Problem(file, line, 1, "", why)])
    values = dict(zip(header, cells, strict=False))
    place = _Place(line, header)
    ident = values.get("id", "").strip()
    if not ID.match(ident):
        why = "must be letters, digits, '-' or '_' (at most 64): it names the pack file"
        raise SheetError([Problem(file, line, place(("id",))[1], "id", why)])
    name = _folded(values.get("first_name", ""))
    if len(name) >= 2 and name in _folded(ident):
        why = "holds the student's first name: use a number or a code (the id names a file)"
        raise SheetError([Problem(file, line, place(("id",))[1], "id", why)])
    comments = _split(values.get("comments", ""), r"\|")
    if any(comments[len(_split(values.get("careers", ""), r"[\s,;]+")) :]):
        raise SheetError([Problem(file, line, place(("comments",))[1], "comments", "has more comments than careers")])
    data = _data(values)
    try:
        checked = dossier.validate(data, yamlsafe.Document(data), file)
    except SheetError as exc:
        raise SheetError([_placed(p, place) for p in exc.problems]) from None
    return Row(line, ident, _resolve(checked, place, file, folder))


def _resolve(checked: dossier.Dossier, place: _Place, file: str, folder: Path) -> dossier.Selection:
    try:
        return dossier.resolve(checked, place, file, folder)
    except SheetError as exc:
        raise SheetError([_renamed(p) for p in exc.problems]) from None


def _loc(field: str) -> tuple[str | int, ...]:
    """``careers[2].comment`` -> ("careers", 1, "comment")."""
    loc: list[str | int] = []
    for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", field):
        loc.append(name if name else int(index) - 1)
    return tuple(loc)


def _placed(problem: Problem, place: _Place) -> Problem:
    line, column = place(_loc(problem.field))
    return Problem(problem.file, line, column, _column_name(_loc(problem.field)), problem.message)


def _renamed(problem: Problem) -> Problem:
    return Problem(problem.file, problem.line, problem.column, _column_name(_loc(problem.field)), problem.message)


def read(path: Path, folder: Path = paths.SOURCES) -> tuple[list[Row], list[Problem], set[str]]:
    """The good rows, the problems of the bad ones (and of the header), and every id the file names
    (good rows and bad rows alike: a bad row's previous pack is kept)."""
    file = str(path)
    raw = sources.read_source(path) if path.stat().st_size <= MAX_BYTES else b""
    if not raw:
        return [], [Problem(file, 1, 1, "", f"the file is empty or larger than {MAX_BYTES} bytes")], set()
    records = [(line, cells) for line, cells in _records(raw.decode("utf-8-sig")) if any(c.strip() for c in cells)]
    if not records:
        return [], [Problem(file, 1, 1, "", "the file has no header line")], set()
    header = [cell.strip().lower() for cell in records[0][1]]
    problems = _header_problems(header, file)
    if problems:
        return [], problems, set()
    rows: list[Row] = []
    ids: dict[str, int] = {}
    for line, cells in records[1:]:
        ident = dict(zip(header, cells, strict=False)).get("id", "").strip()
        if ident in ids:
            column = header.index("id") + 1
            problems.append(Problem(file, line, column, "id", f"{ident!r} is already the id of line {ids[ident]}"))
            continue
        ids.setdefault(ident, line)
        try:
            rows.append(_row(line, header, cells, file, folder))
        except SheetError as exc:
            problems.extend(exc.problems)
    return rows, problems, {i for i in ids if ID.match(i)}


def _header_problems(header: list[str], file: str) -> list[Problem]:
    problems = []
    for column, name in enumerate(header, start=1):
        if name not in REQUIRED + OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL)
            problems.append(Problem(file, 1, column, "", f"unknown column {name!r} (the columns are: {known})"))
        elif header.index(name) != column - 1:
            problems.append(Problem(file, 1, column, "", f"the column {name!r} is named twice"))
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        problems.append(Problem(file, 1, 1, "", f"missing column(s): {', '.join(missing)}"))
    return problems
