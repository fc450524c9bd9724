"""Instant navigation swaps pages without a reload and lands where links point; search works."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.browser_helpers import SEARCH_TIMEOUT_MS, UI_TIMEOUT_MS, heading_text, site_pages
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser


def test_instant_navigation_changes_page_without_reloading(site_page: GuardedPage) -> None:
    page = site_page.page
    home, glossary = site_pages()[0], next(p for p in site_pages() if p.path == "glossary/")
    site_page.goto(home.path)
    page.evaluate("() => { window.__nrSameDocument = true; }")

    sidebar = page.locator(".md-sidebar--primary .md-nav--primary")
    sidebar.get_by_role("link", name=glossary.title, exact=True).click()

    expect(page).to_have_url(site_page.url(glossary.path))
    heading = page.locator("article h1")
    expect(heading).to_contain_text(glossary.h1)
    assert heading_text(heading) == glossary.h1
    assert page.evaluate("() => window.__nrSameDocument === true"), (
        "clicking a nav link reloaded the whole document: instant navigation is off "
        "(is the site served at the origin of site_url?)"
    )


def test_search_finds_a_glossary_term(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("")

    page.keyboard.press("/")  # Material's keyboard shortcut for search
    search_field = page.locator("input.md-search__input")
    expect(search_field).to_be_focused()
    page.keyboard.type("cuddle")

    glossary_result = page.locator(
        '.md-search-result__list a.md-search-result__link[href*="glossary/"]'
    )
    expect(glossary_result.first).to_be_visible(timeout=SEARCH_TIMEOUT_MS)
    expect(glossary_result.first).to_contain_text(re.compile("cuddle", re.IGNORECASE))


def test_following_a_glossary_term_lands_on_its_entry(site_page: GuardedPage) -> None:
    """A reader far down a page follows a term to the glossary and sees that term's entry."""
    page = site_page.page
    site_page.goto("takeaways/")
    link = page.locator("article .nr-term__link").first
    term_id = (link.get_attribute("href") or "").rpartition("#")[2]
    link.scroll_into_view_if_needed()  # the reader has scrolled down to the term

    link.click()

    expected = site_page.url(f"glossary/#{term_id}")
    expect(page, "the address should name the glossary entry the reader followed").to_have_url(
        expected
    )
    entry = page.locator(f'dt[id="{term_id}"]')
    try:
        page.wait_for_function(
            """(el) => { const box = el.getBoundingClientRect();
                return box.top >= 0 && box.bottom <= window.innerHeight; }""",
            arg=entry.element_handle(),
            timeout=UI_TIMEOUT_MS,
        )
    except PlaywrightTimeoutError:
        top = entry.evaluate("(el) => el.getBoundingClientRect().top")
        pytest.fail(
            f"after following the term, its glossary entry is not on screen (its top is at "
            f"{top:.0f}px in an {page.viewport_size} viewport); the address is {page.url}"
        )
    assert page.url == expected, "the address bar no longer names the term the reader followed"
