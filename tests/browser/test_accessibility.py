"""axe-core finds nothing on any page, in the light scheme and in the dark one."""

from __future__ import annotations

import pytest
from browser_helpers import Preference, SitePage, describe_violations, run_axe, site_pages
from guarded_page import GuardedPage
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The reader's system preference, and the Material scheme it must select.
SCHEMES: dict[Preference, str] = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("preference", SCHEMES, ids=lambda name: f"{name}-scheme")
@pytest.mark.parametrize("site", site_pages(), ids=str)
def test_page_has_no_axe_violations(
    site_page: GuardedPage, site: SitePage, preference: Preference
) -> None:
    page = site_page.page
    page.emulate_media(color_scheme=preference)
    site_page.goto(site.path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[preference])

    violations = run_axe(page)

    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {site} in the {preference} scheme:\n"
        + describe_violations(violations)
    )
