"""Run a Pyodide harness under Node and read the JSON report on its last line."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest


def run_harness(harness: Path, *arguments: str, cwd: Path | None = None) -> tuple[Any, str]:
    """The harness's report (its last line, JSON) and what it printed before it; a harness
    that fails, or prints no report, fails the test with its output."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run Pyodide here (node was not found).", pytrace=False)
    result = subprocess.run(
        [node, str(harness), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines or not lines[-1].startswith("{"):
        pytest.fail(f"{harness.name} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(lines[-1]), "\n".join(lines[:-1])
