"""Everything the site's Python is made of, found or made once per build.

`prepare_python` runs while the configuration loads, so every page knows where the
worker, Pyodide and the wheel are; `write_python` copies them into the site at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from companion_build.runtime.pyodide_assets import PyodideRuntime, copy_runtime, find_runtime
from companion_build.runtime.python_start import (
    START_MANIFEST,
    StartManifest,
    describe_start,
    ensure_python_start,
    first_visit_paths,
    write_python_start,
)
from companion_build.runtime.python_wheel import (
    MANIFEST_NAME,
    SITE_DIRECTORY,
    WheelManifest,
    describe,
    ensure_wheel,
    write_wheel,
)

# After this long without a byte, the status line says the connection looks slow.
SLOW_AFTER_SECONDS = 10


@dataclass(frozen=True)
class PythonFiles:
    """Where the build keeps what the site's Python is made of."""

    runtime: PyodideRuntime
    wheel: Path
    wheel_manifest: WheelManifest
    start_files: Path
    start: StartManifest


def prepare_python(root: Path, samples: dict[str, str]) -> PythonFiles:
    """Find the runtime, and build (or take from the cache) the wheel and the fast start."""
    runtime = find_runtime(root)
    wheel = ensure_wheel(root)
    manifest = describe(wheel)
    start_files, inputs = ensure_python_start(root, runtime, wheel, samples)
    start = describe_start(start_files, inputs, runtime, manifest)
    return PythonFiles(runtime, wheel, manifest, start_files, start)


def page_config(python: PythonFiles) -> dict[str, object]:
    """What every page tells the browser about its Python (`extra.nr_python`).

    Paths are from the site root; overrides/main.html makes them page-relative with `| url`.
    """
    return {
        "worker": "assets/js/python/worker.js",
        # The page's side of Python: the page's inline script starts it as the page paints.
        "client": "assets/js/python/client.js",
        "pyodide": python.runtime.site_directory + "pyodide.mjs",
        "manifest": SITE_DIRECTORY + MANIFEST_NAME,
        "start": SITE_DIRECTORY + START_MANIFEST,
        "pyodide_version": python.runtime.version,
        # A first visit, compressed: the runtime and the precompiled library.
        "download_bytes": python.start.download_bytes,
        "slow_after_seconds": SLOW_AFTER_SECONDS,
        # What the worker asks for as soon as it has the settings (python/worker.js).
        "first_visit_downloads": first_visit_paths(python.start, python.runtime),
    }


def write_python(python: PythonFiles, site_dir: Path) -> None:
    """Copy the runtime, the wheel and the fast start into the built site."""
    copy_runtime(python.runtime, site_dir)
    write_wheel(python.wheel, python.wheel_manifest, site_dir)
    write_python_start(python.start_files, python.start, site_dir)
