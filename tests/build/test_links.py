"""No internal link or anchor in the built site is broken."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from tests.build.html_reading import attribute
from tools.site_server import BuiltSite


def _ids(html_file: Path, cache: dict[Path, set[str]]) -> set[str]:
    if html_file not in cache:
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        cache[html_file] = {attribute(element, "id") for element in soup.find_all(id=True)}
    return cache[html_file]


def test_every_internal_link_and_anchor_resolves(built_site: BuiltSite) -> None:
    site = built_site.directory
    cache: dict[Path, set[str]] = {}
    broken: list[str] = []
    checked = 0
    for html_file in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a", href=True):
            href = attribute(link, "href")
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):  # 404.html links from the site root
                target = site / path.lstrip("/")
            else:
                target = (html_file.parent / path).resolve() if path else html_file
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            where = f"{html_file.relative_to(site)} → {href}"
            if not target.is_file():
                broken.append(f"{where}: no such file")
            elif parts.fragment and unquote(parts.fragment) not in _ids(target, cache):
                broken.append(f"{where}: no element with that id")
    assert checked > 100
    assert not broken, "broken links:\n" + "\n".join(broken)
