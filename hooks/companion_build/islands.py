"""Data for the page's scripts: JSON in a <template>, read by overrides/assets/js/islands.js."""

from __future__ import annotations

import json
from html import escape
from typing import Any


def json_island(data: Any, attribute: str = "data-nr-widget-data") -> str:
    """A <template> holding `data` as JSON text.

    Not <script type="application/json">: Material's instant navigation re-creates
    every inline script in the content without its attributes and runs it.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"<template {attribute}>{escape(text, quote=False)}</template>"
