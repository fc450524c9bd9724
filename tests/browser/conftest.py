"""Chromium for the browser tests: one browser per session, a fresh, guarded context per test.

Every context records each request, console error and uncaught page error.
Chromium is started so that no request can leave loopback (TEST_CHROMIUM_FLAGS), and
a request to any origin but the built site's fails the test in teardown: the site
promises readers that nothing is sent anywhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.guarded_page import GuardedPage, guarded_pages
from tools.ensure_chromium import TEST_CHROMIUM_FLAGS

DEFAULT_CHROMIUM = "/usr/bin/chromium"


def chromium_executable() -> Path:
    """Debian's Chromium, or the one $CHROMIUM names; fail (never skip) when there is none."""
    wanted = os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM
    found = wanted if os.sep in wanted else shutil.which(wanted)
    if not found or not os.access(found, os.X_OK) or not Path(found).is_file():
        source = "$CHROMIUM" if os.environ.get("CHROMIUM") else "the default path"
        pytest.fail(
            f"No Chromium executable at {wanted!r} ({source}). The browser tests need one: "
            "install Debian's (`apt-get install -y chromium`) or set CHROMIUM=/path/to/chromium. "
            "Playwright's own browser download does not work on this machine.",
            pytrace=False,
        )
    return Path(found)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_executable()
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=str(executable), headless=True, args=TEST_CHROMIUM_FLAGS
            )
        except Exception as error:
            pytest.fail(f"Chromium at {executable} would not start: {error}", pytrace=False)
        try:
            yield launched
        finally:
            launched.close()


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
