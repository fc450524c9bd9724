"""The takeaway check's items: enough of them, every takeaway covered, each one answerable."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion_build.content import load_chapter
from exercises.grading import grade_choice
from exercises.model import ChapterContent
from exercises.option_order import build_order

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


def test_about_half_of_the_true_false_items_are_false(chapter: ChapterContent) -> None:
    answers = [item.correct_ids() for item in chapter.self_check if item.kind == "true-false"]
    false = sum(ids == {"false"} for ids in answers)
    assert abs(false - len(answers) / 2) <= 1, f"{false} of {len(answers)} are false"


def test_the_built_order_gives_no_answer_away(chapter: ChapterContent) -> None:
    """The order a reader without JavaScript sees: the right answer is first in at most
    half of the one-answer items, and no place always holds a right (or a wrong) answer."""
    single = [item for item in chapter.self_check if item.kind == "single"]
    first_right = sum(build_order(item)[0] in item.correct_ids() for item in single)
    assert first_right <= len(single) / 2, f"right answer first in {first_right} of {len(single)}"
    for kind in ("single", "multiple"):
        orders = [(item, build_order(item)) for item in chapter.self_check if item.kind == kind]
        last_right = {order[-1] in item.correct_ids() for item, order in orders}
        assert last_right == {True, False}, f"the last {kind} option is always {last_right}"
        first = {order[0] in item.correct_ids() for item, order in orders}
        assert first == {True, False}, f"the first {kind} option is always {first}"
