"""`make bench`: how fast Python-graded feedback reaches the reader, against a naive baseline.

Everything is measured in one run, on the built site served on loopback like a
host (compressed, with `_headers`), in headless Chromium, with fresh browser
contexts, on two profiles: the desktop (full speed) and the throttled phone
(`benchmarks/phone.py`). The baseline page loads the same self-hosted Pyodide
and wheel on the main thread when Check is clicked. Prints one JSON document;
compare ratios and medians, not absolute numbers, between machines.
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
from benchmarks.phone import (
    CATEGORIES,
    DESKTOP,
    THROTTLED,
    BenchHandler,
    Profile,
    lighthouse_medians,
    python_bytes,
    run_lighthouse,
    transferred,
)
from tools.ensure_chromium import CHROMIUM_FLAGS
from tools.precompress import precompress
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
    python: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
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


def fresh_page(browser: Browser, profile: Profile = DESKTOP) -> Page:
    context = browser.new_context()
    context.set_default_timeout(profile.timeout_ms)
    context.add_init_script(LONG_TASKS)
    page = context.new_page()
    profile.apply(page)
    return page


def first_visit_snapshot(page: Page, site: BuiltSite) -> None:
    """Have the worker download the snapshot on a first visit (what start.json can ask)."""

    def ask(route: Any) -> None:
        response = route.fetch()
        start = response.json()
        start["first_visit_snapshot"] = True
        route.fulfill(response=response, body=json.dumps(start))

    page.context.route(site.url("assets/python/start.json"), ask)


def measure_site_start(
    browser: Browser, site: BuiltSite, profile: Profile = DESKTOP, snapshot: bool = False
) -> dict[str, Any]:
    """Navigation → Python ready on a widget page, and the main thread meanwhile."""
    page = fresh_page(browser, profile)
    if snapshot:
        first_visit_snapshot(page, site)
    page.goto(site.url(WIDGET_PAGE))
    page.wait_for_function(READY, timeout=profile.timeout_ms)
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


def measure_repeat_start(
    browser: Browser, site: BuiltSite, profile: Profile = DESKTOP
) -> dict[str, Any]:
    """A second visit, once the site is stored for offline use: navigation → Python ready."""
    page = fresh_page(browser, profile)
    page.goto(site.url(WIDGET_PAGE))
    page.wait_for_function(READY, timeout=profile.timeout_ms)
    page.wait_for_function(STORED, timeout=STORED_TIMEOUT_MS + profile.timeout_ms)
    page.goto(site.url(WIDGET_PAGE))
    page.wait_for_function(READY, timeout=profile.timeout_ms)
    ready = page.evaluate(READY_AT)
    how = page.evaluate("() => performance.getEntriesByName('nr-python-ready')[0].detail.how")
    page.context.close()
    return {"ready_ms": ready, "how": how}


def measure_plain_start(browser: Browser, url: str, profile: Profile = DESKTOP) -> float:
    """The baseline: a plain loadPyodide and the wheel at navigation."""
    page = fresh_page(browser, profile)
    page.goto(url)
    page.wait_for_function(READY, timeout=profile.timeout_ms)
    ready = float(page.evaluate(READY_AT))
    page.context.close()
    return ready


def measure_first_feedback(
    browser: Browser, url: str, selector: str, at_ms: float = 3000, profile: Profile = DESKTOP
) -> dict[str, Any]:
    """A reader answers and clicks Check `at_ms` after navigation started: how long until
    feedback? (`performance.now()` counts from navigation start; `clicked_ms` says when the
    click really came, later if the question was not on screen by then.)"""
    page = fresh_page(browser, profile)
    page.goto(url, wait_until="commit")
    page.locator(f"{selector} input").first.check()
    # A reader can click Check once the widget shows it (its script has mounted).
    page.locator(f"{selector} button[type=submit]").wait_for(state="visible")
    page.wait_for_function(f"() => performance.now() >= {at_ms}", polling=10)
    clicked_at = page.evaluate("performance.now()")
    elapsed = page.evaluate(CLICK_AND_TIME, selector)
    tasks = page.evaluate("window.__longTasks")
    page.context.close()
    return {
        "feedback_ms": elapsed,
        "clicked_ms": round(clicked_at, 1),
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
    """Bytes a page transfers, compressed as the server sends them, until the network is idle
    (with the offline store's downloads, which follow the load, counted apart too)."""
    page = browser.new_context().new_page()
    stored: dict[str, int] = {}
    sizes = transferred(page, stored)
    page.goto(url, timeout=PYTHON_TIMEOUT_MS)
    if wait_for_python:
        page.wait_for_function(READY, timeout=PYTHON_TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=PYTHON_TIMEOUT_MS)
    page.context.close()
    return {
        "total": sum(sizes.values()) + sum(stored.values()),
        # What the page and its Python worker asked for: the runtime, and our Python files
        # (precompiled library, snapshot, manifests).
        "python_runtime_and_files": python_bytes(sizes),
        "requests": len(sizes) + len(stored),
        # What the offline store downloaded meanwhile, after the load (or once Python is ready),
        # until the network was idle: on any page, it stores the whole site, Python included.
        "offline_store": sum(stored.values()),
        "offline_store_python": python_bytes(stored),
    }


def measure_bytes_until_graded(browser: Browser, site: BuiltSite) -> dict[str, Any]:
    """A first visit to the widget page until its first Check is graded: bytes received by
    the page and its Python worker. The offline store starts once Python is ready and
    stores the whole site; what it downloads before the feedback is reported apart (how
    much of it falls before the grade varies from run to run by tens of KB)."""
    page = browser.new_context().new_page()
    stored: dict[str, int] = {}
    sizes = transferred(page, stored)
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(site.url(WIDGET_PAGE), timeout=PYTHON_TIMEOUT_MS)
    page.locator("#check-01 input").first.check()
    elapsed = page.evaluate(CLICK_AND_TIME, "#check-01")
    # The requests announced before the feedback came back (events arrive in order).
    before = set(requested)
    page.wait_for_load_state("networkidle", timeout=PYTHON_TIMEOUT_MS)
    page.context.close()
    graded = {url: size for url, size in sizes.items() if url in before}
    later = {url: size for url, size in sizes.items() if url not in before}
    largest = sorted(graded.items(), key=lambda item: -item[1])[:6]
    return {
        "total": sum(graded.values()),
        "python_runtime_and_files": python_bytes(graded),
        "requests": len(graded),
        "largest": {urlsplit(url).path: size for url, size in largest},
        "feedback_ms": round(elapsed, 1),
        "offline_store_before_feedback": sum(size for url, size in stored.items() if url in before),
        # What the page downloads after that, on the same first visit.
        "after_feedback_until_idle": sum(later.values()),
        "after_feedback_largest": {
            urlsplit(url).path: size for url, size in sorted(later.items(), key=lambda i: -i[1])[:3]
        },
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
    received: dict[str, int] = {}
    worker_side = 0
    for path in site_pages(site):
        requested = requested_paths(browser, site.url(path), received)
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
        # Everything each page received until idle (no service worker), as the host sent it.
        "page_transfer_bytes": {urlsplit(url).path: size for url, size in sorted(received.items())},
    }


def requested_paths(browser: Browser, url: str, sizes: dict[str, int] | None = None) -> set[str]:
    """The URL paths a page requests until its network is idle, without a service worker.

    With `sizes`, what the page received (compressed, headers included) is added to it by path.
    """
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    requested: set[str] = set()
    page.on("request", lambda request: requested.add(urlsplit(request.url).path))
    received = transferred(page)
    page.goto(url)
    page.wait_for_load_state("networkidle", timeout=PYTHON_TIMEOUT_MS)
    context.close()
    if sizes is not None:
        sizes[url] = sum(received.values())
    return requested


def gzipped_size(site: BuiltSite, url_path: str) -> int:
    return len(gzip.compress((site.directory / url_path.lstrip("/")).read_bytes(), 9))


def measure_profile(
    browser: Browser,
    site: BuiltSite,
    profile: Profile,
    runs: int,
    baselines: tuple[str, str],
    snapshot_variant: bool,
) -> dict[str, Any]:
    """Ready times and first feedback (clicked at 1 s and 3 s) on one profile, with baselines."""
    baseline_url, baseline_start_url = baselines
    progress(f"{profile.name}: navigation → Python ready, {runs} fresh contexts each")
    plain = [measure_plain_start(browser, baseline_start_url, profile) for _ in range(runs)]
    starts = [measure_site_start(browser, site, profile) for _ in range(runs)]
    snapshots = (
        [measure_site_start(browser, site, profile, snapshot=True) for _ in range(runs)]
        if snapshot_variant
        else []
    )
    repeats = [measure_repeat_start(browser, site, profile) for _ in range(runs)]
    plain_ready = median(plain)
    first_ready = median([s["ready_ms"] for s in starts])
    repeat_ready = median([s["ready_ms"] for s in repeats])
    report: dict[str, Any] = {
        "plain_start_median": plain_ready,
        "first_visit_median": first_ready,
        "first_visit_ratio": round(first_ready / plain_ready, 3),
        "first_visit_start_requested_median": median([s["started_ms"] for s in starts]),
        "repeat_visit_median": repeat_ready,
        "repeat_visit_ratio": round(repeat_ready / plain_ready, 3),
        "plain_each": [round(value, 1) for value in plain],
        "first_each": [[round(s["ready_ms"], 1), s["how"]] for s in starts],
        "repeat_each": [[round(s["ready_ms"], 1), s["how"]] for s in repeats],
        "starts": starts,
    }
    if snapshots:
        snapshot_ready = median([s["ready_ms"] for s in snapshots])
        report["first_visit_with_snapshot_median"] = snapshot_ready
        report["first_visit_with_snapshot_ratio"] = round(snapshot_ready / plain_ready, 3)
        report["first_visit_with_snapshot_each"] = [
            [round(s["ready_ms"], 1), s["how"]] for s in snapshots
        ]
    for at_ms in (1000, 3000):
        progress(f"{profile.name}: first feedback, Check at {at_ms / 1000:g} s: site, baseline")
        ours = [
            measure_first_feedback(browser, site.url(WIDGET_PAGE), "#check-01", at_ms, profile)
            for _ in range(runs)
        ]
        base = [
            measure_first_feedback(browser, baseline_url, "#question", at_ms, profile)
            for _ in range(runs)
        ]
        ours_ms = median([r["feedback_ms"] for r in ours])
        base_ms = median([r["feedback_ms"] for r in base])
        report[f"first_feedback_at_{at_ms // 1000}s_ms"] = {
            "site_median": ours_ms,
            "baseline_median": base_ms,
            "ratio": round(ours_ms / base_ms, 3),
            "site_each": [round(r["feedback_ms"], 1) for r in ours],
            "site_clicked_each": [r["clicked_ms"] for r in ours],
            "baseline_each": [round(r["feedback_ms"], 1) for r in base],
            "baseline_worst_main_thread": max(
                (r["main_thread"] for r in base), key=lambda m: m["longest_task_ms"]
            ),
        }
    return report


def measure_lighthouse(
    site: BuiltSite, chromium: str, pages: list[str], runs: int, reports: Path | None
) -> dict[str, dict[str, Any]]:
    """Lighthouse's mobile preset, `runs` times on each page (the pages take turns, so a
    passing burst of load on the machine does not fall on one page's runs), as medians."""
    measured: dict[str, list[dict[str, Any]]] = {"/" + path: [] for path in pages}
    for round_number in range(1, runs + 1):
        for path in pages:
            progress(f"Lighthouse, mobile preset, run {round_number} of {runs}: /{path}")
            report_path = None
            if reports is not None:
                reports.mkdir(parents=True, exist_ok=True)
                name = path.strip("/").replace("/", "-") or "home"
                report_path = reports / f"{name}-{round_number}.json"
            measured["/" + path].append(run_lighthouse(site.url(path), chromium, report_path))
    return {path: lighthouse_medians(page_runs) for path, page_runs in measured.items()}


def lighthouse_targets(lighthouse: dict[str, dict[str, Any]], asked: int) -> dict[str, bool]:
    scores = [page for page in lighthouse.values() if "error" not in page]
    return {
        "lighthouse_measured_every_page_asked": len(scores) == asked,
        "lighthouse_performance_at_least_0.95": all(
            (page["performance"] or 0) >= 0.95 for page in scores
        ),
        "lighthouse_accessibility_best_practices_seo_1.00": all(
            page[name] == 1 for page in scores for name in CATEGORIES[1:]
        ),
    }


def run_lighthouse_only(pages: list[str], runs: int, reports: Path | None) -> dict[str, Any]:
    """Only the Lighthouse part of the bench, on a fresh build served like a host."""
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    load = os.getloadavg()
    with (
        tempfile.TemporaryDirectory() as folder,
        built_and_served(Path(folder), BenchHandler) as site,
    ):
        lighthouse = measure_lighthouse(site, chromium, pages, runs, reports)
    return {
        "load_average_at_start": [round(value, 2) for value in load],
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
        "lighthouse_mobile": lighthouse,
        "targets": lighthouse_targets(lighthouse, len(pages)),
    }


def run(
    runs: int,
    warm: int,
    throttled_runs: int,
    lighthouse_pages: list[str],
    build_runs: int,
    lighthouse_runs: int = 3,
    reports: Path | None = None,
) -> dict[str, Any]:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    load = os.getloadavg()
    with (
        tempfile.TemporaryDirectory() as folder,
        built_and_served(Path(folder), BenchHandler) as site,
    ):
        island = (site.directory / WIDGET_PAGE / "index.html").read_text()
        start = island.index('{"items":', island.index('id="takeaway-check"'))
        # The island is a <template> holding HTML-escaped JSON.
        item = json.JSONDecoder().raw_decode(html.unescape(island[start:]))[0]["items"][0]
        chosen = [item["options"][0]["id"]]
        baseline_url = write_baseline(
            site, "baseline.html", {"payload": {"item": item, "chosen": chosen}}
        )
        baseline_start_url = write_baseline(site, "baseline_start.html", {})
        baselines = (baseline_url, baseline_start_url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            # A host that only gzips (GitHub Pages), compressing on the fly.
            BenchHandler.encodings = ("gzip",)
            progress("bytes with gzip: widget page until its first Check is graded, every page")
            gzip_graded = measure_bytes_until_graded(browser, site)
            widget_bytes = measure_bytes(browser, site.url(WIDGET_PAGE), wait_for_python=True)
            plain_bytes = measure_bytes(browser, site.url(PLAIN_PAGE), wait_for_python=False)
            own_assets = measure_own_assets(browser, site)
            # A host that serves brotli, from precompressed siblings (brotli 11, gzip 9).
            progress("precompressing the site (.br, .gz; cached in build/precompressed/)")
            precompressed = precompress(site.directory)
            BenchHandler.encodings = ("br", "gzip")
            brotli_graded = measure_bytes_until_graded(browser, site)
            desktop = measure_profile(browser, site, DESKTOP, runs, baselines, False)
            throttled = measure_profile(browser, site, THROTTLED, throttled_runs, baselines, True)
            progress(f"{warm} warm checks")
            warm_checks = measure_warm_checks(browser, site, warm)
            browser.close()
        lighthouse = measure_lighthouse(site, chromium, lighthouse_pages, lighthouse_runs, reports)

    starts = desktop.pop("starts")
    throttled.pop("starts")
    feedback = desktop["first_feedback_at_3s_ms"]
    ratio = feedback["ratio"]
    python_longest = max(s["attributed"]["longest_python_task_ms"] for s in starts)
    progress("build time: ours and plain Material, interleaved")
    with tempfile.TemporaryDirectory() as folder:
        builds = measure_build_times(Path(folder), build_runs)
    report = {
        "runs": runs,
        "throttled_runs": throttled_runs,
        "load_average_at_start": [round(value, 2) for value in load],
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
        "python_ready_ms": {key: value for key, value in desktop.items() if "feedback" not in key},
        "first_feedback_after_3s_ms": feedback,
        "first_feedback_after_1s_ms": desktop["first_feedback_at_1s_ms"],
        "throttled": throttled,
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
            "baseline_worst_run": feedback["baseline_worst_main_thread"],
        },
        "bytes": {
            "widget_page_until_first_check_gzip": gzip_graded,
            "widget_page_until_first_check_brotli": brotli_graded,
            "widget_page": widget_bytes,
            "page_without_widgets": plain_bytes,
            "precompressed_site": precompressed,
        },
        "own_js_css_gzipped_bytes": own_assets,
        "lighthouse_mobile": lighthouse,
        "build_seconds": builds,
    }
    report["targets"] = {
        "python_ready_once_stored_at_most_0.3x_plain": desktop["repeat_visit_ratio"] <= 0.3,
        "first_visit_ready_at_most_0.4x_plain_desktop": desktop["first_visit_ratio"] <= 0.4,
        "first_visit_ready_at_most_0.5x_plain_throttled": throttled["first_visit_ratio"] <= 0.5,
        "first_feedback_3s_throttled_at_most_0.25x": (
            throttled["first_feedback_at_3s_ms"]["ratio"] <= 0.25
        ),
        "widget_page_first_check_at_most_5.5MB_gzip": gzip_graded["total"] <= 5_500_000,
        "widget_page_first_check_at_most_4.5MB_brotli": brotli_graded["total"] <= 4_500_000,
        "own_js_css_at_most_20KB_gzipped_on_every_page": own_assets["heaviest_page_bytes"]
        <= 20_000,
        "build_at_most_1.3x_plain_material_same_content": builds["ratio_to_same_content"] <= 1.3,
        "first_feedback_ratio_at_most_0.1": ratio <= 0.1,
        "warm_check_p95_at_most_50ms": report["warm_check_ms"]["p95"] <= 50,
        "no_main_thread_task_over_50ms_from_python_start": python_longest <= 50,
        "no_pyodide_bytes_without_widgets": plain_bytes["python_runtime_and_files"] == 0,
        **lighthouse_targets(lighthouse, len(lighthouse_pages)),
    }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="fresh contexts per measurement")
    parser.add_argument("--warm", type=int, default=50, help="warm checks to time")
    parser.add_argument(
        "--throttled-runs", type=int, default=3, help="fresh contexts per throttled measurement"
    )
    parser.add_argument(
        "--lighthouse",
        nargs="*",
        default=["", PLAIN_PAGE, WIDGET_PAGE],
        help="pages (paths below the site) to score with Lighthouse; none to skip",
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page; the report gives their medians",
    )
    parser.add_argument(
        "--lighthouse-only",
        action="store_true",
        help="build, serve and score the --lighthouse pages, and measure nothing else",
    )
    parser.add_argument(
        "--lighthouse-reports",
        type=Path,
        default=None,
        help="a folder to keep each Lighthouse run's whole JSON report in",
    )
    parser.add_argument("--build-runs", type=int, default=3, help="builds of each kind to time")
    arguments = parser.parse_args()
    if arguments.lighthouse_only:
        report = run_lighthouse_only(
            arguments.lighthouse, arguments.lighthouse_runs, arguments.lighthouse_reports
        )
    else:
        report = run(
            arguments.runs,
            arguments.warm,
            arguments.throttled_runs,
            arguments.lighthouse,
            arguments.build_runs,
            arguments.lighthouse_runs,
            arguments.lighthouse_reports,
        )
    print(json.dumps(report, indent=2))
    return 0 if all(report["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
