"""The suite's hypothesis settings, loaded for every test run, inside Pyodide too.

No deadline: a property that takes 250 ms on a loaded 2-core machine, or in
Pyodide under Node, is slow, not wrong, and a deadline would fail it at random.
"""

from __future__ import annotations

from hypothesis import settings

PROFILE = "companion"

settings.register_profile(PROFILE, deadline=None)
settings.load_profile(PROFILE)
