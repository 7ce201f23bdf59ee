"""The Target interface and its registry: adding a target is one class and one registry entry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from brochure import commands
from brochure.build import builder, fingerprint, pipeline
from brochure.build.job import prepared_sheet
from brochure.model import sources
from brochure.render import registry
from brochure.render.target import Job, Placement, Target
from tests.conftest import SOURCE


@dataclass(frozen=True)
class OutlineTarget(Target):
    """A toy target: the brochure's parts as a plain-text outline, from the same presentation."""

    def write(self, job: Job, frame: Placement | None = None) -> bytes:
        brochure = self.presented(job)
        lines = [brochure.sheet.title, *(f"- {part.label}" for part in brochure.plan)]
        return ("\n".join(lines) + "\n").encode("utf-8")


TOY = OutlineTarget("outline", extension="txt", cost=9)


@pytest.fixture()
def toy():
    registry.register(TOY)
    yield TOY
    registry.unregister(TOY.name)


def test_a_registered_target_is_built_by_the_sheet_job_and_known_to_every_command(toy, tmp_path: Path) -> None:
    sheet = sources.load(SOURCE)
    text = pipeline.sheet_outputs(sheet, formats=("outline",))["outline"].decode("utf-8")
    assert text.splitlines()[0] == sheet.title
    assert "- Missions" in text.splitlines()
    # what a build worker runs, with its result
    result = pipeline.run_job(prepared_sheet(sheet), ("outline", "docx"))
    assert not result.failure and set(result.outputs) == {"outline", "docx"}
    # the command line takes it as an edition, and `--edition all` includes it
    assert commands.targets((), ("outline",)) == ("outline",)
    assert "outline" in commands.targets((), ("all",))
    # the build names its file, schedules it first (its cost) and prunes it with its sheet
    assert builder.output_key("outline", "alpha") == "outline/alpha.txt"
    assert builder.tasks(["docx", "outline", "pdf"])[0] == ("outline",)
    (tmp_path / "output" / "outline").mkdir(parents=True)
    (tmp_path / "output" / "outline" / "gone.txt").write_text("x")
    (tmp_path / "sources").mkdir()
    removed = builder.prune(tmp_path / "sources", tmp_path / "output", fingerprint.Manifest.load(tmp_path / "m.json"))
    assert removed == ["outline/gone.txt"]


def test_an_unknown_target_is_refused_in_plain_words() -> None:
    with pytest.raises(registry.UnknownTarget):
        registry.get("outline")
    with pytest.raises(commands.UsageError, match="unknown --edition outline"):
        commands.targets((), ("outline",))


def test_targets_that_print_the_same_pages_share_one_task() -> None:
    assert registry.get("archive").pages == "pdf"
    assert builder.tasks(["pdf", "archive", "docx"]) == [("pdf", "archive"), ("docx",)]
    assert builder.tasks(["archive", "summary"]) == [("archive",), ("summary",)]  # without the PDF, alone


def test_a_web_page_links_only_to_targets_it_builds_with_it() -> None:
    wanted = set(commands.targets((), ("web",)))
    assert {"web", *registry.get("web").links_to} <= wanted
    assert all(registry.get(name) for name in registry.get("web").links_to)
