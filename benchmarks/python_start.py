"""Measure how long the reader waits for Python: navigation → ready, and one bridge call.

    .venv/bin/python benchmarks/python_start.py [--runs 5]

Builds the site into a temporary folder, serves it on loopback at its own
origin, and opens it in fresh headless Chromium contexts (a first visit each
time). Prints medians; the machine's load shows in the numbers, so compare
runs made under the same conditions.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MEASURE = """async () => {
  const client = await import(new URL("assets/js/python/client.js", location).href);
  const status = await client.start();
  const readyAt = performance.now();
  const calls = [];
  for (let i = 0; i < 20; i++) {
    const before = performance.now();
    await client.call("ping", { answers: [1, 2, 3] });
    calls.push(performance.now() - before);
  }
  calls.sort((a, b) => a - b);
  return { status, readyAt, callMs: calls[10] };
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as directory:
        handler = functools.partial(_Quiet, directory=directory)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        env = {**os.environ, "SITE_URL": origin + "/", "NO_MKDOCS_2_WARNING": "1"}
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
        subprocess.run(
            [*build, "--site-dir", directory],
            cwd=ROOT,
            env=env,
            check=True,
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        results = []
        with sync_playwright() as playwright:
            executable = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
            browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                page.goto(origin + "/")
                results.append(page.evaluate(MEASURE))
                context.close()
            browser.close()
        server.shutdown()
    assert all(result["status"]["state"] == "ready" for result in results), results
    summary = {
        "runs": runs,
        "navigation_to_ready_ms": round(statistics.median(r["readyAt"] for r in results)),
        "start_to_ready_ms": round(statistics.median(r["status"]["startMs"] for r in results)),
        "bridge_call_ms": round(statistics.median(r["callMs"] for r in results), 2),
        "load_average": os.getloadavg()[0],
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
