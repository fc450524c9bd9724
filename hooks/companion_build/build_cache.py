"""Keep the result of slow build work under `build/`, keyed by everything it is made from.

A folder of files keeps the few entries used last (`KEPT_ENTRIES`), so it never grows:
builds that run at once (the tests build a site per test worker, each for its own
address) each find their entry still there when they come to link its files; a folder of
results keeps the last one. A missing or unreadable entry is
simply made again. A result is kept pickled (`cached_result`), or as files (`cached_files`)
when the build only puts it into the site: `place` links a kept file there, or copies it
where links are not possible, which is many times quicker than Python writing the bytes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import TypeGuard, TypeVar

T = TypeVar("T")


def inputs_key(text: str, sources: Iterable[Path], libraries: Iterable[str] = ()) -> str:
    """A hash of `text`, the source files that process it, and the libraries' versions."""
    digest = hashlib.sha256(text.encode("utf-8"))
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for library in libraries:
        digest.update(f"{library}={importlib.metadata.version(library)}".encode())
    return digest.hexdigest()


def cached_result(
    cache: Path, key: str, make: Callable[[], T], is_result: Callable[[object], TypeGuard[T]]
) -> T:
    """The result kept for `key` in `cache`, or `make()`'s, which is then kept instead."""
    entry = cache / f"{key[:24]}.pickle"
    try:
        kept = pickle.loads(entry.read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        kept = None
    if is_result(kept):
        return kept
    result = make()  # may raise: nothing is kept then
    cache.mkdir(parents=True, exist_ok=True)
    # A name of its own: another build sharing build/ may be keeping a result too.
    with tempfile.NamedTemporaryFile(dir=cache, prefix="tmp-", delete=False) as staged:
        staged.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(staged.name, entry)
    # One entry: a result is read whole, so removing it never fails a build that uses it.
    keep_recent_entries(cache, entry, keep=1)
    return result


FILE_LIST = "files.json"  # written last: an entry without it was never finished
KEPT_ENTRIES = 4  # per folder: more than the builds that run at once


def keep_recent_entries(cache: Path, entry: Path, keep: int = KEPT_ENTRIES) -> None:
    """Mark `entry` as just used and remove all but the `keep` entries used last.

    Entries are what `entry` is, folders or files: files beside folder entries are the
    cache's own. Only one entry per key was kept before: a build for another address,
    running at the same time, removed an entry this build was about to link into its site
    (FileNotFoundError).
    """
    try:
        os.utime(entry)
        is_folder = entry.is_dir()
    except OSError:
        return  # removed meanwhile by a build that kept newer entries: it is made again next time
    entries = []
    for path in cache.iterdir():
        if path.name.startswith("tmp-") or path == entry or path.is_dir() != is_folder:
            continue  # another build's unfinished entry, this one, or not an entry
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, stale in entries[keep - 1 :]:
        _remove(stale)


def store_folder(cache: Path, entry: Path, fill: Callable[[Path, Path], None]) -> None:
    """Make `entry`, a folder in `cache`, whole or not at all, then keep the entries used last.

    `fill(staged, scratch)` writes the entry's files into `staged`, and anything it needs
    only meanwhile into `scratch`; `staged` then takes the entry's name.
    """
    cache.mkdir(parents=True, exist_ok=True)
    # Staged in a folder of its own: another build sharing build/ may be keeping entries too.
    with tempfile.TemporaryDirectory(dir=cache, prefix="tmp-") as scratch:
        staged = Path(scratch) / "entry"
        staged.mkdir()
        fill(staged, Path(scratch))
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(staged, entry)
    keep_recent_entries(cache, entry)


def cached_files(cache: Path, key: str, make: Callable[[], dict[str, bytes]]) -> dict[str, Path]:
    """The files kept for `key` in `cache`, by name, or `make()`'s, which are then kept instead.

    Names are relative paths (`a/b.js`). Whoever uses a kept file copies it or `place`s it,
    never writes into it: the entry must stay what `make()` made.
    """
    entry = cache / key[:24]
    try:
        names = json.loads((entry / FILE_LIST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        names = None
    if _is_names(names) and all((entry / name).is_file() for name in names):
        keep_recent_entries(cache, entry)
        return {name: entry / name for name in names}
    files = make()  # may raise: nothing is kept then

    def fill(staged: Path, _scratch: Path) -> None:
        for name, data in files.items():
            (staged / name).parent.mkdir(parents=True, exist_ok=True)
            (staged / name).write_bytes(data)
        (staged / FILE_LIST).write_text(json.dumps(sorted(files)), encoding="utf-8")

    store_folder(cache, entry, fill)
    return {name: entry / name for name in files}


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _is_names(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(_is_relative(name) for name in value)


def _is_relative(name: object) -> bool:
    # A damaged list must not point the build at a file outside the entry.
    if not isinstance(name, str) or name in ("", FILE_LIST):
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name


def place(kept: Path, target: Path) -> None:
    """Put a file that is never written to (kept in `build/`, or installed in node_modules)
    at `target` in the built site: a hard link where the file system allows, else a copy
    with the same times (as a link has them).

    Only for files nothing writes into afterwards, in the build or after it (mkdocs copies
    the theme's and docs' files over earlier ones in place, so never theirs): a link shares
    its bytes with the kept file. It is made under another name and renamed over the target,
    so the target appears whole and an earlier link there is replaced, never written through.
    """
    staged = target.with_name(f".{target.name}.part")
    staged.unlink(missing_ok=True)
    try:
        os.link(kept, staged)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(kept, staged)
    os.replace(staged, target)


class KeptTexts:
    """Texts made from texts (one per page), kept from one build for the next.

    Each result is found by a hash of `salt` (whatever else decides it: the code, the
    settings) and its input text. `save` keeps what this build used, and only that.
    """

    def __init__(self, file: Path, salt: str) -> None:
        self.file = file
        self.salt = salt.encode("utf-8")
        self.kept: dict[str, str] | None = None  # read when first needed
        self.used: dict[str, str] = {}

    def get(self, text: str, make: Callable[[], str]) -> str:
        """`make()`, which makes a result from `text`, or what it gave for the same text and
        salt in the last build."""
        if self.kept is None:
            self.kept = self._read()
        key = hashlib.sha256(self.salt + b"\0" + text.encode("utf-8")).hexdigest()
        result = self.kept.get(key)
        if result is None:
            result = make()
        self.used[key] = result
        return result

    def save(self) -> None:
        if self.kept is not None and self.used == self.kept:
            return  # what the next build will look up is there already
        self.file.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL)
        # A name of its own: another build sharing build/ may be saving at the same time.
        with tempfile.NamedTemporaryFile(dir=self.file.parent, delete=False) as staged:
            staged.write(data)
        os.replace(staged.name, self.file)

    def _read(self) -> dict[str, str]:
        try:
            kept = pickle.loads(self.file.read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return {}
        if isinstance(kept, dict) and all(
            isinstance(key, str) and isinstance(value, str) for key, value in kept.items()
        ):
            return kept
        return {}
