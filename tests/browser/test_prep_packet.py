"""The supervision prep packet: chosen prompts, notes and a summary, to print or download."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.browser_helpers import (
    PYTHON_TIMEOUT_MS,
    Preference,
    describe_violations,
    run_axe,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

PREFIX = "nr:v1:/:"
XSS = '<img src=x onerror="window.__nrPwned=1">'


@pytest.mark.parametrize("preference", ["light", "dark"])
def test_a_packet_made_by_keyboard_holds_the_prompts_notes_and_map(
    site_page: GuardedPage, preference: Preference, tmp_path: Path
) -> None:
    page = site_page.page
    page.emulate_media(color_scheme=preference)
    site_page.goto("packet/")
    page.evaluate(
        """([prefix, xss]) => {
            localStorage.setItem(prefix + 'notes:prompts', JSON.stringify(
                {notes: {'5.07': {text: 'Ask about mentors ' + xss, updated: 'x'}}}));
            localStorage.setItem(prefix + 'constellation', JSON.stringify({people: [], map: {
                layers: [{id: 'close', title: 'Close: in touch every week',
                          people: [{label: 'JM', role: 'mentor', contact: 'weekly'}]}],
                gaps: [], name_warnings: [], roles_present: ['mentor']}}));
        }""",
        [PREFIX, XSS],
    )
    page.reload()
    widget = page.locator("[data-nr-widget=prep-packet]")
    expect(widget).to_have_attribute("data-nr-mounted", "")
    expect(widget.locator('input[value="profile"]')).to_be_disabled()
    expect(widget.locator("label", has_text="5.07")).to_contain_text("(you have a note)")

    page.focus('input[name="prompt"][value="5.07"]')
    page.keyboard.press("Space")
    page.focus('input[name="include"][value="constellation"]')
    page.keyboard.press("Space")
    page.focus("form[data-nr-packet-form] button[type=submit]")
    page.keyboard.press("Enter")

    packet = widget.locator("[data-nr-packet]")
    expect(packet).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(packet).to_contain_text("5.07: What has your experience been like")
    expect(packet.locator("blockquote")).to_have_text(f"Ask about mentors {XSS}")
    expect(packet).to_contain_text("Close: in touch every week: JM")
    expect(packet).to_contain_text("de-identify any client")
    assert_no_axe = run_axe(page)
    assert not assert_no_axe, describe_violations(assert_no_axe)

    page.focus("[data-nr-download]")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    saved = tmp_path / "packet.md"
    download_info.value.save_as(saved)
    text = saved.read_text()
    assert "### 5.07: What has your experience been like" in text
    assert f"> Ask about mentors {XSS}" in text
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("() => window.__nrPwned") is None


def test_an_empty_packet_asks_for_something_to_include(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("packet/")
    widget = page.locator("[data-nr-widget=prep-packet]")
    expect(widget).to_have_attribute("data-nr-mounted", "")

    page.click("form[data-nr-packet-form] button[type=submit]")

    expect(widget.locator("[data-nr-status]")).to_contain_text(
        "Choose at least one prompt or summary", timeout=PYTHON_TIMEOUT_MS
    )
    expect(widget.locator("[data-nr-packet]")).to_be_hidden()


def test_people_listed_but_not_yet_mapped_can_go_into_the_packet(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("packet/")
    page.evaluate(
        """(prefix) => localStorage.setItem(prefix + 'constellation', JSON.stringify({people: [
            {id: 'person-jm', label: 'JM', role: 'mentor', contact: 'weekly'}]}))""",
        PREFIX,
    )
    page.reload()
    widget = page.locator("[data-nr-widget=prep-packet]")
    expect(widget).to_have_attribute("data-nr-mounted", "")
    include = widget.locator('input[name="include"][value="constellation"]')
    expect(include).to_be_enabled()

    include.check()
    widget.locator("form[data-nr-packet-form] button[type=submit]").click()

    packet = widget.locator("[data-nr-packet]")
    expect(packet).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(packet).to_contain_text("JM")
