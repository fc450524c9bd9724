"""Chromium pages for the Python runtime tests: guarded pages that can call the site's Python."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, Request

from tests.browser.guarded_page import GuardedPage, guarded_pages

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


@dataclass(repr=False)
class PythonPage(GuardedPage):
    """A guarded page (every request and error recorded) that can call the site's Python."""

    request_log: list[Request] = field(default_factory=list)

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


@pytest.fixture
def open_python_page(browser: Browser, built_site: BuiltSite) -> Iterator[Callable[[], PythonPage]]:
    """Factory: a fresh, guarded context and page; fails the test if anything left the origin."""
    with guarded_pages(browser, built_site.origin, PythonPage) as open_guarded_page:

        def open_page() -> PythonPage:
            python = open_guarded_page()
            python.context.set_default_timeout(PYTHON_TIMEOUT_MS)
            python.context.on("request", lambda request: python.request_log.append(request))
            return python

        yield open_page
