"""Rewrite a zip so each member's data is deflated with Zopfli, the same zip otherwise.

Zopfli writes ordinary deflate streams, typically 3-8% smaller than zlib's level 9,
at a hundred times the cost: any zip reader (Python's zipimport in Pyodide included)
reads the result unchanged. Hosts send zips as they are, so for the precompiled
library a first visit downloads, the bytes saved here are bytes not sent.

Each member keeps its name, order, CRC, timestamp, attributes, extra fields and
comment; its data is stored as the smallest of Zopfli's deflate, zlib's level 9
and no compression (an empty member or a directory is stored), so the result is
never larger than the same zip at zlib's level 9. The zip is written here (local
headers, central directory, end record) rather than by `zipfile`, which has no
public way to write data compressed elsewhere; for the same input it is the same
bytes. No zip64: a zip that would need it is refused.

`python_start.mjs` runs this as a script on the library it has just made, before
the snapshot is taken from it (the snapshot's zip importer remembers where each
member starts):

    python -P zopfli_zip.py [--cache <folder>] <zip>   # in place; prints a JSON summary

With a cache folder, each member's encoding is kept there under its content's hash
(and Zopfli's passes and version), so a rebuild after a change to the package or its
README re-deflates only the members that changed: Zopfli takes about a minute of CPU
for the whole library, and the standard library's members rarely change.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import struct
import sys
import time
import zipfile
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import zopfli.zopfli

# Zopfli's passes per member: 15 is its default. Measured on the library (December 2026):
# see the README's "Fast start" section for what it saves and what it costs.
ITERATIONS = 15

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_ZIP64_EXTRA = 0x0001
_UTF8_FLAG = 0x0800
_LIMIT = 0xFFFFFFFF


@dataclass(frozen=True)
class Rewritten:
    """What a rewrite did: sizes of the zip in and out, and how many members it deflated."""

    members: int
    deflated: int
    bytes_in: int
    bytes_out: int
    seconds: float


def compressor_version() -> str:
    """The installed Zopfli package's version, for the cache key of what is made with it."""
    return metadata.version("zopfli")


def raw_deflate(data: bytes, iterations: int = ITERATIONS) -> bytes:
    """`data` as a raw deflate stream (what a zip member holds), by Zopfli."""
    # The package writes a zlib stream: a 2-byte header (no preset dictionary), the
    # deflate stream, then a 4-byte Adler-32. A zip member holds the middle.
    wrapped: bytes = zopfli.zopfli.compress(data, numiterations=iterations, gzip_mode=0)
    return wrapped[2:-4]


def smallest_encoding(data: bytes, iterations: int = ITERATIONS) -> tuple[int, bytes]:
    """The zip method and data for `data`: the smallest of Zopfli, zlib -9 and stored."""
    if not data:
        return zipfile.ZIP_STORED, data
    zopfli_data = raw_deflate(data, iterations)
    if zlib.decompress(zopfli_data, wbits=-15) != data:
        raise ValueError("Zopfli's deflate stream does not inflate to its input")
    level_nine = zlib.compressobj(9, zlib.DEFLATED, -15)
    zlib_data = level_nine.compress(data) + level_nine.flush()
    deflated = min(zopfli_data, zlib_data, key=len)
    if len(deflated) < len(data):
        return zipfile.ZIP_DEFLATED, deflated
    return zipfile.ZIP_STORED, data


def rewrite(
    archive: bytes, iterations: int = ITERATIONS, workers: int = 1, cache: Path | None = None
) -> bytes:
    """The zip `archive` with every member's data re-deflated (see the module's docstring).

    With `workers` above 1, members are compressed in that many processes at once (the
    same bytes: each member's result depends on its data alone). With `cache`, a member
    whose data was encoded before is taken from there.
    """
    local_parts: list[bytes] = []
    central_parts: list[bytes] = []
    offset = 0
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        members = source.infolist()
        contents = [source.read(info) for info in members]  # each read checks the CRC
        comment = source.comment
    encodings = _encode_all(contents, iterations, workers, cache)
    for info, data, (method, payload) in zip(members, contents, encodings, strict=True):
        name, flags = _encoded_name(info.filename)
        extra = _without_zip64(info.extra)
        if max(offset, len(payload), len(data)) > _LIMIT:
            raise ValueError(f"{info.filename}: this zip would need zip64")
        needed = 20 if method == zipfile.ZIP_DEFLATED or info.is_dir() else 10
        dos_time, dos_date = _dos_stamp(info.date_time)
        fields = (needed, flags, method, dos_time, dos_date, info.CRC, len(payload), len(data))
        local = _LOCAL.pack(b"PK\x03\x04", *fields, len(name), len(extra)) + name + extra
        made_by = (info.create_system << 8) | info.create_version
        central_parts.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                made_by,
                *fields,
                len(name),
                len(extra),
                len(info.comment),
                0,
                info.internal_attr,
                info.external_attr,
                offset,
            )
            + name
            + extra
            + info.comment
        )
        local_parts += [local, payload]
        offset += len(local) + len(payload)
    central = b"".join(central_parts)
    if len(members) > 0xFFFF or offset + len(central) > _LIMIT:
        raise ValueError("this zip would need zip64")
    count = len(members)
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), offset, len(comment))
    return b"".join([*local_parts, central, end, comment])


def rewrite_file(
    path: Path, iterations: int = ITERATIONS, workers: int = 1, cache: Path | None = None
) -> Rewritten:
    """Rewrite the zip at `path` in place (through a file beside it, then a rename)."""
    started = time.perf_counter()
    original = path.read_bytes()
    result = rewrite(original, iterations, workers, cache)
    staged = path.with_name(path.name + ".zopfli")
    staged.write_bytes(result)
    os.replace(staged, path)
    with zipfile.ZipFile(path) as written:
        infos = written.infolist()
    return Rewritten(
        members=len(infos),
        deflated=sum(info.compress_type == zipfile.ZIP_DEFLATED for info in infos),
        bytes_in=len(original),
        bytes_out=len(result),
        seconds=round(time.perf_counter() - started, 2),
    )


def _encode_all(
    contents: list[bytes], iterations: int, workers: int, cache: Path | None
) -> list[tuple[int, bytes]]:
    # Each member's cache file, named once: its content's hash, the passes and the version.
    suffix = f"{iterations}-{compressor_version()}"
    files = [
        cache / f"{hashlib.sha256(data).hexdigest()}-{suffix}" if cache else None
        for data in contents
    ]
    kept = [_cached(file, data) for file, data in zip(files, contents, strict=True)]
    missing = [data for data, found in zip(contents, kept, strict=True) if found is None]
    encode = functools.partial(smallest_encoding, iterations=iterations)
    if workers <= 1 or len(missing) <= 1:
        made = [encode(data) for data in missing]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            made = list(pool.map(encode, missing))
    fresh = iter(made)
    encodings = []
    for file, found in zip(files, kept, strict=True):
        if found is None:
            found = next(fresh)
            if file:
                _remember(file, found)
        encodings.append(found)
    return encodings


def _cached(file: Path | None, data: bytes) -> tuple[int, bytes] | None:
    """A member's encoding made before: its method in the first byte, then its data."""
    if file is None:
        return None
    try:
        kept = file.read_bytes()
    except OSError:
        return None
    method, payload = kept[0], kept[1:]
    if method == zipfile.ZIP_STORED and payload == data:
        return method, payload
    try:
        if method == zipfile.ZIP_DEFLATED and zlib.decompress(payload, wbits=-15) == data:
            return method, payload
    except zlib.error:
        pass
    return None  # damaged or foreign: made again


def _remember(file: Path, encoding: tuple[int, bytes]) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    staged = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    staged.write_bytes(bytes([encoding[0]]) + encoding[1])
    os.replace(staged, file)


def _encoded_name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_FLAG


def _without_zip64(extra: bytes) -> bytes:
    """The extra fields without a zip64 one (its sizes would be stale; none is needed)."""
    kept = bytearray()
    position = 0
    while position + 4 <= len(extra):
        header, size = struct.unpack_from("<2H", extra, position)
        field = extra[position : position + 4 + size]
        if header != _ZIP64_EXTRA:
            kept += field
        position += 4 + size
    return bytes(kept)


def _dos_stamp(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def main(arguments: list[str]) -> int:
    cache: Path | None = None
    if len(arguments) == 3 and arguments[0] == "--cache":
        cache, arguments = Path(arguments[1]), arguments[2:]
    if len(arguments) != 1:
        print("usage: python -P zopfli_zip.py [--cache <folder>] <zip>", file=sys.stderr)
        return 2
    # One process per core: the package holds the interpreter's lock while it compresses.
    report = rewrite_file(Path(arguments[0]), workers=os.cpu_count() or 1, cache=cache)
    print(json.dumps(asdict(report)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
