"""Golden text dumps of every target and language (tests/golden/<target>/<lang>/).

`invoke update-golden` refreshes them after an intended change.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from brochure.devtools import golden
from brochure.render import registry


@pytest.fixture(scope="module")
def current(renders) -> dict:
    """The dumps, made once per run for both workers (tests/conftest.py): a path -> text JSON file."""
    made = renders.once_file("golden-dumps.json", lambda: json.dumps({str(p): t for p, t in golden.dumps().items()}))
    return {Path(p): text for p, text in json.loads(made.read_text(encoding="utf-8")).items()}


def test_the_tree_has_every_target_in_every_language(current: dict) -> None:
    expected = {(t, lang) for t in registry.names() for lang in golden.LANGS}
    assert {(p.parts[0], p.parts[1]) for p in current} == expected
    assert {p.relative_to(golden.GOLDEN) for p in golden.GOLDEN.rglob("*.txt")} == set(current)


@pytest.mark.parametrize("target", registry.names())
@pytest.mark.parametrize("lang", golden.LANGS)
def test_golden_dump(current: dict, target: str, lang: str) -> None:
    (path,) = [p for p in current if p.parts[:2] == (target, lang)]
    expected = (golden.GOLDEN / path).read_text(encoding="utf-8")
    assert current[path] == expected, f"the {target} ({lang}) text changed: review, then `invoke update-golden`"


def test_a_changed_text_shows_in_its_dump(current: dict) -> None:
    """The comparison can fail: the dump of a brochure whose title changed differs from the golden file."""
    from brochure.build.job import SheetJob, prepare
    from brochure.core.paths import SOURCES

    prepared = prepare(SOURCES / "responsable-e-commerce.yaml")
    sheet = prepared.sheet.model_copy(update={"title": "Responsable e-commerce international"})
    job = SheetJob(dataclasses.replace(prepared, sheet=sheet))
    path = next(p for p in current if p.parts[:2] == ("pdf", "fr"))
    assert golden.target_dump(job, "pdf") != (golden.GOLDEN / path).read_text(encoding="utf-8")
