"""Every bridge function has a sample payload it accepts; a function without one stops the build."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from companion_build.content import load_chapter
from companion_build.runtime.bridge_samples import refused_samples, sample_payloads
from exercises import bridge
from exercises.model import ChapterContent


@pytest.fixture(scope="module")
def content(root: Path) -> ChapterContent:
    return load_chapter(root / "content" / "chapter-05.yml")


@pytest.fixture
def unsampled_function() -> Iterator[str]:
    before = dict(bridge.REGISTRY)
    bridge.register("count_answers", lambda payload: len(payload))
    yield "count_answers"
    bridge.REGISTRY.clear()
    bridge.REGISTRY.update(before)


def test_every_registered_function_has_a_sample_it_accepts(content: ChapterContent) -> None:
    payloads = sample_payloads(content)
    assert sorted(payloads) == sorted(bridge.REGISTRY)
    assert all(isinstance(json.loads(payload), dict) for payload in payloads.values())
    assert refused_samples(payloads) == {}


def test_a_function_without_a_sample_stops_the_build_naming_it_and_the_fix(
    content: ChapterContent, unsampled_function: str
) -> None:
    with pytest.raises(PluginError) as raised:
        sample_payloads(content)
    message = str(raised.value)
    assert "'count_answers'" in message
    assert "hooks/companion_build/runtime/bridge_samples.py" in message
    assert "Add one to SAMPLES" in message
