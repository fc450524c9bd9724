"""The LMS bridge functions' sample payloads are accepted, and import what a real call does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion_build.content import load_chapter
from companion_build.exports.lms_samples import LMS_SAMPLES
from exercises import bridge
from exercises.model import ChapterContent


@pytest.fixture(scope="module")
def chapter(root: Path) -> ChapterContent:
    return load_chapter(root / "content/chapter-05.yml")


@pytest.mark.parametrize("name", sorted(LMS_SAMPLES))
def test_each_sample_is_accepted(chapter: ChapterContent, name: str) -> None:
    assert name in bridge.REGISTRY
    result = json.loads(bridge.call(name, json.dumps(LMS_SAMPLES[name](chapter))))
    assert result["ok"], result


def test_the_restore_sample_restores_something(chapter: ChapterContent) -> None:
    payload = LMS_SAMPLES["scorm_restore"](chapter)
    value = json.loads(bridge.call("scorm_restore", json.dumps(payload)))["value"]
    assert value["problem"] is None and value["attempts"] and value["match"]
