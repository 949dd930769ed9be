"""Imports flow one way (docs/design.md): portal ← events, catalog_search ← home ← config. Checked
on every module, imports inside functions included, so that a shortcut taken in a hurry shows."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
MAY_NOT_IMPORT = {
    "portal": {"events", "catalog_search", "home", "config"},
    "events": {"catalog_search", "home", "config"},
    "catalog_search": {"events", "home", "config"},
    "home": {"config"},
}


def imported_packages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


@pytest.mark.parametrize("package", sorted(MAY_NOT_IMPORT))
def test_imports_flow_one_way(package):
    modules = sorted((PROJECT / package).rglob("*.py"))
    assert modules
    wrong = [
        f"{path.relative_to(PROJECT)}:{line} imports {name}"
        for path in modules
        for name, line in imported_packages(path)
        if name in MAY_NOT_IMPORT[package]
    ]
    assert not wrong, wrong


# What SQL against Wagtail's search index looks like: its model, its tables, a raw cursor.
INDEX_SQL = ("IndexEntry", "wagtailsearch_indexentry", "_fts", "connection.cursor", "RawSQL")


def test_only_the_search_backends_module_knows_the_index_tables():
    """The catalogue reads and writes Wagtail's index table directly, for speed; one module does,
    so that a Wagtail upgrade that changes the table is met in one place (docs/design.md)."""
    allowed = PROJECT / "catalog_search" / "search" / "backends.py"
    modules = [
        path
        for path in sorted((PROJECT / "catalog_search").rglob("*.py"))
        if path != allowed and "migrations" not in path.parts
    ]
    assert len(modules) > 30
    wrong = [
        f"{path.relative_to(PROJECT)} mentions {word}"
        for path in modules
        for word in INDEX_SQL
        if word in path.read_text(encoding="utf-8")
    ]
    assert not wrong, wrong
    assert all(word in allowed.read_text(encoding="utf-8") for word in ("IndexEntry", "_fts", "connection.cursor"))
