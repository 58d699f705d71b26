"""The plan of the house holds (docs/layout.md): one package per side, and the walls between them.

Read from the source with `ast`, as the imports are written (at module level, in functions, and
under TYPE_CHECKING alike): a wall that only holds at run time is not a wall a reader can see.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "portscraper"

# What each side may not import (prefixes of module names).
WALLS = {
    "extract": ("scrapy", "twisted", "datasette", "portscraper.settings", "portscraper.crawl",
                "portscraper.runs", "portscraper.archive", "portscraper.webarchive",
                "portscraper.room", "portscraper.cli"),
    "archive": ("scrapy", "twisted", "datasette", "portscraper.settings", "portscraper.crawl",
                "portscraper.runs", "portscraper.webarchive", "portscraper.room",
                "portscraper.cli"),
    "webarchive": ("scrapy", "twisted", "datasette", "portscraper.settings",
                   "portscraper.crawl", "portscraper.runs", "portscraper.room",
                   "portscraper.cli"),
    "room": ("scrapy", "twisted", "portscraper.settings", "portscraper.crawl", "portscraper.runs",
             "portscraper.webarchive", "portscraper.cli"),
    "sites": ("scrapy", "twisted", "datasette", "portscraper.settings", "portscraper.crawl",
              "portscraper.archive", "portscraper.webarchive", "portscraper.room",
              "portscraper.cli"),
}
SIDES = ("crawl", "runs", "extract", "archive", "webarchive", "room", "sites", "replica")


def module_name(path: Path, root: Path = PACKAGE.parent) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = PACKAGE.parent) -> set[str]:
    """The modules `path` imports, relative imports resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from portscraper.archive import search` imports the module search too.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def modules() -> dict[str, set[str]]:
    return {module_name(path): imports(path) for path in PACKAGE.rglob("*.py")}


def test_the_top_of_the_package_holds_only_settings_command_line_and_sides():
    top = {p.name for p in PACKAGE.iterdir() if not p.name.startswith((".", "__pycache__"))}
    assert top == {"__init__.py", "settings.py", "cli.py", *SIDES}


@pytest.mark.parametrize("side", sorted(WALLS))
def test_a_side_imports_nothing_beyond_its_walls(side):
    broken = sorted(f"{module} imports {name}"
                    for module, names in modules().items()
                    if module.startswith(f"portscraper.{side}.") or module == f"portscraper.{side}"
                    for name in names
                    if any(name == wall or name.startswith(wall + ".") for wall in WALLS[side]))
    assert broken == []


def test_no_module_imports_itself_round_a_circle():
    graph = {module: {name for name in names if name in modules_set}
             for modules_set in [set(modules())] for module, names in modules().items()}
    circles = []
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph[module]):
            if name == module:
                continue
            # A package's __init__ naming its own modules is no circle.
            if module == name.rpartition(".")[0] and (PACKAGE.parent / module.replace(
                    ".", "/") / "__init__.py").exists():
                continue
            if state.get(name) == 1:
                circles.append(" -> ".join([*path[path.index(name):], name]))
            elif name not in state:
                visit(name, [*path, name])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_reader_of_imports_sees_every_form(tmp_path):
    """The checker itself: plain, dotted, relative and function-level imports are all seen."""
    fake = tmp_path / "portscraper" / "extract"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("import scrapy.http\nfrom ..settings import X\n"
                                 "from . import page\ndef f():\n    import twisted\n")
    assert imports(fake / "bad.py", tmp_path) == {
        "scrapy.http", "portscraper.settings", "portscraper.settings.X", "portscraper.extract",
        "portscraper.extract.page", "twisted"}
