"""`make bench`: how fast Python-graded feedback reaches the reader, against a naive baseline.

Everything is measured in one run, on the built site served on loopback, in
headless Chromium, with fresh browser contexts. The baseline page loads the
same self-hosted Pyodide and wheel on the main thread when Check is clicked.
Prints one JSON document; compare ratios and medians, not absolute numbers,
between machines.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.build_time import measure_build_times
from tools.ensure_chromium import CHROMIUM_FLAGS
from tools.site_server import BuiltSite, built_and_served

WIDGET_PAGE = "self-check/"
PLAIN_PAGE = "glossary/"
PYTHON_TIMEOUT_MS = 60_000
# Functions, not expressions: the site's content security policy forbids eval.
READY = "() => performance.getEntriesByName('nr-python-ready').length > 0"
READY_AT = "() => performance.getEntriesByName('nr-python-ready')[0].startTime"
STARTED_AT = "() => performance.getEntriesByName('nr-python-start')[0].startTime"
STORED_TIMEOUT_MS = 180_000
STORED = """async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active !== null && navigator.serviceWorker.controller !== null;
}"""
# Collects long main-thread tasks from the very start of each page, and the long
# animation frames that say which scripts ran in them (Chromium's attribution).
LONG_TASKS = """
window.__longTasks = [];
window.__longFrames = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: "longtask", buffered: true });
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__longFrames.push({
      start: entry.startTime,
      end: entry.startTime + entry.duration,
      scripts: entry.scripts.map((script) => [script.invoker, script.sourceURL]),
    });
  }
}).observe({ type: "long-animation-frame", buffered: true });
"""
# A script of ours that talks to the Python worker, or a message from that worker.
PYTHON_SCRIPT = re.compile(r"/assets/js/python/|Worker")
CLICK_AND_TIME = """async (selector) => {
  const form = document.querySelector(selector);
  const result = form.querySelector("[data-nr-result]");
  const before = result.textContent;
  const started = performance.now();
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const text = result.textContent.trim();
      if (text && text !== before && !text.startsWith("Checking")) {
        observer.disconnect();
        resolve(performance.now() - started);
      }
    });
    observer.observe(result, { childList: true, characterData: true, subtree: true });
  });
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("no feedback within 60 s")), 60000));
  form.querySelector("button[type=submit]").click();
  return await Promise.race([done, timeout]);
}"""


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return round(ordered[index], 1)


def blocking(tasks: list[list[float]], start: float, end: float) -> dict[str, float]:
    inside = [duration for begun, duration in tasks if start <= begun <= end]
    return {
        "longest_task_ms": round(max(inside, default=0.0), 1),
        "total_blocking_ms": round(sum(max(0.0, d - 50) for d in inside), 1),
        "tasks_over_50ms": sum(d > 50 for d in inside),
    }


def python_caused(
    tasks: list[list[float]], frames: list[dict[str, Any]], start: float, end: float
) -> dict[str, Any]:
    """Long tasks between Python's start and ready, split by what ran in them.

    A task counts as Python's when a long animation frame overlapping it ran a script
    of our Python client or a message from its worker; the others are the page's own
    work (Material's start-up, layout), listed with their scripts so a reader can check.
    """
    python, other = [], []
    for begun, duration in tasks:
        if not start <= begun <= end:
            continue
        overlapping = [f for f in frames if f["start"] < begun + duration and begun < f["end"]]
        scripts = sorted(
            {f"{invoker} {source}".strip() for f in overlapping for invoker, source in f["scripts"]}
        )
        task = {"start_ms": round(begun, 1), "duration_ms": round(duration, 1), "scripts": scripts}
        (python if any(PYTHON_SCRIPT.search(script) for script in scripts) else other).append(task)
    return {
        "longest_python_task_ms": max((t["duration_ms"] for t in python), default=0.0),
        "python_tasks": python,
        "other_tasks": other,
    }


def fresh_page(browser: Browser) -> Page:
    context = browser.new_context()
    context.add_init_script(LONG_TASKS)
    return context.new_page()


def measure_site_start(browser: Browser, site: BuiltSite) -> dict[str, Any]:
    """Navigation → Python ready on a widget page, and the main thread meanwhile."""
    page = fresh_page(browser)
    page.goto(site.url(WIDGET_PAGE))
    page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    ready = page.evaluate(READY_AT)
    started = page.evaluate(STARTED_AT)
    how = page.evaluate("() => performance.getEntriesByName('nr-python-ready')[0].detail.how")
    tasks = page.evaluate("window.__longTasks")
    frames = page.evaluate("window.__longFrames")
    page.context.close()
    return {
        "ready_ms": ready,
        "started_ms": started,
        "how": how,
        "main_thread": blocking(tasks, started, ready),
        "attributed": python_caused(tasks, frames, started, ready),
    }


def measure_repeat_start(browser: Browser, site: BuiltSite) -> dict[str, Any]:
    """A second visit, once the site is stored for offline use: navigation → Python ready."""
    page = fresh_page(browser)
    page.goto(site.url(WIDGET_PAGE))
    page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    page.wait_for_function(STORED, timeout=STORED_TIMEOUT_MS)
    page.goto(site.url(WIDGET_PAGE))
    page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    ready = page.evaluate(READY_AT)
    how = page.evaluate("() => performance.getEntriesByName('nr-python-ready')[0].detail.how")
    page.context.close()
    return {"ready_ms": ready, "how": how}


def measure_plain_start(browser: Browser, url: str) -> float:
    """The baseline: a plain loadPyodide and the wheel at navigation."""
    page = fresh_page(browser)
    page.goto(url)
    page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    ready = float(page.evaluate(READY_AT))
    page.context.close()
    return ready


def measure_first_feedback(browser: Browser, url: str, selector: str) -> dict[str, Any]:
    """A reader answers and clicks Check 3 s after navigation: how long until feedback?"""
    page = fresh_page(browser)
    page.goto(url)
    page.locator(f"{selector} input").first.check()
    page.wait_for_timeout(3000)
    clicked_at = page.evaluate("performance.now()")
    elapsed = page.evaluate(CLICK_AND_TIME, selector)
    tasks = page.evaluate("window.__longTasks")
    page.context.close()
    return {
        "feedback_ms": elapsed,
        "main_thread": blocking(tasks, clicked_at, clicked_at + elapsed),
    }


def measure_warm_checks(browser: Browser, site: BuiltSite, count: int) -> list[float]:
    page = fresh_page(browser)
    page.goto(site.url(WIDGET_PAGE))
    page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    page.locator("#check-01 input").first.check()
    timings = []
    for _ in range(count):
        timings.append(page.evaluate(CLICK_AND_TIME, "#check-01"))
        page.locator("#check-01 [data-nr-retry]").click()
        page.locator("#check-01 input").first.check()
    page.context.close()
    return timings


def measure_bytes(browser: Browser, url: str, wait_for_python: bool) -> dict[str, int]:
    page = browser.new_context().new_page()
    sizes: dict[str, int] = {}

    def finished(request: Any) -> None:
        sizes[request.url] = (
            request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        )

    page.on("requestfinished", finished)
    page.goto(url, timeout=PYTHON_TIMEOUT_MS)
    if wait_for_python:
        page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=PYTHON_TIMEOUT_MS)
    page.context.close()
    # The runtime, and our Python files: wheel, precompiled library, snapshot, manifests.
    python = sum(
        size
        for url_, size in sizes.items()
        if "/assets/pyodide/" in url_ or "/assets/python/" in url_
    )
    # The test server does not compress: these are the files' own sizes.
    return {
        "total": sum(sizes.values()),
        "python_runtime_and_files": python,
        "requests": len(sizes),
    }


def write_baseline(site: BuiltSite, template: str, extra: dict[str, Any]) -> str:
    """Write a baseline page (a template in this folder) into the site; return its URL.

    Its CONFIG names the site's own runtime and wheel, plus `extra`.
    """
    manifest = json.loads((site.directory / "assets/python/manifest.json").read_text())
    pyodide = next((site.directory / "assets/pyodide").glob("*/pyodide.mjs"))
    config = {
        "pyodide": "/" + pyodide.relative_to(site.directory).as_posix(),
        "wheel": "/assets/python/" + manifest["url"],
        **extra,
    }
    folder = "bench-" + template.removesuffix(".html").replace("_", "-")
    text = (Path(__file__).parent / template).read_text()
    target = site.directory / folder / "index.html"
    target.parent.mkdir()
    target.write_text(text.replace("CONFIG", json.dumps(config)))
    return site.url(folder + "/")


# Loaded by the Python worker, off the page's thread; reported apart from the page's budget.
WORKER_SIDE = ("/assets/js/python/worker.js", "/assets/js/python/snapshot.js")


def site_pages(site: BuiltSite) -> list[str]:
    """Every built page, as a path below the site's root ("" is the home page)."""
    return sorted(
        ""
        if path.parent == site.directory
        else path.parent.relative_to(site.directory).as_posix() + "/"
        for path in site.directory.rglob("index.html")
        if not path.parent.name.startswith("bench-")
    )


def measure_own_assets(browser: Browser, site: BuiltSite) -> dict[str, Any]:
    """Our JS and CSS that each page really loads, gzipped as a compressing host sends them.

    Widget code is imported on the pages that use it, so this is measured in the
    browser, page by page, until the network is idle; the theme's files are not ours.
    """
    per_page: dict[str, int] = {}
    worker_side = 0
    for path in site_pages(site):
        requested = requested_paths(browser, site.url(path))
        ours = {url for url in requested if url.startswith(("/assets/js/", "/assets/css/"))}
        per_page[path or "/"] = sum(gzipped_size(site, url) for url in ours - set(WORKER_SIDE))
        worker_side = max(
            worker_side, sum(gzipped_size(site, url) for url in ours & set(WORKER_SIDE))
        )
    heaviest = max(per_page, key=lambda name: per_page[name])
    return {
        "heaviest_page": heaviest,
        "heaviest_page_bytes": per_page[heaviest],
        "python_worker": worker_side,
        "per_page": per_page,
    }


def requested_paths(browser: Browser, url: str) -> set[str]:
    """The URL paths a page requests until its network is idle, without a service worker."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    requested: set[str] = set()
    page.on("request", lambda request: requested.add(urlsplit(request.url).path))
    page.goto(url)
    page.wait_for_load_state("networkidle", timeout=PYTHON_TIMEOUT_MS)
    context.close()
    return requested


def gzipped_size(site: BuiltSite, url_path: str) -> int:
    return len(gzip.compress((site.directory / url_path.lstrip("/")).read_bytes(), 9))


def run(runs: int, warm: int) -> dict[str, Any]:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as folder, built_and_served(Path(folder)) as site:
        island = (site.directory / WIDGET_PAGE / "index.html").read_text()
        start = island.index('{"items":', island.index('id="takeaway-check"'))
        # The island is a <template> holding HTML-escaped JSON.
        item = json.JSONDecoder().raw_decode(html.unescape(island[start:]))[0]["items"][0]
        chosen = [item["options"][0]["id"]]
        baseline_url = write_baseline(
            site, "baseline.html", {"payload": {"item": item, "chosen": chosen}}
        )
        baseline_start_url = write_baseline(site, "baseline_start.html", {})
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            progress(f"navigation → Python ready, {runs} fresh contexts: plain, site, repeat")
            plain_starts = [measure_plain_start(browser, baseline_start_url) for _ in range(runs)]
            starts = [measure_site_start(browser, site) for _ in range(runs)]
            repeats = [measure_repeat_start(browser, site) for _ in range(runs)]
            progress("first feedback 3 s after navigation: site, then baseline")
            ours = [
                measure_first_feedback(browser, site.url(WIDGET_PAGE), "#check-01")
                for _ in range(runs)
            ]
            base = [measure_first_feedback(browser, baseline_url, "#question") for _ in range(runs)]
            progress(f"{warm} warm checks")
            warm_checks = measure_warm_checks(browser, site, warm)
            progress("bytes transferred")
            widget_bytes = measure_bytes(browser, site.url(WIDGET_PAGE), wait_for_python=True)
            plain_bytes = measure_bytes(browser, site.url(PLAIN_PAGE), wait_for_python=False)
            progress("our JS and CSS, page by page")
            own_assets = measure_own_assets(browser, site)
            browser.close()

    ours_feedback = median([r["feedback_ms"] for r in ours])
    base_feedback = median([r["feedback_ms"] for r in base])
    ratio = round(ours_feedback / base_feedback, 3)
    python_longest = max(s["attributed"]["longest_python_task_ms"] for s in starts)
    plain_ready = median(plain_starts)
    first_ready = median([s["ready_ms"] for s in starts])
    repeat_ready = median([s["ready_ms"] for s in repeats])
    progress("build time: ours and plain Material, interleaved")
    with tempfile.TemporaryDirectory() as folder:
        builds = measure_build_times(Path(folder), max(3, runs // 2))
    report = {
        "runs": runs,
        "python_ready_ms": {
            "plain_start_median": plain_ready,
            "first_visit_median": first_ready,
            "first_visit_ratio": round(first_ready / plain_ready, 3),
            # When the page asked for Python: the rest of first_visit is the worker's start.
            "first_visit_start_requested_median": median([s["started_ms"] for s in starts]),
            "repeat_visit_median": repeat_ready,
            "repeat_visit_ratio": round(repeat_ready / plain_ready, 3),
            "plain_each": [round(value, 1) for value in plain_starts],
            "first_each": [[round(s["ready_ms"], 1), s["how"]] for s in starts],
            "repeat_each": [[round(s["ready_ms"], 1), s["how"]] for s in repeats],
        },
        "first_feedback_after_3s_ms": {
            "site_median": ours_feedback,
            "baseline_median": base_feedback,
            "ratio": ratio,
            "site_each": [round(r["feedback_ms"], 1) for r in ours],
            "baseline_each": [round(r["feedback_ms"], 1) for r in base],
        },
        "warm_check_ms": {
            "count": warm,
            "p50": percentile(warm_checks, 0.5),
            "p95": percentile(warm_checks, 0.95),
        },
        "main_thread_during_python_start": {
            "longest_task_caused_by_python_ms": python_longest,
            "site_worst_run": max(
                (s["main_thread"] for s in starts), key=lambda m: m["longest_task_ms"]
            ),
            "site_long_tasks_each_run": [s["attributed"] for s in starts],
            "baseline_worst_run": max(
                (r["main_thread"] for r in base), key=lambda m: m["longest_task_ms"]
            ),
        },
        "bytes": {"widget_page": widget_bytes, "page_without_widgets": plain_bytes},
        "own_js_css_gzipped_bytes": own_assets,
        "build_seconds": builds,
    }
    report["targets"] = {
        "python_ready_once_stored_at_most_0.3x_plain": repeat_ready <= 0.3 * plain_ready,
        "own_js_css_at_most_20KB_gzipped_on_every_page": own_assets["heaviest_page_bytes"]
        <= 20_000,
        "build_at_most_1.3x_plain_material_same_content": builds["ratio_to_same_content"] <= 1.3,
        "first_feedback_ratio_at_most_0.1": ratio <= 0.1,
        "warm_check_p95_at_most_50ms": report["warm_check_ms"]["p95"] <= 50,
        "no_main_thread_task_over_50ms_from_python_start": python_longest <= 50,
        "no_pyodide_bytes_without_widgets": plain_bytes["python_runtime_and_files"] == 0,
    }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="fresh contexts per measurement")
    parser.add_argument("--warm", type=int, default=50, help="warm checks to time")
    arguments = parser.parse_args()
    report = run(arguments.runs, arguments.warm)
    print(json.dumps(report, indent=2))
    return 0 if all(report["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
