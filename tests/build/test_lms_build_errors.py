"""Bad input for the LMS packages stops the build with a message, and nothing is written."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from companion_build.exports.scorm import check_content, mastery_score
from exercises.model import ChapterContent


@pytest.mark.parametrize("value", [1.5, -0.1, "0.8", True])
def test_a_mastery_score_outside_0_to_1_is_refused_with_the_place_and_fix(
    tmp_path: Path, value: Any
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"extra:\n  lms:\n    mastery_score: {value!r}\n", encoding="utf-8")
    with pytest.raises(PluginError) as raised:
        mastery_score({"lms": {"mastery_score": value}}, config)
    message = str(raised.value)
    assert message.startswith("mkdocs.yml:3: extra.lms.mastery_score is ")
    assert "a number from 0 to 1" in message and "for example 0.8" in message


def test_the_mastery_score_defaults_to_0_8(tmp_path: Path) -> None:
    assert mastery_score({}, tmp_path / "mkdocs.yml") == 0.8
    assert mastery_score({"lms": {"mastery_score": 1}}, tmp_path / "mkdocs.yml") == 1.0


def test_an_empty_self_check_is_refused(chapter: ChapterContent) -> None:
    with pytest.raises(PluginError, match="self_check is empty"):
        check_content(dataclasses.replace(chapter, self_check=()), "content/chapter-05.yml")


def test_the_build_stops_before_writing_anything(root: Path, tmp_path: Path) -> None:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    mastery_score: 0.8\n" in text
    # Beside mkdocs.yml, so every path in it resolves as in a real build.
    config = root / f".test-mkdocs-{uuid.uuid4().hex}.yml"
    config.write_text(text.replace("    mastery_score: 0.8\n", "    mastery_score: 80\n"))
    site = tmp_path / "site"
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-f",
                str(config),
                "--site-dir",
                str(site),
            ],
            cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    finally:
        config.unlink()
    assert result.returncode != 0
    assert "extra.lms.mastery_score is 80; it must be a number from 0 to 1" in result.stderr
    assert not (site / "exports").exists()
