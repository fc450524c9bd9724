"""Offline after one visit: every page and a Python-graded check with no network at all."""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import site_pages
from graded_feedback import WIDGET_PAGE, check_first_question, expected_summary
from guarded_page import GuardedPage

pytestmark = pytest.mark.browser

# Storing the site (runtime and snapshot included) takes a while on a busy machine.
STORED_TIMEOUT_MS = 120_000
STORED = """async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active !== null && navigator.serviceWorker.controller !== null;
}"""


def wait_until_stored(page: GuardedPage) -> None:
    page.page.wait_for_function(STORED, timeout=STORED_TIMEOUT_MS)


def test_after_one_visit_every_page_and_a_check_work_offline(
    site_page: GuardedPage, built_site: Any
) -> None:
    site_page.goto("")
    wait_until_stored(site_page)
    site_page.context.set_offline(True)

    for site in site_pages():
        site_page.goto(site.path)
        heading = site_page.page.locator("article h1")
        assert heading.count() == 1, f"{site} did not load offline"
    site_page.goto(WIDGET_PAGE)
    assert check_first_question(site_page.page) == expected_summary(built_site.directory)
    ready = site_page.page.evaluate(
        "() => performance.getEntriesByName('nr-python-ready')[0].detail.how"
    )
    assert ready == "snapshot", "offline, Python should start from the stored snapshot"
    assert not site_page.problems(), "\n".join(site_page.problems())
