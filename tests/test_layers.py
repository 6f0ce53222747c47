"""The import graph of src/beatwire: no circle, no import from a lower layer to a higher one.

Layers (DESIGN.md §2), lowest first; a module may import from its own folder and from:

    errors, model                      nothing of the package
    config, logs, taxonomy, data,      errors, model and each other
    http_client, llm_clients, llm_retry, retry,
    makers, signal_details (base)
    store                              base
    sources, analysis, signals,        base and store (not one another)
    newsroom, hooks (stages)
    web                                base, store, and the stage facts it renders
    jobs                               anything but cli
    cli                                anything

Every import counts, also one inside a function or under TYPE_CHECKING: a circle hidden
in a function is still a circle. A module's folder is its package; the first name after
`beatwire` is its area (`beatwire.store.records` is in store, `beatwire.config` in config).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
CORE = {"errors", "model"}
BASE = CORE | {
    "config", "logs", "taxonomy", "data", "http_client", "llm_clients", "llm_retry", "retry",
    "makers", "signal_details",
}  # fmt: skip
STAGES = {"sources", "analysis", "signals", "newsroom", "hooks"}
ALLOWED: dict[str, set[str]] = {
    **{area: set() for area in CORE},
    **{area: BASE for area in BASE - CORE},
    "store": BASE,
    **{area: BASE | {"store"} for area in STAGES},
    "web": BASE | {"store"},
    "jobs": BASE | {"store", "web"} | STAGES,
    "cli": BASE | {"store", "web", "jobs"} | STAGES,
}
# The stage modules whose facts the site renders (the methodology page lists the platforms
# and the verifier's tolerances and formula).
WEB_RENDERS = {
    "beatwire.sources.registry",
    "beatwire.newsroom.fidelity.numbers",
    "beatwire.newsroom.fidelity.report",
}
# Imports that break the layers today and need another engineer's area; empty it as they go.
KNOWN_VIOLATIONS: set[tuple[str, str]] = set()


def module_names() -> dict[str, Path]:
    """Return every module of the package by dotted name (a package by its folder's name)."""
    found = {}
    for path in sorted((SRC / "beatwire").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = module_names()


def known_module(name: str) -> str:
    """Return the deepest module of the package that `name` (a module or a name in one) is in."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports_of(name: str) -> Iterator[str]:
    """Yield the package's modules that module `name` imports, anywhere in its file."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, one level up per extra dot
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}".rstrip(".")
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target == "beatwire" or target.startswith("beatwire."):
                yield known_module(target)


GRAPH = {name: {target for target in imports_of(name) if target != name} for name in MODULES}


def area(name: str) -> str:
    """Return the first name after `beatwire` (the package itself is its own area)."""
    return name.split(".")[1] if "." in name else name


def folder(name: str) -> str:
    """Return the package a module is in (a package's own name for its __init__)."""
    return name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]


def circles() -> list[list[str]]:
    """Return the strongly connected groups of two or more modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(GRAPH[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for name in sorted(GRAPH):
        if name not in index:
            visit(name)
    return found


def test_the_graph_is_read() -> None:
    assert "beatwire.analysis.heads.linear" in GRAPH["beatwire.analysis.heads.stack"]
    assert "beatwire.errors" in GRAPH["beatwire.config"]


def test_no_module_imports_itself_through_others() -> None:
    assert circles() == []


def test_every_area_has_a_layer() -> None:
    assert sorted({area(name) for name in MODULES} - set(ALLOWED) - {"beatwire"}) == []


def test_no_import_goes_up_a_layer() -> None:
    upward = sorted(
        (name, target)
        for name, targets in GRAPH.items()
        for target in targets
        if area(name) != area(target)
        and area(target) not in ALLOWED.get(area(name), set())
        and not (area(name) == "web" and target in WEB_RENDERS)
    )
    assert [edge for edge in upward if edge not in KNOWN_VIOLATIONS] == []
    assert sorted(KNOWN_VIOLATIONS - set(upward)) == []  # a mended one leaves the list


def test_underscore_modules_are_imported_from_their_own_folder_only() -> None:
    # A module imported from another folder is public in practice: it gets a public name.
    crossing = sorted(
        (name, target)
        for name, targets in GRAPH.items()
        for target in targets
        if target.rpartition(".")[2].startswith("_")
        and MODULES[target].name != "__init__.py"
        and folder(target) != folder(name)
    )
    assert crossing == []
