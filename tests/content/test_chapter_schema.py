"""The JSON Schema editors get (content/chapter.schema.json) matches the content model."""

from __future__ import annotations

from pathlib import Path

from tools.write_schema import SCHEMA_PATH, schema_text

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_schema_is_the_one_the_model_generates() -> None:
    committed = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    assert committed == schema_text(), (
        "content/chapter.schema.json is out of date with exercises/model.py, so editors "
        "would be checked against old rules. Regenerate it: .venv/bin/python tools/write_schema.py"
    )


def test_the_content_file_points_editors_at_the_schema() -> None:
    # yaml-language-server (VS Code's YAML extension and others) reads this first line.
    first_line = (ROOT / "content" / "chapter-05.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=chapter.schema.json"
    assert SCHEMA_PATH == ROOT / "content" / "chapter.schema.json"
