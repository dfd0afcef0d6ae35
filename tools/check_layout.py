"""The layout rules of docs/architecture.md, checked: no import cycles among itareport's modules
(imports inside functions counted), no module over 500 lines, and the module table true of the
tree (every module has its line, every line names a module that exists). Prints the problems; exit 1."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "itareport"
MAX_LINES = 500
ARCHITECTURE = PACKAGE.parents[1] / "docs" / "architecture.md"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str) -> set[str]:
    """Every itareport module this file imports, at any depth of the file."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("itareport"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("itareport"))
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges = {}
    for name, path in files.items():
        edges[name] = {t for t in imports_of(path, name) if t in files and t != name}
        edges[name] -= {t for t in edges[name] if name.startswith(t + ".")}  # a package's own __init__
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def problems() -> list[str]:
    out = [" -> ".join(cycle) + ": import cycle" for cycle in cycles(graph())]
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            out.append(f"{path.relative_to(PACKAGE.parents[1])}: {lines} lines, more than {MAX_LINES}")
    return out + undocumented()


def table_rows(text: str) -> list[tuple[list[str], list[str]]]:
    """The module table's rows: the names in the first cell, the backticked words in the second."""
    rows = []
    for line in text.splitlines():
        cells = line.split(" | ", 1)
        if line.startswith("| `") and len(cells) == 2:
            rows.append((re.findall(r"`([^`]+)`", cells[0]), re.findall(r"`([^`]+)`", cells[1])))
    return rows


def undocumented(text: str | None = None) -> list[str]:
    """Modules without their line in docs/architecture.md, and lines naming what does not exist.

    A module of the package's top level is named by its file (`cli.py`); a subpackage either by
    its folder (`update/`), whose line then names each of its modules (`tree.py` or `tree`), or by
    each of its files (`render/docx.py`)."""
    rows = table_rows(ARCHITECTURE.read_text(encoding="utf-8") if text is None else text)
    named = {name: words for names, words in rows for name in names}
    out = [f"docs/architecture.md: `{name}` names nothing in src/itareport" for name in named
           if not (PACKAGE / name).exists()]
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if path.stem == "__init__" or relative.as_posix() == "__main__.py":
            continue
        if relative.as_posix() in named:
            continue
        folder = relative.parts[0] + "/"
        if len(relative.parts) > 1 and folder in named and (
                {path.name, path.stem, relative.as_posix()} & set(named[folder])):
            continue
        out.append(f"{relative.as_posix()}: no line in docs/architecture.md's module table")
    return out


if __name__ == "__main__":
    found = problems()
    print("\n".join(found) or "layout OK: no import cycles, no module over 500 lines, "
          "every module in docs/architecture.md")
    sys.exit(1 if found else 0)
