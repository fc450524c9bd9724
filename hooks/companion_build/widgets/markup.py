"""The markup every widget shares: its section, its data island, its reveal, its source line.

The data island is JSON in a <template>, read by overrides/assets/js/lib/islands.js.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from companion_build.pages.links import Links
from exercises.model import Takeaway


def json_island(data: Any, attribute: str = "data-nr-widget-data") -> str:
    """A <template> holding `data` as JSON text.

    Not <script type="application/json">: Material's instant navigation re-creates
    every inline script in the content without its attributes and runs it.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"<template {attribute}>{escape(text, quote=False)}</template>"


def widget_section(kind: str, widget_id: str, label: str, data: Any, body: str) -> str:
    return (
        f'<section class="nr-widget nr-widget--{kind}" data-nr-widget="{kind}" '
        f'id="{widget_id}" aria-label="{escape(label)}" data-search-exclude>{json_island(data)}'
        '<div class="nr-widget__bar">'
        '<p class="nr-widget__python" data-nr-python-status role="status"></p>'
        '<p class="nr-widget__storage" data-nr-storage-note hidden></p></div>'
        f"{body}</section>"
    )


def source_line(item: Takeaway, links: Links) -> str:
    page = f", {escape(item.quote.page)}" if item.quote and item.quote.page else ""
    return (
        f'<p class="nr-question__source">From takeaway {item.number}: '
        f'<a href="{links.to("takeaways", item.id)}">{escape(item.title)}</a>{page}</p>'
    )


def reveal(summary: str, body: str) -> str:
    return f'<details class="nr-reveal" data-nr-reveal><summary>{summary}</summary>{body}</details>'
