from __future__ import annotations

import contextlib
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PROJECT = HERE.parent
EXPORT = HERE / "fixtures" / "responsable-e-commerce.txt"
SOURCE = PROJECT / "sources" / "responsable-e-commerce.yaml"


def require(*commands: str) -> None:
    """Fail (never skip) when a Debian tool is missing: `invoke install-tools` installs them."""
    missing = [c for c in commands if shutil.which(c) is None]
    if missing:
        pytest.fail(f"missing tools {missing}: run `invoke install-tools`", pytrace=False)


@pytest.fixture(scope="session")
def export_text() -> str:
    return EXPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def other_counts(sheet):
    """The sample with other counts: 4 themes, 2 hard skills, 2 levels, 1 salary band, 1 question."""
    from brochure.model.sheet import Sheet

    small = sheet.model_copy(deep=True)
    small.missions.themes = small.missions.themes[:4]
    small.hard_skills.items = small.hard_skills.items[:2]
    small.training.levels = small.training.levels[1:]
    small.training.entry_level = "Mastère"
    small.faq.items = small.faq.items[:1]
    small.salary.bands = small.salary.bands[:1]
    return Sheet.model_validate(small.model_dump())


def normalise(text: str) -> str:
    """Text compared across formats: NFC, ’ -> ', no guillemets, no spaces or hyphens, lower case."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("’", "'").replace("…", "...").replace("«", "").replace("»", "")
    return re.sub(r"[\s\-‐\u00a0\u202f]+", "", text).lower()


def content_items(sheet) -> list[str]:
    """The sheet's content items in brochure order: sections, bullets, names, scores, amounts, questions."""
    items = [sheet.title]
    items += [f"{d.score} %" for _, d in sheet.fulfilment.items()]
    for theme in sheet.missions.themes:
        items += [theme.title, *theme.bullets]
    items += [s.name for s in sheet.soft_skills.items]
    items += [f"{h.score} %" for h in sheet.hard_skills.items] + [h.name for h in sheet.hard_skills.items]
    items += [lv.name for lv in sheet.training.levels] + [str(lv.ects) for lv in sheet.training.levels]
    items += [p.name for p in sheet.experience.paths]
    for family in sheet.tools.families:
        items += [family.name, *family.tools]
    items += [c.name for c in sheet.constraints.items]
    for band in sheet.salary.bands:
        items += [f"{band.min:,}".replace(",", " "), f"{band.max:,}".replace(",", " ")]
    items += [q.question for q in sheet.faq.items]
    return items


def missing_in_order(items: list[str], text: str) -> list[str]:
    """The items not found in ``text`` (normalised) one after the other, in the given order."""
    haystack, position, missing = normalise(text), 0, []
    for item in items:
        found = haystack.find(normalise(item), position)
        if found < 0:
            missing.append(item)
        else:
            position = found
    return missing


# The web edition's sample site (tests/render/web/test_web*.py): three careers with every download built.
WEB_SCORES = {
    "alpha": {"quality_of_life": 80, "stimulation": 90, "career": 40},
    "beta": {"quality_of_life": 55, "stimulation": 65, "career": 85},
    "gamma": {"quality_of_life": 30, "stimulation": 75, "career": 60},
}


def web_sources(folder: Path) -> dict[str, dict]:
    """alpha, beta, gamma: the sample with other titles, scores and (gamma) entry level; beta's
    summary holds markup that must come out escaped."""
    from brochure.model import sources

    folder.mkdir(parents=True, exist_ok=True)
    base = sources.load(SOURCE)
    for slug, scores in WEB_SCORES.items():
        sheet = base.model_copy(deep=True)
        sheet.slug, sheet.title = slug, f"Métier {slug.capitalize()}"
        for key, score in scores.items():
            getattr(sheet.fulfilment, key).score = score
        if slug == "beta":
            sheet.summary = 'Un métier <script>alert("x")</script> & <b>gras</b>. Deuxième phrase.'
        if slug == "gamma":
            sheet.training.entry_level = "BTS"
        (folder / f"{slug}.yaml").write_text(sources.dumps(sheet), encoding="utf-8")
    return WEB_SCORES


@pytest.fixture(scope="session")
def web_site(renders: Renders) -> Path:
    """``output/`` of `invoke build --edition web` over the three careers: returns output/web/. Built
    once per run in the shared renders' folder (see below), the other worker waiting for it."""
    from brochure import commands
    from brochure.build import builder as build

    root = renders.folder / "web-site"
    with renders.lock("web-site"):
        if not (root / "built").exists():
            shutil.rmtree(root, ignore_errors=True)  # what a worker stopped half-way left
            web_sources(root / "sources")
            options = build.Options(formats=commands.targets((), ("web",)), jobs=1)  # the pool is not the subject
            summary = build.build((), options, folder=root / "sources", output=root / "output")
            assert summary.exit_code == 0, [r.failure for r in summary.results]
            (root / "built").touch()
    return root / "output" / "web"


# -- renders shared by the whole run -------------------------------------------------------------
# A render several test modules look at (the sample's editions above all: ~10-15 s of CPU each) is
# made once per run. The cache is a folder of the run's base temporary directory, which pytest-xdist's
# workers share (each worker's own basetemp is a subfolder of it): a worker takes the key's file lock
# (fcntl.flock), renders what is missing and writes it; the other worker, waiting on the same lock,
# then reads the files. A disk cache rather than xdist grouping (--dist loadgroup): the tests that look
# at the sample are spread over a dozen modules and stay spread over both workers.


class Renders:
    """Outputs of sheet jobs and other rendered bytes, each made once per run and shared by the workers."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.memory: dict[Path, bytes] = {}

    @contextlib.contextmanager
    def lock(self, key: str) -> Iterator[None]:
        """Held by one worker at a time: the other waits here, then finds what the first made."""
        import fcntl

        with open(self.folder / f"{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            yield

    def made(self, key: str, names: tuple[str, ...], make) -> dict[str, Path]:
        """``folder/<key>/<name>`` for each name: those missing made by ``make(missing names)`` (a dict
        name -> bytes), under the key's lock so that two workers never make the same file."""
        folder = self.folder / key
        wanted = {name: folder / name for name in names}
        if not all(path.exists() for path in wanted.values()):
            folder.mkdir(exist_ok=True)
            with self.lock(key):
                missing = tuple(name for name, path in wanted.items() if not path.exists())
                for name, data in (make(missing) if missing else {}).items():
                    temporary = folder / f".{name}.part"
                    temporary.unlink(missing_ok=True)  # left read-only by a worker stopped half-way
                    temporary.write_bytes(data)
                    temporary.chmod(0o444)  # read-only: a test that changes a shared file fails loudly
                    temporary.rename(folder / name)  # a file that exists is whole
        return wanted

    def read(self, path: Path) -> bytes:
        if path not in self.memory:
            self.memory[path] = path.read_bytes()
        return self.memory[path]

    def files(
        self,
        sheet,
        targets,
        lang: str = "fr",
        problems: int = 0,
        source: bytes | None = None,
        brand: str | None = None,
    ) -> dict[str, Path]:
        """The files of ``pipeline.sheet_outputs(sheet, problems, lang, targets, source, brand)``, keyed
        by what is rendered: the sheet's content, the language, the errors, the attached source, the brand."""
        import hashlib
        import os

        from brochure.build.job import SheetJob, prepared_sheet
        from brochure.model import sources
        from brochure.render import registry

        key = repr((sources.dumps(sheet), lang, problems, source, brand, os.environ.get("SOURCE_DATE_EPOCH")))
        digest = f"{sheet.slug}-{lang}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"
        names = {target: f"{target}.{registry.extension(target)}" for target in targets}
        by_name = {name: target for target, name in names.items()}

        def make(missing: tuple[str, ...]) -> dict[str, bytes]:
            job = SheetJob(prepared_sheet(sheet, problems, source), lang, brand)  # one job: presented, drawn once
            outputs = job.outputs([by_name[name] for name in missing])
            return {names[target]: data for target, data in outputs.items()}

        paths = self.made(digest, tuple(names.values()), make)
        return {target: paths[name] for target, name in names.items()}

    def outputs(self, sheet, targets, **kwargs) -> dict[str, bytes]:
        """Like ``pipeline.sheet_outputs(sheet, formats=targets, ...)``, made once per run."""
        return {target: self.read(path) for target, path in self.files(sheet, targets, **kwargs).items()}

    def sheet(self):
        """The sample sheet (a new copy: a test may change it)."""
        from brochure.model import sources

        return sources.load(SOURCE)

    def sample_files(self, *targets: str, lang: str = "fr") -> dict[str, Path]:
        """The sample sheet's outputs (its YAML file attached to the archive, as a build does)."""
        return self.files(self.sheet(), targets, lang=lang, source=SOURCE.read_bytes())

    def sample(self, *targets: str, lang: str = "fr") -> dict[str, bytes]:
        return {target: self.read(path) for target, path in self.sample_files(*targets, lang=lang).items()}

    def once_file(self, name: str, make) -> Path:
        """A file of the bytes ``make()`` returns, made once per run, under ``name`` (say what is rendered in it)."""
        return self.made("once", (name,), lambda _missing: {name: _bytes(make())})[name]


def _bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


SHARED: list[Renders] = []  # the run's Renders, once the fixture below has made it


@pytest.fixture(scope="session")
def renders(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Renders:
    """The run's shared renders: under the folder all xdist workers share (basetemp's parent, which is
    this run's own ``pytest-N``), or under basetemp itself without xdist (its parent holds other runs)."""
    base = tmp_path_factory.getbasetemp()
    SHARED.append(Renders((base.parent if worker_id != "master" else base) / "shared-renders"))
    return SHARED[0]


def shared() -> Renders:
    """The run's Renders for module-level helpers; their module says ``pytest.mark.usefixtures("renders")``."""
    assert SHARED, 'use the "renders" fixture (pytest.mark.usefixtures) before shared()'
    return SHARED[0]


# -- the edit loop: `invoke test --quick` leaves out the tests marked slow -----------------------
# Slow: a test (or a module's fixture) that renders beyond the shared renders above, starts a pool,
# fuzzes or benches; measured with `pytest --durations=0` (setup and call over ~3 s on a 2-core
# machine). Listed here, by module, rather than in each module, so that the modules stay as they are
# for the engineers who edit them; a name lists every parametrisation of the test, "*" the module.
EXTREMES = ("hard-skills-25", "faq-3000-words", "one-level-one-band-scores-0", "seven-levels-scores-100", "title-94")
EXTREMES += ("themes-40-bullets", "themes-1-bullet")  # tests/render/pdf/test_design_rules.py's extreme sheets
SLOW: dict[str, set[str]] = {
    "tests/build/test_build.py": {
        "test_unchanged_build_rebuilds_nothing",
        "test_editing_one_sheet_rebuilds_only_it",
        "test_altered_or_missing_output_is_rebuilt",
        "test_changing_a_layout_or_an_option_rebuilds_all",
        "test_a_broken_sheet_keeps_its_outputs_and_does_not_stop_the_others",
        "test_removed_sheets_are_pruned",
        "test_only_and_formats",
        "test_a_runaway_render_is_stopped",
        "test_same_bytes_whatever_the_number_of_workers",
        "test_noop_build_imports_neither_weasyprint_nor_matplotlib",
        "test_killed_build_leaves_no_torn_file",
    },
    "tests/build/test_faults.py": {"*"},
    "tests/build/test_merge.py": {"*"},
    "tests/build/test_perf.py": {
        "test_a_2000_character_address_wraps_inside_the_colophon_and_reads_whole",
        "test_the_archive_reuses_the_screen_pdf_s_layout_and_makes_the_same_bytes",
        "test_one_sheet_s_targets_on_two_workers_give_the_bytes_of_one",
        "test_a_noop_build_reads_no_output_whose_status_is_unchanged",
        "test_the_main_process_draws_each_task_s_charts_ahead_and_leaves_a_failure_to_the_worker",
    },
    "tests/build/test_watch.py": {
        "test_rebuild_round_writes_the_html_then_the_pdf_pages",
        "test_rebuild_round_of_only_some_sheets",
    },
    "tests/devtools/test_bench.py": {
        "test_small_bench_writes_every_figure",
        "test_the_scale_bench_s_child_builds_and_reports",
    },
    "tests/model/test_fuzz.py": {"*"},
    "tests/model/test_provenance.py": {
        "test_undated_pdf_prints_and_stamps_no_date",
        "test_undated_docx_holds_no_date",
        "test_dated_sheet_still_prints_its_revision",
    },
    "tests/model/test_spelling.py": {
        "test_a_sheet_knows_its_compounds_its_tools_and_job_titles",
        "test_build_spells_in_its_main_process",
        "test_lone_adjective_rule",
        "test_the_compound_rule_is_part_of_the_caches_key",
        "test_a_typo_makes_a_draft_and_a_project_word_does_not",
        "test_verdicts_are_cached_and_tied_to_the_dictionary",
        "test_hostile_text_is_checked_in_bounded_time",
        "test_a_compound_with_an_unknown_part_is_an_error_whose_suggestions_keep_the_prefix",
        "test_a_prefix_and_a_known_word_make_a_known_compound",
    },
    "tests/model/test_themes.py": {"test_full_export_with_another_intro"},
    "tests/present/test_brand.py": {
        "test_sample_brand_in_pdf_and_docx",
        "test_docx_tables_take_the_brand_colour",
        "test_svg_only_logo_reaches_the_docx_as_png",
        "test_png_logo_is_used_as_shipped",
        "test_charts_take_the_brand_colour",
        "test_any_accepted_accent_keeps_its_tint_apart_in_grayscale",
    },
    "tests/present/test_front.py": {
        *(  # the tests of the module's own extreme sheets (its fixture "built"), the sample's are quick
            f"{test}[{name}]"
            for name in ("hard25", "level1", "title94", "band1")
            for test in ("test_front_pages_are_full", "test_cover", "test_glance_page_answers_is_this_for_me")
            + ("test_glance_check_fails_on_the_missions_page", "test_summary_leaflet")
        ),
        "test_front_pages_are_full_without_an_address",
        "test_summary_sides_are_full_on_every_design_extreme",
        "test_few_themes_need_the_richer_levels",
        "test_cover_check_fails_on_a_broken_cover",
        "test_summary_check_fails_on_the_brochure",
        "test_summary_with_a_school_has_its_contact_block",
    },
    "tests/present/test_hostile.py": {
        "test_long_words_long_urls_and_a_thousand_bullets_render",
        "test_markup_is_shown_literally_and_reads_nothing",
        "test_editorial_errors_make_a_draft",
    },
    "tests/present/test_labels.py": {"test_english_labels_and_number_formats_in_pdf_and_docx"},
    "tests/present/test_plan.py": {
        "test_an_added_part_appears_in_every_writer_at_its_place",
        "test_without_the_part_the_mark_is_absent",
    },
    "tests/products/catalogue/test_catalogue.py": {"*"},
    "tests/products/pack/test_dossier.py": {
        "test_a_class_with_2_bad_rows_gives_the_other_packs_and_rebuilds_only_what_changed"
    },
    "tests/products/pack/test_pack.py": {"*"},
    "tests/render/docx/test_accessibility_docx.py": {"test_english_language"},
    "tests/render/docx/test_docx.py": {
        "test_parity_with_the_pdf",
        "test_two_builds_are_identical_with_fixed_zip_dates",
        "test_draft_is_marked_in_the_docx",
        "test_libreoffice_converts_it",
    },
    "tests/render/docx/test_docx_fonts.py": {
        "test_a_3000_word_answer_keeps_the_page_counts_close",
        "test_libreoffice_without_noto_shows_the_embedded_fonts",
        "test_libreoffice_pages_are_within_20_percent_of_the_pdf",
    },
    "tests/render/pdf/test_accessibility.py": {"*"},  # its fixture renders an extreme sheet and a catalogue
    "tests/render/pdf/test_design_rules.py": {
        *(f"test_rule_holds[{name}-*" for name in EXTREMES),
        "test_the_booklet_cover_holds_its_themes_and_qr_code[title-94-fr]",
    },
    "tests/render/pdf/test_editions.py": {
        "test_editions_are_reproducible",
        "test_drafts_are_marked_in_every_edition",
        "test_summary_is_two_pages",
    },
    "tests/render/pdf/test_layout.py": {"*"},
    "tests/render/pdf/test_pdf.py": {
        "test_draft_is_marked_on_every_page",
        "test_two_builds_are_identical",
        "test_other_counts_lay_out",
    },
    "tests/render/pdf/test_subsetting.py": {"*"},
    "tests/render/web/test_web_browser.py": {"*"},
}


def _slow(module: str, item: pytest.Item) -> bool:
    listed = SLOW.get(module, set())
    name = getattr(item, "originalname", item.name)
    return bool({"*", name, item.name} & listed) or any(
        entry.endswith("*") and item.name.startswith(entry[:-1]) for entry in listed
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _slow(item.nodeid.split("::", 1)[0], item):
            item.add_marker(pytest.mark.slow)
