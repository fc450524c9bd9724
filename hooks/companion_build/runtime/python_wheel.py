"""Build the exercises wheel reproducibly, cache it by source hash, and ship it with a manifest.

The browser installs `exercises` from this wheel, so the site and the tests
run the very same bytes. `SOURCE_DATE_EPOCH` is fixed, so two builds of the
same sources are byte-identical. The wheel is cached under `build/wheel/`,
keyed by a hash of everything that goes into it: a build whose sources did not
change reuses it, which keeps `mkdocs serve` fast and free of rebuild loops.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError

from companion_build.build_cache import keep_recent_entries, place, store_folder

# 1980-01-01, the earliest time a zip file can record.
SOURCE_DATE_EPOCH = "315532800"
PACKAGE = "exercises"
CACHE = Path("build") / "wheel"
SITE_DIRECTORY = "assets/python/"
MANIFEST_NAME = "manifest.json"
# Files outside the package that change the wheel's metadata.
METADATA_FILES = ("pyproject.toml", "README.md")


@dataclass(frozen=True)
class WheelManifest:
    """What the worker needs to fetch and check the wheel; written next to it as JSON."""

    file: str  # the wheel's file name
    url: str  # where it is, relative to the manifest
    version: str  # exercises.__version__, which the worker checks after import
    sha256: str
    size: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def source_hash(root: Path) -> str:
    """Hash every file the wheel is made from, with its path, plus the backend's version."""
    digest = hashlib.sha256()
    digest.update(f"hatchling {metadata.version('hatchling')} {SOURCE_DATE_EPOCH}\n".encode())
    for path in _source_files(root):
        relative = path.relative_to(root).as_posix()
        digest.update(f"{relative}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_wheel(root: Path) -> Path:
    """Return the cached wheel for the current sources, building it first if there is none."""
    cache = root / CACHE
    entry = cache / source_hash(root)[:16]
    wheels = sorted(entry.glob("*.whl"))
    if len(wheels) == 1:
        keep_recent_entries(cache, entry)
        return wheels[0]

    def fill(staged: Path, scratch: Path) -> None:
        built = build_wheel(root, scratch / "out")
        shutil.move(built, staged / built.name)

    store_folder(cache, entry, fill)
    (wheel,) = entry.glob("*.whl")
    return wheel


def build_wheel(root: Path, out_dir: Path) -> Path:
    """Run `python -m build --wheel` without isolation (offline) and return the wheel."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
    result = subprocess.run(
        [*command, "--outdir", str(out_dir), str(root)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wheels = sorted(out_dir.glob("*-py3-none-any.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        output = (result.stdout + result.stderr).strip().splitlines()[-15:]
        raise PluginError(
            "Building the exercises wheel failed (`python -m build --wheel --no-isolation`). "
            "If a module is missing, run `pip install -e '.[site]'`.\n" + "\n".join(output)
        )
    return wheels[0]


def describe(wheel: Path) -> WheelManifest:
    """Read the wheel's version from its metadata and fingerprint its bytes."""
    data = wheel.read_bytes()
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        headers = archive.read(name).decode("utf-8").split("\n\n", 1)[0]
    version = next(
        line.split(":", 1)[1].strip()
        for line in headers.splitlines()
        if line.startswith("Version:")
    )
    sha256 = hashlib.sha256(data).hexdigest()
    # A directory named by content: a changed wheel gets a new URL, so no cache serves
    # a stale one even when the version number stays the same.
    return WheelManifest(wheel.name, f"{sha256[:16]}/{wheel.name}", version, sha256, len(data))


def write_wheel(wheel: Path, manifest: WheelManifest, site_dir: Path) -> None:
    """Put the wheel and its manifest in the site, rewriting neither if unchanged."""
    directory = site_dir / SITE_DIRECTORY
    target = directory / manifest.url
    if not (target.is_file() and target.stat().st_size == manifest.size):
        target.parent.mkdir(parents=True, exist_ok=True)
        place(wheel, target)
    manifest_path = directory / MANIFEST_NAME
    text = manifest.to_json()
    if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != text:
        manifest_path.write_text(text, encoding="utf-8")


def _source_files(root: Path) -> list[Path]:
    files = [root / name for name in METADATA_FILES if (root / name).is_file()]
    for path in sorted((root / PACKAGE).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files.append(path)
    return files
