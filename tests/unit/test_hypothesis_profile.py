"""Property tests run without a deadline everywhere, inside Pyodide too (tests/pyodide)."""

from __future__ import annotations

from hypothesis import settings


def test_the_suite_profile_has_no_deadline() -> None:
    assert settings.get_current_profile_name() == "companion"
    assert settings().deadline is None
