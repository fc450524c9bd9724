"""One walk over every page: it renders with its heading, reads cleanly, passes axe-core in
the light scheme and then the dark one, keeps glossary tooltips out of headings and
navigation, breaks no content security policy, and asks nothing of any other host.

The walk keeps one browser context for the whole module (axe-core is injected into it
once, as an init script) and loads each page once: everything above is checked on that
one load, the dark scheme by switching the reader's preference while the page is open.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser_helpers import (
    AXE_SCRIPT,
    PYTHON_TIMEOUT_MS,
    RECORD_POLICY_VIOLATIONS,
    UI_TIMEOUT_MS,
    Preference,
    SitePage,
    describe_violations,
    heading_text,
    run_axe,
    site_pages,
)
from tests.browser.guarded_page import GuardedPage, open_guarded

pytestmark = pytest.mark.browser

PAGES = site_pages()
# The reader's system preference, and the Material scheme it must select.
SCHEMES: dict[Preference, str] = {"light": "default", "dark": "slate"}


TOOLTIPS_IN_HEADINGS = """() => [...document.querySelectorAll(
        ':is(h1, h2, h3, h4, h5, h6, nav, .md-nav, title) :is(.nr-term, [role=tooltip])'
    )].map((el) => el.closest('h1, h2, h3, h4, h5, h6, nav').outerHTML.slice(0, 200))"""


@pytest.fixture(scope="module")
def walk(browser: Browser, built_site: Any) -> Iterator[GuardedPage]:
    """The walk's one page, in one context for every page of the site."""
    guarded = open_guarded(
        browser,
        built_site.origin,
        GuardedPage,
        viewport={"width": 1280, "height": 800},
        service_workers="allow",
    )
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run `npm ci` (pinned in package.json).")
    # Once for the context: every page the walk loads has axe-core before its own scripts.
    guarded.context.add_init_script(path=str(AXE_SCRIPT))
    guarded.context.add_init_script(RECORD_POLICY_VIOLATIONS)
    try:
        yield guarded
    finally:
        guarded.context.close()


def switch_scheme(page: Page, preference: Preference) -> None:
    """Set the reader's system preference and wait until Material has applied its scheme."""
    page.emulate_media(color_scheme=preference)
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", SCHEMES[preference], timeout=UI_TIMEOUT_MS
    )
    # Material marks the body while it swaps colours (transitions off); axe reads the result.
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")


@pytest.mark.parametrize("site", PAGES, ids=str)
def test_page_walk(walk: GuardedPage, site: SitePage) -> None:
    guarded, page = walk, walk.page
    before = guarded.mark()

    page.emulate_media(color_scheme="light")
    guarded.goto(site.path)
    page.wait_for_load_state("networkidle", timeout=PYTHON_TIMEOUT_MS)

    # It renders, with the one H1 its Markdown gives it and a <title>.
    headings = page.locator("article h1")
    expect(headings).to_have_count(1)
    expect(headings).to_be_visible()
    assert heading_text(headings) == site.h1
    assert page.title().strip(), "the page has no <title>"

    # Glossary tooltips never sit inside headings or navigation.
    misplaced = page.evaluate(TOOLTIPS_IN_HEADINGS)
    assert not misplaced, f"glossary tooltips inside headings or navigation on {site}: {misplaced}"

    # axe-core finds nothing, in the light scheme and then, on the same load, the dark one.
    assert page.evaluate("() => typeof window.axe === 'object'"), "the walk's axe-core is gone"
    for preference in SCHEMES:
        switch_scheme(page, preference)
        violations = run_axe(page)
        assert not violations, (
            f"axe-core found {len(violations)} violation(s) on {site} in the {preference} "
            "scheme:\n" + describe_violations(violations)
        )

    # Nothing broke the content security policy, logged an error, or failed to load.
    policy = page.evaluate("() => window.__violations")
    assert not policy, f"the content security policy was violated on {site}: {policy}"
    problems = guarded.problems(since=before)
    assert not problems, f"{site} reported:\n" + "\n".join(problems)

    # Nothing left the origin, and the recorder really saw this page's requests.
    assert guarded.requests[before.requests :], "no request was recorded: the recorder is broken"
    leaks = guarded.foreign_requests[before.foreign_requests :]
    assert not leaks, f"requests left the origin on {site}:\n" + "\n".join(leaks)
