"""The markup we write is valid and the site installs: html-validate finds nothing in our
content, ids are unique, no heading is empty, the description survives the template, and
the manifest, icons, robots.txt and host headers are there.

html-validate (pinned in package.json) runs on each page's content area, which our
renderers and Markdown produce; Material's own header, navigation and footer are its
business. The configuration (.htmlvalidate.json) turns off rules that do not apply:
whitespace style, checkbox groups sharing a name (valid HTML, how the self-check sends its
answers), named lists, and forms that submit nowhere (filters and builders run in place).
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

HTML_VALIDATE = Path("node_modules/.bin/html-validate")
ARTICLE = '<article class="md-content__inner md-typeset">'
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV and !relative tags."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def pages(built_site: Any) -> list[tuple[str, BeautifulSoup]]:
    return [
        (
            path.relative_to(built_site.directory).as_posix(),
            BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"),
        )
        for path in sorted(built_site.directory.rglob("*.html"))
    ]


def test_html_validate_finds_nothing_in_our_markup(
    built_site: Any, root: Path, tmp_path: Path
) -> None:
    fragments = []
    for path in sorted(built_site.directory.rglob("*.html")):
        # The page's own text, not a parser's re-serialisation of it.
        html = path.read_text(encoding="utf-8")
        start = html.find(ARTICLE)
        end = html.rfind("</article>", 0, html.find("</main>"))
        if start < 0 or end < 0:
            continue
        fragment = tmp_path / path.relative_to(built_site.directory).as_posix().replace("/", "__")
        fragment.write_text(
            '<!doctype html><html lang="en"><head><title>Fragment</title></head><body><main>'
            f"{html[start + len(ARTICLE) : end]}</main></body></html>",
            encoding="utf-8",
        )
        fragments.append(fragment.name)
    assert len(fragments) > 10, "no content areas found: did Material's markup change?"
    # A known mistake, so a validator that checked nothing cannot pass.
    (tmp_path / "canary.html").write_text(
        '<!doctype html><html lang="en"><head><title>Canary</title></head><body><main>'
        '<p id="twice">a</p><p id="twice">b</p></main></body></html>',
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    run = subprocess.run(
        [
            str(root / HTML_VALIDATE),
            "--config",
            str(root / ".htmlvalidate.json"),
            "--formatter",
            f"json={report}",
            *fragments,
            "canary.html",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    results = json.loads(report.read_text(encoding="utf-8"))
    canary = [r for r in results if Path(r["filePath"]).name == "canary.html"]
    assert canary and any(m["ruleId"] == "no-dup-id" for m in canary[0]["messages"])
    results = [r for r in results if r not in canary]
    errors = [
        f"{Path(result['filePath']).name.replace('__', '/')}: {message['ruleId']}: "
        f"{message['message']} at {message.get('selector') or 'line ' + str(message['line'])}"
        for result in results
        for message in result["messages"]
        if message["severity"] == 2
    ]
    assert run.returncode in (0, 1), f"html-validate failed to run: {run.stderr}"
    assert not errors, "\n".join(errors)


def test_every_id_is_unique_and_no_heading_is_empty(built_site: Any) -> None:
    problems = []
    for name, soup in pages(built_site):
        counts = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
        repeated = {i for i, n in counts.items() if n > 1}
        if repeated:
            problems.append(f"{name}: ids used more than once: {sorted(repeated)}")
        for heading in soup.find_all(HEADINGS):
            if not heading.get_text(strip=True):
                problems.append(f"{name}: an empty heading {str(heading)[:120]}")
    assert not problems, "\n".join(problems)


def test_the_description_and_link_previews_say_what_mkdocs_yml_says(
    built_site: Any, root: Path
) -> None:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), _TolerantLoader)
    description = " ".join(config["site_description"].split())
    for name, soup in pages(built_site):
        if name == "404.html":
            continue
        meta = soup.find("meta", attrs={"name": "description"})
        assert meta is not None and meta["content"] == description, name
        og = {
            str(tag["property"]): str(tag["content"])
            for tag in soup.find_all("meta", property=True)
        }
        assert og["og:description"] == description, name
        title = soup.title.get_text(strip=True) if soup.title else ""
        assert og["og:title"].split(" – ")[0] in title, f"{name}: og:title {og['og:title']!r}"
        assert og["og:url"].startswith(built_site.origin), name
        twitter = soup.find("meta", attrs={"name": "twitter:card"})
        assert twitter is not None and twitter["content"] == "summary", name


def test_the_manifest_is_valid_json_with_icons_that_exist(built_site: Any) -> None:
    site = built_site.directory
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = home.find("link", rel="manifest")
    assert link is not None, "the home page links no web app manifest"
    manifest = json.loads((site / str(link["href"])).read_text(encoding="utf-8"))
    assert manifest["name"] and manifest["short_name"] and manifest["start_url"]
    assert manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        path = site / icon["src"]
        assert path.is_file() and path.stat().st_size > 0, f"missing icon {icon['src']}"
        if icon["type"] == "image/png":
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", icon["src"]
            width = int.from_bytes(path.read_bytes()[16:20], "big")
            assert icon["sizes"] == f"{width}x{width}", icon["src"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes, "an installable site needs 192 and 512 px icons"
    favicon = home.find("link", rel="icon")
    assert favicon is not None and "favicon.svg" in str(favicon["href"])
    assert (site / str(favicon["href"])).is_file()


def test_robots_txt_points_at_the_sitemap(built_site: Any) -> None:
    robots = (built_site.directory / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {built_site.origin}/sitemap.xml" in robots
    assert (built_site.directory / "sitemap.xml").is_file()


@pytest.mark.parametrize(
    "header",
    [
        "frame-ancestors 'self'",
        "X-Frame-Options: SAMEORIGIN",
        "Strict-Transport-Security: max-age=",
    ],
)
def test_headers_file_has_what_an_observatory_scan_asks_for(built_site: Any, header: str) -> None:
    assert header in (built_site.directory / "_headers").read_text(encoding="utf-8")


def test_the_policy_in_the_pages_has_no_frame_ancestors(built_site: Any) -> None:
    """Browsers ignore frame-ancestors in a <meta> policy and warn about it in the console."""
    home = BeautifulSoup(
        (built_site.directory / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    meta = home.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None and "frame-ancestors" not in str(meta["content"])
