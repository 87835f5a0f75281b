"""The house as docs/architecture.md describes it: the tree lists every module there is, the layers
import only downwards, and no module imports one that imports it back (not even for type checking)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "piassist"
ENTRY = re.compile(r"^(?P<indent> *)(?P<name>[\w.]+/|[\w.]+\.py)(?:\s|$)")


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def documented_tree() -> set[str]:
    """The files the tree in docs/architecture.md names, with each folder's __init__.py."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("## The tree", 1)[1].split("```", 2)[1]
    files: set[str] = set()
    folders: list[str] = []  # the folder at each depth
    for line in block.splitlines():
        entry = ENTRY.match(line)
        if entry is None:
            continue  # a description's second line
        depth, name = len(entry["indent"]) // 2, entry["name"]
        path = "/".join([*folders[:depth], name.rstrip("/")])
        if name.endswith("/"):
            folders[depth:] = [name.rstrip("/")]
            files.add(f"{path}/__init__.py")
        else:
            files.add(path)
    return files


def test_the_documented_tree_is_the_tree() -> None:
    actual = {str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")}
    documented = documented_tree()
    assert sorted(documented - actual) == [], "docs/architecture.md names modules that do not exist"
    assert sorted(actual - documented) == [], "docs/architecture.md leaves these modules out"


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The project's modules a module imports anywhere: at the top, under TYPE_CHECKING, in a function."""
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package, one level up per dot after the first
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], base])
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            module = target
            while module and module not in known:
                module = module.rpartition(".")[0]
            if module:
                found.add(module)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph = {name: imports(path, known) for name, path in known.items()}
    for name, targets in graph.items():  # importing a module runs its packages' __init__ too; they are empty
        targets.discard(name)
        targets.difference_update(p for p in known if name.startswith(p + "."))
    return graph


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = import_graph()
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target] if target in path else [name, target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


LAYERS = {
    "piassist.core": ("piassist.services", "piassist.ui", "piassist.app", "PySide6"),
    "piassist.services": ("piassist.ui", "piassist.app"),
    "piassist.ui": ("piassist.app",),
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_each_layer_imports_only_downwards(layer: str) -> None:
    forbidden = LAYERS[layer]
    wrong = []
    for path in (PACKAGE / layer.split(".")[1]).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            wrong += [
                f"{path.relative_to(ROOT)}: {name}"
                for name in names
                if any(name == f or name.startswith(f + ".") for f in forbidden)
            ]
    assert wrong == []


LONGEST = 400  # lines: a module that passes it has two concerns (docs/architecture.md)


def test_no_module_passes_400_lines() -> None:
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in lengths.items() if n > LONGEST} == {}
    assert max(lengths.values()) > LONGEST // 2  # the count itself works: the package has long modules
