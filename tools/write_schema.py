"""Write content/chapter.schema.json, the JSON Schema editors use, from the content model.

Run `.venv/bin/python tools/write_schema.py` after changing exercises/model.py.
The file is rewritten only when its text changes, so watchers (`mkdocs serve`,
editors) do not see a change that is not there.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "content" / "chapter.schema.json"

# Run as a script, this file's folder is on sys.path but the project's are not.
for folder in (ROOT, ROOT / "hooks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from companion_build.content.parsing import json_schema  # noqa: E402


def schema_text() -> str:
    """The schema as committed: sorted keys and 2-space indent, so diffs stay small."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> bool:
    """Write the schema to `path` if it differs; return whether the file changed."""
    text = schema_text()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8", newline="\n")
    return True


def main() -> None:
    changed = write_schema()
    shown = SCHEMA_PATH.relative_to(ROOT).as_posix()
    print(f"{shown}: {'written' if changed else 'already up to date'}.")


if __name__ == "__main__":
    main()
