"""The constellation map and the day planner, by keyboard, results from Python, kept on reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_helpers import (
    PYTHON_TIMEOUT_MS,
    assert_no_axe_violations_in_both_schemes,
    choose_by_keyboard,
    open_widget,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

# Short enough for the 24-character label; if it ran, p() would throw and fail the test.
XSS = "<img src=x onerror=p()>"


def add_by_keyboard(page: Page, label_field: str, label: str, selects: dict[str, str]) -> None:
    """Focus the label field, type, choose each select's option with the keys, press Enter."""
    page.focus(label_field)
    page.keyboard.type(label)
    for selector, option_text in selects.items():
        page.focus(selector)
        choose_by_keyboard(page, option_text)
    page.focus(label_field)
    page.keyboard.press("Enter")


def test_constellation_by_keyboard_maps_layers_and_gaps(site_page: GuardedPage) -> None:
    page = site_page.page
    widget = open_widget(site_page, "constellation/", "constellation", "light")

    add_by_keyboard(
        page, "#nr-person-label", "JM", {"#nr-person-role": "Mentor", "#nr-person-contact": "About"}
    )
    add_by_keyboard(
        page, "#nr-person-label", XSS, {"#nr-person-role": "Peer", "#nr-person-contact": "Weekly"}
    )
    add_by_keyboard(
        page,
        "#nr-person-label",
        "Maria Lopez",
        {"#nr-person-role": "Friend", "#nr-person-contact": "Rarely"},
    )
    expect(widget.locator("[data-nr-people] li")).to_have_count(3)
    page.keyboard.press("Tab")
    while not page.evaluate("() => document.activeElement?.matches('[data-nr-run]')"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    result = widget.locator("[data-nr-result]")
    expect(result.locator("svg[role=img]")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(result).to_contain_text("Close: in touch every week")
    expect(result).to_contain_text("JM (Mentor)")
    expect(result).to_contain_text("No colleague from another discipline")
    expect(result).to_contain_text("“Maria Lopez” looks like a full name")
    expect(result).to_contain_text(XSS)
    assert_no_axe_violations_in_both_schemes(page, "constellation with a map")

    page.reload()
    expect(widget.locator("[data-nr-result]")).to_contain_text("JM (Mentor)")
    expect(widget.locator("[data-nr-people] li")).to_have_count(3)
    assert page.locator("img[src=x]").count() == 0


def test_day_planner_by_keyboard_alternates_and_says_what_does_not_fit(
    site_page: GuardedPage,
) -> None:
    page = site_page.page
    widget = open_widget(site_page, "day-planner/", "day-planner", "light")
    page.fill("#nr-day-start", "09:00")
    page.fill("#nr-day-end", "12:00")

    for label, energy in (("Intake", "Dr"), ("Couple 2", "Dr"), ("Reading", "Re")):
        add_by_keyboard(page, "#nr-item-label", label, {"#nr-item-energy": energy})
        if label == "Intake":
            expect(widget.locator("[data-nr-status]")).to_have_text(
                "Added Intake. 1 item in your day."
            )
    page.fill("#nr-item-minutes", "120")
    add_by_keyboard(page, "#nr-item-label", "Long report", {"#nr-item-energy": "Ne"})
    expect(widget.locator("[data-nr-items] li")).to_have_count(4)
    page.focus("[data-nr-run]")
    page.keyboard.press("Enter")

    table = widget.locator("[data-nr-result] table")
    expect(table).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    rows = table.locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("Intake")
    expect(rows.nth(1)).to_contain_text("Reading")
    expect(rows.nth(1)).to_contain_text("Something replenishing after a draining item.")
    expect(rows.nth(2)).to_contain_text("Couple 2")
    result = widget.locator("[data-nr-result]")
    expect(result).to_contain_text("Not everything fits")
    expect(result).to_contain_text("Long report: there is not enough free time left in the day.")
    assert_no_axe_violations_in_both_schemes(page, "day planner with a plan")

    page.reload()
    expect(widget.locator("[data-nr-result] table tbody tr")).to_have_count(3)
    expect(page.locator("#nr-day-end")).to_have_value("12:00")


HOLD_STORAGE = """async () => {
    const { siteScope } = await import(new URL("assets/js/storage.js", document.baseURI + "../"));
    await new Promise((held) => {
        navigator.locks.request(`nr-storage:${siteScope()}`, () => {
            held();
            return new Promise((release) => { window.nrReleaseStorage = release; });
        });
    });
}"""


def test_a_keyboard_user_who_moves_on_while_an_addition_saves_keeps_the_focus(
    site_page: GuardedPage,
) -> None:
    # Saving waits for the storage lock (another tab may be writing): meanwhile the reader
    # tabs on to the next field; once saved, the form must not pull the focus back.
    page = site_page.page
    widget = open_widget(site_page, "constellation/", "constellation", "light")
    page.evaluate(HOLD_STORAGE)
    page.focus("#nr-person-label")
    page.keyboard.type("JM")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    moved_to = page.evaluate("() => document.activeElement.id")
    assert moved_to and moved_to != "nr-person-label", moved_to
    page.evaluate("() => window.nrReleaseStorage()")

    expect(widget.locator("[data-nr-status]")).to_contain_text("Added JM.")
    assert page.evaluate("() => document.activeElement.id") == moved_to
