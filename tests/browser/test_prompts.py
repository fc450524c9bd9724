"""The prompts page: filter prompts by use, and copy a prompt's link."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser


def test_filter_shows_only_prompts_with_the_chosen_use(site_page: GuardedPage) -> None:
    page = site_page.page
    site_page.goto("prompts/")
    form = page.locator("form[data-nr-filter]")
    expect(form).to_be_visible()  # hidden in the HTML, shown once the script is ready

    prompts = page.locator(".nr-prompt[data-uses]")
    uses_by_id = {
        item.get_attribute("id"): (item.get_attribute("data-uses") or "").split()
        for item in prompts.all()
    }
    assert uses_by_id, "the prompts page has no prompts"
    choices = form.locator('input[type="radio"][name="nr-use"]')
    values = [choice.get_attribute("value") for choice in choices.all()]
    assert values[0] == "all", f"the first choice should show all prompts, not {values[0]!r}"

    for use in values[1:]:
        form.locator(f'input[name="nr-use"][value="{use}"]').check()
        for prompt_id, uses in uses_by_id.items():
            prompt = page.locator(f'[id="{prompt_id}"]')
            if use in uses:
                expect(prompt, f"{prompt_id} is for {use}").to_be_visible()
            else:
                expect(prompt, f"{prompt_id} is not for {use}").to_be_hidden()
        expect(form.locator("[role=status]"), "the change is announced").not_to_be_empty()

    form.locator('input[name="nr-use"][value="all"]').check()
    for prompt_id in uses_by_id:
        expect(page.locator(f'[id="{prompt_id}"]')).to_be_visible()


COPY_TIMEOUT_MS = 30_000  # a click's copy, on a busy machine


def test_copy_link_puts_the_prompts_address_on_the_clipboard(
    open_page: Callable[..., GuardedPage],
) -> None:
    site_page: GuardedPage = open_page(
        viewport={"width": 1280, "height": 800},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = site_page.page
    site_page.goto("prompts/")
    buttons = page.locator("button[data-nr-copy]")
    button = buttons.nth(buttons.count() // 2)
    prompt_id = button.get_attribute("data-nr-copy")
    expect(button).to_be_visible()  # hidden in the HTML, shown once the script is ready

    button.click()

    expected = site_page.url(f"prompts/#{prompt_id}")
    # The clipboard API is asynchronous: each check starts a read and compares the last one.
    # A copy that failed shows the link in the address bar instead: stop waiting then too.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            """(expected) => {
                navigator.clipboard.readText().then((text) => { window.__nrClipboard = text; });
                return window.__nrClipboard === expected || location.hash !== "";
            }""",
            arg=expected,
            timeout=COPY_TIMEOUT_MS,
        )
    found = page.evaluate("() => navigator.clipboard.readText()")
    assert found == expected, f"the clipboard holds {found!r}, not the prompt's address"
    expect(page).to_have_url(site_page.url("prompts/"))
