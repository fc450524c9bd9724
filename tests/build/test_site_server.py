"""The loopback server acts like a static host: `_headers`, compression, precompressed siblings."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import brotli
import pytest

from tools.precompress import precompress
from tools.site_server import HostHandler, serving

SCRIPT = ("export const answer = 'partner, family, chosen family';\n" * 200).encode()
HEADERS = """/*
  Content-Security-Policy: default-src 'self'
  X-Content-Type-Options: nosniff
/assets/runtime/*
  Cache-Control: public, max-age=31536000, immutable
/start.json
  Cache-Control: no-cache
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "assets" / "runtime").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<!doctype html><title>Home</title>" + "<p>x</p>" * 500)
    (tmp_path / "assets" / "runtime" / "app.js").write_bytes(SCRIPT)
    (tmp_path / "assets" / "runtime" / "python.wasm").write_bytes(b"\0asm" + SCRIPT)
    (tmp_path / "snapshot.bin.gz").write_bytes(gzip.compress(SCRIPT))
    (tmp_path / "start.json").write_text('{"stdlib": "x"}')
    (tmp_path / "_headers").write_text(HEADERS)
    return tmp_path


def fetch(origin: str, path: str, accept: str) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(origin + path, headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(request) as response:
        return response.read(), dict(response.headers)


def decoded(body: bytes, headers: dict[str, str]) -> bytes:
    encoding = headers.get("Content-Encoding")
    if encoding == "br":
        return bytes(brotli.decompress(body))
    return gzip.decompress(body) if encoding == "gzip" else body


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("", None)],
)
@pytest.mark.parametrize("path", ["/", "/assets/runtime/app.js", "/assets/runtime/python.wasm"])
def test_text_scripts_and_wasm_are_compressed_as_the_browser_asks(
    site: Path, path: str, accept: str, expected: str | None
) -> None:
    with serving(site, HostHandler) as origin:
        body, headers = fetch(origin, path, accept)
    assert headers.get("Content-Encoding") == expected
    assert headers["Content-Length"] == str(len(body))
    assert headers["Vary"] == "Accept-Encoding"
    original = (site / (path.lstrip("/") or "index.html")).read_bytes()
    assert decoded(body, headers) == original
    if expected:
        assert len(body) < len(original) / 3


def test_a_gzipped_file_is_sent_as_it_is(site: Path) -> None:
    with serving(site, HostHandler) as origin:
        body, headers = fetch(origin, "/snapshot.bin.gz", "gzip, br")
    assert "Content-Encoding" not in headers
    assert body == (site / "snapshot.bin.gz").read_bytes()


def test_the_headers_file_sets_the_policy_and_the_caching(site: Path) -> None:
    with serving(site, HostHandler) as origin:
        _, page = fetch(origin, "/", "gzip")
        _, runtime = fetch(origin, "/assets/runtime/app.js", "gzip")
        _, start = fetch(origin, "/start.json", "gzip")
    assert page["Content-Security-Policy"] == "default-src 'self'"
    assert runtime["Content-Security-Policy"] == "default-src 'self'"
    assert runtime["Cache-Control"] == "public, max-age=31536000, immutable"
    assert start["Cache-Control"] == "no-cache"
    assert "Cache-Control" not in page


def test_precompressed_siblings_are_written_once_and_served(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    totals = precompress(site, cache)
    wasm = site / "assets" / "runtime" / "python.wasm"
    assert brotli.decompress(wasm.with_name("python.wasm.br").read_bytes()) == wasm.read_bytes()
    assert gzip.decompress(wasm.with_name("python.wasm.gz").read_bytes()) == wasm.read_bytes()
    assert not (site / "start.json.br").exists(), "files under 1 KB are left alone"
    assert not (site / "snapshot.bin.gz.br").exists()
    assert totals["br"] < totals["gzip"] < totals["original"]
    kept = sorted(path.name for path in cache.iterdir())
    assert precompress(site, cache) == totals
    assert sorted(path.name for path in cache.iterdir()) == kept

    # The server sends the sibling itself (brotli 11, not its own quicker level).
    with serving(site, HostHandler) as origin:
        body, headers = fetch(origin, "/assets/runtime/python.wasm", "br")
    assert headers["Content-Encoding"] == "br"
    assert body == wasm.with_name("python.wasm.br").read_bytes()


def test_a_host_that_only_gzips_sends_gzip_to_a_browser_that_asks_for_brotli(site: Path) -> None:
    class GzipHost(HostHandler):
        encodings = ("gzip",)

    with serving(site, GzipHost) as origin:
        _, headers = fetch(origin, "/assets/runtime/app.js", "gzip, deflate, br")
    assert headers["Content-Encoding"] == "gzip"
