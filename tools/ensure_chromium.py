"""Find a Chromium and print its path, installing one if it must. Two builds, both Debian's:

- `ensure_chromium.py`: Chromium as readers get it, for the benchmarks and the few tests
  that need the whole browser. Order: $CHROMIUM, /usr/bin/chromium, Playwright's own
  download, then `apt-get install -y chromium` when running as root.
- `ensure_chromium.py --headless-shell`: Chromium's headless shell, where the browser tests
  run: the same engine (Blink, V8, the same version) without the desktop browser around
  it, which costs about half the CPU per page here (a glossary load 0.5 s instead of
  1.2 s; a first Check with Python's start 2.6 s instead of 4.3 s). Order:
  $CHROMIUM_HEADLESS_SHELL, /usr/bin/chromium-headless-shell, then `apt-get install -y
  chromium-headless-shell` when running as root.

Otherwise it exits 1 with what to do: the browser tests never skip for want of a browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
DEBIAN_HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
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


def _apt_install(package: str, installed: Path) -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    _say(f"ensure_chromium: installing Debian's {package} with apt-get…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            _say(f"ensure_chromium: {' '.join(command)} failed:\n{result.stderr[-2000:]}")
            return None
    return _usable(installed)


def _configured(variable: str) -> str | None:
    configured = os.environ.get(variable, "")
    found = _usable(configured) or _usable(shutil.which(configured))
    if not found:
        _say(f"ensure_chromium: {variable}={configured} is not an executable file.")
    return found


def find_chromium() -> str | None:
    if os.environ.get("CHROMIUM"):
        return _configured("CHROMIUM")
    return (
        _usable(DEBIAN_CHROMIUM)
        or _playwright_download()
        or _apt_install("chromium", DEBIAN_CHROMIUM)
    )


def find_headless_shell() -> str | None:
    if os.environ.get("CHROMIUM_HEADLESS_SHELL"):
        return _configured("CHROMIUM_HEADLESS_SHELL")
    return _usable(DEBIAN_HEADLESS_SHELL) or _apt_install(
        "chromium-headless-shell", DEBIAN_HEADLESS_SHELL
    )


def main(arguments: list[str]) -> int:
    if arguments == ["--headless-shell"]:
        path = find_headless_shell()
        wanted = (
            "Chromium's headless shell (Debian/Ubuntu: `sudo apt-get install "
            "chromium-headless-shell`) or set CHROMIUM_HEADLESS_SHELL=/path/to/chromium"
        )
    elif not arguments:
        path = find_chromium()
        wanted = (
            "Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or set "
            "CHROMIUM=/path/to/chromium"
        )
    else:
        _say("usage: ensure_chromium.py [--headless-shell]")
        return 2
    if path is None:
        _say(f"No browser for the tests. Install {wanted}, then run `make test` again.")
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
