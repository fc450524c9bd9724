"""Copy the pinned Pyodide runtime from node_modules into the built site: self-hosted, no CDN.

package.json pins `pyodide` exactly; `npm ci` puts it in node_modules. The
build copies only the five files the runtime loads into
`site/assets/pyodide/<version>/` (as hard links where it can: 13 MB that
nothing writes into). The version in the path lets a host cache them forever,
and a new pin gets a new path.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from companion_build.build_cache import place

RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
FIX = "run `npm ci` in the project folder to install the pinned Pyodide runtime"


@dataclass(frozen=True)
class PyodideRuntime:
    """The installed Pyodide runtime: its version and the files the site ships."""

    version: str
    source: Path
    sizes: tuple[tuple[str, int], ...]

    @property
    def site_directory(self) -> str:
        """Where the runtime lives in the site, relative to its root, with a trailing slash."""
        return f"assets/pyodide/{self.version}/"

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.sizes)


def find_runtime(root: Path) -> PyodideRuntime:
    """Check node_modules holds exactly the Pyodide that package.json pins, with every file."""
    pinned = _pinned_version(root)
    source = root / "node_modules" / "pyodide"
    package = source / "package.json"
    if not package.is_file():
        raise PluginError(f"node_modules/pyodide is missing: {FIX} (package.json pins {pinned}).")
    installed = json.loads(package.read_text(encoding="utf-8")).get("version")
    if installed != pinned:
        raise PluginError(
            f"node_modules/pyodide is version {installed} but package.json pins {pinned}: {FIX}."
        )
    sizes = []
    for name in RUNTIME_FILES:
        path = source / name
        if not path.is_file():
            raise PluginError(f"node_modules/pyodide/{name} is missing: {FIX}.")
        sizes.append((name, path.stat().st_size))
    return PyodideRuntime(pinned, source, tuple(sizes))


def copy_runtime(runtime: PyodideRuntime, site_dir: Path) -> int:
    """Put the runtime files in the site (linked where possible), skipping ones already there;
    return the bytes put there."""
    destination = site_dir / runtime.site_directory
    destination.mkdir(parents=True, exist_ok=True)
    copied = 0
    for name, size in runtime.sizes:
        source, target = runtime.source / name, destination / name
        if _same_file(source, target):
            continue
        place(source, target)
        copied += size
    return copied


def _pinned_version(root: Path) -> str:
    manifest = root / "package.json"
    try:
        package = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"package.json could not be read: {error}") from None
    pinned = package.get("devDependencies", {}).get("pyodide")
    if not isinstance(pinned, str) or not EXACT_VERSION.fullmatch(pinned):
        raise PluginError(
            f"package.json: devDependencies.pyodide is {pinned!r}; pin an exact version "
            'such as "314.0.7" (`npm install --save-dev --save-exact pyodide@VERSION`).'
        )
    return pinned


def _same_file(source: Path, target: Path) -> bool:
    # Links and copies keep the source's modification time: size + mtime identify them.
    if not target.is_file():
        return False
    here, there = source.stat(), target.stat()
    return here.st_size == there.st_size and int(here.st_mtime) == int(there.st_mtime)
