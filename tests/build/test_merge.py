"""`invoke merge`: shard builds merged into one output folder, byte for byte a single build's."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure import commands
from brochure.build import builder as build
from brochure.build import merge
from tests.build.test_build import FAST, make_sources

SLUGS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], Path]:
    root = tmp_path_factory.mktemp("merge")
    folder = root / "sources"
    make_sources(folder, SLUGS)
    outs = [root / f"shard-{i}" for i in (1, 2, 3)]
    for index, out in enumerate(outs, start=1):
        assert build.build((), FAST, folder=folder, output=out, shard_spec=f"{index}/3").exit_code == 0
    assert build.build((), FAST, folder=folder, output=root / "single").exit_code == 0
    return folder, outs, root / "single"


def test_three_shards_merge_into_the_files_and_bytes_of_one_build(shards, tmp_path: Path) -> None:
    folder, outs, single = shards
    assert all(len(list((out / "docx").glob("*.docx"))) < len(SLUGS) for out in outs)  # each holds a part
    assert commands.merge(",".join(map(str, outs)), tmp_path / "merged") == 0
    merged, expected = tree(tmp_path / "merged"), tree(single)
    assert sorted(merged) == sorted(expected) and ".build/manifest.json" in merged
    assert merged == expected
    summary = build.build((), FAST, folder=folder, output=tmp_path / "merged")
    assert summary.rebuilt == [] and sorted(summary.unchanged) == sorted(SLUGS)


def test_a_glob_names_the_shards(shards, tmp_path: Path) -> None:
    _, outs, single = shards
    assert commands.merge(str(outs[0].parent / "shard-*"), tmp_path / "merged") == 0
    assert tree(tmp_path / "merged") == tree(single)


def test_a_damaged_shard_is_refused_before_anything_is_copied(shards, tmp_path: Path) -> None:
    _, outs, _ = shards
    broken = tmp_path / "broken"
    for relative, data in tree(outs[1]).items():
        (broken / relative).parent.mkdir(parents=True, exist_ok=True)
        (broken / relative).write_bytes(data)
    victim = next((broken / "docx").glob("*.docx"))
    victim.write_bytes(b"not a docx")
    with pytest.raises(merge.MergeError, match=f"{victim.name}: missing, or not the bytes its build wrote"):
        merge.merge([outs[0], broken], tmp_path / "merged")
    assert not (tmp_path / "merged" / "docx").exists()


def test_shards_that_disagree_are_refused(shards, tmp_path: Path) -> None:
    _, outs, _ = shards
    other = tmp_path / "other"
    for relative, data in tree(outs[0]).items():
        (other / relative).parent.mkdir(parents=True, exist_ok=True)
        (other / relative).write_bytes(data)
    manifest = other / ".build" / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"inputs": "', '"inputs": "0', 1))
    with pytest.raises(merge.MergeError, match="built differently"):
        merge.merge([outs[0], other], tmp_path / "merged")
    assert commands.merge(str(tmp_path / "nowhere"), tmp_path / "merged") == 2
