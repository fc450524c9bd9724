"""The last steps of a build: the policy, the host's headers and the offline list.

They run after every other file is written, because each reads the whole site: the
policy hashes the pages' inline scripts, and the service worker lists every file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from companion_build.delivery.host_headers import hashed_theme_files, render_headers, write_headers
from companion_build.delivery.precache import WORKER, precache_list, write_service_worker
from companion_build.delivery.security_policy import apply_policy
from companion_build.runtime.python_start import MODULES_FILE, START_MANIFEST
from companion_build.runtime.python_wheel import MANIFEST_NAME, SITE_DIRECTORY
from companion_build.runtime.site_python import PythonFiles


def deliver(
    site_dir: Path,
    python: PythonFiles,
    site_url: str | None,
    not_offline: Iterable[str],
    *,
    serving: bool,
) -> None:
    """Apply the policy, write `_headers` and the service worker with its precache list.

    `not_offline` are site paths left out of the offline copy (the LMS packages).
    `mkdocs serve` injects a live-reload script no build can hash, and must never serve
    stale pages: `serving` allows inline scripts and leaves the offline list empty.
    """
    runtime, manifest, start = python.runtime, python.wheel_manifest, python.start
    policy = apply_policy(site_dir, allow_inline_scripts=serving)
    # Folders whose name pins their content, with that version: immutable for browsers,
    # and not re-hashed for the service worker's list.
    versioned = {
        runtime.site_directory: runtime.version,
        SITE_DIRECTORY + manifest.url.rsplit("/", 1)[0] + "/": manifest.sha256[:16],
        SITE_DIRECTORY + start.stdlib.rsplit("/", 1)[0] + "/": start.stdlib.split("/")[-2],
    }
    immutable = [folder + "*" for folder in versioned] + hashed_theme_files(site_dir)
    base_path = urlsplit(site_url or "/").path
    write_headers(
        site_dir,
        render_headers(
            policy,
            base_path,
            immutable,
            [SITE_DIRECTORY + MANIFEST_NAME, SITE_DIRECTORY + START_MANIFEST, WORKER],
        ),
    )
    # Pyodide's own standard library is not used: the worker loads the precompiled one.
    # Nor what the build says it put in the precompiled library (for tests and the bench).
    modules = SITE_DIRECTORY + start.stdlib.rsplit("/", 1)[0] + "/" + MODULES_FILE
    unused = {runtime.site_directory + "python_stdlib.zip", modules, *not_offline}
    entries = [] if serving else precache_list(site_dir, unused, versioned)
    write_service_worker(site_dir, entries)
