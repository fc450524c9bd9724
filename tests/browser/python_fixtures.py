"""Chromium pages for the Python runtime tests: each guarded so no request leaves the site.

Uses the session's `browser` fixture when tests/browser/conftest.py provides
one (Playwright's sync API allows one instance per thread); otherwise starts
Debian's Chromium for this module.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route, sync_playwright

from tools.ensure_chromium import CHROMIUM_FLAGS

if TYPE_CHECKING:
    from tools.site_server import BuiltSite

# A Pyodide start takes about 3 s here, far more on a busy machine: wait generously.
PYTHON_TIMEOUT_MS = 60_000

# Runs an async `(client, arg) => …` in the page with client.js imported, bounded in time,
# so a Python that never answers fails the test instead of hanging it.
_WITH_CLIENT = """
async ({ clientURL, timeoutMs, arg }) => {
  const client = await import(clientURL);
  const body = (%s);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([body(client, arg), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
"""


@dataclass
class PythonPage:
    """A page of the built site, every request recorded and any foreign one blocked."""

    page: Page
    context: BrowserContext
    origin: str
    requests: list[str] = field(default_factory=list)
    request_log: list[Request] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def with_client(self, script: str, arg: Any = None) -> Any:
        """Evaluate `script`, an async `(client, arg) => value`, with client.js imported."""
        return self.page.evaluate(
            _WITH_CLIENT % script,
            {
                "clientURL": f"{self.origin}/assets/js/python/client.js",
                "timeoutMs": PYTHON_TIMEOUT_MS,
                "arg": arg,
            },
        )

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url == self.origin or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")


def launch_chromium() -> Iterator[Browser]:
    executable = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not os.access(executable, os.X_OK):
        pytest.fail(
            f"No Chromium at {executable}: `apt-get install -y chromium` or set CHROMIUM.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def python_browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    try:
        shared: Browser = request.getfixturevalue("browser")
    except pytest.FixtureLookupError:
        yield from launch_chromium()
    else:
        yield shared


@pytest.fixture
def open_python_page(
    python_browser: Browser, built_site: BuiltSite
) -> Iterator[Callable[[], PythonPage]]:
    """Factory: a fresh, guarded context and page; fails the test if anything left the origin."""
    opened: list[PythonPage] = []

    def open_page() -> PythonPage:
        context = python_browser.new_context()
        context.set_default_timeout(PYTHON_TIMEOUT_MS)
        guarded = PythonPage(context.new_page(), context, built_site.origin)
        context.route("**/*", guarded._route)
        context.on("request", lambda request: guarded.requests.append(request.url))
        context.on("request", lambda request: guarded.request_log.append(request))
        opened.append(guarded)
        return guarded

    yield open_page

    for guarded in opened:
        guarded.context.close()
    leaks = [url for guarded in opened for url in guarded.foreign]
    assert not leaks, f"requests outside {built_site.origin}: {leaks}"
