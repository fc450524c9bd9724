"""Private notes on the prompts page: kept, shown as text, protected by a passphrase."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_helpers import (
    assert_no_axe_violations_in_both_schemes,
    tab_to,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

NOTES_KEY = "nr:v1:/:notes:prompts"
XSS = '<img src=x onerror="window.__nrPwned=1"><script>window.__nrPwned=2</script>'
PASSPHRASE = "correct horse battery"


def raw_notes(page: Page) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", NOTES_KEY)  # type: ignore[no-any-return]


def note_for(page: Page, prompt_anchor: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[id="{prompt_anchor}"] .nr-note')


def test_a_note_typed_by_keyboard_is_kept_and_stays_inert_text(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("prompts/")
    note = note_for(page, "prompt-5-01")
    expect(note).to_have_count(1)

    tab_to(page, '[id="prompt-5-01"] .nr-note summary')
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type(f"Bring this to supervision {XSS}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(note.locator("[data-nr-note-status]")).to_have_text("Saved in this browser.")
    assert_no_axe_violations_in_both_schemes(page, "prompts page with an open note")

    page.reload()
    expect(note.locator("summary")).to_contain_text("(has a note)")
    expect(note.locator("textarea")).to_have_value(f"Bring this to supervision {XSS}")
    site_page.goto("my-data/")
    expect(page.locator("[data-nr-records]")).to_contain_text("Prompt 5.01: Bring this to")
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("() => window.__nrPwned") is None


def test_a_wrong_passphrase_says_so_and_loses_nothing(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("prompts/")
    page.evaluate(
        "(key) => localStorage.setItem(key, JSON.stringify({notes: {'5.02': "
        "{text: 'My private thought', updated: 'x'}}}))",
        NOTES_KEY,
    )
    page.reload()
    bar = page.locator(".nr-notes-bar")
    status = bar.locator("[data-nr-notes-status]")

    # The passphrase form stays folded away until the reader asks for it.
    expect(bar.locator("#nr-new-passphrase")).to_be_hidden()
    tab_to(page, ".nr-notes-protect > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#nr-new-passphrase")
    page.keyboard.type(PASSPHRASE)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSPHRASE)
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Your notes are protected")
    sealed = raw_notes(page)
    assert sealed is not None and "My private thought" not in sealed
    assert '"encrypted":true' in sealed

    page.reload()
    expect(bar.locator("[data-nr-unlock]")).to_be_visible()
    expect(note_for(page, "prompt-5-02").locator("textarea")).to_be_disabled()
    assert_no_axe_violations_in_both_schemes(page, "prompts page with notes locked")

    tab_to(page, "#nr-passphrase")
    page.keyboard.type("not the passphrase")
    page.keyboard.press("Enter")
    expect(status).to_contain_text("does not unlock your notes")
    expect(status).to_contain_text("unchanged")
    assert raw_notes(page) == sealed

    page.fill("#nr-passphrase", PASSPHRASE)
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Notes unlocked")
    expect(note_for(page, "prompt-5-02").locator("textarea")).to_have_value("My private thought")
    assert_no_axe_violations_in_both_schemes(page, "prompts page with notes unlocked")
