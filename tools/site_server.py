"""Build the site as `make build` does and serve it on loopback at its own origin, like a host.

Shared by the tests and the benchmarks: instant navigation only works when the
site is served at the origin it was built for, so the server's port is chosen
first and the build is told about it. `HostHandler` serves it as the static
hosts the README names do: the `_headers` file's policy and cache headers, and
text, JavaScript, JSON and wasm compressed (brotli when the browser asks for
it, else gzip), from precompressed `.br`/`.gz` siblings when the site has them.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import brotli

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


# What static hosts compress; images, zips and gzipped files are sent as they are.
COMPRESSIBLE_TYPES = frozenset(
    {
        "application/javascript",
        "text/javascript",
        "application/json",
        "application/manifest+json",
        "application/wasm",
        "application/xml",
        "image/svg+xml",
    }
)
GZIP_LEVEL = 6  # what nginx-style hosts use on the fly; precompressed siblings use 9
BROTLI_QUALITY = 5  # likewise for brotli on the fly; siblings use 11
_COMPRESSED: dict[tuple[str, int, str], bytes] = {}  # (path, mtime, encoding) → body
_COMPRESSED_LOCK = threading.Lock()


def compressible(content_type: str) -> bool:
    media = content_type.split(";")[0].strip()
    return media.startswith("text/") or media in COMPRESSIBLE_TYPES


def header_rules(site_directory: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The `_headers` file as (path pattern, [(name, value)]) pairs, in order; [] without one."""
    path = site_directory / "_headers"
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    if not path.is_file():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            rules.append((line.strip(), []))
        elif line.strip() and rules:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def matching_headers(
    rules: list[tuple[str, list[tuple[str, str]]]], url_path: str
) -> list[tuple[str, str]]:
    """Every header the rules give `url_path`, as Netlify and Cloudflare Pages apply them."""
    headers = []
    for pattern, values in rules:
        if url_path == pattern or (pattern.endswith("*") and url_path.startswith(pattern[:-1])):
            headers.extend(values)
    return headers


class HostHandler(QuietHandler):
    """Serves the site as a static host does: `_headers`, compression, precompressed siblings.

    `encodings` is what this host offers, best first: subclass with ("gzip",) for a
    host that only gzips (GitHub Pages).
    """

    encodings: tuple[str, ...] = ("br", "gzip")

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's own URL
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # 404, as any host
        content_type = self.guess_type(str(path))
        encoding = self._encoding(content_type)
        body = self._body(path, encoding)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        if compressible(content_type):
            self.send_header("Vary", "Accept-Encoding")
        if encoding != "identity":
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        return BytesIO(body)

    def end_headers(self) -> None:
        site = Path(self.directory)
        url_path = self.path.split("?", 1)[0]
        for name, value in matching_headers(header_rules(site), url_path):
            self.send_header(name, value)
        super().end_headers()

    def _encoding(self, content_type: str) -> str:
        if not compressible(content_type):
            return "identity"
        accepted = {
            part.split(";")[0].strip().lower()
            for part in self.headers.get("Accept-Encoding", "").split(",")
        }
        return next((name for name in self.encodings if name in accepted), "identity")

    def _body(self, path: Path, encoding: str) -> bytes:
        if encoding == "identity":
            return path.read_bytes()
        sibling = path.with_name(path.name + (".br" if encoding == "br" else ".gz"))
        if sibling.is_file() and sibling.stat().st_mtime_ns >= path.stat().st_mtime_ns:
            return sibling.read_bytes()
        key = (str(path), path.stat().st_mtime_ns, encoding)
        with _COMPRESSED_LOCK:
            cached = _COMPRESSED.get(key)
        if cached is None:
            data = path.read_bytes()
            if encoding == "br":
                cached = brotli.compress(data, quality=BROTLI_QUALITY)
            else:
                cached = gzip.compress(data, GZIP_LEVEL, mtime=0)
            with _COMPRESSED_LOCK:
                _COMPRESSED[key] = cached
        return cached


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


class LoopbackServer(ThreadingHTTPServer):
    """A threading server that says nothing when the browser drops a connection it no longer
    needs (a page closed mid-download): that is what browsers do, not an error."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serving(
    directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve `directory` (whatever is in it at each request) on 127.0.0.1; yield the origin."""
    server = LoopbackServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def built_and_served(
    directory: Path, handler: type[SimpleHTTPRequestHandler] = HostHandler
) -> Iterator[BuiltSite]:
    """Build into `directory` for the origin it is served at (like a host), until the block ends."""
    with serving(directory, handler) as origin:
        result = build_site(directory, origin + "/")
        if result.returncode != 0:
            raise BuildFailed(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
        yield BuiltSite(directory, origin, result.stdout + result.stderr)


def first_visit_download_bytes(directory: Path) -> int:
    """What a first visit downloads to start Python, compressed (gzip -9): the runtime and
    the build's precompiled library, as `start.json` lists them."""
    python = directory / "assets" / "python"
    start = json.loads((python / "start.json").read_text(encoding="utf-8"))
    return sum(int(compressed) for _, compressed in start["downloads"].values())
