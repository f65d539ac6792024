"""The package's shape: no import cycle between its modules, no module past ~600 lines.

Issue 16: ``cli.py`` and ``cli_map.py`` imported each other (one import placed
after the definitions it needed). A cycle is found here by reading every
module's imports (ast, nothing is imported), so it fails before anyone has to
order imports by hand again.
"""

from __future__ import annotations

import ast
from pathlib import Path

import entente

PACKAGE = Path(entente.__file__).parent
# The layers issue 16 rewrote; the older stage modules are split by their owners.
SPLIT_LAYERS = ("query", "cli", "web", "export.py", "vocabulary.py")
MAX_MODULE_LINES = 600


def _module_name(path: Path) -> str:
    parts = ["entente", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _imports(name: str, path: Path, known: set[str], lazy: bool = True) -> set[str]:
    """The entente modules ``name`` imports: at import time, and inside its functions if ``lazy``."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if (isinstance(node, ast.If) and _is_type_checking(node))
        or (not lazy and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))
        for n in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                # `from entente.cli import base` names a module; `from x import f` a name in x
                target = f"{base}.{alias.name}"
                found.add(target if target in known else base)
    return {m for m in found if m in known and m != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_imports_find_a_cycle_when_there_is_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_imports_no_cycle_between_the_package_modules_at_import_time() -> None:
    modules = _modules()
    known = set(modules)
    graph = {name: _imports(name, path, known, lazy=False) for name, path in modules.items()}
    assert graph["entente.cli"] >= {"entente.cli.map", "entente.cli.base"}
    assert _cycles(graph) == []


def test_imports_no_cycle_through_query_cli_or_web_even_inside_functions() -> None:
    """A function-level import hides a cycle from Python, not from a reader."""
    modules = _modules()
    known = set(modules)
    graph = {name: _imports(name, path, known) for name, path in modules.items()}
    layers = tuple(f"entente.{layer.removesuffix('.py')}" for layer in SPLIT_LAYERS)
    assert [c for c in _cycles(graph) if any(m.startswith(layers) for m in c)] == []


def test_imports_query_cli_and_web_modules_stay_under_600_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if str(path.relative_to(PACKAGE)).startswith(SPLIT_LAYERS)
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}
