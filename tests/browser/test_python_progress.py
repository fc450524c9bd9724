"""The status line tells the truth about Python's download: its size, what arrived, a slow link."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Route

from tests.browser.graded_feedback import QUESTION, WIDGET_PAGE
from tests.browser.python_fixtures import PythonPage, open_python_page
from tools.site_server import first_visit_download_bytes

if TYPE_CHECKING:
    from tools.site_server import BuiltSite

pytestmark = pytest.mark.browser
__all__ = ["open_python_page"]  # fixtures, used by name
OpenPage = Callable[[], PythonPage]
STATUS = "#takeaway-check [data-nr-python-status]"  # the widget that holds QUESTION


def test_a_stalled_download_says_the_connection_looks_slow_and_keeps_the_answer(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    held: list[Route] = []
    # The wasm never arrives: the request is held, not answered.
    python.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))

    def quicker_threshold(route: Route) -> None:
        # The page's own configuration island sets the threshold; one second here.
        response = route.fetch()
        body = response.text()
        assert '"slowAfterSeconds": 10' in body
        route.fulfill(
            response=response, body=body.replace('"slowAfterSeconds": 10', '"slowAfterSeconds": 1')
        )

    python.context.route(built_site.url(WIDGET_PAGE), quicker_threshold)
    page = python.page
    page.goto(built_site.url(WIDGET_PAGE))
    question = page.locator(QUESTION)
    choice = question.locator("input").first
    choice.check()
    status = page.locator(STATUS)
    # On a busy machine the second can pass before the worker knows the download's size:
    # wait for the note that says how much has arrived (it comes once the size is known).
    page.wait_for_function(
        "(el) => el.dataset.slow === 'true' && el.textContent.includes('MB so far')",
        arg=status.element_handle(),
        timeout=60_000,
    )
    text = " ".join(status.inner_text().split())
    assert text.startswith("The connection looks slow"), text
    assert "what you entered is kept" in text
    total = first_visit_download_bytes(built_site.directory) / 1e6
    assert re.search(rf"of {total:.1f} MB so far", text), text
    assert choice.is_checked()
    assert held, "the wasm was requested"


def test_the_status_line_counts_the_compressed_download_up_to_ready(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    page = python.page
    seen: list[str] = []
    page.expose_function("nrStatusSeen", lambda text: seen.append(text))
    # Every text the status line shows, from the page's first paint (Python starts then).
    page.add_init_script(
        """((selector) => {
            let last = null;
            new MutationObserver(() => {
                const text = document.querySelector(selector)?.textContent ?? null;
                if (text !== null && text !== last) window.nrStatusSeen((last = text));
            }).observe(document, { childList: true, characterData: true, subtree: true });
        })(SELECTOR)""".replace("SELECTOR", json.dumps(STATUS))
    )
    # The wasm is held until the status line is on screen: on a fast machine Python can
    # otherwise be ready before the widgets have mounted it, and the line shows only that.
    held: list[Route] = []
    python.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(built_site.url(WIDGET_PAGE))
    status = page.locator(STATUS)
    page.wait_for_function(
        "(el) => el.textContent.startsWith('Preparing Python')",
        arg=status.element_handle(),
        timeout=60_000,
    )
    assert len(held) == 1, "the wasm was asked for once"
    held[0].continue_()
    page.wait_for_function(
        "(el) => el.dataset.state === 'ready'", arg=status.element_handle(), timeout=60_000
    )
    total = f"{first_visit_download_bytes(built_site.directory) / 1e6:.1f}"
    counts = [
        match.groups()
        for text in seen
        if (match := re.search(r"([\d.]+) of ([\d.]+) MB downloaded", text))
    ]
    # The counts (there may be none on a fast machine: the line shows only the latest) rise
    # towards the total; once every byte is in, the line says Python is starting.
    assert {of for _, of in counts} <= {total}, counts
    arrived = [float(loaded) for loaded, _ in counts]
    assert arrived == sorted(arrived), counts
    starting = [
        i for i, text in enumerate(seen) if text.startswith(f"Starting Python: all {total} MB")
    ]
    downloading = [i for i, text in enumerate(seen) if re.search(r"[\d.]+ of [\d.]+ MB", text)]
    assert starting, seen
    assert all(i < starting[0] for i in downloading), seen
