"""The check-in and the gift vignettes, done with the keyboard alone, kept across a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_helpers import (
    PYTHON_TIMEOUT_MS,
    assert_no_axe_violations_in_both_schemes,
    open_widget,
    tab_to,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

XSS = '<img src=x onerror="window.__nrPwned=1">'


def answer_checkin_by_keyboard(page: Page, presses: dict[str, int]) -> None:
    """Answer items by moving from 'Skip' with arrow keys; other items stay skipped."""
    for item_id, steps in presses.items():
        # The checked radio (Skip) is the group's tab stop; ArrowRight wraps to point 1.
        tab_to(page, f'input[name="checkin-{item_id}"]')
        for _ in range(steps):
            page.keyboard.press("ArrowRight")


def test_checkin_by_keyboard_gives_a_profile_that_a_reload_keeps(site_page: GuardedPage) -> None:
    page = site_page.page
    widget = open_widget(site_page, "checkin/", "checkin", "light")
    expect(widget.locator(".nr-crisis")).to_contain_text("988")
    expect(widget.locator(".nr-crisis")).to_contain_text("116 123")
    expect(widget.locator(".nr-crisis")).to_contain_text("findahelpline.com")
    expect(widget).to_contain_text("no total, no cut-offs")
    assert_no_axe_violations_in_both_schemes(page, "check-in before answering")

    answer_checkin_by_keyboard(page, {"ci-01": 4, "ci-02": 2, "ci-05": 5})
    tab_to(page, "form[data-nr-checkin] button[type=submit]")
    page.keyboard.press("Enter")

    result = widget.locator("[data-nr-result]")
    table = result.locator("table")
    expect(table).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    close = table.locator("tr", has_text="Time with partner, family")
    # ci-01 answered 4, reverse-worded ci-02 answered 2 (turned round to 4): 4.0 on the scale.
    expect(close).to_contain_text("4 (nearest: “Often true”)")
    expect(table.locator("tr", has_text="Consultation and peer groups")).to_contain_text(
        "All skipped"
    )
    expect(result.locator("svg[role=img]")).to_have_count(1)
    for word in ("total", "risk"):
        assert word not in (result.inner_text() or "").lower()
    assert_no_axe_violations_in_both_schemes(page, "check-in with a profile")

    page.reload()
    expect(widget).to_have_attribute("data-nr-mounted", "")
    expect(widget.locator("[data-nr-result] table")).to_contain_text("Often true")
    expect(page.locator('input[name="checkin-ci-05"][value="5"]')).to_be_checked()
    expect(widget.locator("[data-nr-history-list] li")).to_have_count(1)


def test_a_retake_shows_the_change_since_last_time(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("checkin/")
    widget = page.locator("[data-nr-widget=checkin]")
    expect(widget).to_have_attribute("data-nr-mounted", "")
    page.check('input[name="checkin-ci-05"][value="2"]')
    page.click("form[data-nr-checkin] button[type=submit]")
    expect(widget.locator("[data-nr-result] table")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)

    page.check('input[name="checkin-ci-05"][value="5"]')
    page.click("form[data-nr-checkin] button[type=submit]")

    row = widget.locator("[data-nr-result] tr", has_text="Friendships outside the profession")
    expect(row).to_contain_text("Higher by 3", timeout=PYTHON_TIMEOUT_MS)
    expect(widget.locator("[data-nr-history-list] li")).to_have_count(2)
    expect(widget.locator(".nr-chart__earlier")).to_have_count(1)


def test_a_vignette_by_keyboard_shows_the_considerations_and_keeps_the_text_inert(
    site_page: GuardedPage,
) -> None:
    page = site_page.page
    widget = open_widget(site_page, "gifts/", "gift-scenarios", "light")
    form = widget.locator("form[data-nr-scenario]").first
    form_id = form.get_attribute("id")

    tab_to(page, f'#{form_id} input[type="radio"]')
    page.keyboard.press("ArrowDown")  # the second decision; arrows also check it
    page.keyboard.press("Tab")
    page.keyboard.type(f"A small token of thanks. {XSS}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    result = form.locator("[data-nr-result]")
    expect(result).to_contain_text("The chapter's position", timeout=PYTHON_TIMEOUT_MS)
    for label in (
        "The relationship",
        "The gift's value",
        "The client's motive",
        "The therapist's motive",
    ):
        expect(result).to_contain_text(label)
    expect(result).to_contain_text("no single right answer")
    expect(result).to_contain_text("(your explanation touches on this)")
    assert_no_axe_violations_in_both_schemes(page, "a vignette with feedback")

    page.reload()
    expect(widget).to_have_attribute("data-nr-mounted", "")
    expect(form.locator("textarea")).to_have_value(f"A small token of thanks. {XSS}")
    expect(form.locator("[data-nr-result]")).to_contain_text("The chapter's position")
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("() => window.__nrPwned") is None
