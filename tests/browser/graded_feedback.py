"""Answer the first takeaway-check question in the browser, and what Python says it should get."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from exercises import bridge

WIDGET_PAGE = "self-check/"
QUESTION = "#check-01"
# Python's start can take long on this shared machine; the UI waits below are for Python.
PYTHON_TIMEOUT_MS = 60_000


def expected_summary(site_directory: Path) -> str:
    """What exercises.bridge (here, under CPython) says about choosing the first option."""
    item = _first_item(site_directory)
    payload = {"item": item, "chosen": [item["options"][0]["id"]]}
    reply = json.loads(bridge.call("check_choice", json.dumps(payload)))
    assert reply["ok"], reply
    return str(reply["value"]["summary"])


def check_first_question(page: Page) -> str:
    """Choose the first question's first option (as the content lists it, wherever the page
    shows it: options are shuffled), press Check, return the feedback shown."""
    question = page.locator(QUESTION)
    first = _first_option_id(page.content())
    question.locator(f'input[value="{first}"]').check()
    question.locator("button[type=submit]").click()
    result = question.locator("[data-nr-result]")
    page.wait_for_function(
        """(el) => { const text = el.textContent.trim();
                     return text !== "" && !text.startsWith("Checking"); }""",
        arg=result.element_handle(),
        timeout=PYTHON_TIMEOUT_MS,
    )
    return " ".join(result.inner_text().split())


def _first_option_id(html: str) -> str:
    return str(_first_item_in(html)["options"][0]["id"])


def _first_item(site_directory: Path) -> Any:
    return _first_item_in((site_directory / WIDGET_PAGE / "index.html").read_text(encoding="utf-8"))


def _first_item_in(html: str) -> Any:
    start = html.index('{"items":', html.index('id="takeaway-check"'))
    return json.JSONDecoder().raw_decode(html[start:])[0]["items"][0]
