"""Write `_headers` for static hosts that read it (Netlify, Cloudflare Pages): policy and caching.

Browsers take a worker's content security policy from its response headers
only, so this file is what holds Pyodide's worker to the same policy as the
pages. Files whose URL names their content (a hash or a pinned version) can be
cached forever; everything else is revalidated, so a new build reaches readers.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

HEADERS_FILE = "_headers"
# Material names its bundles by content: bundle.a5f9d56c.min.js, main.57a0d79d.min.css.
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    # The site's own pages may use the camera (the group pulse scans QR codes, and asks
    # only when the facilitator presses Scan); no other feature, and no frame from elsewhere.
    (
        "Permissions-Policy",
        "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    # For browsers older than CSP's frame-ancestors; the policy below says the same.
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
)
# Only a header can carry frame-ancestors: browsers ignore it (with a console warning) in
# the pages' <meta> policy, so it is added here and not in security_policy.
FRAME_ANCESTORS = "frame-ancestors 'self'"


def render_headers(
    policy: str, base_path: str, immutable: Iterable[str], revalidate: Iterable[str]
) -> str:
    """The file's text. Paths are site-relative patterns; `base_path` is the site's sub-path."""
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    lines = [f"{base}*", f"  Content-Security-Policy: {policy}; {FRAME_ANCESTORS}"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for pattern in immutable:
        lines += [f"{base}{pattern}", f"  Cache-Control: {IMMUTABLE}"]
    for pattern in revalidate:
        lines += [f"{base}{pattern}", "  Cache-Control: no-cache"]
    return "\n".join(lines) + "\n"


def hashed_theme_files(site_dir: Path) -> list[str]:
    """Site-relative paths of the theme's files that carry a content hash in their name."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in (site_dir / "assets").rglob("*.min.*")
        if _HASHED_NAME.search(path.name)
    )


def write_headers(site_dir: Path, text: str) -> None:
    """Write `_headers` into the site, leaving it alone when unchanged."""
    target = site_dir / HEADERS_FILE
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


# Outside MkDocs' own loggers on purpose: `--strict` fails a build on their warnings, and a
# local build without SITE_URL is fine; it only must not be deployed as it is.
_LOG = logging.getLogger("companion_build.site_url")


def warn_without_site_url(site_url: str | None) -> bool:
    """Say so when SITE_URL is unset: canonical links and the sitemap then point at loopback."""
    if os.environ.get("SITE_URL"):
        return False
    _LOG.warning(
        "SITE_URL is not set: canonical links, the sitemap and robots.txt point at %s. "
        "Set SITE_URL to the site's public address before deploying, for example "
        "SITE_URL=https://example.org/nurturing-relationships/ make build",
        site_url,
    )
    return True
