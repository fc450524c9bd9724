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
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChromiumBuild:
    """One of the two builds: the variable that may name it, and Debian's package and path."""

    variable: str
    package: str
    debian: Path

    def configured(self) -> str | None:
        """The executable the variable names, else Debian's if installed; installs nothing."""
        wanted = os.environ.get(self.variable)
        if not wanted:
            return _usable(self.debian)
        found = _usable(wanted) or _usable(shutil.which(wanted))
        if not found:
            _say(f"ensure_chromium: {self.variable}={wanted} is not an executable file.")
        return found


CHROMIUM = ChromiumBuild("CHROMIUM", "chromium", Path("/usr/bin/chromium"))
HEADLESS_SHELL = ChromiumBuild(
    "CHROMIUM_HEADLESS_SHELL", "chromium-headless-shell", Path("/usr/bin/chromium-headless-shell")
)
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


def _apt_install(build: ChromiumBuild) -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    _say(f"ensure_chromium: installing Debian's {build.package} with apt-get…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", build.package],
    ):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            _say(f"ensure_chromium: {' '.join(command)} failed:\n{result.stderr[-2000:]}")
            return None
    return _usable(build.debian)


def find(build: ChromiumBuild) -> str | None:
    """The build the variable names (and nothing else if it names one), else Debian's,
    else (the whole Chromium only) Playwright's download, else Debian's installed now."""
    found = build.configured()
    if found or os.environ.get(build.variable):
        return found
    return (build is CHROMIUM and _playwright_download()) or _apt_install(build)


def main(arguments: list[str]) -> int:
    if arguments not in ([], ["--headless-shell"]):
        _say("usage: ensure_chromium.py [--headless-shell]")
        return 2
    build = HEADLESS_SHELL if arguments else CHROMIUM
    path = find(build)
    if path is None:
        _say(
            f"No browser for the tests. Install Debian's {build.package} (Debian/Ubuntu: "
            f"`sudo apt-get install {build.package}`) or set {build.variable}=/path/to/it, "
            "then run `make test` again."
        )
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
