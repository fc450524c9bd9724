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
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tools.site_server import HostHandler, QuietHandler

LIGHTHOUSE = Path(__file__).parent / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


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


def transferred(page: Page) -> dict[str, int]:
    """Start counting what `page`'s context receives, by URL: encoded body plus headers."""
    sizes: dict[str, int] = {}

    def finished(request: Any) -> None:
        measured = request.sizes()
        # Summed: a page's preload and the worker's request for the same file are two requests
        # (the second one from the HTTP cache, with no body).
        received = measured["responseBodySize"] + measured["responseHeadersSize"]
        sizes[request.url] = sizes.get(request.url, 0) + received

    page.context.on("requestfinished", finished)
    return sizes


def python_bytes(sizes: dict[str, int]) -> int:
    return sum(
        size for url, size in sizes.items() if "/assets/pyodide/" in url or "/assets/python/" in url
    )


def lighthouse_available() -> str | None:
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    return str(binary) if binary.exists() and shutil.which("node") else None


def run_lighthouse(url: str, chromium: str) -> dict[str, Any]:
    """Lighthouse's mobile preset (its default: 4× CPU, simulated slow 4G) on one page."""
    binary = lighthouse_available()
    if binary is None:
        return {"error": "run `npm ci` in benchmarks/lighthouse to measure with Lighthouse"}
    result = subprocess.run(
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
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:] or ["lighthouse failed"]}
    report = json.loads(result.stdout)
    audits = report["audits"]
    return {
        **{name: report["categories"][name]["score"] for name in CATEGORIES},
        "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
        "largest_contentful_paint_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "cumulative_layout_shift": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "speed_index_ms": round(audits["speed-index"]["numericValue"]),
    }
