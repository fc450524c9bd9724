"""The site's content security policy: built from the pages' inline scripts, put in every page.

Only the site's own origin may provide anything. Inline scripts (Material puts
a few in each page, and they differ by page depth) are allowed one by one, by
the SHA-256 of their text. Instant navigation keeps the first page's policy
while it swaps in others, so one policy, with every page's hashes, goes into
every page: `overrides/main.html` writes a placeholder that `apply_policy`
replaces once the whole site is built.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

PLACEHOLDER = "nr-content-security-policy"
# What runs: classic and module scripts. JSON islands are data, which a policy ignores.
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<text>.*?)</script>", re.DOTALL | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SOURCE = re.compile(r"\bsrc\s*=", re.I)
_RUNNABLE_TYPES = {"", "module", "text/javascript", "application/javascript"}


def inline_script_hashes(html: str) -> set[str]:
    """The CSP source expression ('sha256-…') of every inline script that would run."""
    hashes = set()
    for match in _SCRIPT.finditer(html):
        attributes = match["attributes"]
        if _SOURCE.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind[1].lower() if kind else "") not in _RUNNABLE_TYPES:
            continue
        digest = hashlib.sha256(match["text"].encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def content_security_policy(script_hashes: set[str], allow_inline_scripts: bool = False) -> str:
    """The policy text: the site's origin only, plus the listed inline scripts.

    `allow_inline_scripts` is for `mkdocs serve` only, whose live-reload script changes
    on every rebuild; browsers ignore 'unsafe-inline' when hashes are listed, so it
    replaces them.
    """
    inline = ["'unsafe-inline'"] if allow_inline_scripts else sorted(script_hashes)
    scripts = " ".join(["'self'", *inline, "'wasm-unsafe-eval'"])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            # Pyodide compiles WebAssembly in the worker; nothing else needs more than 'self'.
            "worker-src 'self'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "style-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def apply_policy(site_dir: Path, allow_inline_scripts: bool = False) -> str:
    """Put the policy, with every page's inline-script hashes, in place of each placeholder."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes: set[str] = set()
    for text in texts.values():
        hashes |= inline_script_hashes(text)
    policy = content_security_policy(hashes, allow_inline_scripts)
    for path, text in texts.items():
        if PLACEHOLDER in text:
            path.write_text(text.replace(PLACEHOLDER, policy), encoding="utf-8")
    return policy
