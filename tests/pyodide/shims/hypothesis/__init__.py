"""A stand-in for hypothesis inside Pyodide, where its native extension cannot load.

Property tests are skipped there (they run under CPython); every other test runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from . import strategies

__all__ = ["given", "strategies"]


def given(*_strategies: Any, **_named: Any) -> Callable[[Any], Any]:
    return pytest.mark.skip(reason="hypothesis cannot load in Pyodide; runs under CPython")
