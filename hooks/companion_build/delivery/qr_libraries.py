"""Copy the pinned QR libraries from node_modules into the site, so no page asks another host.

`uqr` (an ES module) draws a member's QR code; `jsQR` reads codes from the
facilitator's camera where the browser has no `BarcodeDetector`. Both are
loaded only when a reader asks for them (Share, Scan).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

SITE_FOLDER = "assets/vendor"
# package name, file inside it, name in the site: the widget modules import these names.
LIBRARIES = (
    ("uqr", "dist/index.mjs", "uqr.mjs"),
    ("jsqr", "dist/jsQR.js", "jsQR.js"),
)


def copy_qr_libraries(root: Path, site_dir: Path) -> dict[str, str]:
    """Copy each library into `site/assets/vendor/`; return {package: version}."""
    versions = {}
    target = site_dir / SITE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for package, inside, name in LIBRARIES:
        folder = root / "node_modules" / package
        source = folder / inside
        if not source.is_file():
            raise PluginError(
                f"node_modules/{package}/{inside} was not found: the group pulse pages need it. "
                "Run `npm ci` in the project folder (make build does it)."
            )
        versions[package] = json.loads((folder / "package.json").read_text("utf-8"))["version"]
        shutil.copyfile(source, target / name)
    return versions
