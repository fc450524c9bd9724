"""Fixtures shared by every kind of test: the repository root and the built, served site."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuiltSite:
    """The site built with `mkdocs build --strict`, served on loopback at its own origin."""

    directory: Path
    origin: str  # e.g. http://127.0.0.1:43117
    build_output: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_site(destination: Path, site_url: str) -> subprocess.CompletedProcess[str]:
    """Run the real build the way `make serve` does, into `destination`."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    directory = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    result = build_site(directory, origin + "/")
    if result.returncode != 0:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield BuiltSite(directory, origin, result.stdout + result.stderr)
    finally:
        server.shutdown()
        server.server_close()
