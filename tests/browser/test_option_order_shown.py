"""The takeaway check's option order as readers meet it: never a giveaway, new for each
reader and each attempt, the same after a reload. The orders come from Python."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from companion_build.content import load_chapter
from exercises.model import ChapterContent
from exercises.option_order import build_order
from tests.browser.browser_helpers import ROOT
from tests.browser.guarded_page import GuardedPage
from tests.browser.test_widgets import (
    LOAD_TIMEOUT_MS,
    PYTHON_TIMEOUT_MS,
    TAKEAWAY_CHECK,
    answer_question,
    assert_no_problems,
    first_item,
    question,
    shown_order,
    wait_until_mounted,
    wait_until_shuffled,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chapter() -> ChapterContent:
    return load_chapter(ROOT / "content" / "chapter-05.yml")


def shuffled_self_check(guarded: GuardedPage) -> Page:
    guarded.page.goto(guarded.url("self-check/"), timeout=LOAD_TIMEOUT_MS)
    wait_until_mounted(guarded.page)
    wait_until_shuffled(guarded.page)
    return guarded.page


def orders(page: Page, chapter: ChapterContent) -> dict[str, list[str]]:
    return {item.id: shown_order(question(page, item)) for item in chapter.self_check}


def test_each_reader_gets_an_order_that_gives_nothing_away(
    open_page: Callable[..., GuardedPage], chapter: ChapterContent
) -> None:
    seen = []
    for _ in range(2):
        guarded = open_page(viewport={"width": 1280, "height": 800})
        shown = orders(shuffled_self_check(guarded), chapter)
        for item in chapter.self_check:
            assert sorted(shown[item.id]) == sorted(o.id for o in item.options), item.id
        single = [item for item in chapter.self_check if item.kind == "single"]
        first_right = sum(shown[item.id][0] in item.correct_ids() for item in single)
        assert first_right <= len(single) / 2, (
            f"the right answer is first in {first_right} of {len(single)} questions"
        )
        assert any(shown[item.id] != build_order(item) for item in single), (
            "Python did not reorder the options: the page still shows the built order"
        )
        seen.append(shown)
        assert_no_problems(guarded)
    assert seen[0] != seen[1], "two fresh readers were shown the same order for every question"


def test_a_reload_keeps_the_order_of_the_last_attempt_and_try_again_changes_it(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = shuffled_self_check(site_page)
    single, multiple = first_item(chapter, "single"), first_item(chapter, "multiple")
    answer_question(page, single, sorted(single.correct_ids()))
    answer_question(page, multiple, sorted(multiple.correct_ids()))
    before = {item.id: shown_order(question(page, item)) for item in (single, multiple)}

    page.reload(timeout=LOAD_TIMEOUT_MS)
    wait_until_mounted(page)
    wait_until_shuffled(page)
    for item in (single, multiple):
        assert shown_order(question(page, item)) == before[item.id], (
            f"{item.id} shows its options in another order after a reload"
        )

    for item in (single, multiple):
        form = question(page, item)
        form.get_by_role("button", name="Try again").click()
        expect(form.locator("input").first).to_be_focused(timeout=PYTHON_TIMEOUT_MS)
        after = shown_order(form)
        assert sorted(after) == sorted(before[item.id])
        assert after != before[item.id], f"Try again left {item.id}'s options where they were"
        assert form.locator("input:checked").count() == 0

    # The new order is the one kept with the new attempt.
    answer_question(page, single, sorted(single.correct_ids()))
    kept = shown_order(question(page, single))
    page.reload(timeout=LOAD_TIMEOUT_MS)
    wait_until_mounted(page)
    assert shown_order(question(page, single)) == kept
    expect(page.locator(f"{TAKEAWAY_CHECK} form#{single.id} [data-nr-result]")).not_to_be_empty()
    assert_no_problems(site_page)
