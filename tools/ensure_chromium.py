"""Find a Chromium for the browser tests and print its path, installing one if it must.

Order: $CHROMIUM, /usr/bin/chromium, Playwright's own download, then
`apt-get install -y chromium` when running as root. Otherwise it exits 1 with
what to do: the browser tests never skip for want of a browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# How the tests and benchmarks start Chromium: headless, and without the background
# services that would try to reach hosts this machine cannot (and should not) reach.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The tests add two: nothing can leave loopback (every other host goes to a proxy that is
# not there; Chromium never sends loopback through a proxy), so the guards in
# tests/browser only record requests and need not intercept them (intercepting turns off
# the HTTP cache and costs a round trip per request); and WebAssembly is compiled by V8's
# baseline compiler only, each function when first called, the same code without the
# optimising recompile: together about 1.5 s of CPU less per Python start here. The
# benchmarks keep Chromium as readers get it.
TEST_CHROMIUM_FLAGS = [
    *CHROMIUM_FLAGS,
    "--proxy-server=http://127.0.0.1:9",
    "--js-flags=--liftoff-only --wasm-lazy-compilation",
]


def _usable(path: str | Path | None) -> str | None:
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _playwright_download() -> str | None:
    _say("ensure_chromium: trying Playwright's own Chromium download…")
    result = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "chromium"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        _say("ensure_chromium: Playwright's download failed.")
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return _usable(playwright.chromium.executable_path)


def _apt_install() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    _say("ensure_chromium: installing Debian's chromium with apt-get…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            _say(f"ensure_chromium: {' '.join(command)} failed:\n{result.stderr[-2000:]}")
            return None
    return _usable(DEBIAN_CHROMIUM)


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM")
    if configured:
        found = _usable(configured) or _usable(shutil.which(configured))
        if not found:
            _say(f"ensure_chromium: CHROMIUM={configured} is not an executable file.")
        return found
    return _usable(DEBIAN_CHROMIUM) or _playwright_download() or _apt_install()


def main() -> int:
    path = find_chromium()
    if path is None:
        _say(
            "No Chromium for the browser tests. Install one (Debian/Ubuntu: "
            "`sudo apt-get install chromium`) or set CHROMIUM=/path/to/chromium, "
            "then run `make test` again."
        )
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
