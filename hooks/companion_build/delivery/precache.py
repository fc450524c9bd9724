"""Write the service worker to the site's root with the list of files it stores for offline use.

Every file a reader may need goes in, with a hash of its content: pages, theme
and companion assets, the search index, the Pyodide runtime, the wheel, the
precompiled standard library and the snapshot. The worker's own text then
changes whenever any file does, which is how browsers notice a new build. It
lives at the root so that its scope covers every page, under any sub-path.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TEMPLATE = "assets/js/offline/sw.js"  # copied from overrides/ by MkDocs; replaced by the result
WORKER = "sw.js"
MARKER = '/* nr:precache */ { version: "unbuilt", files: /** @type {[string, string][]} */ ([]) }'
# Never needed by a reader's browser. (sitemap.xml is: instant navigation reads it.)
LEFT_OUT = {WORKER, "_headers", "sitemap.xml.gz", TEMPLATE}
# Source maps, and search's stemmers for languages other than the site's English.
LEFT_OUT_SUFFIXES = (".map",)
LEFT_OUT_FOLDERS = ("assets/javascripts/lunr/",)


def precache_list(
    site_dir: Path, also_left_out: set[str], versioned_folders: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """(URL relative to the site's root, content hash) for every file the site serves.

    `versioned_folders` maps folders whose name already pins their content (the
    runtime's version, the wheel's hash) to that version: their files take it as
    their hash instead of being read, since those URLs never change content.
    """
    versioned = versioned_folders or {}
    entries = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if (
            not path.is_file()
            or relative in LEFT_OUT
            or relative in also_left_out
            or relative.endswith(LEFT_OUT_SUFFIXES)
            or relative.startswith(LEFT_OUT_FOLDERS)
        ):
            continue
        url = relative.removesuffix("index.html") if path.name == "index.html" else relative
        folder = relative.rsplit("/", 1)[0] + "/" if "/" in relative else ""
        version = versioned.get(folder)
        if version is None:
            version = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        entries.append((url, version))
    return entries


def write_service_worker(site_dir: Path, entries: list[tuple[str, str]]) -> str:
    """Fill in the template's list, write `sw.js` at the root, drop the template.

    With no entries (`mkdocs serve`), the worker stores nothing and passes every
    request to the server; its text stays the same from rebuild to rebuild.
    """
    template = site_dir / TEMPLATE
    text = template.read_text(encoding="utf-8")
    if MARKER not in text:
        raise ValueError(f"{TEMPLATE} lost its precache marker: {MARKER}")
    listing = json.dumps(entries, separators=(",", ":"))
    version = hashlib.sha256(listing.encode()).hexdigest()[:16] if entries else "development"
    filled = text.replace(MARKER, f'{{ version: "{version}", files: {listing} }}')
    target = site_dir / WORKER
    if not target.is_file() or target.read_text(encoding="utf-8") != filled:
        target.write_text(filled, encoding="utf-8")
    template.unlink()
    return version
