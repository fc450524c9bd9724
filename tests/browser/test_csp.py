"""The content security policy: every page works under it, and it blocks what it should."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.browser_helpers import RECORD_POLICY_VIOLATIONS, site_pages
from tests.browser.graded_feedback import WIDGET_PAGE, check_first_question, expected_summary
from tests.browser.guarded_page import GuardedPage
from tools.site_server import QuietHandler, serving

pytestmark = pytest.mark.browser


def violations(page: GuardedPage) -> list[str]:
    return list(page.page.evaluate("window.__violations"))


def test_using_the_widgets_breaks_no_policy(site_page: GuardedPage, built_site: Any) -> None:
    """The page walk (test_pages.py) checks every page as it loads; this one also uses them."""
    site_page.context.add_init_script(RECORD_POLICY_VIOLATIONS)
    site_page.goto(WIDGET_PAGE)
    site_page.page.wait_for_load_state("load")
    assert check_first_question(site_page.page) == expected_summary(built_site.directory)
    site_page.page.locator("[data-nr-begin]").click()
    site_page.page.locator("[data-nr-show]").click()
    assert not violations(site_page), (
        f"the content security policy was violated: {violations(site_page)}"
    )
    assert not site_page.problems(), "\n".join(site_page.problems())


def test_instant_navigation_to_the_widgets_mounts_them_within_the_policy(
    site_page: GuardedPage,
) -> None:
    site_page.context.add_init_script(RECORD_POLICY_VIOLATIONS)
    site_page.goto("")
    title = next(site.title for site in site_pages() if site.path == WIDGET_PAGE)
    nav = site_page.page.locator(".md-sidebar--primary .md-nav--primary")
    nav.get_by_role("link", name=title, exact=True).click()
    expect(site_page.page.locator("[data-nr-widget][data-nr-mounted]").first).to_be_attached()
    assert not violations(site_page)


def test_an_injected_inline_script_is_blocked(site_page: GuardedPage) -> None:
    site_page.context.add_init_script(RECORD_POLICY_VIOLATIONS)
    site_page.goto("")
    site_page.page.wait_for_load_state("networkidle")
    ran = site_page.page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__injected = true;";
            document.body.append(script);
            return window.__injected === true;
        }"""
    )
    assert not ran, "an inline script that is not in the policy ran"
    assert any("script-src" in line for line in violations(site_page)), violations(site_page)


def header_rules(site_directory: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The `_headers` file as (path pattern, headers) pairs, in file order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in (site_directory / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rules.append((line, []))
        elif line.strip():
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name, value.strip()))
    return rules


@contextmanager
def served_with_headers(site_directory: Path) -> Iterator[str]:
    """Serve the built site the way a host that reads `_headers` would; yield its origin."""
    rules = header_rules(site_directory)

    class Handler(QuietHandler):
        def end_headers(self) -> None:
            path = self.path.split("?", 1)[0]
            for pattern, headers in rules:
                if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
                    for name, value in headers:
                        self.send_header(name, value)
            super().end_headers()

    with serving(site_directory, Handler) as origin:
        yield origin


def test_python_grades_under_the_hosts_headers(browser: Browser, built_site: Any) -> None:
    """A worker takes its policy from response headers only: `_headers` must let Pyodide run."""
    with served_with_headers(built_site.directory) as origin:
        context = browser.new_context()
        try:
            errors: list[str] = []
            context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page = context.new_page()
            response = page.goto(f"{origin}/{WIDGET_PAGE}")
            assert response is not None
            assert "default-src 'self'" in response.headers["content-security-policy"]
            assert check_first_question(page) == expected_summary(built_site.directory)
            assert not errors, errors
        finally:
            context.close()
