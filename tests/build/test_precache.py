"""The service worker at the site's root lists every file a reader needs offline, by content."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any


def precache_of(built_site: Any) -> dict[str, str]:
    text = (built_site.directory / "sw.js").read_text(encoding="utf-8")
    found = re.search(r'PRECACHE = \{ version: "([0-9a-f]{16})", files: (\[.*?\]) \}', text)
    assert found, "sw.js has no filled-in precache list"
    return dict(json.loads(found[2]))


def test_every_page_and_the_python_files_are_stored(built_site: Any) -> None:
    listed = precache_of(built_site)
    for page in built_site.directory.rglob("index.html"):
        path = page.parent.relative_to(built_site.directory).as_posix()
        path = "" if path == "." else path + "/"
        if not path.startswith("bench-"):
            assert path in listed, f"page {path or 'home'} is not stored for offline use"
    start = json.loads((built_site.directory / "assets/python/start.json").read_text())
    manifest = json.loads((built_site.directory / "assets/python/manifest.json").read_text())
    for path in (start["stdlib"], start["snapshot_gzip"], manifest["url"]):
        assert f"assets/python/{path}" in listed
    assert not [path for path in listed if path.endswith(".map")], "source maps are stored"


def test_each_hash_is_the_files_content(built_site: Any) -> None:
    for path, digest in precache_of(built_site).items():
        file = built_site.directory / (
            path + "index.html" if path.endswith("/") or not path else path
        )
        assert hashlib.sha256(file.read_bytes()).hexdigest()[:16] == digest, path
