"""`invoke pack`: a counselor's pack for one student, read from a dossier, built through the sheet job.

Three packs are built once for the module (on one worker: the pool is not the subject): 1 career, 4 careers
in summary form, 2 careers in full form (each of their 12-page brochures is the costliest part: two show
the comparison and the order as well as three did), from the sample sheet and generated variants. Each is checked
in its text, bookmarks, footers, QR codes (decoded from the rendered page), tags and metadata.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
import zxingcpp

from brochure.devtools import bench
from brochure.model import sources
from brochure.products.pack import command as packs
from tests import tagcheck
from tests.conftest import normalise, require

NAME = "Léa"
NOTE = ("Merci pour notre échange de mardi : voici les métiers dont nous avons parlé.", "On se revoit en mars.")
URL = "https://plateforme-orientation-metiers.fr/metiers/{slug}"
KEY = b"a test secret"
FOOTER = re.compile(r"page (\d+) / (\d+)")
MAX_SUMMARY_PACK = 1_000_000


def sheets(folder: Path, count: int) -> list[str]:
    """The sample and ``count - 1`` variants, each with its online address; their slugs."""
    folder.mkdir(parents=True, exist_ok=True)
    slugs = []
    for path in bench.variants(folder, count):
        sheet = sources.load(path)
        sheet.provenance.source_url = URL.format(slug=sheet.slug)
        path.write_text(sources.dumps(sheet), encoding="utf-8")
        slugs.append(sheet.slug)
    return slugs


def dossier_text(slugs: list[str], form: str = "summary", name: str = NAME) -> str:
    careers = "".join(f"  - slug: {slug}\n    comment: Commentaire pour {slug}\n" for slug in slugs)
    note = "\n\n".join(NOTE).replace("\n", "\n  ")
    return (
        f"student: {{first_name: {name}}}\nbrand: lycee-exemple\nform: {form}\ndate: '2026-03-12'\n"
        f"note: |\n  {note}\ncareers:\n{careers}"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("packs")
    slugs = sheets(root / "sources", 4)
    asked = {"one": (slugs[:1], "summary"), "four": (slugs[:4], "summary"), "two": (slugs[2:4], "full")}
    files = []
    for name, (chosen, form) in asked.items():
        files.append(root / f"{name}.pack.yaml")
        files[-1].write_text(dossier_text(chosen, form), encoding="utf-8")
    output = root / "output"
    summary = packs.make([str(f) for f in files], None, packs.Options(jobs=1), root / "sources", output, KEY)
    assert summary.exit_code == 0, [r.failure for r in summary.results]
    titles = {slug: sources.load(root / "sources" / f"{slug}.yaml").title for slug in slugs}
    return {"root": root, "output": output, "asked": asked, "titles": titles, "summary": summary}


def page_texts(path: Path, *mode: str) -> list[str]:
    require("pdftotext")
    text = subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"‐\n\s*", "", page) for page in text.split("\f")[:-1]]


def footers_run_on(pages: list[str]) -> bool:
    """Every page prints "page X / Y", X counting from 1 to Y = the number of pages."""
    found = [FOOTER.findall(page)[-1:] for page in pages]
    return found == [[(str(i), str(len(pages)))] for i in range(1, len(pages) + 1)]


def outline(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf, pdf.open_outline() as tree:
        return [item.title for item in tree.root]


def decoded(path: Path, page: int, dpi: int = 200) -> set[str]:
    image = pypdfium2.PdfDocument(path)[page].render(scale=dpi / 72).to_pil()
    return {result.text for result in zxingcpp.read_barcodes(image)}


@pytest.mark.parametrize("name", ["one", "four", "two"])
def test_pack_holds_the_name_note_comments_and_careers_in_order(built: dict, name: str) -> None:
    path = built["output"] / "packs" / f"{name}.pdf"
    slugs, _form = built["asked"][name]
    titles = [built["titles"][slug] for slug in slugs]
    pages = page_texts(path)
    text = normalise("".join(pages))
    assert NAME in pages[0] and not any(NAME in page for page in pages[1:])  # the cover only
    assert all(normalise(paragraph) in normalise(pages[0]) for paragraph in NOTE)
    assert all(normalise(f"Commentaire pour {slug}") in text for slug in slugs)
    compare = ["Comparer ces métiers"] if len(slugs) > 1 else []
    assert outline(path) == ["Sélection de métiers", *compare, *titles, "Prochaines étapes"]
    assert footers_run_on(pages)


@pytest.mark.parametrize("name", ["one", "four", "two"])
def test_pack_qr_codes_tags_and_metadata(built: dict, name: str) -> None:
    path = built["output"] / "packs" / f"{name}.pdf"
    slugs, _form = built["asked"][name]
    with pikepdf.open(path) as pdf:
        assert tagcheck.problems(pdf) == []
        last = len(pdf.pages) - 1
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
        assert all(built["titles"][slug] in info["/Title"] for slug in slugs)
        assert not any(NAME in value for value in info.values())
        assert "/Metadata" not in pdf.Root or NAME.encode() not in pdf.Root.Metadata.read_bytes()
    assert decoded(path, last) == {URL.format(slug=slug) for slug in slugs}
    printed = re.sub(r"\s+", "", page_texts(path)[last])  # the short address beside each code
    assert all(URL.format(slug=slug).removeprefix("https://") in printed for slug in slugs)


def test_a_four_career_summary_pack_is_email_sized(built: dict) -> None:
    assert (built["output"] / "packs" / "four.pdf").stat().st_size <= MAX_SUMMARY_PACK


def test_the_footer_check_sees_a_break() -> None:
    pages = ["x page 1 / 3", "page 2 / 3", "page 1 / 2"]  # a part numbered on its own, as before the frames
    assert not footers_run_on(pages) and footers_run_on(pages[:2] + ["page 3 / 3"])


def test_no_name_in_the_build_records(built: dict) -> None:
    state = built["output"] / ".build"
    assert (state / "packs.json").is_file()
    found = subprocess.run(["grep", "-ril", NAME, str(state)], capture_output=True, text=True)
    assert found.returncode == 1 and found.stdout == ""  # 1: no match
    assert "lea" not in (state / "packs.json").read_text().lower()
    (state / "leak.txt").write_text(NAME)  # the check sees a name that is there
    assert subprocess.run(["grep", "-rl", NAME, str(state)], capture_output=True).returncode == 0
    (state / "leak.txt").unlink()


def test_second_run_rebuilds_nothing_and_clean_removes_the_packs(built: dict, tmp_path: Path) -> None:
    root, output = built["root"], built["output"]
    files = [str(root / f"{name}.pack.yaml") for name in built["asked"]]
    again = packs.make(files, None, packs.Options(jobs=1), root / "sources", output, KEY)
    assert again.results == [] and len(again.unchanged) == 3
    other = packs.Records(output / ".build" / "packs.json", b"another install")
    assert not other.fresh(output, "packs/one.pdf", "x")  # keyed: another secret reads nothing
    copy = shutil.copytree(output, tmp_path / "output")  # the module's packs stay for the tests after this one
    (copy / "pdf").mkdir(exist_ok=True)
    (copy / "pdf" / "kept.pdf").write_bytes(b"%PDF")
    packs.clean(copy)
    assert not (copy / "packs").exists() and not (copy / ".build" / "packs.json").exists()
    assert (copy / "pdf" / "kept.pdf").exists() and (output / "packs" / "four.pdf").exists()


def test_the_secret_is_made_once_and_private(tmp_path: Path) -> None:
    first = packs.secret(tmp_path)
    assert first == packs.secret(tmp_path) and len(first) == 64
    assert (tmp_path / "pack-secret").stat().st_mode & 0o077 == 0


def test_a_draft_career_marks_the_pack(tmp_path: Path) -> None:
    from brochure.build import job
    from brochure.products.pack import document as pack
    from brochure.products.pack import dossier

    slug = sheets(tmp_path / "sources", 1)[0]
    path = tmp_path / "sources" / f"{slug}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: Le/la", "summary: TODO Le/la"), encoding="utf-8")
    (tmp_path / "d.pack.yaml").write_text(dossier_text([slug]), encoding="utf-8")
    selection = dossier.read(tmp_path / "d.pack.yaml", tmp_path / "sources")
    prepared = tuple(job.prepare(p) for p in selection.careers)
    assert prepared[0].errors > 0  # the fixture is a draft
    out = tmp_path / "d.pdf"
    out.write_bytes(pack.pack_pdf(pack.Request("d", selection, prepared, selection.dossier.date)))
    pages = page_texts(out, "-raw")  # -raw: the watermark is set at an angle
    assert "Brouillon" in pages[0] and all("BROUILLON" in page for page in pages)


@pytest.mark.parametrize("name", ["four", "two"])
def test_each_career_carries_its_comment_on_its_own_first_page(built: dict, name: str) -> None:
    """The comment is printed with the career itself (on its leaflet's recto or its brochure's cover),
    not only on the pack's cover and its last page."""
    pages = [normalise(page) for page in page_texts(built["output"] / "packs" / f"{name}.pdf")]
    for slug in built["asked"][name][0]:
        comment, title = normalise(f"Commentaire pour {slug}"), normalise(built["titles"][slug])
        inside = [i for i, page in enumerate(pages[1:-1], start=1) if comment in page and title in page]
        assert inside, f"the comment on {slug} is not on the career's own pages"
