"""Helpers for reading the built site's HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from companion_build.content import load_chapter

from exercises.model import ChapterContent

PAGES = ["", "overview/", "takeaways/", "glossary/", "prompts/", "about/"]


@pytest.fixture(scope="session")
def chapter(root: Path) -> ChapterContent:
    return load_chapter(root / "content/chapter-05.yml")


@pytest.fixture(scope="session")
def soup_of(built_site):  # type: ignore[no-untyped-def]
    cache: dict[str, BeautifulSoup] = {}

    def read(page: str) -> BeautifulSoup:
        if page not in cache:
            html = (built_site.directory / page / "index.html").read_text(encoding="utf-8")
            cache[page] = BeautifulSoup(html, "html.parser")
        return cache[page]

    return read


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
