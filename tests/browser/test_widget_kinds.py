"""A widget kind the browser's code does not know is an error a reader and a developer see."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

# Before the site's own code mounts the page (at DOMContentLoaded), put in a widget of a
# kind no module mounts, as a renderer out of step with app.js would.
UNKNOWN_WIDGET = """
document.addEventListener("DOMContentLoaded", () => {
  const widget = document.createElement("section");
  widget.dataset.nrWidget = "no-such-kind";
  widget.innerHTML = '<template data-nr-widget-data>{}</template><p>Static part.</p>';
  document.querySelector("article").append(widget);
}, { once: true });
"""


def test_an_unknown_widget_kind_is_a_console_error_and_a_visible_message(
    site_page: GuardedPage,
) -> None:
    site_page.context.add_init_script(UNKNOWN_WIDGET)
    site_page.goto("overview/")

    message = site_page.page.locator('[data-nr-widget="no-such-kind"] [role="alert"]')
    expect(message).to_be_visible()
    expect(message).to_contain_text('a "no-such-kind" widget, which this version of the site')
    assert any(
        'Unknown widget kind "no-such-kind"' in error for error in site_page.console_errors
    ), site_page.console_errors
    # The page's own widgets (none here) and Python are left alone.
    assert not any("/pyodide/" in url for url in site_page.requests)
