"""Dossiers (``*.pack.yaml``) and class lists (CSV) are read strictly: errors at file:line:field, in plain
words, never repeating the student's name; a class of 30 rows with 2 bad ones gives 28 packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.model.sources import SheetError
from brochure.products.pack import classlist, dossier
from brochure.products.pack import command as packs
from tests.conftest import PROJECT
from tests.products.pack.test_pack import KEY, sheets

EXAMPLE = PROJECT / "examples" / "counselor"
GOOD = """student: {first_name: Zoé}
counselor: {name: Camille Martin, contact: orientation@lycee-exemple.fr}
careers:
  - slug: responsable-e-commerce
"""


def test_the_shipped_examples_are_valid() -> None:
    selection = dossier.read(EXAMPLE / "lea.pack.yaml")
    assert selection.dossier.student.first_name == "Léa" and selection.brand == "lycee-exemple"
    assert len(dossier.paragraphs(selection.dossier.note)) == 2
    rows, problems, ids = classlist.read(EXAMPLE / "classe-exemple.csv")
    assert problems == [] and [row.line for row in rows] == [2, 5, 6] and len(ids) == 3


def test_the_counselor_comes_from_the_brand_by_default(tmp_path: Path) -> None:
    path = tmp_path / "a.pack.yaml"
    path.write_text("student: {first_name: Zoé}\nbrand: lycee-exemple\ncareers: [{slug: responsable-e-commerce}]\n")
    assert dossier.read(path).counselor.name.startswith("Camille Martin")
    path.write_text("student: {first_name: Zoé}\nbrand: neutral\ncareers: [{slug: responsable-e-commerce}]\n")
    with pytest.raises(SheetError, match=r"a.pack.yaml:2:1: error: brand: the brand 'neutral' names no counselor"):
        dossier.read(path)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("  - slug: responsable-e-commerce", "  - slug: inconnu"), "4:5: error: careers[1].slug: no career 'inconnu'"),
        (("careers:", "note: " + "x" * 1201 + "\ncareers:"), "3:1: error: note: must be at most 1200 characters long"),
        (("careers:", "form: poster\ncareers:"), "3:1: error: form: must be 'summary' or 'full'"),
        (("careers:", "colour: red\ncareers:"), "3:1: error: colour: unknown field 'colour'"),
        (("Zoé}", "Zoé 😀}"), "1:11: error: student.first_name: holds characters the bundled fonts cannot print"),
        (("  - slug: responsable-e-commerce", "  - slug: responsable-e-commerce\n" * 2), "is already career 1"),
        (("  - slug: responsable-e-commerce", '  - {slug: responsable-e-commerce, comment: "a\\nb"}'), "one line"),
        (("careers:", "brand: nope\ncareers:"), "3:1: error: brand: no brand 'nope'"),
    ],
)
def test_a_bad_dossier_is_named_at_its_line_and_field(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    path = tmp_path / "zoe.pack.yaml"
    path.write_text(GOOD, encoding="utf-8")
    dossier.read(path)  # the fixture is good: each change alone breaks it
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(SheetError) as raised:
        dossier.read(path)
    assert expected in str(raised.value) and "Zoé" not in str(raised.value)


def test_seven_careers_are_too_many(tmp_path: Path) -> None:
    path = tmp_path / "z.pack.yaml"
    path.write_text(GOOD + "  - slug: responsable-e-commerce\n" * 6, encoding="utf-8")
    with pytest.raises(SheetError, match=r"careers: has 7 entries; at most 6 are allowed"):
        dossier.read(path)


def test_class_lists_as_spreadsheets_write_them(tmp_path: Path) -> None:
    """Comma or semicolon, with or without a byte-order mark, CRLF, a quoted note over several lines."""
    header = "id{s}first_name{s}careers{s}note{s}brand"
    row = '7{s}Zoé{s}responsable-e-commerce{s}"a{s} b\r\n\r\nc"{s}lycee-exemple'
    for separator, bom in ((",", ""), (";", "\ufeff")):
        path = tmp_path / "c.csv"
        text = "\r\n".join([header, row, row.replace("7", "8", 1)]).format(s=separator)
        path.write_text(bom + text, encoding="utf-8", newline="")
        rows, problems, _ids = classlist.read(path)
        assert problems == []
        read = [(r.line, r.id, dossier.paragraphs(r.selection.dossier.note)) for r in rows]
        assert read == [(2, "7", [f"a{separator} b", "c"]), (5, "8", [f"a{separator} b", "c"])]


def test_a_bad_row_says_its_line_and_column_not_the_name(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    lines = ["id;first_name;careers;comments;brand", "1;Zoé;responsable-e-commerce;;lycee-exemple"]
    lines += ["zoe-2;Zoé;responsable-e-commerce;;lycee-exemple", "3;Zoé;inconnu;;lycee-exemple"]
    lines += ["1;Zoé;responsable-e-commerce;;lycee-exemple", "4;Zoé;responsable-e-commerce;a|b;lycee-exemple"]
    path.write_text("\n".join(lines), encoding="utf-8")
    rows, problems, _ids = classlist.read(path)
    assert [row.id for row in rows] == ["1"]
    said = [str(p).split(": error: ", 1) for p in problems]
    assert [where.rsplit(":", 2)[1:] for where, _ in said] == [["3", "1"], ["4", "3"], ["5", "1"], ["6", "4"]]
    assert [message.split(":")[0] for _, message in said] == ["id", "careers[1]", "id", "comments"]
    assert not any("Zoé" in str(p) or "zoe" in str(p).split("error")[1] for p in problems)


def test_a_class_with_2_bad_rows_gives_the_other_packs_and_rebuilds_only_what_changed(tmp_path: Path) -> None:
    """Six rows (it was a class of 30: the same behaviour in a fifth of the packs): the bad rows fail
    alone; a row inserted before others and one edited rebuild two packs, the rows moved down none."""
    slugs = sheets(tmp_path / "sources", 2)
    rows = [f"s{i:02d},Élève{i},{slugs[i % 2]},Commentaire {i},Bonjour {i}.,lycee-exemple,2026-03-12" for i in range(6)]
    rows[1] = rows[1].replace(slugs[1], "inconnu")
    rows[4] = rows[4].replace("lycee-exemple", "pas-de-marque")
    path = tmp_path / "classe.csv"
    path.write_text("\n".join(["id,first_name,careers,comments,note,brand,date", *rows]), encoding="utf-8")
    output = tmp_path / "output"
    summary = packs.make([], str(path), packs.Options(jobs=1), tmp_path / "sources", output, KEY)
    built = sorted(p.stem for p in (output / "packs" / "classe").glob("*.pdf"))
    assert built == [f"s{i:02d}" for i in range(6) if i not in (1, 4)]
    failed = [r.slug for r in summary.results if r.failure]
    assert failed == ["classe.csv:3", "classe.csv:6"] and summary.exit_code == 1
    rows.insert(2, "new,Élève,responsable-e-commerce,,,lycee-exemple,2026-03-12")  # s02, s03 and s05 move down
    rows[0] = rows[0].replace("Commentaire 0", "Un autre mot")
    path.write_text("\n".join(["id,first_name,careers,comments,note,brand,date", *rows]), encoding="utf-8")
    again = packs.make([], str(path), packs.Options(jobs=1), tmp_path / "sources", output, KEY)
    rebuilt = sorted(r.slug for r in again.results if not r.failure)
    assert rebuilt == ["classe.csv:2 (id s00)", "classe.csv:4 (id new)"] and len(again.unchanged) == 3
