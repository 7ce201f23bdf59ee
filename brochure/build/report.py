"""What a build shows: a progress bar with each sheet's status, and a summary table."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from brochure.build.pipeline import JobResult

console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
STYLES = {"built": "green", "draft": "yellow", "failed": "red", "unchanged": "dim"}


def seconds(result: JobResult) -> str:
    """The time a sheet took, as the summary shows it ("?" when its worker died without saying)."""
    return "?" if result.seconds is None else f"{result.seconds:.2f}"


def status(result: JobResult) -> str:
    if result.failure:
        return "failed"
    return "draft" if result.errors else "built"


@dataclass
class Summary:
    """The outcome of one build."""

    results: list[JobResult] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    start: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def add(self, result: JobResult) -> None:
        self.results.append(result)

    def count(self, name: str) -> int:
        if name == "unchanged":
            return len(self.unchanged)
        return sum(status(r) == name for r in self.results)

    @property
    def rebuilt(self) -> list[str]:
        return [r.slug for r in self.results if not r.failure]

    @property
    def exit_code(self) -> int:
        return 1 if self.count("failed") else 0

    def table(self, title: str = "Build summary", item: str = "sheet") -> Table:
        table = Table(title=title, show_lines=False)
        for column in (item, "status", "seconds", "message"):
            table.add_column(column, justify="right" if column == "seconds" else "left")
        for result in sorted(self.results, key=lambda r: r.slug):
            name = status(result)
            message = result.failure or (f"{result.errors} editorial error(s): BROUILLON" if result.errors else "")
            table.add_row(
                result.slug,
                name,
                seconds(result),
                message.splitlines()[0] if message else "",
                style=STYLES[name],
            )
        totals = ", ".join(f"{self.count(n)} {n}" for n in ("built", "draft", "unchanged", "failed"))
        table.caption = f"{totals}; {len(self.pruned)} pruned; {self.seconds:.2f} s"
        return table


def _bar(label: str, disable: bool = False) -> Progress:
    """The project's progress bar on stderr (``label`` may name the task's description), gone when done."""
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=console, transient=True, disable=disable)


@contextmanager
def progress(total: int) -> Iterator[Callable[[JobResult], None]]:
    """A progress bar; the callback prints each finished sheet above it, and each notice the
    workers send back once (all workers of a build send the same ones)."""
    with _bar("building", disable=total == 0) as bar:
        task = bar.add_task("sheets", total=total)
        shown: set[str] = set()

        def advance(result: JobResult) -> None:
            name = status(result)
            bar.console.print(f"{name:>7}  {result.slug}  {seconds(result)} s", style=STYLES[name])
            if result.failure:
                bar.console.print(result.failure, style="red")
            for notice in [n for n in result.notices if n not in shown]:
                bar.console.print(f"   note  {notice}", style="yellow")
                shown.add(notice)
            bar.advance(task)

        yield advance


Stage = Callable[[str, int, int], None]


@contextmanager
def stages() -> Iterator[Stage]:
    """A progress bar for work done in stages: ``callback(stage, done, total)``."""
    with _bar("{task.description:<12}") as bar:
        tasks: dict[str, object] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield advance
