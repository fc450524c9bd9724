"""The site's build time against plain Material builds of the same pages, for `make bench`.

Two baselines, both Material alone (no hooks, no overrides, no Python), built from
the same `mkdocs.yml` nav and Markdown extensions:

- *same sources*: our Markdown files as they are. Most of our pages are a shortcode
  or two, so these pages come out nearly empty: this shows the whole cost of
  turning the content file into pages;
- *same content*: each page's Markdown replaced by the content our build made
  for it (the article's HTML), so Material renders, and search indexes, the same
  text we publish: this shows what our build costs beyond rendering the content.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tools.site_server import ROOT, build_site

ARTICLE = '<article class="md-content__inner md-typeset">'
ARTICLE_TAG = re.compile(r"<(/?)article\b")


def plain_material_config(folder: Path, docs: Path) -> Path:
    """Our mkdocs.yml without hooks, overrides or watched folders, reading `docs`."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("!relative $config_dir/docs", str(ROOT / "docs"))
    text = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    # The package it watches is ours and sits beside mkdocs.yml, not beside this copy.
    text = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", text)
    text = text.replace("  custom_dir: overrides\n", "")
    text = text.replace("strict: true", "strict: false")
    config = folder / f"plain-{docs.name}.yml"
    config.write_text(f"docs_dir: {docs}\n" + text, encoding="utf-8")
    return config


def article_html(page: str) -> str:
    """The inside of Material's content <article> in a built page (articles may nest)."""
    start = page.index(ARTICLE) + len(ARTICLE)
    depth = 1
    for match in ARTICLE_TAG.finditer(page, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return page[start : match.start()]
    raise ValueError("the page's <article> is not closed")


def same_content_docs(built: Path, folder: Path) -> Path:
    """Markdown files whose content is the HTML our build published for each page."""
    docs = folder / "same-content"
    for source in sorted((ROOT / "docs").glob("*.md")):
        page = built / ("index.html" if source.stem == "index" else f"{source.stem}/index.html")
        html = article_html(page.read_text(encoding="utf-8"))
        target = docs / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        # A raw HTML block: Markdown passes it through as it is.
        target.write_text(f'<div class="nr-page">\n{html}\n</div>\n', encoding="utf-8")
    return docs


def timed_build(config: Path, site_dir: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(config),
        "-d",
        str(site_dir),
    ]
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - began


def measure_build_times(folder: Path, runs: int) -> dict[str, Any]:
    """Seconds for fresh builds of our site and of both plain baselines, interleaved."""
    ours: list[float] = []
    same_sources: list[float] = []
    same_content: list[float] = []
    sources_config = plain_material_config(folder, ROOT / "docs")
    content_config: Path | None = None
    for run_number in range(runs):
        began = time.perf_counter()
        result = build_site(folder / f"ours-{run_number}", "http://127.0.0.1:8000/")
        ours.append(time.perf_counter() - began)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-2000:])
        if content_config is None:
            content_config = plain_material_config(
                folder, same_content_docs(folder / "ours-0", folder)
            )
        same_sources.append(timed_build(sources_config, folder / f"sources-{run_number}"))
        same_content.append(timed_build(content_config, folder / f"content-{run_number}"))
    ours_s = statistics.median(ours)
    sources_s = statistics.median(same_sources)
    content_s = statistics.median(same_content)
    return {
        "runs": runs,
        "ours_median_s": round(ours_s, 2),
        "plain_material_same_sources_median_s": round(sources_s, 2),
        "plain_material_same_content_median_s": round(content_s, 2),
        "ratio_to_same_sources": round(ours_s / sources_s, 2),
        "ratio_to_same_content": round(ours_s / content_s, 2),
    }
