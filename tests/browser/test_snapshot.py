"""Python starts from the build's memory snapshot once it is cached, and plainly when it cannot."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Response

from tests.browser.graded_feedback import (
    PYTHON_TIMEOUT_MS,
    WIDGET_PAGE,
    check_first_question,
    expected_summary,
)
from tests.browser.guarded_page import GuardedPage, guarded_pages

pytestmark = pytest.mark.browser

# Service workers are blocked so that only what a test puts in Cache Storage is found there.
DAMAGED_CONTEXT = {"viewport": {"width": 1280, "height": 800}, "service_workers": "block"}
CACHE_BYTES = """async ([url, bytes]) => {
    const cache = await caches.open("test");
    await cache.put(url, new Response(new Uint8Array(bytes)));
}"""
STORED = """async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active !== null && navigator.serviceWorker.controller !== null;
}"""


def start_manifest(built_site: Any) -> dict[str, Any]:
    return dict(json.loads((built_site.directory / "assets/python/start.json").read_text()))


def record_downloads(page: GuardedPage) -> list[tuple[str, bool]]:
    """From now on, every response the page and its workers get for a file below the site's
    Python folders: its path, and whether the offline service worker answered it."""
    seen: list[tuple[str, bool]] = []

    def record(response: Response) -> None:
        path = urlsplit(response.url).path
        if response.request.service_worker is None and "/assets/p" in path:
            seen.append((path, response.from_service_worker))

    page.context.on("response", record)
    return seen


def first_visit_downloads(page: GuardedPage) -> list[str]:
    """The page's own list of a first visit's downloads, as paths."""
    return list(
        page.page.evaluate(
            """() => JSON.parse(document.getElementById('nr-python-config').textContent)
                .firstVisitDownloads.map((href) => new URL(href, document.baseURI).pathname)"""
        )
    )


def started_how(page: GuardedPage) -> str:
    page.page.wait_for_function(
        "() => performance.getEntriesByName('nr-python-ready').length > 0",
        timeout=PYTHON_TIMEOUT_MS,
    )
    return str(
        page.page.evaluate("() => performance.getEntriesByName('nr-python-ready')[0].detail.how")
    )


def test_a_first_visit_starts_plainly_and_the_next_from_the_snapshot(
    stored_site_page: GuardedPage, built_site: Any
) -> None:
    seen = record_downloads(stored_site_page)
    stored_site_page.goto(WIDGET_PAGE)
    first_start = started_how(stored_site_page)
    assert first_start == "plain", "a first visit should not wait for the snapshot"
    # A first visit's worker asks the host for each of its big downloads once (the page
    # itself asks for none of them: it would receive 10 MB on its own thread again).
    downloads = first_visit_downloads(stored_site_page)
    assert downloads[0].endswith("/pyodide.asm.wasm"), downloads
    first_visit = [(path, False) for path in downloads]
    assert sorted(item for item in seen if item[0] in downloads) == sorted(first_visit)
    stored_site_page.page.wait_for_function(STORED, timeout=PYTHON_TIMEOUT_MS * 2)
    seen.clear()
    stored_site_page.goto(WIDGET_PAGE)
    assert started_how(stored_site_page) == "snapshot"
    stored = [item for item in seen if item[0] in downloads]
    assert stored and all(from_store for _, from_store in stored), (
        f"a stored visit starts from what is stored: {seen}"
    )
    assert check_first_question(stored_site_page.page) == expected_summary(built_site.directory)
    assert not stored_site_page.problems(), "\n".join(stored_site_page.problems())


@pytest.fixture
def full_chromium_page(full_chromium: Browser, built_site: Any) -> Iterator[GuardedPage]:
    """A guarded page in Chromium as readers get it: there a damaged snapshot's memory fault
    is an error that the page catches; the headless shell the other tests use stops the whole
    tab instead."""
    with guarded_pages(full_chromium, built_site.origin, GuardedPage) as open_page:
        yield open_page(**DAMAGED_CONTEXT)


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_snapshot_that_fails_to_load_falls_back_and_still_grades(
    full_chromium_page: GuardedPage, built_site: Any, damage: str
) -> None:
    page = full_chromium_page
    notes: list[str] = []
    page.context.on("console", lambda message: notes.append(message.text))
    page.goto("")
    start = start_manifest(built_site)
    url = page.url("assets/python/" + start["snapshot"])
    if damage == "garbage":
        body = [7] * 4096
    else:
        packed = built_site.directory / "assets/python" / start["snapshot_gzip"]
        body = list(gzip.decompress(packed.read_bytes())[:65536])
    page.page.evaluate(CACHE_BYTES, [url, body])
    page.goto(WIDGET_PAGE)
    assert started_how(page) == "plain"
    assert check_first_question(page.page) == expected_summary(built_site.directory)
    assert any("plain way" in note for note in notes), notes
    assert not page.problems(), "reader-facing errors:\n" + "\n".join(page.problems())
