"""Reading the built site's HTML as a reader sees it."""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup, Tag

PAGES = ["", "overview/", "takeaways/", "glossary/", "prompts/", "self-check/", "about/"]
PAGES += [
    "assignment-builder/",
    "downloads/",
    "answer-key/",
    "balint-session/",
    "case-preparation/",
    "peer-consultation/",
]

# The `soup_of` fixture: a built page's parsed HTML, by its path below the site root.
SoupOf = Callable[[str], BeautifulSoup]


def text_of(element: object) -> str:
    """Text with whitespace folded, as a reader sees it (tooltips closed)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for tip in copy.select(".nr-term__tip"):
        tip.decompose()
    text = " ".join(copy.get_text(" ").split())
    # Inline elements get a space on each side from get_text; punctuation after them doesn't.
    text = re.sub(r"\s+([,.;:!?)/])", r"\1", text)
    return re.sub(r"([(/])\s+", r"\1", text)


def found(element: object, what: str) -> Tag:
    """The element a test looked for; a missing one fails the test saying what is missing."""
    assert isinstance(element, Tag), f"no {what} on the page"
    return element


def attribute(element: Tag, name: str) -> str:
    """A single-valued attribute's text; a missing one fails the test."""
    value = element.get(name)
    assert isinstance(value, str), f"<{element.name}> has no {name} attribute"
    return value


def folded(text: str) -> str:
    return " ".join(text.split())
