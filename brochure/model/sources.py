"""Reading sheet sources: YAML file -> validated :class:`Sheet`, or clear errors.

Every problem is reported as ``file:line:column: field path: message`` in plain words,
never as a traceback.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from brochure.core.errors import FAILED, BrochureError, UsageError
from brochure.model import messages, yamlsafe
from brochure.model.sheet import Sheet

MAX_SOURCE_BYTES = 2_000_000
SCHEMA_COMMENT = "# yaml-language-server: $schema=sheet.schema.json\n"


@dataclass(frozen=True)
class Problem:
    """One problem in a source file. ``severity`` is "error" or "warning"."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " if self.line else ""  # line 0: not about a file's text
        field = f" {self.field}:" if self.field else ""
        return f"{where}{self.severity}:{field} {self.message}"


class SheetError(BrochureError):
    """A source that cannot be used; ``problems`` says why, each with its place."""

    exit_code = FAILED

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


def field_path(path: Iterable[str | int]) -> str:
    """``("missions", "themes", 2, "title")`` -> ``"missions.themes[3].title"`` (items count from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validate(data: object, document: yamlsafe.Document | None, file: str) -> Sheet:
    """Validate plain data as a :class:`Sheet`; errors carry the lines from ``document``."""
    try:
        return Sheet.model_validate(data)
    except ValidationError as exc:
        raise SheetError(explain(exc, document, file, _schema())) from None


def explain(exc: ValidationError, document: yamlsafe.Document | None, file: str, schema: dict) -> list[Problem]:
    """Each error of ``exc`` as a :class:`Problem` in plain words, placed by ``document``'s positions."""
    found = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        line, col = document.position(loc) if document else (1, 1)
        found.append(Problem(file, line, col, field_path(loc), messages.plain(error, schema)))
    return found


def load_text(text: str, file: str) -> Sheet:
    """Parse and validate the text of one source."""
    return parse_text(text, file)[0]


def parse_text(text: str, file: str) -> tuple[Sheet, yamlsafe.Document]:
    """Parse and validate the text of one source; also give the positions of its values."""
    try:
        document = yamlsafe.loads(text)
    except yamlsafe.YamlError as exc:
        raise SheetError([Problem(file, exc.line, exc.column, field_path(exc.path), exc.message)]) from None
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__ if document.data is not None else "nothing"
        raise SheetError([Problem(file, 1, 1, "", f"a sheet must be a mapping of fields, not {kind}")])
    sheet = validate(document.data, document, file)
    stem = Path(file).stem
    if Path(file).suffix in (".yaml", ".yml") and stem != sheet.slug:
        line, col = document.position(("slug",))
        raise SheetError(
            [Problem(file, line, col, "slug", f"the slug {sheet.slug!r} must match the file name ({stem}.yaml)")]
        )
    return sheet, document


def load(path: Path) -> Sheet:
    """Read and validate one source file."""
    return parse_file(path)[0]


def parse_file(path: Path) -> tuple[Sheet, yamlsafe.Document]:
    """Read and validate one source file; also give the positions of its values."""
    return parse_text(read_source(path).decode("utf-8"), str(path))


def read_source(path: Path) -> bytes:
    """The bytes of one source file, checked to be a readable, bounded, UTF-8 text."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SheetError(
                [Problem(name, 1, 1, "", f"the file is {size} bytes; a sheet is at most {MAX_SOURCE_BYTES}")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SheetError([Problem(name, 1, 1, "", f"cannot read the file: {exc.strerror}")]) from None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SheetError([Problem(name, line, 1, "", "the file is not UTF-8 text")]) from None
    return raw


def discover(folder: Path) -> list[Path]:
    """The source files of ``folder``, sorted by name."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def resolve(folder: Path, names: Sequence[str]) -> list[Path]:
    """Turn slugs or paths given on the command line into source files."""
    paths = []
    for name in names:
        slug = not Path(name).suffix
        candidate = folder / f"{name}.yaml" if slug else Path(name)
        if not candidate.is_file():
            missing = f"no sheet named {name} in {_shown(folder)}/" if slug else f"no sheet file {name}"
            raise UsageError(missing)
        paths.append(candidate)
    return paths


def _shown(folder: Path) -> str:
    """``sources`` when the folder is under the current directory, else its full path."""
    try:
        return str(folder.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(folder)


def select(folder: Path, names: Sequence[str] = ()) -> list[Path]:
    """The sources named on the command line (slugs or paths), or every source of ``folder``."""
    return resolve(folder, names) if names else discover(folder)


def load_all(paths: Sequence[Path]) -> tuple[dict[Path, tuple[Sheet, yamlsafe.Document]], list[Problem]]:
    """Load every path; return the good sheets (with their positions) and the problems of the others.

    Also refuses duplicate slugs across files (the second file is reported).
    """
    sheets: dict[Path, tuple[Sheet, yamlsafe.Document]] = {}
    problems: list[Problem] = []
    owners: dict[str, Path] = {}
    for path in paths:
        try:
            sheet, document = parse_file(path)
        except SheetError as exc:
            problems.extend(exc.problems)
            continue
        if sheet.slug in owners:
            problems.append(
                Problem(str(path), 1, 1, "slug", f"the slug {sheet.slug!r} is already used by {owners[sheet.slug]}")
            )
            continue
        owners[sheet.slug] = path
        sheets[path] = (sheet, document)
    return sheets, problems


def to_data(sheet: Sheet) -> dict:
    """The sheet as plain data, as written in a source file (defaults left out)."""
    return json.loads(sheet.model_dump_json(exclude_defaults=True))


def dumps(sheet: Sheet) -> str:
    """The YAML text of a source file for ``sheet``."""
    return yamlsafe.dumps(to_data(sheet), header=SCHEMA_COMMENT)


@cache
def _schema() -> dict:
    return Sheet.model_json_schema()


def json_schema() -> dict:
    """The JSON Schema of a sheet source, for editors' YAML language servers (a fresh copy)."""
    schema = copy.deepcopy(_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Fiche métier (career sheet)"
    return schema
