"""Reading the built site's HTML as a reader sees it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

PAGES = ["", "overview/", "takeaways/", "glossary/", "prompts/", "self-check/", "about/"]
PAGES += [
    "assignment-builder/",
    "downloads/",
    "answer-key/",
    "balint-session/",
    "case-preparation/",
    "peer-consultation/",
]


def text_of(element: object) -> str:
    """Text with whitespace folded, as a reader sees it (tooltips closed)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for tip in copy.select(".nr-term__tip"):
        tip.decompose()
    text = " ".join(copy.get_text(" ").split())
    # Inline elements get a space on each side from get_text; punctuation after them doesn't.
    text = re.sub(r"\s+([,.;:!?)/])", r"\1", text)
    return re.sub(r"([(/])\s+", r"\1", text)


def folded(text: str) -> str:
    return " ".join(text.split())
