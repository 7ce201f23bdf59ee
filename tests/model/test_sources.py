"""Loading sources: strict YAML, schema errors with file, line and field, round trips."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from brochure import commands
from brochure.model import sources
from brochure.model.sheet import Sheet, slugify
from tests.conftest import SOURCE


def _write(tmp_path: Path, text: str, name: str = "responsable-e-commerce.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_sample_source_loads() -> None:
    sheet = sources.load(SOURCE)
    assert sheet.slug == "responsable-e-commerce"
    assert len(sheet.missions.themes) == 10


def test_load_dump_load_gives_an_equal_model(tmp_path: Path) -> None:
    sheet = sources.load(SOURCE)
    again = sources.load(_write(tmp_path, sources.dumps(sheet)))
    assert again == sheet
    assert sources.dumps(again) == sources.dumps(sheet)


def test_committed_schema_is_current() -> None:
    committed = json.loads((SOURCE.parent / "sheet.schema.json").read_text(encoding="utf-8"))
    assert committed == sources.json_schema(), "run `invoke schema`"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Chargé(e) de communication", "chargee-de-communication"),
        ("Responsable e-commerce", "responsable-e-commerce"),
        ("Directeur·rice  R&D / Innovation", "directeurrice-r-d-innovation"),
        ("Œnologue", "oenologue"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


# (name, fragment to replace, replacement, field named in the message, words in the message)
BROKEN = [
    ("no-as-false", "    score: 65\n", "    score: NO\n", "fulfilment.quality_of_life.score", "yes/no"),
    ("octal", "    score: 70\n", "    score: 0070\n", "fulfilment.flexibility.score", "leading zero"),
    ("score-as-text", "    score: 90\n", "    score: '90'\n", "fulfilment.stimulation.score", "whole number"),
    (
        "score-too-high",
        "    score: 90\n",
        "    score: 190\n",
        "fulfilment.stimulation.score",
        "must be a whole number between 0 and 100; found the number 190",
    ),
    ("score-negative", "    score: 75\n", "    score: -1\n", "fulfilment.career.score", "between 0 and 100"),
    ("score-float", "    score: 75\n", "    score: 75.5\n", "fulfilment.career.score", "whole number"),
    ("score-nan", "    score: 75\n", "    score: .nan\n", "fulfilment.career.score", "not-a-number"),
    ("duplicate-key", "summary:", "title: Autre\nsummary:", "title", "duplicate key"),
    ("unknown-key", "summary:", "sumary: x\nsummary:", "sumary", "unknown field"),
    ("missing-field", "    min: 30000\n", "", "salary.bands[1].min", "required"),
    (
        "bad-slug",
        "slug: responsable-e-commerce",
        "slug: Responsable E-commerce",
        "slug",
        "must be a slug (lowercase letters",
    ),
    ("slug-not-file-name", "slug: responsable-e-commerce", "slug: autre-metier", "slug", "file name"),
    ("amount-as-text", "    min: 30000\n", "    min: 30 000 €\n", "salary.bands[1].min", "whole number"),
    ("empty-bullets", "    bullets:\n", "    bullets: []\n    old:\n", "missions.themes[1]", ""),
    ("entry-level-unknown", "entry_level: Mastère", "entry_level: Doctorat", "training", "not one of the levels"),
    ("alias", "summary:", "extra: &a x\nother: *a\nsummary:", "", "anchor"),
    ("tab-indent", "  quality_of_life:\n    score: 65", "  quality_of_life:\n\tscore: 65", "", "invalid YAML"),
    ("python-tag", "title: Responsable e-commerce", "title: !!python/object/apply:os.system ['ls']", "title", "tag"),
    ("control-char", "title: Responsable e-commerce", 'title: "Responsable\\x07 e-commerce"', "title", "control"),
    (
        "bullet-not-text",
        "    - Analyser les tendances du marché et identifier les opportunités de croissance\n",
        "    - 42\n",
        "missions.themes[1].bullets[1]",
        "must be text",
    ),
    (
        "status-bad",
        "slug: responsable-e-commerce\n",
        "slug: responsable-e-commerce\nstatus: fini\n",
        "status",
        "'complete' or 'partial'",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "field", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_source_gives_one_clear_message(
    tmp_path: Path, source_text: str, name: str, old: str, new: str, field: str, words: str
) -> None:
    assert old in source_text
    text = source_text.replace(old, new, 1)
    path = _write(tmp_path, text)
    with pytest.raises(sources.SheetError) as caught:
        sources.load(path)
    problems = caught.value.problems
    assert len(problems) >= 1
    first = problems[0]
    message = str(first)
    assert message.startswith(f"{path}:{first.line}:{first.column}: error:")
    assert field in first.field
    assert words.lower() in message.lower()
    expected_line = _line_of(text, new.strip().splitlines()[0]) if new.strip() else None
    if expected_line and name not in ("duplicate-key", "alias"):
        assert first.line == expected_line or abs(first.line - expected_line) <= 2, message
    if name == "duplicate-key":
        assert first.line == _line_of(text, "title: Autre")
    assert "Traceback" not in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("- a\n- b\n", "mapping"),
        ("\ufeff", "empty"),
        ("a: 1\n---\nb: 2\n", "exactly one"),
        ("title: [unclosed\n", "invalid YAML"),
    ],
)
def test_not_a_sheet(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(sources.SheetError) as caught:
        sources.load(_write(tmp_path, text))
    assert words in str(caught.value)


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"title: a\nsummary: caf\xe9\n")
    with pytest.raises(sources.SheetError) as caught:
        sources.load(path)
    assert f"{path}:2:1" in str(caught.value)


def test_duplicate_slugs_across_files(tmp_path: Path, source_text: str) -> None:
    a = _write(tmp_path, source_text)
    b = tmp_path / "copie.yaml"
    b.write_text(source_text, encoding="utf-8")
    loaded, problems = sources.load_all([a, b])
    assert list(loaded) == [a]
    assert any("file name" in p.message for p in problems)


def test_counts_are_data_not_schema(tmp_path: Path) -> None:
    sheet = sources.load(SOURCE)
    small = sheet.model_copy(deep=True)
    small.missions.themes = small.missions.themes[:8]
    small.hard_skills.items = small.hard_skills.items[:5]
    small.training.levels = small.training.levels[1:]
    again = sources.load(_write(tmp_path, sources.dumps(Sheet.model_validate(small.model_dump()))))
    assert (len(again.missions.themes), len(again.hard_skills.items), len(again.training.levels)) == (8, 5, 2)


def test_check_command_on_sources_passes(capsys) -> None:
    assert commands.check([]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_schema_command_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert commands.schema(out) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert re.search("fulfilment", json.dumps(schema))
