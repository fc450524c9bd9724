"""What the reader keeps survives two open tabs and damaged records, as a reader meets them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_helpers import (
    PYTHON_TIMEOUT_MS,
    describe_violations,
    run_axe,
    site_pages,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

PREFIX = "nr:v1:/:"


def stored(page: Page) -> dict[str, str]:
    """Every localStorage key and raw value, exactly."""
    return dict(
        page.evaluate(
            "() => Object.fromEntries(Array.from({length: localStorage.length}, (_, i) => "
            "localStorage.key(i)).map((key) => [key, localStorage.getItem(key)]))"
        )
    )


def record(page: Page, name: str) -> Any:
    raw = stored(page).get(PREFIX + name)
    return None if raw is None else json.loads(raw)


def open_tabs(site_page: GuardedPage, path: str, widget: str) -> tuple[Page, Page]:
    """Two tabs of one browser on the same tool, both open before either adds anything."""
    first = site_page.page
    site_page.goto(path)
    second = site_page.context.new_page()
    second.goto(site_page.url(path))
    for tab in (first, second):
        expect(tab.locator(f"[data-nr-widget={widget}]")).to_have_attribute("data-nr-mounted", "")
    return first, second


def add_person(tab: Page, label: str) -> None:
    tab.bring_to_front()
    tab.fill("#nr-person-label", label)
    tab.locator("form[data-nr-add-person] button[type=submit]").click()
    expect(tab.locator("[data-nr-status]").first).to_contain_text(f"Added {label}")


def add_item(tab: Page, label: str) -> None:
    tab.bring_to_front()
    tab.fill("form[data-nr-add-item] input[name=label]", label)
    tab.fill("form[data-nr-add-item] input[name=minutes]", "30")
    tab.locator("form[data-nr-add-item] button[type=submit]").click()
    expect(tab.locator("[data-nr-status]").first).to_contain_text(f"Added {label}")


def test_two_tabs_adding_people_to_the_constellation_keep_both(site_page: GuardedPage) -> None:
    first, second = open_tabs(site_page, "constellation/", "constellation")

    add_person(first, "AB")
    add_person(second, "CD")

    # The first tab learns of the second's person without a reload (by a storage event,
    # which can take a while on a busy machine); then its copy of storage holds both.
    expect(first.locator("[data-nr-people] li")).to_have_count(2)
    expect(first.locator("[data-nr-people]")).to_contain_text("CD")
    labels = [person["label"] for person in record(first, "constellation")["people"]]
    assert labels == ["AB", "CD"]
    people = record(first, "constellation")["people"]
    assert len({person["id"] for person in people}) == 2
    assert site_page.page_errors == []


def test_two_tabs_adding_to_the_day_planner_keep_both(site_page: GuardedPage) -> None:
    first, second = open_tabs(site_page, "day-planner/", "day-planner")

    add_item(first, "Supervision")
    add_item(second, "Walk")
    add_item(first, "Notes")

    labels = [item["label"] for item in record(first, "day-plan")["items"]]
    assert labels == ["Supervision", "Walk", "Notes"]
    expect(second.locator("[data-nr-items] li")).to_have_count(3)
    assert site_page.page_errors == []


def test_two_tabs_taking_the_check_in_keep_both_takes(site_page: GuardedPage) -> None:
    first, second = open_tabs(site_page, "checkin/", "checkin")

    for count, tab in enumerate((first, second), start=1):
        tab.bring_to_front()
        tab.locator("form[data-nr-checkin] input[type=radio]").first.check()
        tab.locator("form[data-nr-checkin] button[type=submit]").click()
        expect(tab.locator("[data-nr-history-list] li")).to_have_count(
            count, timeout=PYTHON_TIMEOUT_MS
        )

    # The first tab learns of the second's write by a storage event, which can take a while
    # on a busy machine: once it shows both, its own copy of storage holds both too.
    expect(first.locator("[data-nr-history-list] li")).to_have_count(2)
    takes = record(first, "checkins")["takes"]
    assert len(takes) == 2
    assert len({take["id"] for take in takes}) == 2
    assert site_page.page_errors == []


def test_an_unreadable_record_is_set_aside_once_over_five_reloads(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("constellation/")
    damaged = '{"people": [' + "x" * 100_000
    page.evaluate(
        "([key, raw]) => localStorage.setItem(key, raw)", [PREFIX + "constellation", damaged]
    )

    for _ in range(5):
        page.reload()
        expect(page.locator("[data-nr-widget=constellation]")).to_have_attribute(
            "data-nr-mounted", ""
        )

    keys = [key for key in stored(page) if key.startswith(PREFIX)]
    assert keys == [PREFIX + "quarantine:constellation"]
    copies = record(page, "quarantine:constellation")
    assert [copy["raw"] for copy in copies] == [damaged]
    assert site_page.page_errors == []


def test_a_record_of_the_wrong_shape_is_set_aside_and_the_tool_starts_empty(
    site_page: GuardedPage,
) -> None:
    page = site_page.page
    site_page.goto("day-planner/")
    wrong = json.dumps({"day_start": "09:00", "day_end": "17:00", "items": [None, 3]})
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [PREFIX + "day-plan", wrong])

    for _ in range(3):
        page.reload()
        status = page.locator("[data-nr-widget=day-planner] [data-nr-status]")
        if PREFIX + "day-plan" in stored(page):
            expect(status).to_contain_text("expected an item, got null", timeout=PYTHON_TIMEOUT_MS)
    add_item(page, "Lunch")

    assert [copy["raw"] for copy in record(page, "quarantine:day-plan")] == [wrong]
    assert [item["label"] for item in record(page, "day-plan")["items"]] == ["Lunch"]
    assert site_page.page_errors == []
    assert not [text for text in site_page.console_errors if "TypeError" in text]


def open_note(tab: Page, anchor: str = "prompt-5-01") -> Any:
    note = tab.locator(f'[id="{anchor}"] .nr-note')
    note.locator("summary").click()
    return note


def test_a_note_autosaves_and_appears_in_another_tab_without_reload(
    site_page: GuardedPage,
) -> None:
    first, second = open_tabs_on_prompts(site_page)
    first.bring_to_front()
    note = open_note(first)

    note.locator("textarea").fill("Ask about the peer group <b>breathe</b>")

    expect(note.locator("[data-nr-autosave]")).to_have_text("Saved")
    saved = record(first, "notes:prompts")["notes"]["5.01"]
    assert saved["text"] == "Ask about the peer group <b>breathe</b>"
    other = open_note(second)
    expect(other.locator("textarea")).to_have_value("Ask about the peer group <b>breathe</b>")
    assert site_page.page_errors == []


def test_a_note_being_edited_is_never_overwritten_by_another_tab(site_page: GuardedPage) -> None:
    first, second = open_tabs_on_prompts(site_page)
    second.bring_to_front()
    mine = open_note(second)
    mine.locator("textarea").fill("mine, still typing")
    expect(mine.locator("[data-nr-autosave]")).to_have_text("Saved")

    first.bring_to_front()
    theirs = open_note(first)
    expect(theirs.locator("textarea")).to_have_value("mine, still typing")
    theirs.locator("textarea").fill("theirs")
    expect(theirs.locator("[data-nr-autosave]")).to_have_text("Saved")
    theirs.locator("textarea").blur()
    second.bring_to_front()

    # The second tab's cursor is still in its note: it is asked, not overwritten.
    choice = mine.locator("[data-nr-note-choice]")
    expect(choice).to_contain_text("changed in another tab")
    expect(mine.locator("textarea")).to_have_value("mine, still typing")
    violations = run_axe(second)
    assert not violations, describe_violations(violations)
    choice.locator("[data-nr-take-theirs]").click()
    expect(mine.locator("textarea")).to_have_value("theirs")

    mine.locator("textarea").fill("mine again")
    expect(mine.locator("[data-nr-autosave]")).to_have_text("Saved")
    # The first tab is not editing its note any more: it simply shows the new text.
    expect(theirs.locator("textarea")).to_have_value("mine again")
    expect(theirs.locator("[data-nr-note-choice]")).to_have_count(0)
    assert record(first, "notes:prompts")["notes"]["5.01"]["text"] == "mine again"


def test_leaving_with_an_unsaved_note_warns_first_and_the_note_is_kept(
    site_page: GuardedPage,
) -> None:
    page = site_page.page
    site_page.goto("prompts/")
    expect(page.locator('[id="prompt-5-01"] .nr-note')).to_have_count(1)
    note = open_note(page)
    dialogs: list[str] = []

    def stay(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    note.locator("textarea").press_sequentially("typed just now")
    page.close(run_before_unload=True)
    expect(note.locator("[data-nr-autosave]")).to_have_text("Saved")

    assert dialogs[:1] == ["beforeunload"]
    assert record(page, "notes:prompts")["notes"]["5.01"]["text"] == "typed just now"


def open_tabs_on_prompts(site_page: GuardedPage) -> tuple[Page, Page]:
    first = site_page.page
    site_page.goto("prompts/")
    second = site_page.context.new_page()
    second.goto(site_page.url("prompts/"))
    for tab in (first, second):
        expect(tab.locator('[id="prompt-5-01"] .nr-note')).to_have_count(1)
    return first, second


STORAGE_OFF = """
(() => {
  const denied = () => new DOMException("Access is denied for this document.", "SecurityError");
  for (const name of ["localStorage", "sessionStorage"]) {
    Object.defineProperty(window, name, { configurable: true, get() { throw denied(); } });
  }
  if (window.CacheStorage) {
    for (const method of ["open", "match", "has", "keys", "delete"]) {
      CacheStorage.prototype[method] = () => Promise.reject(denied());
    }
  }
  if (window.ServiceWorkerContainer) {
    ServiceWorkerContainer.prototype.register = () => Promise.reject(denied());
  }
  if (window.IDBFactory) IDBFactory.prototype.open = () => { throw denied(); };
})();
"""


def test_storage_off_gives_no_page_error_on_any_page_and_is_said_plainly(
    site_page: GuardedPage,
) -> None:
    page = site_page.page
    site_page.context.add_init_script(STORAGE_OFF)

    for site in site_pages():
        site_page.goto(site.path)
        page.wait_for_load_state("load")
        for widget in page.locator("[data-nr-widget]").all():
            expect(widget).to_have_attribute("data-nr-mounted", "")
    site_page.goto("my-data/")
    expect(page.locator("[data-nr-records]")).to_contain_text("Storage is off")
    site_page.goto("constellation/")
    add_person(page, "AB")
    expect(page.locator("[data-nr-storage-note]")).to_contain_text("storage is off")

    assert site_page.page_errors == [], site_page.problems()


def test_a_malformed_address_hash_throws_nothing(site_page: GuardedPage) -> None:
    site_page.goto("prompts/#%E0%A4%A")
    expect(site_page.page.locator('[id="prompt-5-01"] .nr-note')).to_have_count(1)
    site_page.page.wait_for_load_state("load")

    assert site_page.page_errors == [], site_page.problems()


def test_a_vignette_reason_and_the_packets_choices_autosave_and_come_back(
    site_page: GuardedPage,
) -> None:
    page = site_page.page
    site_page.goto("gifts/")
    expect(page.locator("[data-nr-widget=gift-scenarios]")).to_have_attribute("data-nr-mounted", "")
    form = page.locator("form[data-nr-scenario]").first
    form.locator("textarea").fill("Because <b>boundaries</b> matter")
    expect(form.locator("[data-nr-autosave]")).to_have_text("Saved")

    site_page.goto("packet/")
    expect(page.locator("[data-nr-widget=prep-packet]")).to_have_attribute("data-nr-mounted", "")
    page.check('input[name="prompt"][value="5.07"]')
    expect(page.locator("[data-nr-widget=prep-packet] [data-nr-autosave]")).to_have_text("Saved")

    page.reload()
    expect(page.locator('input[name="prompt"][value="5.07"]')).to_be_checked()
    site_page.goto("gifts/")
    expect(page.locator("form[data-nr-scenario]").first.locator("textarea")).to_have_value(
        "Because <b>boundaries</b> matter"
    )
    assert site_page.page_errors == []


def test_two_tabs_writing_protected_notes_keep_both_and_keep_them_protected(
    site_page: GuardedPage,
) -> None:
    first, second = open_tabs_on_prompts(site_page)
    first.bring_to_front()
    first.locator(".nr-notes-protect > summary").click()
    first.fill("#nr-new-passphrase", "correct horse battery")
    first.fill("#nr-new-passphrase-again", "correct horse battery")
    first.locator("form[data-nr-protect] button[type=submit]").click()
    expect(first.locator("[data-nr-notes-status]")).to_contain_text("Your notes are protected")
    second.bring_to_front()
    expect(second.locator("form[data-nr-unlock]")).to_be_visible()
    second.fill("#nr-passphrase", "correct horse battery")
    second.locator("form[data-nr-unlock] button[type=submit]").click()
    expect(second.locator("[data-nr-notes-status]")).to_contain_text("unlocked")

    first.bring_to_front()
    open_note(first).locator("textarea").fill("first tab's note")
    expect(first.locator('[id="prompt-5-01"] [data-nr-autosave]')).to_have_text("Saved")
    second.bring_to_front()
    open_note(second, "prompt-5-02").locator("textarea").fill("second tab's note")
    expect(second.locator('[id="prompt-5-02"] [data-nr-autosave]')).to_have_text("Saved")

    sealed = record(first, "notes:prompts")
    assert sealed["encrypted"] is True
    assert "tab's note" not in json.dumps(sealed)
    expect(second.locator("#note-prompt-5-01")).to_have_value("first tab's note")
    first.reload()
    first.fill("#nr-passphrase", "correct horse battery")
    first.locator("form[data-nr-unlock] button[type=submit]").click()
    expect(first.locator("#note-prompt-5-01")).to_have_value("first tab's note")
    expect(first.locator("#note-prompt-5-02")).to_have_value("second tab's note")
