"""A corpus of hostile sheets, each with its expected behaviour: a clear error (file, line, field),
an editorial error that makes a draft, or a faithful render with the text shown literally.
Never a traceback, never a file read outside the asset folders, never an attachment.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from brochure.build import job, pipeline
from brochure.model import check, sources
from brochure.present import presentation as present
from brochure.present.typography import BREAK_EVERY, ZWSP
from brochure.render import html as render_html
from brochure.render.pdf import writer as pdf
from tests.conftest import SOURCE, normalise

TEXT = SOURCE.read_text(encoding="utf-8")
SLUG = "responsable-e-commerce"
BULLET = "    - Analyser les tendances du marché et identifier les opportunités de croissance\n"


def sub(old: str, new: str) -> Callable[[], bytes]:
    def make() -> bytes:
        assert old in TEXT, old
        return TEXT.replace(old, new, 1).encode("utf-8")

    return make


def summary(value: str) -> Callable[[], bytes]:
    """The summary replaced by ``value`` (a YAML double-quoted scalar, escapes included)."""
    start = TEXT.index("summary:")
    end = TEXT.index("\nfulfilment:")
    return lambda: (TEXT[:start] + "summary: " + json.dumps(value, ensure_ascii=True) + TEXT[end:]).encode("utf-8")


def raw(data: bytes) -> Callable[[], bytes]:
    return lambda: data


LOAD_ERRORS = {
    # YAML traps
    "bool-no": (sub("    score: 65\n", "    score: NO\n"), "yes/no word"),
    "bool-yes": (sub("    score: 65\n", "    score: yes\n"), "yes/no word"),
    "bool-on": (sub("    score: 65\n", "    score: On\n"), "yes/no word"),
    "octal": (sub("    score: 65\n", "    score: 0123\n"), "leading zero"),
    "hex": (sub("    score: 65\n", "    score: 0x1F\n"), "hexadecimal"),
    "sexagesimal": (sub("    score: 65\n", "    score: 1:20\n"), "sexagesimal"),
    "inf": (sub("    score: 65\n", "    score: .inf\n"), "infinity"),
    "nan": (sub("    score: 65\n", "    score: .NaN\n"), "not-a-number"),
    "duplicate-key": (sub("summary:", "title: Autre\nsummary:"), "duplicate key 'title'"),
    "alias": (sub("summary:", "a: &x 1\nb: *x\nsummary:"), "anchors and aliases"),
    "merge-key": (sub("summary:", "base: &b {x: 1}\nother:\n  <<: *b\nsummary:"), "merge keys (<<) are not allowed"),
    "tab-indent": (sub("  quality_of_life:\n    score: 65", "  quality_of_life:\n\tscore: 65"), "invalid YAML"),
    "empty-file": (raw(b""), "the file is empty"),
    "only-comments": (raw(b"# nothing here\n"), "the file is empty"),
    "top-level-list": (raw(b"- title: x\n- slug: z\n"), "a sheet must be a mapping"),
    "top-level-scalar": (raw(b"just text\n"), "a sheet must be a mapping"),
    "two-documents": (raw(TEXT.encode() + b"---\ntitle: x\n"), "exactly one YAML document"),
    "python-tag": (sub("title: Responsable e-commerce", "title: !!python/object/apply:os.system [id]"), "tag"),
    "binary-tag": (sub("title: Responsable e-commerce", "title: !!binary aGVsbG8="), "tag"),
    "local-tag": (sub("title: Responsable e-commerce", "title: !include /etc/passwd"), "tag"),
    "not-utf8": (raw("title: caf\u00e9\n".encode("latin-1")), "not UTF-8"),
    "five-megabytes": (raw(TEXT.encode() + b"#" * 5_000_000 + b"\n"), "a sheet is at most"),
    # schema violations
    "missing-title": (sub("title: Responsable e-commerce\n", ""), "title: required field missing"),
    "unknown-key": (sub("summary:", "sumary: x\nsummary:"), "unknown field"),
    "score-negative": (sub("    score: 65\n", "    score: -1\n"), "between 0 and 100; found the number -1"),
    "score-101": (sub("    score: 65\n", "    score: 101\n"), "between 0 and 100; found the number 101"),
    "score-huge": (sub("    score: 65\n", "    score: 1000000000000000000000000000000\n"), "between 0 and 100"),
    "score-float": (sub("    score: 65\n", "    score: 65.5\n"), "whole number"),
    "score-text": (sub("    score: 65\n", "    score: '65'\n"), "whole number"),
    "amount-text": (sub("    min: 30000\n", "    min: 30 000 €\n"), "whole number"),
    "slug-traversal": (sub("slug: responsable-e-commerce", "slug: ../../etc/passwd"), "slug: must be a slug"),
    "slug-absolute": (sub("slug: responsable-e-commerce", "slug: /tmp/x"), "slug: must be a slug"),
    "slug-uppercase": (sub("slug: responsable-e-commerce", "slug: Responsable"), "slug: must be a slug"),
    "slug-not-file-name": (sub("slug: responsable-e-commerce", "slug: autre"), "must match the file name"),
    "entry-level-unknown": (sub("entry_level: Mastère", "entry_level: Doctorat"), "not one of the levels"),
    "empty-bullets": (sub("    bullets:\n" + BULLET, "    bullets: []\n    x:\n" + BULLET), "missions.themes[1]"),
    "empty-bullet": (sub(BULLET, "    - ''\n"), "is empty"),
    "control-char": (summary("Bip\x07 bip"), "control character U+0007"),
    "lone-surrogate": (summary("Texte \ud800 cassé"), "invalid Unicode character escape"),
    "bad-date": (sub("  revised: '2026-11-27'", "  revised: '2026-13-45'"), "provenance.revised"),
    "date-as-seconds": (
        sub("  revised: '2026-11-27'", "  revised: 0"),
        "provenance.revised: must be a date written YYYY-MM-DD, such as '2026-11-27'; found the number 0",
    ),
    "javascript-url": (
        sub(
            "  source_url: https://plateforme-orientation-metiers.fr/metiers/responsable-e-commerce",
            "  source_url: javascript:alert(1)",
        ),
        "provenance.source_url: must be a web address (http:// or https://)",
    ),
    "status-unknown": (
        sub("slug: responsable-e-commerce\n", "slug: responsable-e-commerce\nstatus: done\n"),
        "'complete' or 'partial'",
    ),
    "summary-list": (sub("summary: Le/la", "summary:\n- Le/la"), "must be text"),
    "theme-title-null": (
        sub("  - title: Définir la stratégie commerciale en ligne", "  - title: null"),
        "must be text",
    ),
}


@pytest.mark.parametrize("case", sorted(LOAD_ERRORS))
def test_load_errors_are_clear(tmp_path: Path, case: str) -> None:
    make, words = LOAD_ERRORS[case]
    path = tmp_path / f"{SLUG}.yaml"
    path.write_bytes(make())
    with pytest.raises(sources.SheetError) as caught:
        sources.load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:") and ": error:" in message
    assert words.lower() in message.lower()


LINT_ERRORS = {
    "salary-min-above-max": (sub("    min: 30000\n", "    min: 46000\n"), "min 46000 > max 45000"),
    "cjk": (summary("Un métier 漢字"), "cannot print: '字' (U+5B57)"),
    "emoji": (sub(BULLET, "    - Analyser 🚀 les tendances\n"), "cannot print: '🚀' (U+1F680)"),
    "placeholder": (summary("TODO: résumer le métier."), "placeholder text 'TODO'"),
    "doubled-word": (summary("Il faut le le faire."), "doubled word 'le le'"),
}


@pytest.mark.parametrize("case", sorted(LINT_ERRORS))
def test_editorial_errors_make_a_draft(tmp_path: Path, case: str) -> None:
    make, words = LINT_ERRORS[case]
    path = tmp_path / f"{SLUG}.yaml"
    path.write_bytes(make())
    sheet, document = sources.parse_file(path)
    errors = [str(p) for p in check.lint(sheet, document, str(path)) if p.severity == "error"]
    assert any(words in e and e.startswith(f"{path}:") for e in errors), errors


def test_unprintable_text_fails_the_sheet_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / f"{SLUG}.yaml"
    path.write_bytes(summary("Un métier 漢字")())
    with pytest.raises(sources.SheetError) as caught:
        job.prepare(path)  # before any render, in the main process
    assert str(caught.value).startswith(f"{path}:") and "summary" in str(caught.value)


LITERAL = {
    "img-file": '<img src="file:///etc/passwd">',
    "script": "<script>alert(1)</script>",
    "close-style": "</style><style>body { display: none }</style>",
    "jinja": "{{ 7*7 }} {% raw %} {# x #}",
    "entities": "&amp; &lt;b&gt; &#x41;",
    "css-url": "url(file:///etc/shadow)",
}


def test_markup_is_shown_literally_and_reads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []
    original = pdf.SandboxFetcher.fetch

    def spy(self, url: str, headers: dict | None = None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.SandboxFetcher, "fetch", spy)
    sheet = sources.load_text(summary(" ".join(LITERAL.values()))().decode(), f"{SLUG}.yaml")
    data = pipeline.sheet_outputs(sheet, formats=("pdf",))["pdf"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    for value in LITERAL.values():
        assert normalise(value) in normalise(text), value
    assert all(url.startswith("data:") or "/layouts/" in url for url in fetched)
    assert not any("/etc/" in url for url in fetched)
    with pikepdf.open(io.BytesIO(data)) as document:
        assert len(document.attachments) == 0


def test_nfd_text_is_stored_nfc() -> None:
    sheet = sources.load_text(summary("Me\u0301tier de l’e\u0301quipe")().decode(), f"{SLUG}.yaml")
    assert sheet.summary == "Métier de l’équipe"


def test_long_words_long_urls_and_a_thousand_bullets_render() -> None:
    data = json.loads(json.dumps(sources.to_data(sources.load(SOURCE))))
    data["missions"]["themes"][0]["bullets"][0] = "A" * 5000
    data["provenance"]["source_url"] = "https://example.org/" + "x" * 5000
    data["missions"]["themes"][1]["bullets"] = [f"Mission numéro {i}" for i in range(1000)]
    sheet = sources.validate(data, None, "long.yaml")
    brochure = present.present(sheet)
    html = render_html.brochure_html(
        brochure, {k: b"<svg xmlns='http://www.w3.org/2000/svg'/>" for k in brochure.charts}
    )
    assert "A" * 5000 in html.replace(ZWSP, "") and "Mission numéro 999" in html
    assert "A" * (BREAK_EVERY + 1) not in html  # break opportunities: the narrowest width is cheap to find
    out = pipeline.sheet_outputs(sheet, formats=("pdf",))["pdf"]
    reader = PdfReader(io.BytesIO(out))
    assert len(reader.pages) > 12 and "Mission numéro 999" in "".join(p.extract_text() for p in reader.pages)


def test_duplicate_slugs_across_files(tmp_path: Path) -> None:
    (tmp_path / f"{SLUG}.yaml").write_text(TEXT, encoding="utf-8")
    (tmp_path / "copie.yaml").write_text(TEXT, encoding="utf-8")
    loaded, problems = sources.load_all(sources.discover(tmp_path))
    assert len(loaded) == 1 and len(problems) == 1 and "copie.yaml" in str(problems[0])


def test_bom_is_accepted() -> None:
    assert sources.load_text("\ufeff" + TEXT, f"{SLUG}.yaml").slug == SLUG


def test_corpus_size() -> None:
    cases = len(LOAD_ERRORS) + len(LINT_ERRORS) + len(LITERAL) + 5  # + unprintable, NFD, long, duplicates, BOM
    assert cases >= 50
