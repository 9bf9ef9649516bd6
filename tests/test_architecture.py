"""The rooms of src/journeymap and the arrows between them, read from the code with `ast`.

The README's architecture section draws these rooms; this test keeps the drawing true.
Every import of journeymap counts: at module level, inside functions and under
TYPE_CHECKING, because each one is a dependency a reader must follow and a circle a
refactoring can close.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "journeymap"

# Rooms from the top down. A room may import a room of a larger rank, never one of the
# same or a smaller rank, and every room may import `core` and `disk` (`disk` may use
# `core`; `core` imports nothing). Rooms on one line share a rank: they are peers that
# never import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__main__",),
    ("cli",),
    ("commands",),
    ("serve", "scaffold"),
    ("pages",),
    ("formats",),
    ("engine",),
    ("views",),
    ("gaps", "diff"),
    ("checks",),
    ("project",),
    ("refresh",),
    ("formatting", "loading"),
    ("yaml",),
    ("model",),
    ("disk",),
    ("core",),
)
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}
ANYONE_MAY_USE = ("core", "disk")
TOP_LEVEL_ALLOWED = {"__init__", "__main__"}
MAX_INNER_IMPORTS = 15
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module (a submodule when `from pkg import module`)
    line: int
    inner: bool  # made inside a function
    commented: bool  # the line says why (a trailing comment)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> Iterator[Import]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    yield from imports_in(path.read_text("utf-8"), module, package)


def imports_in(text: str, module: str, package: str) -> Iterator[Import]:
    """Every import of journeymap in `text`, wherever it is made."""
    lines = text.splitlines()
    tree = ast.parse(text)
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(sub) for sub in ast.walk(node) if sub is not node)
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            subs = [f"{origin}.{a.name}" for a in node.names if f"{origin}.{a.name}" in MODULES]
            names = subs or [origin]
        else:
            continue
        comment = "#" in lines[node.lineno - 1]
        for name in names:
            if name.split(".")[0] != "journeymap":
                continue
            target = _resolve(name)
            if target is not None and target != module:
                yield Import(module, target, node.lineno, id(node) in inside, comment)


GRAPH = [imp for module in MODULES for imp in imports_of(module)]


def room_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_room_has_a_rank() -> None:
    rooms = {room_of(m) for m in MODULES} - {"__init__"}
    assert rooms <= set(RANK), f"rooms the architecture does not place: {rooms - set(RANK)}"


def allowed(source: str, target: str) -> bool:
    """May room `source` import room `target`?"""
    if source == target or target == "__init__":
        return True
    if target in ANYONE_MAY_USE and source != "core":
        return True
    return RANK[target] > RANK[source]


def test_imports_run_down() -> None:
    upward = [
        f"{MODULES[imp.source].relative_to(SRC)}:{imp.line}: "
        f"{room_of(imp.source)} -> {room_of(imp.target)}"
        for imp in GRAPH
        if not allowed(room_of(imp.source), room_of(imp.target))
    ]
    assert not upward, "imports that run up or sideways:\n" + "\n".join(upward)


def test_no_import_circle() -> None:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for imp in GRAPH:
        edges[imp.source].add(imp.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                circles.append(sorted(part))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    assert not circles, "import circles:\n" + "\n".join(" <-> ".join(c) for c in circles)


def test_few_loose_modules() -> None:
    loose = {p.stem for p in PACKAGE.glob("*.py")} - TOP_LEVEL_ALLOWED
    assert len(loose) + len(TOP_LEVEL_ALLOWED) <= 8, f"modules outside a room: {sorted(loose)}"


def test_inner_imports_are_few_and_say_why() -> None:
    inner = [imp for imp in GRAPH if imp.inner]
    silent = [f"{MODULES[i.source].relative_to(SRC)}:{i.line}" for i in inner if not i.commented]
    assert not silent, "imports inside functions without a comment saying why:\n" + "\n".join(
        silent
    )
    lines = {(i.source, i.line) for i in inner}
    assert len(lines) <= MAX_INNER_IMPORTS, (
        f"{len(lines)} imports inside functions: {sorted(lines)}"
    )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_small(module: str) -> None:
    text = MODULES[module].read_text("utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES, f"{module}: {text.count(chr(10))} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{module}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_the_graph_sees_imports_of_every_kind() -> None:
    """The walker must see imports inside functions, under TYPE_CHECKING and relative
    ones, or the tests above could pass on a graph that is missing arrows."""
    text = (
        "from typing import TYPE_CHECKING\n"
        "from journeymap.core import diagnostics  # a module named in a from-import\n"
        "if TYPE_CHECKING:\n"
        "    from journeymap.model.journey import Journey\n"
        "def late() -> None:\n"
        "    from ..gaps import report\n"
        "import journeymap.disk.reading\n"
    )
    found = sorted(
        imports_in(text, "journeymap.views.sample", "journeymap.views"), key=lambda i: i.line
    )
    assert [(i.target, i.inner, i.commented) for i in found] == [
        ("journeymap.core.diagnostics", False, True),
        ("journeymap.model.journey", False, False),
        ("journeymap.gaps.report", True, False),
        ("journeymap.disk.reading", False, False),
    ]
    assert not allowed("model", "views") and allowed("views", "model")
    assert not allowed("gaps", "diff") and not allowed("core", "disk")
    assert allowed("model", "core") and allowed("yaml", "disk")
