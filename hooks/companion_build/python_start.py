"""Make, cache and ship what starts Python fast: the precompiled stdlib zip and a memory snapshot.

`python_start.mjs` makes both with Pyodide under Node (about half a minute).
The result is cached under `build/python-start/`, keyed by a hash of every
input: the runtime's files, the exercises wheel and the script itself, so any
change to one of them makes new ones, and an unchanged build reuses them. The
site gets them in a directory named by their content, with `start.json`,
which tells the worker which runtime and wheel they were made with.

The snapshot ships gzipped (31 MB becomes about 5 MB; hosts do not compress
binary files): the service worker unpacks it once, into the cache the worker
restores from, so no start pays for unpacking it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from companion_build.pyodide_assets import PyodideRuntime
from companion_build.python_wheel import SITE_DIRECTORY, WheelManifest

SCRIPT = Path(__file__).with_name("python_start.mjs")
CACHE = Path("build") / "python-start"
STDLIB_FILE = "python_stdlib.zip"
SNAPSHOT_FILE = "snapshot.bin"
SNAPSHOT_GZIP = SNAPSHOT_FILE + ".gz"
DIGEST_FILE = "content.sha256"  # of the zip and the gzipped snapshot, written once per entry
START_MANIFEST = "start.json"
DIGESTS_FILE = "input-digests.json"  # beside the entries: see inputs_hash


@dataclass(frozen=True)
class StartManifest:
    """What the worker needs to use the fast start, and what it must match; JSON in the site."""

    stdlib: str  # URLs relative to the manifest
    snapshot: str  # where the service worker stores it unpacked (never on the server)
    snapshot_gzip: str  # what the server has
    snapshot_size: int  # unpacked
    pyodide_version: str  # the runtime and the wheel the snapshot was made with
    wheel_sha256: str
    inputs_sha256: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def inputs_hash(runtime: PyodideRuntime, wheel: Path, memo: Path | None = None) -> str:
    """Hash everything the stdlib zip and the snapshot are made from.

    With `memo`, a JSON file, each file's digest is kept there with its size and
    modification time, so an unchanged 13 MB runtime is not read on every build.
    """
    known = _read_memo(memo)
    seen: dict[str, list[object]] = {}
    digest = hashlib.sha256()
    for path in [*(runtime.source / name for name, _ in runtime.sizes), wheel, SCRIPT]:
        status = path.stat()
        stamp: list[object] = [status.st_size, status.st_mtime_ns]
        remembered = known.get(str(path))
        if remembered and remembered[:2] == stamp:
            file_digest = str(remembered[2])
        else:
            file_digest = hashlib.sha256(path.read_bytes()).hexdigest()
        seen[str(path)] = [*stamp, file_digest]
        digest.update(f"{path.name}\0{status.st_size}\0{file_digest}\0".encode())
    if memo is not None and seen != known:
        memo.parent.mkdir(parents=True, exist_ok=True)
        memo.write_text(json.dumps(seen, indent=1), encoding="utf-8")
    return digest.hexdigest()


def _read_memo(memo: Path | None) -> dict[str, list[object]]:
    try:
        known = json.loads(memo.read_text(encoding="utf-8")) if memo else {}
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def ensure_python_start(root: Path, runtime: PyodideRuntime, wheel: Path) -> tuple[Path, str]:
    """Return the cache folder holding the zip and snapshot for these inputs, making it if new."""
    cache = root / CACHE
    key = inputs_hash(runtime, wheel, cache / DIGESTS_FILE)
    entry = cache / key[:16]
    if all((entry / name).is_file() for name in (STDLIB_FILE, SNAPSHOT_GZIP, DIGEST_FILE)):
        return entry, key
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix="tmp-") as scratch:
        staged = Path(scratch) / "entry"
        staged.mkdir()
        _run_node(runtime.source, wheel, staged)
        snapshot = (staged / SNAPSHOT_FILE).read_bytes()
        (staged / SNAPSHOT_GZIP).write_bytes(gzip.compress(snapshot, 9, mtime=0))
        (staged / DIGEST_FILE).write_text(_content_digest(staged), encoding="ascii")
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(staged, entry)
    for stale in cache.iterdir():
        if stale.is_dir() and stale != entry and not stale.name.startswith("tmp-"):
            shutil.rmtree(stale, ignore_errors=True)
    return entry, key


def describe_start(
    entry: Path, key: str, runtime: PyodideRuntime, wheel: WheelManifest
) -> StartManifest:
    """Name the files by their content and record what they were made with."""
    folder = f"start/{(entry / DIGEST_FILE).read_text(encoding='ascii')[:16]}/"
    return StartManifest(
        stdlib=folder + STDLIB_FILE,
        snapshot=folder + SNAPSHOT_FILE,
        snapshot_gzip=folder + SNAPSHOT_GZIP,
        snapshot_size=(entry / SNAPSHOT_FILE).stat().st_size,
        pyodide_version=runtime.version,
        wheel_sha256=wheel.sha256,
        inputs_sha256=key,
    )


def write_python_start(entry: Path, manifest: StartManifest, site_dir: Path) -> None:
    """Copy the zip and the snapshot into the site with their manifest, skipping what is there."""
    directory = site_dir / SITE_DIRECTORY
    for name, url in ((STDLIB_FILE, manifest.stdlib), (SNAPSHOT_GZIP, manifest.snapshot_gzip)):
        target = directory / url
        if not (target.is_file() and target.stat().st_size == (entry / name).stat().st_size):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(entry / name, target)
    manifest_path = directory / START_MANIFEST
    text = manifest.to_json()
    if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != text:
        manifest_path.write_text(text, encoding="utf-8")


def _content_digest(entry: Path) -> str:
    digest = hashlib.sha256()
    for name in (STDLIB_FILE, SNAPSHOT_GZIP):
        digest.update((entry / name).read_bytes())
    return digest.hexdigest()


def _run_node(runtime_directory: Path, wheel: Path, output: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise PluginError(
            "Node.js is needed to precompile Python's standard library for the site "
            "(node was not found): install Node.js 20 or newer."
        )
    result = subprocess.run(
        [node, str(SCRIPT), str(runtime_directory), str(wheel), str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise PluginError(
            f"Preparing Python's fast start failed (node {SCRIPT.name}). If node_modules is "
            f"stale, run `npm ci`.\n{tail}"
        )
