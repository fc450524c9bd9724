"""Every page carries the site's content security policy before any script; `_headers` too."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from bs4 import BeautifulSoup

from companion_build.delivery.host_headers import IMMUTABLE


def policy_of(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, "the page has no Content-Security-Policy meta element"
    return str(meta["content"])


def test_every_page_has_the_policy_before_its_first_script(built_site: Any) -> None:
    policies = set()
    for path in sorted(built_site.directory.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policy = policy_of(soup)
        policies.add(policy)
        assert soup.head is not None, f"{path}: no <head>"
        first = soup.head.find(
            lambda tag: (
                tag.name in {"script", "meta"} and (tag.name == "script" or tag.get("http-equiv"))
            )
        )
        assert first is not None and first.name == "meta", f"{path}: a script precedes the policy"
        for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'"):
            assert directive in policy, f"{path}: the policy lacks {directive}"
        assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
    assert len(policies) == 1, "pages differ in policy; instant navigation keeps the first one"


def test_every_inline_script_is_allowed_by_its_hash(built_site: Any) -> None:
    for path in sorted(built_site.directory.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policy = policy_of(soup)
        for script in soup.find_all("script", src=False):
            if script.get("type") in {"application/json"}:
                continue
            source = script.string
            assert source is not None, f"{path}: an inline script with no text"
            digest = hashlib.sha256(source.encode("utf-8")).digest()
            assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy, (
                f"{path}: an inline script is not in the policy: {source[:80]}"
            )


def test_headers_file_repeats_the_policy_and_caches_hashed_files(built_site: Any) -> None:
    headers = (built_site.directory / "_headers").read_text(encoding="utf-8")
    soup = BeautifulSoup((built_site.directory / "index.html").read_text("utf-8"), "html.parser")
    assert f"Content-Security-Policy: {policy_of(soup)}" in headers
    for header in ("X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer"):
        assert header in headers
    assert "/assets/pyodide/" in headers and IMMUTABLE in headers
