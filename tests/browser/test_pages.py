"""Every page renders, reads cleanly and asks nothing of any other host."""

from __future__ import annotations

import pytest
from browser_helpers import PYTHON_TIMEOUT_MS, SitePage, heading_text, site_pages
from guarded_page import GuardedPage
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = site_pages()


@pytest.mark.parametrize("site", PAGES, ids=str)
def test_page_renders_with_its_heading_and_no_errors(
    site_page: GuardedPage, site: SitePage
) -> None:
    site_page.goto(site.path)
    site_page.page.wait_for_load_state("networkidle", timeout=PYTHON_TIMEOUT_MS)

    headings = site_page.page.locator("article h1")
    expect(headings).to_have_count(1)
    expect(headings).to_be_visible()
    assert heading_text(headings) == site.h1
    assert site_page.page.title().strip(), "the page has no <title>"
    assert not site_page.problems(), f"{site} reported:\n" + "\n".join(site_page.problems())


def test_no_request_leaves_the_origin(site_page: GuardedPage) -> None:
    for site in PAGES:
        site_page.goto(site.path)
        site_page.page.wait_for_load_state("networkidle", timeout=PYTHON_TIMEOUT_MS)
    assert site_page.requests, "no request was recorded at all: the recorder is broken"
    assert not site_page.foreign_requests, "requests left the origin:\n" + "\n".join(
        site_page.foreign_requests
    )


def test_glossary_terms_never_sit_inside_headings_or_navigation(site_page: GuardedPage) -> None:
    misplaced: dict[str, list[str]] = {}
    for site in PAGES:
        site_page.goto(site.path)
        found = site_page.page.evaluate(
            """() => [...document.querySelectorAll(
                    ':is(h1, h2, h3, h4, h5, h6, nav, .md-nav, title) :is(.nr-term, [role=tooltip])'
                )].map((el) => el.closest('h1, h2, h3, h4, h5, h6, nav').outerHTML.slice(0, 200))"""
        )
        if found:
            misplaced[str(site)] = found
    assert not misplaced, f"glossary tooltips inside headings or navigation: {misplaced}"
