"""Fixtures for the build tests: the chapter content and parsed pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from companion_build.content import load_chapter
from exercises.model import ChapterContent
from tests.build.html_reading import SoupOf
from tools.site_server import BuiltSite


@pytest.fixture(scope="session")
def chapter(root: Path) -> ChapterContent:
    return load_chapter(root / "content/chapter-05.yml")


@pytest.fixture(scope="session")
def soup_of(built_site: BuiltSite) -> SoupOf:
    cache: dict[str, BeautifulSoup] = {}

    def read(page: str) -> BeautifulSoup:
        if page not in cache:
            html = (built_site.directory / page / "index.html").read_text(encoding="utf-8")
            cache[page] = BeautifulSoup(html, "html.parser")
        return cache[page]

    return read
