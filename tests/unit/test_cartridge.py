"""The assignment's cartridge, made by exercises.cartridge as the browser makes it."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from typing import Any
from xml.etree import ElementTree
from xml.sax import saxutils

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion_build.content import load_chapter
from exercises import bridge, cartridge
from exercises.cartridge import TOPIC_NAMESPACE
from exercises.convert import to_data
from exercises.model import ChapterContent


@pytest.fixture(scope="module")
def chapter(root: Any) -> ChapterContent:
    return load_chapter(root / "content/chapter-05.yml")


def _call(payload: Any) -> Any:
    return json.loads(bridge.call("assignment_cartridge", json.dumps(payload)))


def test_the_cartridge_holds_exactly_the_chosen_prompts(chapter: ChapterContent) -> None:
    chosen = [chapter.prompts[1], chapter.prompts[6]]
    result = _call(
        {
            "title": "Week 3",
            "prompts": [to_data(p) for p in chosen],
            "takeaways": [to_data(t) for t in chapter.takeaways],
            "instructions": "Reply to two classmates.",
            "due": "2026-12-08",
        }
    )
    assert result["ok"], result
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(result["value"]["base64"])))
    topics = [name for name in archive.namelist() if name.endswith("topic.xml")]
    texts = []
    for name in topics:
        root = ElementTree.fromstring(archive.read(name))
        texts.append(root.findtext(f"{{{TOPIC_NAMESPACE}}}text") or "")
    assert len(texts) == 2
    for prompt, text in zip(chosen, texts, strict=True):
        assert prompt.id in text and "Reply to two classmates." in text and "2026-12-08" in text
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_an_assignment_without_prompts_is_refused(chapter: ChapterContent) -> None:
    result = _call({"prompts": [], "takeaways": [to_data(t) for t in chapter.takeaways]})
    assert result["ok"] is False
    assert result["error"]["message"] == "Choose at least one prompt for the assignment first."


@given(st.text())
def test_the_cartridges_xml_escaping_matches_the_standard_librarys(text: str) -> None:
    # The package escapes without xml.sax.saxutils (which brings urllib and email into
    # the browser's library); every cartridge must come out byte for byte the same.
    assert cartridge.escape(text) == saxutils.escape(text)
    assert cartridge.quoteattr(text) == saxutils.quoteattr(text)
