"""The unit tests run under CPython and inside Pyodide (tests/pyodide), so this imports
only the standard library, pytest and hypothesis."""

import tests.unit.hypothesis_profile  # noqa: F401  (loads the suite's hypothesis profile)
