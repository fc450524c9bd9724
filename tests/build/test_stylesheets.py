"""Our stylesheets are well formed: one unclosed block silently drops every rule after it."""

from __future__ import annotations

import re
from pathlib import Path


def test_every_block_in_our_stylesheets_is_closed(root: Path) -> None:
    for sheet in sorted((root / "overrides/assets/css").glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        depth = 0
        for number, line in enumerate(text.splitlines(), start=1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{sheet.name}:{number}: a block closes that was never opened"
        assert depth == 0, f"{sheet.name}: {depth} block(s) never closed"
