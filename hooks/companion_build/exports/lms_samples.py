"""A sample payload for each bridge function the LMS packages add, made from the chapter.

The build runs every bridge function once with a sample to learn which modules
the precompiled library must hold (see the bridge samples of the Python start).
These are the ones for exercises.scorm_report and exercises.cartridge; each
must be accepted by its function (tests/unit/test_lms_samples.py checks it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from exercises.convert import to_data
from exercises.model import ChapterContent

Sample = Callable[[ChapterContent], Any]


def _items(content: ChapterContent) -> list[Any]:
    return [to_data(item) for item in content.self_check]


def _answers(content: ChapterContent) -> dict[str, list[str]]:
    first = content.self_check[0]
    return {first.id: [first.options[0].id]}


def _scorm_report(content: ChapterContent) -> dict[str, Any]:
    cards = [term.id for term in content.glossary]
    return {
        "version": "2004",
        "items": _items(content),
        "cards": cards,
        "answers": _answers(content),
        "order": [],
        "changed": list(_answers(content)),
        "mastery": 0.8,
        "timestamp": "2026-12-01T09:00:00.000Z",
        "match": {cards[0]: cards[0]},
        "deck": {"session": 1, "cards": [{"card_id": cards[0], "box": 2, "last_session": 1}]},
    }


def _scorm_restore(content: ChapterContent) -> dict[str, Any]:
    first = content.self_check[0]
    term = content.glossary[0].id
    suspend = (
        f'{{"v":1,"t":{{"{first.id}":"{first.options[0].id}"}},"i":["{first.id}"],'
        f'"m":{{"{term}":"{term}"}}}}'
    )
    return {
        "suspend_data": suspend,
        "items": _items(content),
        "terms": [to_data(t) for t in content.glossary],
        "cards": [t.id for t in content.glossary],
    }


def _assignment_cartridge(content: ChapterContent) -> dict[str, Any]:
    return {
        "title": "Week 3",
        "instructions": "Reply to two classmates.",
        "due": "2026-12-08",
        "prompts": [to_data(content.prompts[0])],
        "takeaways": [to_data(t) for t in content.takeaways],
    }


LMS_SAMPLES: dict[str, Sample] = {
    "scorm_report": _scorm_report,
    "scorm_restore": _scorm_restore,
    "assignment_cartridge": _assignment_cartridge,
}
