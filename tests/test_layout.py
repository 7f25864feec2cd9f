"""The layout keeps the product visible: a few modules at the top of decisions/, none too long,
pure rules, and no views imported across decisions and commissioning."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LONGEST_MODULE = 450
MOST_TOP_LEVEL_MODULES = 12


def modules(package: str) -> list[Path]:
    return [path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts]


def imported(path: Path) -> set[str]:
    """Every module the file imports, and every `from module import name` as module.name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_decisions_has_few_modules_at_its_top():
    top = sorted(path.name for path in (ROOT / "decisions").glob("*.py"))
    assert len(top) <= MOST_TOP_LEVEL_MODULES, top


@pytest.mark.parametrize("package", ["decisions", "commissioning", "councilgov"])
def test_no_module_is_longer_than_450_lines(package):
    long = {
        str(path.relative_to(ROOT)): lines
        for path in modules(package)
        if (lines := len(path.read_text().splitlines())) > LONGEST_MODULE
    }
    assert long == {}


def test_the_rules_import_nothing_from_the_database_layer():
    for path in modules("decisions/rules"):
        database = {name for name in imported(path) if name.startswith("django.db")}
        assert database == set(), path


def is_view(module: str, package: str) -> bool:
    parts = module.split(".")
    return parts[0] == package and ("views" in parts or "workspace_views" in parts)


@pytest.mark.parametrize(
    ("importer", "imported_package"),
    [
        ("decisions", "commissioning"),
        ("commissioning", "decisions"),
    ],
)
def test_no_views_are_imported_across_decisions_and_commissioning(importer, imported_package):
    crossing = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported(path) if is_view(name, imported_package)
        )
        for path in modules(importer)
    }
    assert {path: names for path, names in crossing.items() if names} == {}
