"""Every bridge function works in Pyodide on the trimmed library the site ships, with no fallback.

The precompiled library holds only the modules the build saw a start and the
bridge functions import. Here each function runs on its sample payload in an
interpreter started as the worker starts it (plainly, and from the snapshot),
without the finder that would fetch the full library: a module the build
missed fails this test, not a reader's first check.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from companion_build.content import load_chapter
from companion_build.runtime.bridge_samples import sample_payloads
from exercises import bridge
from tests.pyodide.node_harness import run_harness

if TYPE_CHECKING:
    from tools.site_server import BuiltSite

HARNESS = Path(__file__).with_name("shipped_library_harness.mjs")
# A standard-library module no bridge function needs; the finder must fetch it.
NOT_NEEDED = "difflib"


def shipped_library(built_site: BuiltSite) -> zipfile.ZipFile:
    python = built_site.directory / "assets" / "python"
    start = json.loads((python / "start.json").read_text(encoding="utf-8"))
    return zipfile.ZipFile(python / start["stdlib"])


@pytest.fixture(scope="module")
def report(built_site: BuiltSite, root: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    content = load_chapter(root / "content" / "chapter-05.yml")
    samples = tmp_path_factory.mktemp("samples") / "samples.json"
    samples.write_text(json.dumps(sample_payloads(content)), encoding="utf-8")
    found, _ = run_harness(HARNESS, str(built_site.directory), str(samples), NOT_NEEDED, cwd=root)
    return found


def test_the_library_holds_bytecode_only_outside_the_exercises_package(
    built_site: BuiltSite,
) -> None:
    with shipped_library(built_site) as library:
        names = library.namelist()
    stdlib_sources = [
        name for name in names if name.endswith(".py") and not name.startswith("exercises/")
    ]
    assert stdlib_sources == ["_nr_full_library.py"]
    assert "json/__init__.pyc" in names
    assert NOT_NEEDED + ".pyc" not in names, "pick a module the site does not ship"
    assert any(name.startswith("exercises/") and name.endswith(".py") for name in names)


@pytest.mark.parametrize("start", ["plain", "snapshot"])
def test_every_bridge_function_answers_on_the_shipped_library(
    report: dict[str, Any], start: str
) -> None:
    results = report[start]
    assert results.pop("__origin__").startswith("/lib/python314.zip/exercises/")
    assert sorted(results) == sorted(bridge.REGISTRY)
    refused = {name: result for name, result in results.items() if not result["ok"]}
    assert refused == {}, f"on the {start} start: {refused}"


def test_a_missing_module_is_fetched_from_the_full_library_once(report: dict[str, Any]) -> None:
    finder = report["finder"]
    assert finder["missingBefore"] is True
    assert finder["origin"].startswith("/lib/python_stdlib_full.zip/")
    assert finder["fetches"] == 1


def test_the_standard_library_ships_without_docstrings_and_the_package_keeps_its_own(
    report: dict[str, Any],
) -> None:
    """optimize=2 for the standard library (smaller download); the package keeps its
    docstrings and asserts (optimize=0), and every bridge call above ran on this bytecode."""
    levels = report["bytecode"]["optimizeLevels"]
    stdlib = {name: found for name, found in levels.items() if not name.startswith("exercises/")}
    package = {name: found for name, found in levels.items() if name.startswith("exercises/")}
    assert "json/decoder.pyc" in stdlib and len(stdlib) > 100
    assert {name: found for name, found in stdlib.items() if 2 not in found} == {}
    assert package and {name: found for name, found in package.items() if 0 not in found} == {}
    # A module with docstrings and asserts compiles differently at each level.
    assert package["exercises/planner.pyc"] == [0]
    assert stdlib["json/decoder.pyc"] == [2]
    docstrings = report["bytecode"]["docstrings"]
    assert docstrings["json"] is None
    assert docstrings["exercises.bridge"], "the package keeps its docstrings"
