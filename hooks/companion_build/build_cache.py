"""Keep the result of slow build work under `build/`, keyed by everything it is made from.

One entry per folder: a new key replaces the old entry, so the folder never grows.
A missing or unreadable entry is simply made again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
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
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    staged = entry.with_suffix(".tmp")
    staged.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    staged.replace(entry)
    return result
