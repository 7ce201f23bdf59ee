"""`invoke build`: incremental, parallel, safe, observable; selection and sharding."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brochure.build import builder as build
from brochure.build import fingerprint
from tests.conftest import PROJECT, SOURCE

FAST = build.Options(formats=("docx",), jobs=1)  # DOCX renders in under a second; one worker (see test_perf)


def make_sources(folder: Path, slugs: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    text = SOURCE.read_text(encoding="utf-8")
    paths = []
    for slug in slugs:
        path = folder / f"{slug}.yaml"
        path.write_text(text.replace("slug: responsable-e-commerce", f"slug: {slug}"), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture()
def tree(tmp_path: Path) -> tuple[Path, Path]:
    sources_dir, output = tmp_path / "sources", tmp_path / "output"
    make_sources(sources_dir, ["alpha", "beta"])
    return sources_dir, output


def run(tree: tuple[Path, Path], options: build.Options = FAST, only=(), shard=None) -> build.report.Summary:
    return build.build(only, options, folder=tree[0], output=tree[1], shard_spec=shard)


def test_unchanged_build_rebuilds_nothing(tree) -> None:
    first = run(tree)
    assert sorted(first.rebuilt) == ["alpha", "beta"] and first.exit_code == 0
    again = run(tree)
    assert again.rebuilt == [] and sorted(again.unchanged) == ["alpha", "beta"]


def test_editing_one_sheet_rebuilds_only_it(tree) -> None:
    run(tree)
    path = tree[0] / "beta.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("développe et pilote", "développe, pilote", 1), "utf-8")
    assert run(tree).rebuilt == ["beta"]


def test_altered_or_missing_output_is_rebuilt(tree) -> None:
    run(tree)
    (tree[1] / "docx" / "alpha.docx").write_bytes(b"tampered")
    (tree[1] / "docx" / "beta.docx").unlink()
    assert sorted(run(tree).rebuilt) == ["alpha", "beta"]


def test_changing_a_layout_or_an_option_rebuilds_all(tree, monkeypatch: pytest.MonkeyPatch) -> None:
    run(tree)
    monkeypatch.setattr(fingerprint, "environment", lambda: "another layout")
    assert sorted(run(tree).rebuilt) == ["alpha", "beta"]
    options = build.Options().key()
    assert fingerprint.inputs(b"sheet", "pdf", options) != fingerprint.inputs(
        b"sheet", "pdf", {**options, "lang": "en"}
    )
    assert fingerprint.inputs(b"sheet", "pdf", options) != fingerprint.inputs(b"sheet", "docx", options)


def test_layout_digest_follows_the_files(tmp_path: Path) -> None:
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "a.css").write_text("p { color: red }")
    before = fingerprint._tree(tmp_path / "layouts")
    (tmp_path / "layouts" / "a.css").write_text("p { color: blue }")
    assert fingerprint._tree(tmp_path / "layouts") != before


def test_a_broken_sheet_keeps_its_outputs_and_does_not_stop_the_others(tree) -> None:
    run(tree)
    good = (tree[1] / "docx" / "alpha.docx").read_bytes()
    (tree[0] / "alpha.yaml").write_text("title: [broken\n", encoding="utf-8")
    beta = tree[0] / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("développe et pilote", "développe, pilote", 1), "utf-8")
    summary = run(tree)
    assert summary.exit_code == 1 and summary.rebuilt == ["beta"]
    failed = [r for r in summary.results if r.failure]
    assert failed[0].slug == "alpha" and "alpha.yaml:2:1: error: invalid YAML" in failed[0].failure
    assert (tree[1] / "docx" / "alpha.docx").read_bytes() == good


def test_shards_cover_every_sheet_once(tmp_path: Path) -> None:
    paths = [tmp_path / f"sheet-{i}.yaml" for i in range(40)]
    parts = [build.shard(paths, f"{i}/3") for i in (1, 2, 3)]
    assert sorted(p for part in parts for p in part) == sorted(paths)
    assert all(parts) and sum(len(part) for part in parts) == len(paths)
    assert build.shard(paths, "2/3") == parts[1]  # deterministic
    with pytest.raises(build.BuildError):
        build.shard(paths, "4/3")


def test_removed_sheets_are_pruned(tree) -> None:
    run(tree)
    (tree[0] / "beta.yaml").unlink()
    summary = run(tree)
    assert summary.pruned == ["docx/beta.docx"] and not (tree[1] / "docx" / "beta.docx").exists()


def test_only_and_formats(tree) -> None:
    summary = run(tree, build.Options(formats=("docx",), jobs=1), only=["beta"])
    assert summary.rebuilt == ["beta"] and not (tree[1] / "pdf").exists()


def test_a_runaway_render_is_stopped(tree) -> None:
    summary = run(tree, build.Options(formats=("docx",), jobs=2, timeout_s=0.05))
    assert summary.exit_code == 1
    assert all("longer than 0.05 s" in r.failure for r in summary.results)
    assert [r.seconds for r in summary.results] == [0.05, 0.05]  # stopped after the time it was given


def test_a_failed_render_shows_the_seconds_it_took(tree) -> None:
    summary = run(tree, build.Options(formats=("docx",), jobs=1, brand="no-such-brand"), only=["alpha"])
    (result,) = summary.results
    assert result.failure.startswith("BrandError: no brand 'no-such-brand'")
    assert result.seconds > 0  # the sheet was read and checked before the render failed
    assert build.report.seconds(result) == f"{result.seconds:.2f}"
    assert build.report.seconds(build.pipeline.JobResult("lost", failure="died", seconds=None)) == "?"


def test_two_builds_cannot_run_at_once(tree) -> None:
    with build.lock(tree[1]), pytest.raises(build.BuildError, match="another build"):
        run(tree)


def test_same_bytes_whatever_the_number_of_workers(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    make_sources(folder, ["alpha", "beta", "gamma"])
    one = build.build((), build.Options(formats=("docx",), jobs=1), folder=folder, output=tmp_path / "one")
    two = build.build((), build.Options(formats=("docx",), jobs=3), folder=folder, output=tmp_path / "two")
    assert one.exit_code == two.exit_code == 0
    for slug in ("alpha", "beta", "gamma"):
        assert (tmp_path / "one/docx" / f"{slug}.docx").read_bytes() == (
            tmp_path / "two/docx" / f"{slug}.docx"
        ).read_bytes()


SCRIPT = """
import sys
from pathlib import Path
from brochure.build import builder as build
summary = build.build((), build.Options(formats=("docx",), jobs=1), folder=Path(sys.argv[1]), output=Path(sys.argv[2]))
print(sorted(summary.rebuilt), "weasyprint" in sys.modules, "matplotlib" in sys.modules)
"""


def test_noop_build_imports_neither_weasyprint_nor_matplotlib(tree) -> None:
    run(tree)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, *map(str, tree)], capture_output=True, text=True, cwd=PROJECT, check=True
    ).stdout
    assert out.strip() == "[] False False"


def test_killed_build_leaves_no_torn_file(tree) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, *map(str, tree)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(2.5)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for path in tree[1].rglob("*"):
        if path.is_file() and path.suffix in (".docx", ".pdf"):
            assert path.stat().st_size > 0 and not path.name.startswith(".tmp-")
    summary = run(tree)  # recovers: leftover temp files cleaned, missing outputs built
    assert summary.exit_code == 0
    assert not list(tree[1].rglob(".tmp-*"))
    assert sorted(p.name for p in (tree[1] / "docx").iterdir()) == ["alpha.docx", "beta.docx"]
