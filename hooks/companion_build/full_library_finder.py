"""Import a stdlib module the precompiled library lacks from the full library, fetched once.

The site's precompiled library holds only the modules a start and the bridge
functions were seen to import. Should a reader's call need another one, this
finder, last on `sys.meta_path`, asks the page for Pyodide's full standard
library (one download, written into the in-memory file system) and imports it
from there, so the reader gets a slower answer instead of an error. The worker
installs it after every start; the Pyodide tests run without it, so a module
the build missed fails there, not for a reader.

It uses only what every start has already imported (`sys`, `zipimport`).
"""

from __future__ import annotations

import sys
import zipimport
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

# Pyodide's own packages live in the same zip as the standard library.
RUNTIME_PACKAGES = frozenset({"pyodide", "_pyodide"})


class FullLibraryFinder:
    """Finds missing standard-library modules in the full library, which `fetch` provides once."""

    def __init__(self, fetch: Callable[[], str]) -> None:
        self._fetch = fetch  # returns the full library's path in the file system
        self._location: str | None = None
        self._failed = False

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        top = name.partition(".")[0]
        if top not in sys.stdlib_module_names and top not in RUNTIME_PACKAGES:
            return None
        location = self._full_library()
        if location is None:
            return None
        # A submodule lives in its package's folder inside the zip.
        folder = "/".join(name.split(".")[:-1])
        try:
            importer = zipimport.zipimporter(f"{location}/{folder}" if folder else location)
        except zipimport.ZipImportError:
            return None
        return importer.find_spec(name)

    def _full_library(self) -> str | None:
        if self._location is None and not self._failed:
            try:
                self._location = str(self._fetch())
            except Exception:  # the import then fails as it would have without this finder
                self._failed = True
        return self._location


def install(fetch: Callable[[], str]) -> FullLibraryFinder:
    """Put a finder last on `sys.meta_path` (once); return the one installed."""
    for finder in sys.meta_path:
        if isinstance(finder, FullLibraryFinder):
            return finder
    finder = FullLibraryFinder(fetch)
    sys.meta_path.append(finder)
    return finder
