"""The takeaway check's items: enough of them, every takeaway covered, each one answerable."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion_build.content import load_chapter
from exercises.grading import grade_choice
from exercises.model import ChapterContent

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def chapter() -> ChapterContent:
    return load_chapter(ROOT / "content/chapter-05.yml")


def test_at_least_twenty_items_covering_every_takeaway(chapter: ChapterContent) -> None:
    assert len(chapter.self_check) >= 20
    covered = {item.takeaway for item in chapter.self_check}
    assert covered == {takeaway.id for takeaway in chapter.takeaways}
    assert {item.kind for item in chapter.self_check} == {"single", "multiple", "true-false"}


def test_each_item_is_right_only_with_its_correct_answers(chapter: ChapterContent) -> None:
    for item in chapter.self_check:
        assert grade_choice(item, item.correct_ids()).correct, item.id
        for option in item.options:
            if item.kind != "multiple" and not option.correct:
                assert not grade_choice(item, [option.id]).correct, (item.id, option.id)


def test_multiple_choice_items_have_a_wrong_option(chapter: ChapterContent) -> None:
    for item in chapter.self_check:
        if item.kind == "multiple":
            assert any(not option.correct for option in item.options), item.id
