"""The layout the README's "Architecture" section describes, checked on the import graph
(grimp, the graph import-linter is built on; the layer contracts themselves are in
pyproject.toml and run by `lint-imports` in .ci/run): no import cycles between modules,
function-level and `TYPE_CHECKING` imports included; no module importing its own package
(whose lazy exports would hide an import that runs back up); every module given a layer
in the contracts, and named in the README."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest

from tests.conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PACKAGE = ROOT / "src" / "articlelint"


def _graph(package: str) -> dict[str, set[str]]:
    graph = grimp.build_graph(package, cache_dir=None)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The import cycles of ``edges`` (importer -> imported): its strongly connected
    components of more than one module, each sorted (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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
    return sorted(found)


def _described(package: str, components: list[list[str]]) -> str:
    graph = grimp.build_graph(package, cache_dir=None)
    lines = []
    for component in components:
        lines.append("cycle: " + ", ".join(component))
        members = set(component)
        for importer in component:
            for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    lines.append(
                        f"  {importer} -> {imported} (line {detail['line_number']}: "
                        f"{detail['line_contents'].strip()})"
                    )
    return "\n".join(lines)


def test_there_are_no_import_cycles() -> None:
    found = cycles(_graph("articlelint"))
    assert not found, _described("articlelint", found)


def test_the_cycle_check_sees_function_level_and_type_checking_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from cyclic import b\n")
    (package / "b.py").write_text(
        textwrap.dedent(
            """\
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from cyclic.c import C
            """
        )
    )
    (package / "c.py").write_text("import cyclic.a\n")
    (package / "d.py").write_text("import cyclic.a\n")  # imports into the cycle, not in it
    monkeypatch.syspath_prepend(str(tmp_path))
    found = cycles(_graph("cyclic"))
    assert found == [["cyclic.a", "cyclic.b", "cyclic.c"]]
    described = _described("cyclic", found)
    assert "  cyclic.a -> cyclic.b (line 2: from cyclic import b)" in described
    assert "  cyclic.b -> cyclic.c (line 3: from cyclic.c import C)" in described
    assert cycles({"x": {"y"}, "y": set(), "z": {"z"}}) == []  # a self-import is no cycle


def test_no_module_imports_its_own_package() -> None:
    """``articlelint``, ``articlelint.engine``, ``articlelint.fixing`` and
    ``articlelint.models`` export names lazily: a module of the package importing one of
    them (``from articlelint import lint_paths`` inside the rules) would reach modules
    above it without the contracts seeing it."""
    upward = sorted(
        f"{module} -> {imported}"
        for module, imported_modules in _graph("articlelint").items()
        for imported in imported_modules
        if module.startswith(imported + ".")
    )
    assert upward == []


def _children(folder: Path) -> set[str]:
    return {
        p.stem if p.is_file() else p.name
        for p in folder.iterdir()
        if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").is_file()
    }


def test_the_layer_contracts_name_every_module_once() -> None:
    """What `lint-imports` checks with `exhaustive = true`, here too: a new module must be
    given a layer."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = {c["id"]: c for c in settings["tool"]["importlinter"]["contracts"]}
    for contract_id, folder in (("layers", PACKAGE), ("engine", PACKAGE / "engine")):
        named = [
            name.strip() for layer in contracts[contract_id]["layers"] for name in layer.split("|")
        ]
        assert sorted(named) == sorted(_children(folder)), contract_id
        assert contracts[contract_id]["exhaustive"] is True


def test_the_readme_architecture_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("\n## Architecture\n") :]
    modules = sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" and "__pycache__" not in p.parts
    )
    packages = sorted(
        p.parent.relative_to(PACKAGE).as_posix() + "/"
        for p in PACKAGE.rglob("__init__.py")
        if p.parent != PACKAGE
    )
    missing = [name for name in [*packages, *modules] if f"`{name}`" not in section]
    assert missing == [], "not in README's Architecture section: " + ", ".join(missing)
