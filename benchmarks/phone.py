"""What a phone gets: the throttled profile, compressed bytes per page, and Lighthouse.

The throttled profile is set through the Chrome DevTools Protocol on each fresh
page before it navigates: CPU 4× slower, and a network of 9 Mbit/s down,
1.5 Mbit/s up, 150 ms round trip. Lighthouse (npm, pinned in
`benchmarks/lighthouse/`, its own folder) runs its mobile preset on the
compressing loopback server.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tools.site_server import HostHandler, QuietHandler

LIGHTHOUSE = Path(__file__).parent / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_ATTEMPTS = 3


@dataclass(frozen=True)
class Profile:
    """How the browser is slowed down; `None` values leave it at full speed."""

    name: str
    cpu_slowdown: float | None = None
    latency_ms: float | None = None
    down_bits_per_second: float | None = None
    up_bits_per_second: float | None = None
    timeout_ms: int = 60_000

    def apply(self, page: Page) -> None:
        if self.cpu_slowdown is None:
            return
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": self.latency_ms,
                "downloadThroughput": (self.down_bits_per_second or 0) / 8,
                "uploadThroughput": (self.up_bits_per_second or 0) / 8,
            },
        )
        session.send("Emulation.setCPUThrottlingRate", {"rate": self.cpu_slowdown})


DESKTOP = Profile("desktop", timeout_ms=180_000)  # generous: the machine may be loaded
THROTTLED = Profile(
    "throttled",
    cpu_slowdown=4,
    latency_ms=150,
    down_bits_per_second=9_000_000,
    up_bits_per_second=1_500_000,
    timeout_ms=240_000,
)


class BenchHandler(HostHandler):
    """The bench's host: what it offers (`encodings`) changes between measurements.

    The baseline pages (`/bench-*/`) are not the site's: its `_headers` policy, which
    allows only the site's own inline scripts, is not applied to them.
    """

    encodings: tuple[str, ...] = ("br", "gzip")

    def end_headers(self) -> None:
        if self.path.startswith("/bench-"):
            QuietHandler.end_headers(self)
        else:
            super().end_headers()


def transferred(page: Page, stored: dict[str, int] | None = None) -> dict[str, int]:
    """Start counting what `page`'s context receives, by URL: encoded body plus headers.

    Given `stored`, what the offline service worker downloads to store goes there instead.
    """
    sizes: dict[str, int] = {}

    def finished(request: Any) -> None:
        try:
            measured = request.sizes()
        except PlaywrightError:
            # The context closed as the request finished: nothing of the measured page's.
            return
        # Summed: a page's preload and the worker's request for the same file are two requests
        # (the second one from the HTTP cache, with no body).
        received = measured["responseBodySize"] + measured["responseHeadersSize"]
        into = stored if stored is not None and request.service_worker is not None else sizes
        into[request.url] = into.get(request.url, 0) + received

    page.context.on("requestfinished", finished)
    return sizes


def python_bytes(sizes: dict[str, int]) -> int:
    return sum(
        size for url, size in sizes.items() if "/assets/pyodide/" in url or "/assets/python/" in url
    )


def lighthouse_available() -> str | None:
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    return str(binary) if binary.exists() and shutil.which("node") else None


def run_lighthouse(url: str, chromium: str, report_path: Path | None = None) -> dict[str, Any]:
    """Lighthouse's mobile preset (its default: 4× CPU, simulated slow 4G) on one page.

    Besides the scores, what blocked the main thread: the longest tasks with the script
    Lighthouse blames, and the busiest scripts. `report_path` keeps the whole report.
    """
    binary = lighthouse_available()
    if binary is None:
        return {"error": "run `npm ci` in benchmarks/lighthouse to measure with Lighthouse"}
    # Here Lighthouse now and then loses the page's trace (NO_NAVSTART) and scores nothing:
    # such a run is made again, up to twice, so that each page gets the runs asked for.
    # A run that scored, however badly, is never made again.
    for _ in range(LIGHTHOUSE_ATTEMPTS):
        result = lighthouse_once(binary, url, chromium)
        if result.returncode == 0:
            break
    else:
        return {"error": result.stderr.strip().splitlines()[-1:] or ["lighthouse failed"]}
    if report_path is not None:
        report_path.write_text(result.stdout, encoding="utf-8")
    report = json.loads(result.stdout)
    audits = report["audits"]
    return {
        **{name: report["categories"][name]["score"] for name in CATEGORIES},
        "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
        "largest_contentful_paint_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "cumulative_layout_shift": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "speed_index_ms": round(audits["speed-index"]["numericValue"]),
        "long_tasks": [
            [urlsplit(task["url"]).path or task["url"], round(task["duration"])]
            for task in audits.get("long-tasks", {}).get("details", {}).get("items", [])[:5]
        ],
        "busiest_scripts_ms": {
            urlsplit(item["url"]).path or item["url"]: round(item["total"])
            for item in audits.get("bootup-time", {}).get("details", {}).get("items", [])[:5]
        },
    }


def lighthouse_once(binary: str, url: str, chromium: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            binary,
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-path={chromium}",
            # More of the tests' flags make Lighthouse lose the trace here (NO_NAVSTART).
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def lighthouse_medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One page's runs: each run's figures, and the median of each score and timing.

    Lighthouse simulates the phone from a trace taken at full speed, so a machine that
    is busy with other work inflates the blocking time; a median of a few runs is steadier.
    """
    measured = [run for run in runs if "error" not in run]
    if not measured:
        return runs[0] if runs else {"error": "not measured"}
    figures = (*CATEGORIES, *MEDIAN_TIMINGS)
    medians = {
        name: statistics.median_low([run[name] or 0 for run in measured]) for name in figures
    }
    # The run whose blocking time is the median one says what blocked.
    typical = min(
        measured,
        key=lambda run: abs(run["total_blocking_time_ms"] - medians["total_blocking_time_ms"]),
    )
    return {
        **medians,
        "runs": len(measured),
        "each": [{name: run[name] for name in figures} for run in measured],
        "long_tasks": typical["long_tasks"],
        "busiest_scripts_ms": typical["busiest_scripts_ms"],
    }


MEDIAN_TIMINGS = (
    "total_blocking_time_ms",
    "largest_contentful_paint_ms",
    "cumulative_layout_shift",
    "speed_index_ms",
)
