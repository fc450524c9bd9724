"""My data: see everything kept, export, erase, import back; bad files change nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import FilePayload, Page, expect

from tests.browser.browser_helpers import (
    PYTHON_TIMEOUT_MS,
    assert_no_axe_violations,
    assert_no_axe_violations_in_both_schemes,
    tab_to,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

PREFIX = "nr:v1:/:"
PASSPHRASE = "correct horse battery"
XSS = '<img src=x onerror="window.__nrPwned=1">'
READER_TEXTS = {
    "5.02": "<b>breathe</b>",
    "5.03": "javascript: maybe",
    "5.04": "I <3 my group",
    "5.05": "Family time 👪🏽 first",
    "5.06": "שלום, مرحبا: right to left",
    "5.07": XSS,
}
SAVED = {
    "checkins": {"takes": [{"date": "2026-11-01T10:00:00.000Z", "answers": {"ci-01": 4}}]},
    "notes:prompts": {
        "notes": {
            "5.01": {"text": "Ask about the peer group", "updated": "x"},
            **{prompt: {"text": text, "updated": "y"} for prompt, text in READER_TEXTS.items()},
        }
    },
    "attempts:takeaway-check": {"check-01": {"chosen": ["a"], "result": {"correct": True}}},
}


def stored(page: Page) -> dict[str, str]:
    """Every localStorage key and raw value, exactly."""
    return dict(
        page.evaluate(
            "() => Object.fromEntries(Array.from({length: localStorage.length}, (_, i) => "
            "localStorage.key(i)).map((key) => [key, localStorage.getItem(key)]))"
        )
    )


# Kept before the page's first script runs, once per tab (a reload keeps what the page did):
# the page opens as a returning reader's would, in one load.
SEED_ONCE = """([prefix, records]) => {
    if (sessionStorage.getItem("nr-test-seeded")) return;
    sessionStorage.setItem("nr-test-seeded", "1");
    for (const [name, value] of Object.entries(records))
        localStorage.setItem(prefix + name, JSON.stringify(value));
}"""


def open_my_data(site_page: GuardedPage, records: dict[str, Any] | None = None) -> Page:
    page = site_page.page
    if records is not None:
        page.add_init_script(f"({SEED_ONCE})({json.dumps([PREFIX, records])})")
    site_page.goto("my-data/")
    expect(page.locator("[data-nr-widget=my-data]")).to_have_attribute("data-nr-mounted", "")
    return page


def choose_file(page: Page, name: str, content: bytes) -> None:
    page.set_input_files(
        "[data-nr-import-file]",
        files=[FilePayload(name=name, mimeType="application/json", buffer=content)],
        timeout=PYTHON_TIMEOUT_MS,
    )


def test_export_erase_import_restores_the_same_data_by_keyboard(
    site_page: GuardedPage, tmp_path: Path
) -> None:
    page = site_page.page
    page.on("dialog", lambda dialog: dialog.accept())
    open_my_data(site_page, SAVED)
    records = page.locator("[data-nr-records]")
    expect(records).to_contain_text("Relationships check-ins")
    expect(records).to_contain_text("Prompt 5.01: Ask about the peer group")
    expect(records).not_to_contain_text("notes:prompts")
    expect(page.locator(".admonition.warning")).to_contain_text("shared or public computer")
    assert_no_axe_violations_in_both_schemes(page, "My data with records")
    before = stored(page)

    tab_to(page, "[data-nr-export]")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    exported = tmp_path / "export.json"
    download_info.value.save_as(exported)
    assert json.loads(exported.read_text())["records"] == SAVED

    tab_to(page, "[data-nr-erase]")
    page.keyboard.press("Enter")
    expect(records).to_contain_text("this browser keeps no data")
    assert not any(key.startswith(PREFIX) for key in stored(page))

    choose_file(page, "export.json", exported.read_bytes())
    preview = page.locator("[data-nr-preview]")
    expect(preview).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(preview.locator("tbody tr")).to_have_count(len(SAVED))
    assert_no_axe_violations_in_both_schemes(page, "My data with an import preview")
    tab_to(page, "[data-nr-import]")
    page.keyboard.press("Enter")

    expect(page.locator("[data-nr-import-message]")).to_contain_text("Imported 3 records")
    assert stored(page) == before
    page.reload()
    expect(records).to_contain_text("Prompt 5.01: Ask about the peer group")


def test_replace_keeps_only_the_files_records(site_page: GuardedPage) -> None:
    page = open_my_data(site_page, SAVED)
    page.on("dialog", lambda dialog: dialog.accept())
    file = {
        "format": "nurturing-relationships-companion",
        "version": 1,
        "records": {"gift-scenarios": {}},
    }

    choose_file(page, "other.json", json.dumps(file).encode())
    expect(page.locator("[data-nr-preview]")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    page.check('input[name="nr-import-mode"][value="replace"]')
    page.click("[data-nr-import]")

    expect(page.locator("[data-nr-import-message]")).to_contain_text("Imported 1 record ")
    assert {key for key in stored(page) if key.startswith(PREFIX)} == {PREFIX + "gift-scenarios"}


def test_declining_the_confirmation_changes_nothing(site_page: GuardedPage) -> None:
    page = open_my_data(site_page, SAVED)
    page.on("dialog", lambda dialog: dialog.dismiss())
    before = stored(page)
    file = {"format": "nurturing-relationships-companion", "version": 1, "records": {}}

    choose_file(page, "empty.json", json.dumps(file).encode())
    expect(page.locator("[data-nr-preview]")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    page.check('input[name="nr-import-mode"][value="replace"]')
    page.click("[data-nr-import]")
    page.click("[data-nr-erase]")

    assert stored(page) == before


def _export(records: Any, version: Any = 1) -> bytes:
    file = {"format": "nurturing-relationships-companion", "version": version, "records": records}
    return json.dumps(file).encode()


DEEP: Any = {}
for _ in range(40):
    DEEP = {"x": DEEP}
BAD_FILES = [
    pytest.param(b"this is not json {", "not JSON", id="not-json"),
    pytest.param(b'{"hello": "world"}', "not a file exported from this site", id="wrong-shape"),
    pytest.param(_export({}, version=99), "newer version of this site", id="wrong-version"),
    pytest.param(
        b" " * 5_000_001,
        "5,000,001 bytes; an export from this page is never over 5,000,000 bytes",
        id="over-5-mb",
    ),
    pytest.param(
        _export({"day-plan": {"items": [None, 3]}}),
        "day-plan.items[0]: expected an item, got null",
        id="wrong-shape-record",
    ),
    pytest.param(_export({"constructor": {}}), "never writes", id="unknown-record"),
    pytest.param(_export({"attempts:quiz": DEEP}), "nested more than", id="too-deep"),
    pytest.param(_export({"checkins": {"<script>x</script>": 1}}), "no field", id="unknown-field"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_bad_import_says_why_and_leaves_storage_exactly_as_it_was(
    site_page: GuardedPage, content: bytes, message: str
) -> None:
    page = open_my_data(site_page, SAVED)
    before = stored(page)

    choose_file(page, "bad.json", content)

    status = page.locator("[data-nr-import-message]")
    expect(status).to_contain_text(message, timeout=PYTHON_TIMEOUT_MS)
    expect(status).to_contain_text("unchanged")
    expect(page.locator("[data-nr-preview]")).to_be_hidden()
    assert stored(page) == before
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("() => window.__nrPwned") is None


def test_saved_text_with_markup_is_shown_as_text(site_page: GuardedPage) -> None:
    page = open_my_data(site_page, {"notes:prompts": {"notes": {"5.02": {"text": XSS}}}})

    expect(page.locator("[data-nr-records]")).to_contain_text(f"Prompt 5.02: {XSS}")
    assert page.locator("[data-nr-records] img").count() == 0
    assert page.evaluate("() => window.__nrPwned") is None


HERE = {
    "notes:prompts": {"notes": {"5.01": {"text": "mine on 5.01", "updated": "2026-11-01T09:00"}}},
    "constellation": {
        "people": [{"id": "person-a", "label": "AB", "role": "peer", "contact": "weekly"}],
        "map": None,
    },
    "day-plan": {
        "day_start": "09:00",
        "day_end": "17:00",
        "items": [
            {
                "id": "item-a",
                "label": "Supervision",
                "kind": "session",
                "energy": "draining",
                "minutes": 50,
                "fixed_start": None,
            }
        ],
        "plan": None,
    },
    "checkins": {
        "takes": [{"id": "take-a", "date": "2026-11-01T10:00:00Z", "answers": {"ci-01": 4}}]
    },
}
FILE = {
    "notes:prompts": {
        "notes": {
            "5.01": {"text": "newer on 5.01", "updated": "2026-11-02T09:00"},
            "5.02": {"text": "theirs on 5.02", "updated": "2026-11-02T09:00"},
        }
    },
    "constellation": {
        "people": [
            {"id": "person-b", "label": "CD", "role": "mentor", "contact": "monthly"},
            {"id": "person-c", "label": "EF", "role": "friend", "contact": "weekly"},
        ]
    },
    "day-plan": {
        "items": [
            {
                "id": "item-b",
                "label": "Walk",
                "kind": "break",
                "energy": "restoring",
                "minutes": 20,
                "fixed_start": None,
            }
        ]
    },
    "checkins": {
        "takes": [{"id": "take-b", "date": "2026-11-05T10:00:00Z", "answers": {"ci-01": 2}}]
    },
}


def test_merge_keeps_both_sides_notes_people_items_and_takes(site_page: GuardedPage) -> None:
    page = open_my_data(site_page, HERE)
    page.on("dialog", lambda dialog: dialog.accept())

    choose_file(page, "other.json", _export(FILE))

    preview = page.locator("[data-nr-preview]")
    expect(preview).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(preview.locator("[data-nr-preview-summary]")).to_have_text(
        "If you merge: 1 check-in take added, 2 people added, 1 item added, 1 note added, "
        "1 kept as a conflict copy, nothing removed."
    )
    expect(preview).not_to_contain_text("notes:prompts")
    page.click("[data-nr-import]")
    expect(page.locator("[data-nr-import-message]")).to_contain_text("merged with what was here")

    notes = record(page, "notes:prompts")["notes"]
    assert notes["5.01"]["text"] == "newer on 5.01"
    assert [copy["text"] for copy in notes["5.01"]["conflicts"]] == ["mine on 5.01"]
    assert notes["5.02"]["text"] == "theirs on 5.02"
    assert [p["label"] for p in record(page, "constellation")["people"]] == ["AB", "CD", "EF"]
    assert [i["label"] for i in record(page, "day-plan")["items"]] == ["Supervision", "Walk"]
    assert [t["id"] for t in record(page, "checkins")["takes"]] == ["take-a", "take-b"]
    expect(page.locator("[data-nr-records]")).to_contain_text("Another version")
    expect(page.locator("[data-nr-records]")).to_contain_text("mine on 5.01")

    site_page.goto("prompts/")
    note = page.locator('[id="prompt-5-01"] .nr-note')
    note.locator("summary").click()
    expect(note.locator("textarea")).to_have_value("newer on 5.01")
    expect(note.locator("[data-nr-note-copies]")).to_contain_text("mine on 5.01")


def protect_a_note(site_page: GuardedPage) -> Page:
    """On the prompts page, write a note on 5.01 and protect the notes with PASSPHRASE;
    every confirmation is accepted from then on."""
    page = site_page.page
    page.on("dialog", lambda dialog: dialog.accept())
    site_page.goto("prompts/")
    note = page.locator('[id="prompt-5-01"] .nr-note')
    note.locator("summary").click()
    note.locator("textarea").fill("my protected thought")
    expect(note.locator("[data-nr-autosave]")).to_have_text("Saved")
    page.locator(".nr-notes-protect > summary").click()
    page.fill("#nr-new-passphrase", PASSPHRASE)
    page.fill("#nr-new-passphrase-again", PASSPHRASE)
    page.locator("form[data-nr-protect] button[type=submit]").click()
    expect(page.locator("[data-nr-notes-status]")).to_contain_text("Your notes are protected")
    return page


def test_merging_into_protected_notes_asks_for_the_passphrase_and_keeps_them_protected(
    site_page: GuardedPage,
) -> None:
    page = protect_a_note(site_page)
    plain = {"notes:prompts": {"notes": {"5.02": {"text": "from the file", "updated": "z"}}}}

    open_my_data(site_page)
    choose_file(page, "plain.json", _export(plain))
    expect(page.locator("[data-nr-passphrase-row]")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator("[data-nr-preview-summary]")).to_contain_text("needs your passphrase")
    assert_no_axe_violations(page, "My data asking for the notes' passphrase")
    before = stored(page)
    page.click("[data-nr-import]")
    expect(page.locator("[data-nr-import-message]")).to_contain_text("type their passphrase")
    assert stored(page) == before

    choose_file(page, "plain.json", _export(plain))
    expect(page.locator("[data-nr-passphrase-row]")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    page.fill("#nr-import-passphrase", PASSPHRASE)
    page.click("[data-nr-import]")
    expect(page.locator("[data-nr-import-message]")).to_contain_text(
        "merged with what was here", timeout=PYTHON_TIMEOUT_MS
    )

    sealed = record(page, "notes:prompts")
    assert sealed["encrypted"] is True
    assert "from the file" not in json.dumps(sealed)
    site_page.goto("prompts/")
    page.fill("#nr-passphrase", PASSPHRASE)
    page.locator("form[data-nr-unlock] button[type=submit]").click()
    expect(page.locator("[data-nr-notes-status]")).to_contain_text("unlocked")
    expect(page.locator("#note-prompt-5-01")).to_have_value("my protected thought")
    expect(page.locator("#note-prompt-5-02")).to_have_value("from the file")


def test_a_merge_whose_notes_code_cannot_load_says_so_and_changes_nothing(
    open_page: Callable[..., GuardedPage],
) -> None:
    # My data loads the code that opens protected notes only for such a merge: here it fails
    # to (no offline worker to serve it), and the reader is told, by keyboard.
    site_page = open_page(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = protect_a_note(site_page)
    plain = {"notes:prompts": {"notes": {"5.02": {"text": "from the file", "updated": "z"}}}}
    site_page.context.route("**/assets/js/notes-crypto.js", lambda route: route.abort())
    open_my_data(site_page)
    before = stored(page)
    choose_file(page, "plain.json", _export(plain))
    expect(page.locator("[data-nr-passphrase-row]")).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    tab_to(page, "#nr-import-passphrase")
    page.keyboard.type(PASSPHRASE)
    tab_to(page, "[data-nr-import]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-nr-import-message]")).to_have_text(
        "The code that opens protected notes could not be loaded (the connection may have "
        "dropped). Reload the page and import again, or choose Replace. "
        "Your saved data is unchanged.",
        timeout=PYTHON_TIMEOUT_MS,
    )
    assert stored(page) == before
    problems = site_page.problems()
    assert all("protected notes" in text or "Failed to" in text for text in problems), problems


def test_a_set_aside_copy_is_listed_and_can_be_deleted(site_page: GuardedPage) -> None:
    page = open_my_data(site_page)
    page.evaluate("(key) => localStorage.setItem(key, '{broken')", PREFIX + "constellation")
    page.reload()
    page.on("dialog", lambda dialog: dialog.accept())

    item = page.locator("[data-nr-records] li", has_text="Set aside: could not be read")
    expect(item).to_contain_text("Competence-constellation map")
    expect(item.get_by_role("button", name="Download this copy")).to_be_visible()
    assert_no_axe_violations(page, "My data with a set-aside copy")
    item.get_by_role("button", name="Delete this copy").click()

    expect(page.locator("[data-nr-records]")).to_contain_text("keeps no data")
    assert not [key for key in stored(page) if key.startswith(PREFIX)]


def record(page: Page, name: str) -> Any:
    return json.loads(stored(page)[PREFIX + name])
