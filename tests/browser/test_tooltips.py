"""Glossary terms show their definition on keyboard focus, hover and a first tap."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.browser_helpers import (
    normalised,
    visibility,
    wait_until_hidden,
    wait_until_shown,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

MAX_TABS = 120  # more than enough to get past the header and sidebars to the content


def glossary_entries(site_page: GuardedPage) -> dict[str, str]:
    """What the glossary page shows: term id -> 'Term: definition', as a tooltip should say."""
    site_page.goto("glossary/")
    entries = site_page.page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('dl.nr-glossary > dt[id]')]
            .map((dt) => [dt.id, dt.textContent + ': '
                + dt.nextElementSibling.querySelector('.nr-definition').textContent]))"""
    )
    assert entries, "the glossary page shows no terms"
    return {term_id: normalised(text) for term_id, text in entries.items()}


def tooltip_of(page: Page, link: Locator) -> Locator:
    tip_id = link.get_attribute("aria-describedby")
    assert tip_id, "a glossary term link has no aria-describedby pointing at its tooltip"
    return page.locator(f'[id="{tip_id}"]')


def assert_fits_across_the_screen(page: Page, tip: Locator) -> None:
    """The whole definition can be read without scrolling sideways."""
    box = tip.bounding_box()
    assert box is not None, "the tooltip has no box on screen"
    width = page.viewport_size["width"] if page.viewport_size else 0
    left, right = round(box["x"]), round(box["x"] + box["width"])
    assert left >= 0 and right <= width, (
        f"the tooltip runs off the side of the screen: it spans {left}px to {right}px "
        f"in a {width}px-wide viewport"
    )


def term_id(link: Locator) -> str:
    return (link.get_attribute("href") or "").rpartition("#")[2]


def test_keyboard_focus_shows_the_definition_and_escape_hides_it(site_page: GuardedPage) -> None:
    definitions = glossary_entries(site_page)
    page = site_page.page
    site_page.goto("")

    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.nr-term__link')"):
            break
    else:
        pytest.fail(f"{MAX_TABS} presses of Tab never reached a glossary term on the home page")

    link = page.locator(".nr-term__link:focus")
    tip = tooltip_of(page, link)
    expect(tip).to_have_attribute("role", "tooltip")
    wait_until_shown(page, tip, "a focused glossary term should show its tooltip")
    assert normalised(tip.text_content()) == definitions[term_id(link)], (
        "the tooltip does not say what the glossary page says for this term"
    )

    page.keyboard.press("Escape")
    wait_until_hidden(page, tip, "Escape should hide the tooltip")
    expect(link).to_be_focused()  # dismissing must not move the reader's place


def test_hover_shows_the_definition(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("takeaways/")
    link = page.locator("article .nr-term__link").first
    tip = tooltip_of(page, link)
    link.scroll_into_view_if_needed()
    wait_until_hidden(page, tip, "a tooltip should be hidden until the reader asks for it")

    link.hover()
    wait_until_shown(page, tip, "hovering a glossary term should show its tooltip")
    assert_fits_across_the_screen(page, tip)

    # WCAG 1.4.13: the reader can move the pointer onto the tooltip without it vanishing.
    tip.hover()
    assert visibility(tip) > 0.5, "the tooltip vanished when the pointer moved onto it"

    page.mouse.move(0, 0)
    wait_until_hidden(page, tip, "the tooltip should hide when the pointer leaves the term")


def test_first_tap_shows_the_definition_without_leaving_the_page(
    open_page: Callable[..., GuardedPage],
) -> None:
    site_page: GuardedPage = open_page(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = site_page.page
    site_page.goto("takeaways/")
    link = page.locator("article .nr-term__link").first
    tip = tooltip_of(page, link)

    link.tap()

    wait_until_shown(page, tip, "a first tap on a glossary term should show its definition")
    expect(page, "a first tap should not follow the link").to_have_url(site_page.url("takeaways/"))
    assert_fits_across_the_screen(page, tip)
