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

# Every module the full library holds, as dotted names: the build appends the real set
# when it puts this file into the precompiled library. A name outside it (an optional
# import such as `_winapi`, which no build of Pyodide has) is left to fail at once.
FULL_LIBRARY_MODULES: frozenset[str] = frozenset()


class FullLibraryFinder:
    """Finds missing standard-library modules in the full library, which `fetch` provides once."""

    def __init__(self, fetch: Callable[[str], str]) -> None:
        self._fetch = fetch  # given the module's name, returns the full library's path
        self._location: str | None = None
        self._failed = False

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in FULL_LIBRARY_MODULES:
            return None
        location = self._full_library(name)
        if location is None:
            return None
        # A submodule lives in its package's folder inside the zip.
        folder = "/".join(name.split(".")[:-1])
        try:
            importer = zipimport.zipimporter(f"{location}/{folder}" if folder else location)
        except zipimport.ZipImportError:
            return None
        return importer.find_spec(name)

    def _full_library(self, name: str) -> str | None:
        if self._location is None and not self._failed:
            try:
                self._location = str(self._fetch(name))
            except Exception:  # the import then fails as it would have without this finder
                self._failed = True
        return self._location


def install(fetch: Callable[[str], str]) -> FullLibraryFinder:
    """Put a finder last on `sys.meta_path` (once); return the one installed."""
    for finder in sys.meta_path:
        if isinstance(finder, FullLibraryFinder):
            return finder
    finder = FullLibraryFinder(fetch)
    sys.meta_path.append(finder)
    return finder
