"""Python starts from the build's memory snapshot once it is cached, and plainly when it cannot."""

from __future__ import annotations

import json
from typing import Any

import pytest
from graded_feedback import (
    PYTHON_TIMEOUT_MS,
    WIDGET_PAGE,
    check_first_question,
    expected_summary,
)
from guarded_page import GuardedPage

pytestmark = pytest.mark.browser

# Service workers are blocked so that only what a test puts in Cache Storage is found there.
CONTEXT = {"viewport": {"width": 1280, "height": 800}, "service_workers": "block"}
CACHE_BYTES = """async ([url, bytes]) => {
    const cache = await caches.open("test");
    const body = bytes === null ? (await fetch(url)).body : new Uint8Array(bytes);
    await cache.put(url, new Response(body));
}"""


def snapshot_url(page: GuardedPage, built_site: Any) -> str:
    start = json.loads((built_site.directory / "assets/python/start.json").read_text())
    return page.url("assets/python/" + start["snapshot"])


def started_how(page: GuardedPage) -> str:
    page.page.wait_for_function(
        "() => performance.getEntriesByName('nr-python-ready').length > 0",
        timeout=PYTHON_TIMEOUT_MS,
    )
    return str(
        page.page.evaluate("() => performance.getEntriesByName('nr-python-ready')[0].detail.how")
    )


def test_a_cached_snapshot_starts_python_that_grades(open_page: Any, built_site: Any) -> None:
    page = open_page(**CONTEXT)
    page.goto("")
    page.page.evaluate(CACHE_BYTES, [snapshot_url(page, built_site), None])
    page.goto(WIDGET_PAGE)
    assert started_how(page) == "snapshot"
    assert check_first_question(page.page) == expected_summary(built_site.directory)
    assert not page.problems(), "\n".join(page.problems())


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_snapshot_that_fails_to_load_falls_back_and_still_grades(
    open_page: Any, built_site: Any, damage: str
) -> None:
    page = open_page(**CONTEXT)
    notes: list[str] = []
    page.context.on("console", lambda message: notes.append(message.text))
    page.goto("")
    url = snapshot_url(page, built_site)
    if damage == "garbage":
        body = [7] * 4096
    else:
        body = list((built_site.directory / url.split("/", 3)[3]).read_bytes()[:65536])
    page.page.evaluate(CACHE_BYTES, [url, body])
    page.goto(WIDGET_PAGE)
    assert started_how(page) == "plain"
    assert check_first_question(page.page) == expected_summary(built_site.directory)
    assert any("plain way" in note for note in notes), notes
    assert not page.problems(), "reader-facing errors:\n" + "\n".join(page.problems())
