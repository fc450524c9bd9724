"""Chromium for the browser tests: one browser per session, a fresh, guarded context per test.

The tests run in Chromium's headless shell (`browser`): the same engine as Chromium, at
about half the CPU per page. A test that needs the whole browser as readers get it asks
for `full_chromium` (see tools/ensure_chromium.py).

Every context records each request, console error and uncaught page error.
Chromium is started so that no request can leave loopback (TEST_CHROMIUM_FLAGS), and
a request to any origin but the built site's fails the test in teardown: the site
promises readers that nothing is sent anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.browser.guarded_page import GuardedPage, guarded_pages
from tools.ensure_chromium import CHROMIUM, HEADLESS_SHELL, TEST_CHROMIUM_FLAGS, ChromiumBuild


def chromium_executable(build: ChromiumBuild = HEADLESS_SHELL) -> Path:
    """The headless shell (or the whole Chromium) that its variable names, else Debian's;
    fail (never skip) when there is none."""
    found = build.configured()
    if found is None:
        pytest.fail(
            f"No {build.package} for the browser tests (${build.variable}, else "
            f"{build.debian}): install Debian's (`apt-get install -y {build.package}`) or set "
            f"{build.variable}=/path/to/it (`make test` does both). Playwright's own browser "
            "download does not work on this machine.",
            pytrace=False,
        )
    return Path(found)


@contextmanager
def launched(playwright: Playwright, build: ChromiumBuild) -> Iterator[Browser]:
    """The given Chromium build (see chromium_executable), closed at the end."""
    executable = chromium_executable(build)
    try:
        started = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=TEST_CHROMIUM_FLAGS
        )
    except Exception as error:
        pytest.fail(f"Chromium at {executable} would not start: {error}", pytrace=False)
    try:
        yield started
    finally:
        started.close()


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """Chromium's headless shell, where the browser tests run."""
    with launched(playwright_session, HEADLESS_SHELL) as shell:
        yield shell


@pytest.fixture(scope="session")
def full_chromium(playwright_session: Playwright) -> Iterator[Browser]:
    """Chromium as readers get it, started only by the tests that need the whole browser."""
    with launched(playwright_session, CHROMIUM) as chromium:
        yield chromium


@pytest.fixture
def open_page(browser: Browser, built_site: Any) -> Iterator[Callable[..., GuardedPage]]:
    """Factory: a page in a fresh context made with the given context options (has_touch, …)."""
    with guarded_pages(browser, built_site.origin, GuardedPage) as open_guarded_page:
        yield open_guarded_page


@pytest.fixture
def site_page(open_page: Callable[..., GuardedPage]) -> GuardedPage:
    """A desktop-sized page (1280×800, wide enough for Material's sidebars)."""
    return open_page(viewport={"width": 1280, "height": 800})


@pytest.fixture
def stored_site_page(open_page: Callable[..., GuardedPage]) -> GuardedPage:
    """A desktop-sized page whose offline service worker runs, as in a reader's browser."""
    return open_page(viewport={"width": 1280, "height": 800}, service_workers="allow")
