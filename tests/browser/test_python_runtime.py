"""Python in the reader's browser: the worker starts, answers, fails clearly and recovers.

Each test imports the real client module into a real page of the built site;
nothing here is a test page. Every request is recorded and any that would leave
the site's origin is blocked and fails the test.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import pytest

import exercises
from tests.browser.python_fixtures import PythonPage, open_python_page
from tools.site_server import first_visit_download_bytes

if TYPE_CHECKING:
    from tools.site_server import BuiltSite

pytestmark = pytest.mark.browser
__all__ = ["open_python_page"]  # fixtures, used by name

OpenPage = Callable[[], PythonPage]

START_AND_WATCH = """async (client) => {
  const seen = [];
  client.onStatus((status) => seen.push(status));
  const settled = await client.start();
  return { settled, seen };
}"""


def manifest(built_site: BuiltSite) -> dict[str, Any]:
    path = built_site.directory / "assets" / "python" / "manifest.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def wheel_url(built_site: BuiltSite) -> str:
    return built_site.url(f"assets/python/{manifest(built_site)['url']}")


def fast_start_stdlib_url(built_site: BuiltSite) -> str:
    path = built_site.directory / "assets" / "python" / "start.json"
    start = json.loads(path.read_text(encoding="utf-8"))
    return built_site.url(f"assets/python/{start['stdlib']}")


def without_fast_start(python: PythonPage, built_site: BuiltSite) -> None:
    """Hide start.json, so the worker starts the plain way and installs the wheel."""
    python.context.route(
        built_site.url("assets/python/start.json"), lambda route: route.fulfill(status=404)
    )


def test_call_version_returns_the_package_version(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    python.page.goto(built_site.url("glossary/"))

    started = python.with_client(START_AND_WATCH)
    version = python.with_client("async (client) => client.call('version')")
    echoed = python.with_client("async (client, arg) => client.call('ping', arg)", {"a": ["é", 1]})

    assert started["settled"]["state"] == "ready", started
    assert version["ok"] is True, version
    assert version["value"]["version"] == exercises.__version__
    assert version["value"]["python"].startswith("3.14."), "Pyodide 314 runs Python 3.14"
    assert echoed == {"ok": True, "value": {"a": ["é", 1]}}
    states = [status["state"] for status in started["seen"]]
    assert states[0] == "idle" and states[-1] == "ready", states
    assert set(states[1:-1]) == {"preparing"}, states
    # A first visit: the whole compressed download is announced, and all of it arrives.
    totals = {status["totalBytes"] for status in started["seen"][1:-1]} - {None}
    assert totals == {first_visit_download_bytes(built_site.directory)}
    arrived = [status["loadedBytes"] for status in started["seen"][1:-1]]
    assert arrived == sorted(arrived) and arrived[-1] == totals.pop()
    # The runtime came from this site: the worker's requests are seen and none went elsewhere.
    assert any(url.endswith("/pyodide.asm.wasm") for url in python.requests)
    # The build's precompiled library holds the package too: no wheel to install, and
    # Pyodide's own standard library is not downloaded as well.
    own = [request.url for request in python.request_log]
    assert fast_start_stdlib_url(built_site) in own
    assert wheel_url(built_site) not in own
    assert not any(url.endswith("/python_stdlib.zip") and "/pyodide/" in url for url in own)


def test_without_fast_start_files_python_installs_the_wheel(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    without_fast_start(python, built_site)
    python.page.goto(built_site.url("glossary/"))

    started = python.with_client("async (client) => client.start()")
    version = python.with_client("async (client) => client.call('version')")

    assert started["state"] == "ready", started
    assert version["value"]["version"] == exercises.__version__
    assert wheel_url(built_site) in python.requests


def test_missing_wheel_ends_in_failed_with_a_reason_and_retry_recovers(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    without_fast_start(python, built_site)
    url = wheel_url(built_site)
    python.context.route(url, lambda route: route.fulfill(status=404, body="Not found"))
    python.page.goto(built_site.url())

    failed = python.with_client("async (client) => client.start()")
    unavailable = python.with_client("async (client) => client.call('version')")
    python.context.unroute(url)
    retried = python.with_client("async (client) => client.retry()")
    version = python.with_client("async (client) => client.call('version')")

    assert failed["state"] == "failed"
    assert manifest(built_site)["file"] in failed["reason"]
    assert unavailable["ok"] is False
    assert unavailable["error"] == {"kind": "unavailable", "message": failed["reason"]}
    assert retried["state"] == "ready", retried
    assert version["value"]["version"] == exercises.__version__


def wheel_with_a_crashing_function(built_site: BuiltSite) -> bytes:
    """The shipped wheel, plus a bridge function that overflows the JavaScript stack."""
    shipped = built_site.directory / "assets" / "python" / manifest(built_site)["url"]
    crash = b'\nregister("crash", lambda payload: json.loads("[" * 10**5 + "]" * 10**5))\n'
    changed = io.BytesIO()
    with zipfile.ZipFile(shipped) as source, zipfile.ZipFile(changed, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "exercises/bridge.py":
                data += crash
            target.writestr(entry, data)
    return changed.getvalue()


def test_a_fatal_python_error_turns_the_status_to_failed_and_retry_recovers(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    without_fast_start(python, built_site)
    url = wheel_url(built_site)
    crashing = wheel_with_a_crashing_function(built_site)
    python.context.route(url, lambda route: route.fulfill(body=crashing))
    python.page.goto(built_site.url())

    crashed = python.with_client(
        """async (client) => ({
          started: (await client.start()).state,
          result: await client.call('crash'),
          status: client.status(),
        })"""
    )
    python.context.unroute(url)
    retried = python.with_client("async (client) => client.retry()")
    version = python.with_client("async (client) => client.call('version')")

    assert crashed["started"] == "ready"
    assert crashed["result"]["error"]["kind"] == "unavailable"
    assert crashed["status"]["state"] == "failed"
    assert crashed["status"]["reason"].startswith("Python stopped after a fatal error")
    assert retried["state"] == "ready", retried
    assert version["value"]["version"] == exercises.__version__


def test_a_missing_precompiled_library_ends_in_failed_and_retry_recovers(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    url = fast_start_stdlib_url(built_site)
    python.context.route(url, lambda route: route.fulfill(status=404, body="Not found"))
    python.page.goto(built_site.url())

    failed = python.with_client("async (client) => client.start()")
    python.context.unroute(url)
    retried = python.with_client("async (client) => client.retry()")
    version = python.with_client("async (client) => client.call('version')")

    assert failed["state"] == "failed"
    assert failed["reason"], failed
    assert retried["state"] == "ready", retried
    assert version["value"]["version"] == exercises.__version__


def test_missing_runtime_wasm_fails_instead_of_waiting_forever(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    # Pyodide 314 only logs a failed wasm download; worker.js turns that into a failure.
    python = open_python_page()
    python.context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404))
    python.page.goto(built_site.url())

    failed = python.with_client("async (client) => client.start()")

    assert failed["state"] == "failed"
    assert "pyodide.asm.wasm" in failed["reason"]


def test_one_worker_serves_the_tab_across_instant_navigation(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    page = python.page
    page.goto(built_site.url())
    assert python.with_client("async (client) => (await client.start()).state") == "ready"
    page.evaluate("window.nrSameDocument = true")

    page.locator("nav.md-nav--primary a[href$='glossary/']").first.click()
    page.wait_for_url(built_site.url("glossary/"))

    assert page.evaluate("window.nrSameDocument") is True, "instant navigation reloaded the page"
    after = python.with_client(
        "async (client) => ({ status: client.status(), result: await client.call('ping', 7) })"
    )
    assert after["status"]["state"] == "ready"
    assert after["result"] == {"ok": True, "value": 7}
    python_workers = [worker for worker in page.workers if "/python/worker.js" in worker.url]
    assert len(python_workers) == 1
    # The tab's Python loaded the runtime once.
    loads = [r for r in python.request_log if r.url.endswith("/pyodide.asm.wasm")]
    assert [r.resource_type for r in loads] == ["fetch"]


def test_a_widget_page_starts_its_worker_as_it_is_parsed_and_the_client_takes_it_over(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    # The page's own script starts the worker before client.js is even asked for; once
    # imported, the client adopts that worker instead of starting a second one.
    python = open_python_page()
    page = python.page
    page.goto(built_site.url("self-check/"))
    page.locator("[data-nr-python-status][data-state=ready]").first.wait_for(state="attached")

    pinged = python.with_client("async (client) => client.call('ping', 'adopted')")

    assert pinged == {"ok": True, "value": "adopted"}
    assert [w for w in page.workers if "/python/worker.js" in w.url], "no Python worker"
    assert len([w for w in page.workers if "/python/worker.js" in w.url]) == 1
    urls = [request.url for request in python.request_log]
    worker_at = next(i for i, url in enumerate(urls) if url.endswith("/python/worker.js"))
    client_at = next(i for i, url in enumerate(urls) if url.endswith("/python/client.js"))
    assert worker_at < client_at, "the worker should start before client.js is asked for"
    assert page.evaluate("() => 'nrEarlyPython' in window") is False, "taken over once"
    assert not python.problems(), python.problems()


def test_what_the_early_worker_says_before_the_client_is_there_is_kept_for_it(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    # The worker fails (no wheel manifest) while client.js is still held back: the client,
    # once it arrives, still hears the failure and the status line says what went wrong.
    python = open_python_page()
    page = python.page
    held: list[Any] = []
    python.context.route("**/assets/python/manifest.json", lambda route: route.fulfill(status=404))
    python.context.route("**/assets/js/python/client.js", lambda route: held.append(route))
    page.goto(built_site.url("self-check/"))
    page.wait_for_function(
        "() => window.nrEarlyPython?.held.some((event) => event.data?.type === 'failed')"
    )
    for route in held:
        route.continue_()

    line = page.locator("[data-nr-python-status][data-state=failed]").first
    line.wait_for(state="attached")

    assert "Python could not start: the exercises package manifest could not be downloaded" in (
        line.text_content() or ""
    )
    assert held, "client.js was not held back"


def test_a_payload_nested_too_deeply_is_refused_and_python_keeps_working(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    python = open_python_page()
    python.page.goto(built_site.url())

    results = python.with_client(
        """async (client) => {
          let deep = 0;
          for (let level = 0; level < 10000; level++) deep = [deep];
          return [await client.call('ping', deep), await client.call('ping', 'still here')];
        }"""
    )

    assert results[0]["ok"] is False
    assert results[0]["error"]["kind"] == "bad-request", results[0]
    assert results[1] == {"ok": True, "value": "still here"}


def test_python_starts_when_first_asked_on_a_page_reached_by_instant_navigation(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    # The config island keeps the first page's relative URLs; client.js must resolve
    # them against that page, not against the address instant navigation moved to.
    python = open_python_page()
    page = python.page
    page.goto(built_site.url())
    page.evaluate("window.nrSameDocument = true")
    page.locator("nav.md-nav--primary a[href$='glossary/']").first.click()
    page.wait_for_url(built_site.url("glossary/"))
    assert page.evaluate("window.nrSameDocument") is True, "instant navigation reloaded the page"

    version = python.with_client("async (client) => client.call('version')")

    assert version["ok"] is True, version
    assert version["value"]["version"] == exercises.__version__


def test_a_widget_page_reached_by_instant_navigation_downloads_from_the_first_pages_address(
    open_python_page: OpenPage, built_site: BuiltSite
) -> None:
    # The home page has no widgets; on the self-checks, reached without a reload, the worker
    # asks for a first visit's downloads with the settings the home page brought (relative
    # to it), and the page itself asks for none of them.
    python = open_python_page()
    page = python.page
    page.goto(built_site.url())
    settings = json.loads(page.locator("#nr-python-config").text_content() or "{}")
    expected = [
        urlsplit(urljoin(built_site.url(), href)).path for href in settings["firstVisitDownloads"]
    ]
    assert expected
    page.evaluate("window.nrSameDocument = true")
    page.locator("nav.md-nav--primary a[href$='self-check/']").first.click()
    page.wait_for_url(built_site.url("self-check/"))
    page.locator("[data-nr-python-status][data-state=ready]").first.wait_for(state="attached")

    assert page.evaluate("window.nrSameDocument") is True, "instant navigation reloaded the page"
    asked = [urlsplit(request.url).path for request in python.request_log]
    assert sorted(path for path in asked if path in expected) == sorted(expected)
    assert page.locator("link[rel=preload]").count() == 0
    assert not python.problems(), python.problems()
