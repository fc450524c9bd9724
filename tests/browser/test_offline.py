"""Offline after one visit: every page and a Python-graded check with no network at all."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.browser_helpers import site_pages
from tests.browser.graded_feedback import WIDGET_PAGE, check_first_question, expected_summary
from tests.browser.guarded_page import GuardedPage
from tools.site_server import build_site, serving

pytestmark = pytest.mark.browser

# Storing the site (runtime and snapshot included) takes a while on a busy machine.
STORED_TIMEOUT_MS = 120_000
STORED = """async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active !== null && navigator.serviceWorker.controller !== null;
}"""


def wait_until_stored(page: GuardedPage) -> None:
    page.page.wait_for_function(STORED, timeout=STORED_TIMEOUT_MS)


def test_after_one_visit_every_page_and_a_check_work_offline(
    stored_site_page: GuardedPage, built_site: Any
) -> None:
    stored_site_page.goto("")
    wait_until_stored(stored_site_page)
    stored_site_page.context.set_offline(True)

    # Instant navigation: the pages through the nav, in one document.
    page = stored_site_page.page
    page.evaluate("() => { window.__sameDocument = true; }")
    for site in site_pages()[1:]:
        # A link in the page, clicked: Material's instant navigation takes it, whether or
        # not the page's nav entry sits in a collapsed section.
        page.evaluate(
            """(href) => {
                const link = Object.assign(document.createElement("a"), { href });
                document.querySelector("article").append(link);
                link.click();
            }""",
            built_site.url(site.path),
        )
        expect(page.locator("article h1")).to_contain_text(site.h1)
    assert page.evaluate("() => window.__sameDocument === true"), "a page was fully reloaded"
    # Full loads of every page.
    for site in site_pages():
        stored_site_page.goto(site.path)
        expect(page.locator("article h1")).to_contain_text(site.h1)
    stored_site_page.goto(WIDGET_PAGE)
    assert check_first_question(stored_site_page.page) == expected_summary(built_site.directory)
    ready = stored_site_page.page.evaluate(
        "() => performance.getEntriesByName('nr-python-ready')[0].detail.how"
    )
    assert ready == "snapshot", "offline, Python should start from the stored snapshot"
    assert not stored_site_page.problems(), "\n".join(stored_site_page.problems())


CHANGED_PAGE = "takeaways/"
COPIED = ("mkdocs.yml", "pyproject.toml", "README.md", "package.json", "docs", "content", "hooks")
COPIED_TOO = ("overrides", "exercises")
LINKED = ("node_modules", "build")  # the runtime, and the wheel and fast-start caches


def copy_with_a_changed_page(root: Path, destination: Path) -> str:
    """A copy of the project whose takeaways page says one sentence more; returns it.

    The page's Markdown changes, not the content file: a content change also makes new
    Python start files (their samples come from the content), half a minute under Node
    that this test is not about."""
    for name in COPIED + COPIED_TOO:
        source = root / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
    for name in LINKED:
        (destination / name).symlink_to(root / name)
    page = destination / "docs/takeaways.md"
    added = "This page was revised after your first visit."
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n\n", f"\n\n{added}\n\n", 1), encoding="utf-8")
    return added


def test_a_new_build_is_announced_and_shown_after_a_reload(
    browser: Browser, root: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with serving(site) as origin:
        first = build_site(site, origin + "/", root)
        assert first.returncode == 0, first.stderr[-3000:]
        context = browser.new_context()
        errors: list[str] = []
        context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            page = context.new_page()
            page.goto(f"{origin}/{CHANGED_PAGE}")
            page.wait_for_function(STORED, timeout=STORED_TIMEOUT_MS)

            changed_root = tmp_path / "changed"
            changed_root.mkdir()
            added_sentence = copy_with_a_changed_page(root, changed_root)
            second = build_site(site, origin + "/", changed_root)
            assert second.returncode == 0, second.stderr[-3000:]

            page.reload()
            notice = page.locator("[data-nr-update]")
            expect(notice.get_by_role("button", name="Reload to update")).to_be_visible(
                timeout=STORED_TIMEOUT_MS
            )
            assert notice.get_attribute("aria-live") == "polite"
            expect(page.locator("article")).not_to_contain_text(added_sentence)

            page.reload()
            expect(page.locator("article")).to_contain_text(added_sentence)
            expect(notice.get_by_role("button")).to_have_count(0)
            assert not errors, errors
        finally:
            context.close()


def test_the_reader_can_turn_offline_storage_off(stored_site_page: GuardedPage) -> None:
    stored_site_page.goto("about/")
    wait_until_stored(stored_site_page)
    switch = stored_site_page.page.get_by_role("switch", name="Keep this site available offline")
    expect(switch).to_be_checked()
    switch.uncheck()
    expect(stored_site_page.page.locator("[data-nr-offline-note]")).to_contain_text("erased")
    stored = stored_site_page.page.evaluate(
        """async () => [(await navigator.serviceWorker.getRegistrations()).length,
                        (await caches.keys()).filter((name) => name.startsWith("nr-offline-"))]"""
    )
    assert stored == [0, []], f"still stored after the switch was turned off: {stored}"
    stored_site_page.page.reload()
    stored_site_page.page.wait_for_load_state("load")
    expect(switch).not_to_be_checked()
    assert not stored_site_page.problems(), "\n".join(stored_site_page.problems())


def test_offline_works_when_the_site_lives_under_a_sub_path(
    browser: Browser, root: Path, tmp_path: Path
) -> None:
    """A project site on GitHub Pages lives at /<project>/: the worker's scope is that folder."""
    with serving(tmp_path) as origin:
        built = build_site(tmp_path / "course", origin + "/course/", root)
        assert built.returncode == 0, built.stderr[-3000:]
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{origin}/course/")
            page.wait_for_function(STORED, timeout=STORED_TIMEOUT_MS)
            scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
            assert scope == f"{origin}/course/"
            context.set_offline(True)
            page.goto(f"{origin}/course/{WIDGET_PAGE}")
            assert check_first_question(page) == expected_summary(tmp_path / "course")
        finally:
            context.close()
