"""The command line explains itself: one meaning per short flag, a placeholder for every value,
the README's task table in step with the tasks, clear errors on bad flags before any work."""

from __future__ import annotations

import importlib
import re
import subprocess

import pytest
from invoke import Collection
from invoke.parser import ParserContext

import tasks
from brochure import commands
from brochure.render import registry
from tests.conftest import PROJECT

# Every task as `invoke --help` sees it. Read once: invoke consumes a task's help texts as it reads
# its arguments, so the module is reloaded for tasks whose help no other test has read.
TASKS = Collection.from_module(importlib.reload(tasks)).to_contexts()
README = (PROJECT / "README.md").read_text(encoding="utf-8")
PLACEHOLDER = re.compile(r"[A-Z][A-Z0-9_/]*: ")  # how the help of a repeatable flag starts


def short_flags(tasks_: list[ParserContext]) -> dict[str, set[str]]:
    """Each short flag -> the long flags it stands for, over every task."""
    meanings: dict[str, set[str]] = {}
    for context in tasks_:
        for argument in context.args.values():
            long, *short = argument.names
            for letter in short:
                meanings.setdefault(letter, set()).add(long)
    return meanings


def without_placeholder(tasks_: list[ParserContext]) -> list[str]:
    """``task --flag`` for every flag that takes a value but whose --help shows no placeholder."""
    missing = []
    for context in tasks_:
        for argument in context.args.values():
            spec, text = context.help_for(f"--{argument.names[0]}")
            if argument.kind is not bool and "=" not in spec and not PLACEHOLDER.match(text):
                missing.append(f"{context.name} --{argument.names[0]}")
    return missing


def table_rows(readme: str) -> dict[str, str]:
    """Task name -> the first cell of its row in the README's task table."""
    rows = {}
    for line in readme.split("## Tasks", 1)[1].split("\n## ", 1)[0].splitlines():
        cell = re.split(r"(?<!\\)\|", line)[1:2]
        found = re.match(r"\s*`invoke ([a-z-]+)(.*)`\s*$", cell[0]) if cell else None
        if found:
            rows[found[1]] = found[2]
    return rows


def table_drift(tasks_: list[ParserContext], readme: str) -> list[str]:
    """What the README's task table leaves out or has too many, task by task."""
    rows = table_rows(readme)
    names = {context.name for context in tasks_}
    drift = [f"{name}: no row" for name in sorted(names - set(rows))]
    drift += [f"{name}: no such task" for name in sorted(set(rows) - names)]
    for context in tasks_:
        if context.name not in rows:
            continue
        listed = set(re.findall(r"--([a-z][a-z0-9-]*)", rows[context.name]))
        flags = {a.names[0] for a in context.args.values() if not a.positional}
        positional = [a.names[0] for a in context.args.values() if a.positional]
        drift += [f"{context.name}: --{name} missing" for name in sorted(flags - listed)]
        drift += [f"{context.name}: --{name} is no flag" for name in sorted(listed - flags)]
        drift += [f"{context.name}: {n.upper()} missing" for n in positional if n.upper() not in rows[context.name]]
    return drift


def broken_tasks() -> list[ParserContext]:
    """Two tasks where -s means two things and a repeatable flag has no placeholder."""
    from invoke import task

    @task(iterable=["sheet"], help={"sheet": "a sheet"})
    def check(c, sheet=None):
        pass

    @task
    def build(c, shard=""):
        pass

    return Collection(check, build).to_contexts()


def test_each_short_flag_means_one_long_flag_in_every_task() -> None:
    clashes = {letter: longs for letter, longs in short_flags(TASKS).items() if len(longs) > 1}
    assert clashes == {}
    assert short_flags(broken_tasks())["s"] == {"sheet", "shard"}  # the check sees a clash


def test_the_same_thing_has_the_same_name_everywhere() -> None:
    tasks_with_only = {c.name for c in TASKS if "only" in c.args}
    assert {"check", "build", "catalogue", "watch"} <= tasks_with_only
    assert not any("sheet" in c.args for c in TASKS)


def test_every_flag_that_takes_a_value_shows_a_placeholder() -> None:
    assert without_placeholder(TASKS) == []
    assert without_placeholder(broken_tasks()) == ["check --sheet"]


def test_help_of_build_as_printed() -> None:
    out = subprocess.run(["invoke", "--help", "build"], capture_output=True, text=True, cwd=PROJECT, check=True).stdout
    for spec in ("-j INT, --jobs=INT", "-t INT, --timeout=INT", "-m INT, --memory-mb=INT", "-s STRING, --shard=STRING"):
        assert spec in out
    assert re.search(r"-o, --only\s+SLUG: ", out) and re.search(r"-e, --edition\s+EDITION: ", out)


def test_readme_task_table_lists_every_flag_of_every_task() -> None:
    assert table_drift(TASKS, README) == []
    row = "| `invoke check [--only SLUG ...]` |"
    broken = README.replace(row, "| `invoke check [--sheet SLUG ...]` |")
    assert table_drift(TASKS, broken) == ["check: --only missing", "check: --sheet is no flag"]


def test_readme_short_flags_are_the_tasks_short_flags() -> None:
    listed = dict(re.findall(r"`-([a-z])` `--([a-z-]+)`", README))
    assert listed == {letter: min(longs) for letter, longs in short_flags(TASKS).items()}


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"jobs": 0}, "--jobs must be 1 or more, not 0"),
        ({"jobs": -2}, "--jobs must be 1 or more, not -2"),
        ({"timeout_s": 0}, "--timeout must be 1 or more, not 0"),
        ({"memory_mb": -1}, "--memory-mb must be 1 or more, not -1"),
        ({"editions": ["poster"]}, "unknown --edition poster"),
        ({"formats": ["print"]}, "unknown --format print"),
        ({"lang": "de"}, "unknown language 'de'"),
    ],
)
def test_bad_build_and_watch_flags_are_clear_errors_before_any_work(flags: dict, message: str, capsys) -> None:
    assert commands.build(**flags) == 2
    assert message in capsys.readouterr().err
    watch_flags = {k: v for k, v in flags.items() if k in ("jobs", "editions", "formats", "lang")}
    if watch_flags:
        assert commands.watch(**watch_flags) == 2  # the same parsing: never reaches the server
        assert message in capsys.readouterr().err


def test_catalogue_jobs_zero_is_a_clear_error(capsys) -> None:
    assert commands.catalogue(jobs=0) == 2
    assert "--jobs must be 1 or more, not 0" in capsys.readouterr().err


@pytest.mark.parametrize("run", [commands.build, commands.check, commands.watch, commands.catalogue])
def test_an_unknown_sheet_is_named_without_a_made_up_place(run, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    assert (run(only=["nope"]) if run is not commands.check else run(["nope"])) == 2
    assert capsys.readouterr().err.strip() == "no sheet named nope in sources/"


def test_an_unknown_sheet_file_is_named(capsys) -> None:
    assert commands.check(["missing/nope.yaml"]) == 2
    assert capsys.readouterr().err.strip() == "no sheet file missing/nope.yaml"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["build", "--only", "nope"], "no sheet named nope in sources/"),
        (["build", "-j", "0"], "--jobs must be 1 or more, not 0"),
        (["watch", "-o", "nope", "-e", "all", "-j", "1"], "no sheet named nope in sources/"),
        (["watch", "--edition", "poster"], "unknown --edition poster"),
        (["watch", "-l", "de"], "unknown language 'de'"),
        (["watch", "-b", "nope"], "no brand 'nope'"),
    ],
)
def test_invoke_reports_bad_flags_plainly(args: list[str], words: str) -> None:
    done = subprocess.run(["invoke", *args], capture_output=True, text=True, cwd=PROJECT)
    assert done.returncode == 2 and done.stderr.startswith(words)
    assert "Traceback" not in done.stderr and ":1:1" not in done.stderr


def test_edition_all_is_every_output() -> None:
    assert commands.targets((), ("all",)) == registry.names()
    assert {"pdf", "docx"} <= set(commands.targets((), ("all",)))
    assert commands.targets((), ("print",)) == ("print",)
    assert commands.targets(("docx",), ("booklet",)) == ("docx", "booklet")
    assert commands.targets((), ()) == registry.formats()


def test_watch_takes_the_build_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}

    def serve(port: int, options, only) -> None:
        seen.update(port=port, options=options, only=only)

    monkeypatch.setattr("brochure.build.watch.watch", serve)
    code = commands.watch(
        port=0, only=["responsable-e-commerce"], editions=["all"], lang="en", brand="lycee-exemple", jobs=1
    )
    assert code == 0
    options = seen["options"]
    assert (options.formats, options.lang, options.brand, options.jobs) == (registry.names(), "en", "lycee-exemple", 1)
    assert seen["only"] == ["responsable-e-commerce"]
