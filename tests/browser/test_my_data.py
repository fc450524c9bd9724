"""My data: see everything kept, export, erase, import back; bad files change nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import PYTHON_TIMEOUT_MS, Preference, describe_violations, run_axe, tab_to
from guarded_page import GuardedPage
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PREFIX = "nr:v1:/:"
XSS = '<img src=x onerror="window.__nrPwned=1">'
SAVED = {
    "checkins": {"takes": [{"date": "2026-11-01T10:00:00.000Z", "answers": {"ci-01": 4}}]},
    "notes:prompts": {"notes": {"5.01": {"text": "Ask about the peer group", "updated": "x"}}},
    "attempts:takeaway-check": {"check-01": {"chosen": ["a"], "result": {"correct": True}}},
}


def seed(page: Page, records: dict[str, Any]) -> None:
    page.evaluate(
        "([prefix, records]) => { for (const [name, value] of Object.entries(records)) "
        "localStorage.setItem(prefix + name, JSON.stringify(value)); }",
        [PREFIX, records],
    )


def stored(page: Page) -> dict[str, str]:
    """Every localStorage key and raw value, exactly."""
    return dict(
        page.evaluate(
            "() => Object.fromEntries(Array.from({length: localStorage.length}, (_, i) => "
            "localStorage.key(i)).map((key) => [key, localStorage.getItem(key)]))"
        )
    )


def open_my_data(site_page: GuardedPage, records: dict[str, Any] | None = None) -> Page:
    page = site_page.page
    site_page.goto("my-data/")
    if records is not None:
        seed(page, records)
        page.reload()
    expect(page.locator("[data-nr-widget=my-data]")).to_have_attribute("data-nr-mounted", "")
    return page


def choose_file(page: Page, name: str, content: bytes) -> None:
    page.set_input_files(
        "[data-nr-import-file]",
        files=[{"name": name, "mimeType": "application/json", "buffer": content}],
        timeout=PYTHON_TIMEOUT_MS,
    )


@pytest.mark.parametrize("preference", ["light", "dark"])
def test_export_erase_import_restores_the_same_data_by_keyboard(
    site_page: GuardedPage, preference: Preference, tmp_path: Path
) -> None:
    page = site_page.page
    page.emulate_media(color_scheme=preference)
    page.on("dialog", lambda dialog: dialog.accept())
    open_my_data(site_page, SAVED)
    records = page.locator("[data-nr-records]")
    expect(records).to_contain_text("Relationships check-ins")
    expect(records).to_contain_text("Prompt 5.01: Ask about the peer group")
    expect(page.locator(".admonition.warning")).to_contain_text("shared or public computer")
    assert_no_axe(page, f"My data with records, {preference}")
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
    assert_no_axe(page, f"My data with an import preview, {preference}")
    tab_to(page, "[data-nr-import]")
    page.keyboard.press("Enter")

    expect(page.locator("[data-nr-message]")).to_contain_text("Imported 3 records")
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

    expect(page.locator("[data-nr-message]")).to_contain_text("Imported 1 records")
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


BAD_FILES = [
    pytest.param(b"this is not json {", "not JSON", id="not-json"),
    pytest.param(b'{"hello": "world"}', "not a file exported from this site", id="wrong-shape"),
    pytest.param(_export({}, version=99), "newer version of this site", id="wrong-version"),
    pytest.param(b" " * (5 * 1024 * 1024 + 1), "never over 5 MB", id="over-5-mb"),
    pytest.param(
        _export({"notes:prompts": {"notes": {"5.01": {"text": XSS}}}}), "markup", id="markup"
    ),
    pytest.param(_export({"checkins": {"<script>x</script>": 1}}), "markup", id="script-key"),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_bad_import_says_why_and_leaves_storage_exactly_as_it_was(
    site_page: GuardedPage, content: bytes, message: str
) -> None:
    page = open_my_data(site_page, SAVED)
    before = stored(page)

    choose_file(page, "bad.json", content)

    status = page.locator("[data-nr-message]")
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


def assert_no_axe(page: Page, state: str) -> None:
    violations = run_axe(page)
    assert not violations, f"axe-core, {state}:\n{describe_violations(violations)}"
