"""The service worker at the site's root lists every file a reader needs offline, by content."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from tools.site_server import ROOT


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


def versioned_folders(built_site: Any) -> dict[str, str]:
    """Folders whose name pins their content, and the version their files are listed with."""
    site = built_site.directory
    start = json.loads((site / "assets/python/start.json").read_text())
    manifest = json.loads((site / "assets/python/manifest.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["pyodide"]
    start_folder = start["stdlib"].rsplit("/", 1)[0]
    return {
        f"assets/pyodide/{pinned}/": pinned,
        f"assets/python/{manifest['url'].rsplit('/', 1)[0]}/": manifest["sha256"][:16],
        f"assets/python/{start_folder}/": start_folder.rsplit("/", 1)[-1],
    }


def test_each_entry_names_the_files_content(built_site: Any) -> None:
    versioned = versioned_folders(built_site)
    for path, digest in precache_of(built_site).items():
        file = built_site.directory / (
            path + "index.html" if path.endswith("/") or not path else path
        )
        folder = path.rsplit("/", 1)[0] + "/"
        if folder in versioned:
            assert digest == versioned[folder], path
        else:
            assert hashlib.sha256(file.read_bytes()).hexdigest()[:16] == digest, path


def test_a_versioned_folders_name_pins_its_content(built_site: Any) -> None:
    site = built_site.directory
    runtime, wheel, start = versioned_folders(built_site)
    for file in (site / runtime).iterdir():
        source = ROOT / "node_modules/pyodide" / file.name
        assert file.read_bytes() == source.read_bytes(), f"{file.name} is not the pinned runtime's"
    (wheel_file,) = (site / wheel).glob("*.whl")
    assert wheel.rstrip("/").endswith(hashlib.sha256(wheel_file.read_bytes()).hexdigest()[:16])
    digest = hashlib.sha256()
    for name in ("python_stdlib.zip", "snapshot.bin.gz"):
        digest.update((site / start / name).read_bytes())
    assert start.rstrip("/").endswith(digest.hexdigest()[:16])
