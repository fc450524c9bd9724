"""Write precompressed `.br` and `.gz` siblings beside the built site's compressible files.

    python -m tools.precompress site/

For hosts that serve a file's `.br` or `.gz` sibling when the browser accepts it
(nginx with `brotli_static`/`gzip_static`, Caddy's `file_server precompressed`,
and `tools/site_server.py`), at the strongest levels (brotli 11, gzip 9), which
hosts compressing on the fly do not use. Netlify, Cloudflare Pages and GitHub
Pages compress by themselves and ignore the siblings. Each compressed file is
kept under `build/precompressed/`, by the hash of what it compresses, so the
runtime's 9.6 MB wasm is compressed once, not on every build.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import sys
from pathlib import Path

import brotli

from tools.site_server import ROOT, compressible

CACHE = ROOT / "build" / "precompressed"
SMALLEST = 1024  # below this, compression saves less than its headers cost
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")


def precompress(site: Path, cache: Path = CACHE) -> dict[str, int]:
    """Write the siblings; return the bytes of the originals, the `.gz` and the `.br` files."""
    totals = {"original": 0, "gzip": 0, "br": 0}
    cache.mkdir(parents=True, exist_ok=True)
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in (".br", ".gz"):
            continue
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if not compressible(content_type) or path.stat().st_size < SMALLEST:
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        totals["original"] += len(data)
        for suffix, key, compress in (
            (".gz", "gzip", lambda raw: gzip.compress(raw, 9, mtime=0)),
            (".br", "br", lambda raw: brotli.compress(raw, quality=11)),
        ):
            kept = cache / (digest + suffix)
            if not kept.is_file():
                kept.write_bytes(compress(data))
            sibling = path.with_name(path.name + suffix)
            sibling.write_bytes(kept.read_bytes())
            totals[key] += kept.stat().st_size
    return totals


def main() -> int:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        print("usage: python -m tools.precompress SITE_FOLDER", file=sys.stderr)
        return 2
    totals = precompress(Path(sys.argv[1]))
    print(
        f"{totals['original'] / 1e6:.2f} MB of text, JavaScript, JSON and wasm: "
        f"{totals['gzip'] / 1e6:.2f} MB as .gz, {totals['br'] / 1e6:.2f} MB as .br"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
