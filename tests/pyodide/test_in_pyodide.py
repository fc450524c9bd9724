"""The pure package's unit tests pass inside Pyodide too, against the wheel the site ships.

Runs tests/pyodide/run_in_pyodide.mjs under Node. It installs the built wheel
and pure-Python wheels of pytest, hypothesis and their dependencies (once, with
pip into build/pyodide-wheels/), mounts tests/unit, and runs pytest there.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tools.site_server import BuiltSite

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "pyodide" / "run_in_pyodide.mjs"
WHEEL_CACHE = ROOT / "build" / "pyodide-wheels"
UNIT_TESTS = ROOT / "tests" / "unit"
# pytest and hypothesis with what they import on Python 3.14 (colorama is
# Windows-only), at the versions the test environment has, so both runs match...
SAME_AS_TEST_ENVIRONMENT = (
    "pytest",
    "pluggy",
    "iniconfig",
    "packaging",
    "pygments",
    "sortedcontainers",
)
# ...except hypothesis: from 6.156 on it ships compiled wheels only, and
# Pyodide needs a pure-Python one. Its strategies API is the same.
PURE_PYTHON_PINS = ("hypothesis==6.155.7",)
# Third-party modules a unit test may import and still run in Pyodide.
AVAILABLE_IN_PYODIDE = {"exercises", "pytest", "hypothesis"}
PYODIDE_TIMEOUT_SECONDS = 600


def pinned_requirements() -> list[str]:
    same = [f"{name}=={metadata.version(name)}" for name in SAME_AS_TEST_ENVIRONMENT]
    return [*same, *PURE_PYTHON_PINS]


def ensure_pytest_wheels(directory: Path) -> list[Path]:
    """Download any missing pure-Python wheel of pytest and its dependencies into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    missing = [
        requirement
        for requirement in pinned_requirements()
        if not list(directory.glob(_wheel_glob(requirement)))
    ]
    if missing:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--only-binary=:all:", "--python-version", "3.14", "--platform", "any"]
        result = subprocess.run(
            [*command, "--dest", str(directory), *missing],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"pip could not download {missing} for Pyodide:\n{result.stderr}")
    # Only the pinned versions: an older download left in the cache must not shadow them.
    return sorted(path for r in pinned_requirements() for path in directory.glob(_wheel_glob(r)))


def _wheel_glob(requirement: str) -> str:
    name, version = requirement.split("==")
    # Pure-Python wheels only: py3-none-any, or py2.py3-none-any for older projects.
    return f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}-*none-any.whl"


def runnable_in_pyodide(test_file: Path) -> bool:
    """True when the file imports only the standard library, pytest and exercises."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top not in AVAILABLE_IN_PYODIDE:
                return False
    return True


def test_unit_test_selection_includes_the_bridge_tests() -> None:
    assert runnable_in_pyodide(UNIT_TESTS / "test_bridge.py")


def test_unit_tests_pass_inside_pyodide(built_site: BuiltSite) -> None:
    node = shutil.which("node")
    assert node, "Node.js 20+ is needed to run Pyodide (see the README)."
    python_assets = built_site.directory / "assets" / "python"
    manifest = json.loads((python_assets / "manifest.json").read_text(encoding="utf-8"))
    wheel = python_assets / manifest["url"]
    test_files = sorted(
        path.name for path in UNIT_TESTS.glob("test_*.py") if runnable_in_pyodide(path)
    )
    assert "test_bridge.py" in test_files
    wheels = ensure_pytest_wheels(WHEEL_CACHE)
    assert len(wheels) == len(pinned_requirements())

    options = ["--wheel", str(wheel), "--project", str(ROOT)]
    options += [argument for path in wheels for argument in ("--dep", str(path))]
    result = subprocess.run(
        [node, str(RUNNER), *options, *test_files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=PYODIDE_TIMEOUT_SECONDS,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "platform emscripten" in output, output
    # The package came from the shipped wheel, not from the source tree.
    version = manifest["version"]
    assert f"exercises {version} from /lib/python3.14/site-packages/exercises/" in output, output
    summary = re.search(r"=+ (?P<passed>\d+) passed\b.* in [\d.]+s", output)
    assert summary, output
    assert int(summary["passed"]) > 0
    assert not re.search(r"\b\d+ (failed|error)", summary.group(0)), output
