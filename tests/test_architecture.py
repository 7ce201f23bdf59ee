"""The engine's shape, checked from its source: stages as subpackages, no import circle, one place
that names the targets. Each rule is shown failing on a small broken example."""

from __future__ import annotations

import ast
from pathlib import Path

from brochure.render import registry

PROJECT = Path(__file__).resolve().parent.parent
STAGES = ("core", "model", "present", "render", "build", "products")
TOP_LEVEL_MAX = 12


def modules(root: Path, packages: tuple[str, ...] = ("brochure", "charts")) -> dict[str, ast.Module]:
    """Each module's dotted name and its syntax tree."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"))
    return found


class _Imports(ast.NodeVisitor):
    """Every import of a module, those inside functions included, those under ``if TYPE_CHECKING:`` left out."""

    def __init__(self) -> None:
        self.nodes: list[ast.Import | ast.ImportFrom] = []

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == "TYPE_CHECKING":
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.nodes.append(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.nodes.append(node)


def import_graph(trees: dict[str, ast.Module]) -> dict[str, set[str]]:
    """module -> the modules of ``trees`` it imports (a package's name stands for its ``__init__``)."""

    def owner(name: str) -> str | None:
        while name and name not in trees:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, tree in trees.items():
        visitor = _Imports()
        visitor.visit(tree)
        edges = set()
        for node in visitor.nodes:
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                assert node.level == 0, f"{name}: relative import (the engine imports absolutely)"
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
            edges |= {found for target in targets if (found := owner(target)) and found != name}
        graph[name] = edges
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def target_comparisons(trees: dict[str, ast.Module], names: set[str]) -> dict[str, int]:
    """module -> how many comparisons (``==``, ``!=``, ``in``) it makes with a target's name as a literal."""

    def literals(node: ast.expr) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return []

    counts: dict[str, int] = {}
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                if any(set(literals(side)) & names for side in sides):
                    counts[name] = counts.get(name, 0) + 1
    return counts


def test_the_stages_are_subpackages_and_the_top_level_is_small() -> None:
    engine = PROJECT / "brochure"
    top = [p for p in engine.glob("*.py")]
    assert len(top) <= TOP_LEVEL_MAX, sorted(p.name for p in top)
    for stage in STAGES:
        assert (engine / stage / "__init__.py").is_file(), stage


def test_no_import_circle_in_the_engine_and_the_charts() -> None:
    assert circles(import_graph(modules(PROJECT))) == []


def test_a_circle_is_found_even_through_an_import_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "brochure").mkdir()
    (tmp_path / "brochure" / "__init__.py").write_text("")
    (tmp_path / "brochure" / "a.py").write_text("from brochure import b\n")
    (tmp_path / "brochure" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from brochure import c\n"
        "def late():\n    from brochure.a import thing\n"
    )
    (tmp_path / "brochure" / "c.py").write_text("from brochure import a\n")
    assert circles(import_graph(modules(tmp_path, ("brochure",)))) == [["brochure.a", "brochure.b"]]


def test_target_names_are_compared_in_one_module_at_most() -> None:
    counts = target_comparisons(modules(PROJECT), set(registry.names()))
    assert len(counts) <= 1, counts


def test_a_comparison_with_a_target_name_is_found() -> None:
    tree = ast.parse('def write(target):\n    if target == "docx":\n        pass\n    return t in ("print", "x")\n')
    assert target_comparisons({"m": tree}, {"docx", "print"}) == {"m": 2}
