"""Build the site exactly as `make build` does and serve it on loopback at its own origin.

Shared by the tests and the benchmarks: instant navigation only works when the
site is served at the origin it was built for, so the server's port is chosen
first and the build is told about it.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuiltSite:
    """The built site and the loopback origin that serves it."""

    directory: Path
    origin: str  # e.g. http://127.0.0.1:43117
    build_output: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"


class BuildFailed(RuntimeError):
    """`mkdocs build --strict` failed; the message holds its output."""


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request; subclass it to add headers."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def build_site(
    destination: Path, site_url: str, root: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """Run the real build into `destination` for a site living at `site_url`."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@contextmanager
def serving(
    directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve `directory` (whatever is in it at each request) on 127.0.0.1; yield the origin."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def built_and_served(directory: Path) -> Iterator[BuiltSite]:
    """Build into `directory` for the origin it is served at, until the block ends."""
    with serving(directory) as origin:
        result = build_site(directory, origin + "/")
        if result.returncode != 0:
            raise BuildFailed(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
        yield BuiltSite(directory, origin, result.stdout + result.stderr)


def first_visit_download_bytes(directory: Path) -> int:
    """What a first visit downloads to start Python: the runtime, with the build's
    precompiled standard library in place of Pyodide's own, and the wheel."""
    runtime = sum(
        path.stat().st_size
        for path in (directory / "assets" / "pyodide").rglob("*")
        if path.is_file() and path.name != "python_stdlib.zip"
    )
    python = directory / "assets" / "python"
    stdlib = python / json.loads((python / "start.json").read_text(encoding="utf-8"))["stdlib"]
    wheel = json.loads((python / "manifest.json").read_text(encoding="utf-8"))["size"]
    return runtime + stdlib.stat().st_size + int(wheel)
