"""What decides a rebuild: the developer tools are not in it, and every library that writes into an output is."""

from __future__ import annotations

import ast
import shutil
import sys
from importlib import metadata
from pathlib import Path

import pytest

from brochure.build import fingerprint
from brochure.core import paths
from tests.conftest import PROJECT

# Libraries the engine imports that never put anything into an output: the process pool, the
# terminal display, the file watcher.
NOT_IN_OUTPUTS = {"pebble", "rich", "watchfiles"}


def _third_party_imports(files: list[Path]) -> set[str]:
    distributions = metadata.packages_distributions()
    found = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("brochure", "charts"):
                    found.update(d.lower().replace("_", "-") for d in distributions[top])
    return found


def _engine_files() -> list[Path]:
    files = [*(PROJECT / "brochure").rglob("*.py"), *(PROJECT / "charts").rglob("*.py")]
    return [f for f in files if not f.is_relative_to(fingerprint.DEVTOOLS)]


def test_the_digest_names_every_library_the_writing_code_imports() -> None:
    imported = _third_party_imports(_engine_files()) - NOT_IN_OUTPUTS
    assert imported == set(fingerprint.LIBRARIES)
    assert "pypdf" in imported  # the booklet's imposition


def test_the_engine_never_imports_the_developer_tools() -> None:
    for path in _engine_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "devtools" not in (node.module or ""), f"{path.name} imports the developer tools"
                assert all(a.name != "devtools" for a in node.names), f"{path.name} imports the developer tools"


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The engine, charts and a small layouts folder in a temporary project the digest reads instead."""
    copy = tmp_path / "project"
    for name in ("brochure", "charts"):
        shutil.copytree(PROJECT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "layouts").mkdir()
    (copy / "layouts" / "brochure.css").write_text("body {}\n")
    (copy / "sources").mkdir()
    monkeypatch.setattr(paths, "PROJECT", copy)
    monkeypatch.setattr(paths, "LAYOUTS", copy / "layouts")
    monkeypatch.setattr(paths, "CHARTS", copy / "charts")
    monkeypatch.setattr(paths, "SOURCES", copy / "sources")
    monkeypatch.setattr(fingerprint, "DEVTOOLS", copy / "brochure" / "devtools")
    fingerprint.environment.cache_clear()
    yield copy
    fingerprint.environment.cache_clear()


def _edited(path: Path) -> str:
    path.write_text(path.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    fingerprint.environment.cache_clear()
    return fingerprint.environment()


def test_editing_a_developer_tool_rebuilds_nothing(project_copy: Path) -> None:
    before = fingerprint.environment()
    for tool in ("bench.py", "golden.py", "doctor.py", "tools.py"):
        assert _edited(project_copy / "brochure" / "devtools" / tool) == before, tool
    assert _edited(project_copy / "brochure" / "render" / "pdf" / "writer.py") != before  # an engine edit does rebuild


def test_editing_a_word_of_a_catalogue_rebuilds(project_copy: Path) -> None:
    shutil.copytree(PROJECT / "layouts" / "locale", project_copy / "layouts" / "locale")
    before = fingerprint.environment()
    catalogue = project_copy / "layouts" / "locale" / "fr" / "LC_MESSAGES" / "brochure.po"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('msgstr "L’essentiel"', 'msgstr "L’essentiel du métier"'), encoding="utf-8")
    fingerprint.environment.cache_clear()
    assert text != catalogue.read_text(encoding="utf-8")
    assert fingerprint.environment() != before
