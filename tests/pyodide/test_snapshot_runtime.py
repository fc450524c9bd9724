"""The build's memory snapshot restores a working interpreter: grading tests pass inside it."""

from __future__ import annotations

import sysconfig
from pathlib import Path
from typing import Any

import pytest

from tests.pyodide.node_harness import run_harness

HARNESS = Path(__file__).with_name("snapshot_harness.mjs")


@pytest.fixture(scope="module")
def restored(built_site: Any, root: Path) -> dict[str, Any]:
    site_packages = sysconfig.get_paths()["purelib"]
    report: dict[str, Any]
    report, output = run_harness(HARNESS, str(built_site.directory), str(root), site_packages)
    report["output"] = output
    return report


def test_grading_unit_tests_pass_in_a_snapshot_started_interpreter(
    restored: dict[str, Any],
) -> None:
    assert restored["pytest"] == 0, restored["output"][-4000:]


def test_two_restores_draw_different_random_numbers(restored: dict[str, Any]) -> None:
    first, second = restored["draws"]
    assert first != second, "two readers restoring the snapshot would share random draws"


def test_without_the_reseed_restores_would_repeat_the_same_draw(
    restored: dict[str, Any],
) -> None:
    first, second = restored["unseeded"]
    assert first == second, "the snapshot no longer fixes random's state; is the reseed needed?"
