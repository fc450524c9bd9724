"""Make, cache and ship what starts Python fast: a precompiled library of what runs, a snapshot.

`python_start.mjs` makes both with Pyodide under Node (about half a minute):
it runs every bridge function on its sample payload (`bridge_samples.py`),
records the standard-library modules that imports, and ships only their
bytecode (without docstrings), with the exercises package and the finder that fetches the full
library should a reader's call need a module the build did not see
(`full_library_finder.py`). Before the snapshot is taken from the zip, every
member is re-deflated with Zopfli (`zopfli_zip.py`; hosts send zips as they are):
34 KB (2.5%) less for a first visit, for about a minute of CPU. The result is
cached under `build/python-start/`, keyed by a hash of every input: the runtime's
files, the exercises wheel, the samples, the finder, the Zopfli rewrite (its
script and the package's version) and the script itself, so any change to one of
them makes new ones (and pays for Zopfli once), and an unchanged build reuses them.
The site gets them in a directory
named by their content, with `start.json`, which tells the worker which runtime
and wheel they were made with, and where Pyodide's full library is.

The snapshot ships gzipped (31 MB becomes about 5 MB; hosts do not compress
binary files): the service worker unpacks it once, into the cache the worker
restores from, so no start pays for unpacking it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError

from companion_build.build_cache import keep_recent_entries, store_folder
from companion_build.runtime.pyodide_assets import PyodideRuntime
from companion_build.runtime.python_wheel import SITE_DIRECTORY, WheelManifest

SCRIPT = Path(__file__).with_name("python_start.mjs")
FINDER = Path(__file__).with_name("full_library_finder.py")
MAKER = Path(__file__)
REWRITER = Path(__file__).with_name("zopfli_zip.py")  # run by the script on the zip it makes
REWRITER_PACKAGE = "zopfli"  # its version is part of the cache key: it decides the bytes
MODULES_FILE = "modules.json"  # what the library holds and why: read by the tests and the bench
SENT_AS_IS = (".zip",)  # what static hosts never compress (tools/site_server.py agrees)
DOWNLOADS_FILE = "downloads.json"  # a first visit's files, as the worker names them, and sizes
# What a first visit on the fast start downloads from the runtime (the library comes from us).
FIRST_VISIT_RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# Whether a first visit downloads the snapshot too (instead of starting on the library):
# decided by `make bench`'s throttled profile, which measures both. Measured here
# (December 2026, one run each, loaded machine): ready in 14.5 s with it against 9.2 s
# without in one bench, 14.2 s against 16.0 s in the next: at best 11% sooner, for 4.8 MB
# more (the first visit would go from 5.4 to 10.2 MB). Stored visits still start from it.
FIRST_VISIT_SNAPSHOT = False
CACHE = Path("build") / "python-start"
# Each library member's Zopfli encoding, by its content: a rebuild re-deflates what changed.
MEMBER_CACHE = Path("build") / "zopfli-members"
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
    full_stdlib: str  # Pyodide's own library, fetched only should a module be missing
    snapshot: str  # where the service worker stores it unpacked (never on the server)
    snapshot_gzip: str  # what the server has
    snapshot_size: int  # unpacked
    pyodide_version: str  # the runtime and the wheel the snapshot was made with
    wheel_sha256: str
    inputs_sha256: str
    # The lock file's header: the worker passes it with no packages, as nothing is installed.
    lock_info: dict[str, str]
    # What a first visit downloads, by file name: [bytes, bytes sent], for the progress the
    # reader sees: a zip as it is, the rest with gzip -9 (a host's compression is close to
    # gzip -9 or better).
    downloads: dict[str, list[int]]
    first_visit_snapshot: bool = FIRST_VISIT_SNAPSHOT

    @property
    def download_bytes(self) -> int:
        """A first visit's download, compressed."""
        return sum(compressed for _, compressed in self.downloads.values())

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1) + "\n"


def inputs_hash(
    runtime: PyodideRuntime, wheel: Path, memo: Path | None = None, samples: str = ""
) -> str:
    """Hash everything the stdlib zip and the snapshot are made from (`samples`: their JSON),
    and this module, which decides what else the entry holds (the download sizes).

    With `memo`, a JSON file, each file's digest is kept there with its size and
    modification time, so an unchanged 13 MB runtime is not read on every build.
    """
    known = _read_memo(memo)
    seen: dict[str, list[object]] = {}
    digest = hashlib.sha256()
    digest.update(hashlib.sha256(samples.encode()).hexdigest().encode())
    digest.update(f"{REWRITER_PACKAGE}\0{_rewriter_version()}\0".encode())
    paths = [
        *(runtime.source / name for name, _ in runtime.sizes),
        wheel,
        SCRIPT,
        FINDER,
        REWRITER,
        MAKER,
    ]
    for path in paths:
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


def _rewriter_version() -> str:
    try:
        return metadata.version(REWRITER_PACKAGE)
    except metadata.PackageNotFoundError:
        raise PluginError(
            f"The {REWRITER_PACKAGE} package is needed to compress Python's precompiled library "
            "for the site: install the site's packages (`pip install -e '.[site]'`)."
        ) from None


def _read_memo(memo: Path | None) -> dict[str, list[object]]:
    try:
        known = json.loads(memo.read_text(encoding="utf-8")) if memo else {}
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def ensure_python_start(
    root: Path, runtime: PyodideRuntime, wheel: Path, samples: dict[str, str]
) -> tuple[Path, str]:
    """Return the cache folder holding the zip and snapshot for these inputs, making it if new.

    `samples` is every bridge function's sample payload (JSON text), from `bridge_samples`.
    """
    cache = root / CACHE
    samples_json = json.dumps(samples, sort_keys=True, indent=1)
    key = inputs_hash(runtime, wheel, cache / DIGESTS_FILE, samples_json)
    entry = cache / key[:16]
    names = (STDLIB_FILE, SNAPSHOT_GZIP, DIGEST_FILE, MODULES_FILE, DOWNLOADS_FILE)
    if all((entry / name).is_file() for name in names):
        keep_recent_entries(cache, entry)
        return entry, key

    def fill(staged: Path, scratch: Path) -> None:
        samples_file = scratch / "samples.json"
        samples_file.write_text(samples_json, encoding="utf-8")
        _run_node(runtime.source, wheel, samples_file, staged, root / MEMBER_CACHE)
        snapshot = (staged / SNAPSHOT_FILE).read_bytes()
        (staged / SNAPSHOT_GZIP).write_bytes(gzip.compress(snapshot, 9, mtime=0))
        (staged / DIGEST_FILE).write_text(_content_digest(staged), encoding="ascii")
        downloads = [runtime.source / name for name in FIRST_VISIT_RUNTIME_FILES]
        sizes = {path.name: _sizes(path) for path in [*downloads, staged / STDLIB_FILE]}
        (staged / DOWNLOADS_FILE).write_text(json.dumps(sizes, indent=1), encoding="utf-8")

    store_folder(cache, entry, fill)
    return entry, key


def describe_start(
    entry: Path, key: str, runtime: PyodideRuntime, wheel: WheelManifest
) -> StartManifest:
    """Name the files by their content and record what they were made with."""
    folder = f"start/{(entry / DIGEST_FILE).read_text(encoding='ascii')[:16]}/"
    lock = json.loads((runtime.source / "pyodide-lock.json").read_text(encoding="utf-8"))
    return StartManifest(
        stdlib=folder + STDLIB_FILE,
        full_stdlib=f"../../{runtime.site_directory}{STDLIB_FILE}",
        snapshot=folder + SNAPSHOT_FILE,
        snapshot_gzip=folder + SNAPSHOT_GZIP,
        snapshot_size=(entry / SNAPSHOT_FILE).stat().st_size,
        pyodide_version=runtime.version,
        wheel_sha256=wheel.sha256,
        inputs_sha256=key,
        lock_info=dict(lock["info"]),
        downloads=json.loads((entry / DOWNLOADS_FILE).read_text(encoding="utf-8")),
    )


def first_visit_paths(manifest: StartManifest, runtime: PyodideRuntime) -> list[str]:
    """What a first visit's worker downloads, as paths from the site's root, largest first.

    The page's Python settings list them, and the worker asks for all of them as soon as it
    has the settings (python/worker.js, startEarly), instead of when Pyodide asks: the wasm
    compiles as it downloads, off the page's thread. The page itself asks for none of them:
    `<link rel="preload">`s (until December 2026) had the page's own thread receive the
    10 MB a second time, tasks that Lighthouse's blocking time counted at 4x.
    """
    by_size = sorted(manifest.downloads.items(), key=lambda item: -item[1][1])
    return [
        SITE_DIRECTORY + manifest.stdlib if name == STDLIB_FILE else runtime.site_directory + name
        for name, _ in by_size
    ]


def write_python_start(entry: Path, manifest: StartManifest, site_dir: Path) -> None:
    """Copy the zip and the snapshot into the site with their manifest, skipping what is there."""
    directory = site_dir / SITE_DIRECTORY
    modules = manifest.stdlib.rsplit("/", 1)[0] + "/" + MODULES_FILE
    shipped = ((STDLIB_FILE, manifest.stdlib), (SNAPSHOT_GZIP, manifest.snapshot_gzip))
    for name, url in (*shipped, (MODULES_FILE, modules)):
        target = directory / url
        if not (target.is_file() and target.stat().st_size == (entry / name).stat().st_size):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(entry / name, target)
    manifest_path = directory / START_MANIFEST
    text = manifest.to_json()
    if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != text:
        manifest_path.write_text(text, encoding="utf-8")


def _sizes(path: Path) -> list[int]:
    """[bytes, bytes sent]: hosts send a zip as it is (its members are deflated already),
    the rest with gzip (-9, as the precompressed siblings)."""
    data = path.read_bytes()
    if path.suffix in SENT_AS_IS:
        return [len(data), len(data)]
    return [len(data), len(gzip.compress(data, 9, mtime=0))]


def _content_digest(entry: Path) -> str:
    digest = hashlib.sha256()
    for name in (STDLIB_FILE, SNAPSHOT_GZIP):
        digest.update((entry / name).read_bytes())
    return digest.hexdigest()


def _run_node(
    runtime_directory: Path, wheel: Path, samples: Path, output: Path, members: Path
) -> None:
    node = shutil.which("node")
    if node is None:
        raise PluginError(
            "Node.js is needed to precompile Python's standard library for the site "
            "(node was not found): install Node.js 20 or newer."
        )
    # The rewrite runs in this Python (its packages), without the script's folder on its path.
    rewrite = (sys.executable, "-P", str(REWRITER), "--cache", str(members))
    result = subprocess.run(
        [node, *map(str, (SCRIPT, runtime_directory, wheel, samples, FINDER, output)), *rewrite],
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
