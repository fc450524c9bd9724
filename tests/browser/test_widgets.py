"""The self-check widgets as a reader meets them: Python's feedback, the keyboard alone,
instant navigation, a reload, storage that is off or full, a wheel that will not load, axe.

Expected text comes from content/chapter-05.yml (and, for text Python composes, from the
same pure functions the browser runs), never from a copy in this file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

import pytest
from playwright.sync_api import Locator, Page, Request, Route, expect

from companion_build.content import load_chapter
from exercises.flashcards import Deck, new_deck, review
from exercises.grading import ChoiceResult, MatchResult, grade_choice, grade_match
from exercises.model import ChapterContent, CheckItem
from tests.browser.browser_helpers import (
    ROOT,
    assert_no_axe_violations_in_both_schemes,
    choose_by_keyboard,
    describe_violations,
    normalised,
    run_axe,
    site_pages,
    wait_until_shown,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

SELF_CHECK = "self-check/"
# Python starts in a few seconds, much slower when the machine is busy.
PYTHON_TIMEOUT_MS = 60_000
LOAD_TIMEOUT_MS = 30_000  # a page load, when the machine is busy
MAX_TABS = 150  # from the top of the page past the header, sidebars and earlier widgets

MATCH = "section#glossary-match"
FLASHCARDS = "section#glossary-flashcards"
TAKEAWAY_CHECK = "section#takeaway-check"
WIDGETS = (MATCH, FLASHCARDS, TAKEAWAY_CHECK)

# Counts the tab's Python workers and the calls made to exercises.bridge through them.
COUNT_PYTHON_WORKERS = """(() => {
    const Original = window.Worker;
    const counts = { workers: 0, calls: {} };
    window.__nrPythonCounts = counts;
    window.Worker = class extends Original {
        constructor(url, options) {
            super(url, options);
            this.isPython = String(url).includes("/python/");
            if (this.isPython) counts.workers += 1;
        }
        postMessage(message, ...rest) {
            const name = this.isPython ? message?.function : undefined;
            if (name) counts.calls[name] = (counts.calls[name] ?? 0) + 1;
            return super.postMessage(message, ...rest);
        }
    };
})();"""

StorageFailure = Literal["full", "disabled"]
# What the browser throws from localStorage.setItem when storage is full, or off by policy.
STORAGE_FAILURES: dict[StorageFailure, str] = {
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };""",
    "disabled": """Storage.prototype.setItem = function () {
        throw new DOMException("The operation is insecure.", "SecurityError");
    };""",
}


@pytest.fixture(scope="module")
def chapter() -> ChapterContent:
    return load_chapter(ROOT / "content" / "chapter-05.yml")


# ---------------------------------------------------------------- the page and Python


def open_self_check(site_page: GuardedPage) -> Page:
    site_page.page.goto(site_page.url(SELF_CHECK), timeout=LOAD_TIMEOUT_MS)
    wait_until_mounted(site_page.page)
    return site_page.page


def wait_until_mounted(page: Page) -> None:
    for widget in WIDGETS:
        expect(page.locator(widget), f"{widget} was not set up").to_have_attribute(
            "data-nr-mounted", "", timeout=LOAD_TIMEOUT_MS
        )


def wait_for_python(page: Page) -> None:
    page.wait_for_function(
        "() => performance.getEntriesByName('nr-python-ready').length > 0",
        timeout=PYTHON_TIMEOUT_MS,
    )


def assert_no_problems(site_page: GuardedPage, allowed: tuple[str, ...] = ()) -> None:
    problems = [p for p in site_page.problems() if not any(known in p for known in allowed)]
    assert not problems, "the page reported:\n" + "\n".join(problems)


def stored_records(page: Page) -> dict[str, str]:
    """Everything the companion keeps in this browser, by key."""
    return dict(
        page.evaluate(
            """() => Object.fromEntries(Object.keys(localStorage)
                .filter((key) => key.startsWith('nr:'))
                .map((key) => [key, localStorage.getItem(key)]))"""
        )
    )


# ---------------------------------------------------------------- the takeaway check


def first_item(chapter: ChapterContent, kind: str) -> CheckItem:
    return next(item for item in chapter.self_check if item.kind == kind)


def wrong_option(item: CheckItem) -> str:
    return next(option.id for option in item.options if not option.correct)


def question(page: Page, item: CheckItem) -> Locator:
    return page.locator(f"{TAKEAWAY_CHECK} form#{item.id}")


def choose(form: Locator, item: CheckItem, chosen: list[str]) -> None:
    """Tick the options' labels, as a reader with a mouse does."""
    for option in item.options:
        control = form.get_by_label(option.text, exact=True)
        if option.id in chosen:
            control.check()
        elif item.kind == "multiple":
            control.uncheck()


def answer_question(page: Page, item: CheckItem, chosen: list[str]) -> ChoiceResult:
    """Choose, press Check, wait for Python's verdict; return what Python should have said."""
    form = question(page, item)
    try_again = form.get_by_role("button", name="Try again")
    if try_again.is_visible():
        try_again.click()
    choose(form, item, chosen)
    form.get_by_role("button", name="Check", exact=True).click()
    expected = grade_choice(item, chosen)
    expect(form.locator("[data-nr-result]")).to_have_text(
        expected.summary, timeout=PYTHON_TIMEOUT_MS
    )
    return expected


def assert_choice_feedback(form: Locator, item: CheckItem, expected: ChoiceResult) -> None:
    """The result line and each option's note say what Python said, with the content's feedback."""
    assert normalised(form.locator("[data-nr-result]").text_content()) == expected.summary
    content_feedback = {option.id: normalised(option.feedback) for option in item.options}
    for option in expected.options:
        note = form.locator(f'[data-nr-feedback-for="{option.id}"]')
        if option.verdict == "left-out-rightly":
            expect(note, f"{item.id}: option {option.id} was rightly left out").to_be_hidden()
            continue
        expect(
            note, f"{item.id}: option {option.id} ({option.verdict}) has no note"
        ).to_be_visible()
        text = normalised(note.text_content())
        assert text.endswith(content_feedback[option.id]), (
            f"{item.id}: option {option.id} ({option.verdict}) says {text!r}, but its feedback "
            f"in the content is {content_feedback[option.id]!r}"
        )
        assert text != content_feedback[option.id], (
            f"{item.id}: option {option.id}'s note does not say whether it was chosen or right"
        )
    chosen = {option.id for option in expected.options if option.chosen}
    checked = {control.get_attribute("value") for control in form.locator("input:checked").all()}
    assert checked == chosen, f"{item.id}: the options shown as chosen changed to {checked}"


def shown_order(form: Locator) -> list[str]:
    """The question's option ids in the order the page shows them."""
    return [
        str(option.get_attribute("data-nr-option"))
        for option in form.locator("[data-nr-option]").all()
    ]


def wait_until_shuffled(page: Page) -> None:
    """Python has put the takeaway check's options in this visit's order."""
    expect(page.locator(TAKEAWAY_CHECK)).to_have_attribute(
        "data-nr-shuffled", "", timeout=PYTHON_TIMEOUT_MS
    )


def choice_state(form: Locator) -> dict[str, Any]:
    """What a reader sees of one question: chosen options, result line, visible notes."""
    return dict(
        form.evaluate(
            """(form) => ({
                checked: [...form.querySelectorAll('input:checked')].map((i) => i.value),
                order: [...form.querySelectorAll('[data-nr-option]')]
                    .map((o) => o.dataset.nrOption),
                result: form.querySelector('[data-nr-result]').textContent,
                notes: [...form.querySelectorAll('[data-nr-feedback-for]:not([hidden])')]
                    .map((n) => [n.dataset.nrFeedbackFor, n.textContent]),
            })"""
        )
    )


# ---------------------------------------------------------------- the glossary match


def match_answers(chapter: ChapterContent, wrong_pairs: int) -> dict[str, str | None]:
    """Every term matched; the first `wrong_pairs` terms given the next term's definition."""
    ids = [term.id for term in chapter.glossary]
    answers: dict[str, str | None] = {term_id: term_id for term_id in ids}
    for index in range(wrong_pairs):
        answers[ids[index]] = ids[(index + 1) % len(ids)]
    return answers


def fill_match(page: Page, chapter: ChapterContent, answers: dict[str, str | None]) -> MatchResult:
    widget = page.locator(MATCH)
    for term in chapter.glossary:
        widget.get_by_label(term.term, exact=True).select_option(value=answers[term.id] or "")
    widget.get_by_role("button", name="Check matches").click()
    expected = grade_match(chapter.glossary, answers)
    expect(widget.locator("[data-nr-result]")).to_have_text(
        expected.summary, timeout=PYTHON_TIMEOUT_MS
    )
    return expected


def assert_match_feedback(page: Page, expected: MatchResult) -> None:
    widget = page.locator(MATCH)
    assert normalised(widget.locator("[data-nr-result]").text_content()) == expected.summary
    for pair in expected.pairs:
        note = widget.locator(f'[data-nr-feedback-for="{pair.term_id}"]')
        expect(note, f"the match shows no feedback for {pair.term_id}").to_be_visible()
        assert normalised(note.text_content()) == pair.feedback, pair.term_id
        verdict = "chosen-right" if pair.correct else "chosen-wrong"
        expect(note).to_have_attribute("data-verdict", verdict)


def match_state(page: Page) -> dict[str, Any]:
    return dict(
        page.locator(MATCH).evaluate(
            """(widget) => ({
                chosen: [...widget.querySelectorAll('select')].map((s) => [s.name, s.value]),
                result: widget.querySelector('[data-nr-result]').textContent,
                notes: [...widget.querySelectorAll('[data-nr-feedback-for]:not([hidden])')]
                    .map((n) => [n.dataset.nrFeedbackFor, n.textContent]),
            })"""
        )
    )


# ---------------------------------------------------------------- the flashcards


def box_counts(deck: Deck) -> tuple[int, int, int]:
    """Learning (box 1), getting there (boxes 2-3), well known (boxes 4-5): the widget's summary."""
    boxes = [card.box for card in deck.cards]
    return (
        sum(box == 1 for box in boxes),
        sum(box in (2, 3) for box in boxes),
        sum(box >= 4 for box in boxes),
    )


def shown_box_counts(page: Page) -> tuple[int, int, int]:
    text = normalised(page.locator(f"{FLASHCARDS} [data-nr-boxes]").text_content())
    found = re.search(r"Learning: (\d+), getting there: (\d+), well known: (\d+)", text)
    assert found, f"the flashcards' box summary reads {text!r}"
    learning, getting_there, well_known = (int(number) for number in found.groups())
    return learning, getting_there, well_known


def current_card(page: Page, total: int, position: int) -> str:
    """Wait for card `position` (1-based) of the round; return the term it shows."""
    widget = page.locator(FLASHCARDS)
    progress = widget.locator("[data-nr-progress]")
    expect(progress).to_contain_text(f"{position} of {total}", timeout=PYTHON_TIMEOUT_MS)
    term = normalised(widget.locator("[data-nr-term]").text_content())
    assert term in normalised(progress.text_content()), "the progress line names another card"
    return term


# ---------------------------------------------------------------- the keyboard


def focused_matches(page: Page, selector: str) -> bool:
    return bool(page.evaluate("(s) => !!document.activeElement?.matches(s)", selector))


def press_until_focused(page: Page, key: str, selector: str, limit: int = MAX_TABS) -> None:
    for _ in range(limit):
        if focused_matches(page, selector):
            return
        page.keyboard.press(key)
    if not focused_matches(page, selector):
        where = page.evaluate("() => document.activeElement?.outerHTML.slice(0, 120)")
        pytest.fail(f"{limit} presses of {key} never reached {selector}; focus is on {where}")


def focus_is_inside(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            "(s) => !!document.querySelector(s)?.contains(document.activeElement)", selector
        )
    )


def press_radio_option(page: Page, form: str, item: CheckItem, option_id: str) -> None:
    """In the focused radio group, select `option_id` with the arrow keys (Space if there)."""
    ids = shown_order(page.locator(form))
    focused = page.evaluate("() => document.activeElement.value")
    steps = ids.index(option_id) - ids.index(focused)
    if steps == 0:
        page.keyboard.press("Space")
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    expect(page.locator(f'{form} input[value="{option_id}"]')).to_be_checked()
    assert focused_matches(page, f'{form} input[value="{option_id}"]')


# ================================================================= 1. Python's feedback


def test_takeaway_check_gives_pythons_feedback_on_wrong_and_right_answers(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = open_self_check(site_page)
    single, multiple = first_item(chapter, "single"), first_item(chapter, "multiple")
    right = sorted(single.correct_ids())

    wrong = answer_question(page, single, [wrong_option(single)])
    assert not wrong.correct
    assert_choice_feedback(question(page, single), single, wrong)
    expect(question(page, single)).to_have_class(re.compile(r"\bis-incorrect\b"))

    correct = answer_question(page, single, right)
    assert correct.correct and correct.summary != wrong.summary
    assert_choice_feedback(question(page, single), single, correct)
    expect(question(page, single)).to_have_class(re.compile(r"\bis-correct\b"))

    # A partly right multiple-choice answer: notes on the chosen and on the missed options.
    partial = [sorted(multiple.correct_ids())[0], wrong_option(multiple)]
    assert_choice_feedback(
        question(page, multiple), multiple, answer_question(page, multiple, partial)
    )

    score = page.locator(f"{TAKEAWAY_CHECK} [data-nr-score]")
    total = len(chapter.self_check)
    expect(score).to_contain_text(re.compile(rf"\b1 of {total}\b.*\b2 answered\b"))
    assert_no_problems(site_page)


def test_glossary_match_gives_feedback_on_every_pair(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = open_self_check(site_page)

    partly = fill_match(page, chapter, match_answers(chapter, wrong_pairs=2))
    assert 0 < partly.correct < partly.total
    assert_match_feedback(page, partly)

    all_right = fill_match(page, chapter, match_answers(chapter, wrong_pairs=0))
    assert all_right.correct == all_right.total
    assert_match_feedback(page, all_right)
    assert_no_problems(site_page)


def test_a_flashcard_round_shows_every_card_and_rating_updates_the_boxes(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = open_self_check(site_page)
    widget = page.locator(FLASHCARDS)
    definitions = {normalised(term.term): normalised(term.definition) for term in chapter.glossary}
    ids = {normalised(term.term): term.id for term in chapter.glossary}
    total = len(chapter.glossary)
    deck = new_deck([term.id for term in chapter.glossary])

    widget.get_by_role("button", name="Start a round").click()
    shown: list[str] = []
    for position in range(1, total + 1):
        term = current_card(page, total, position)
        shown.append(term)
        assert shown_box_counts(page) == box_counts(deck)
        definition = widget.locator("[data-nr-definition]")
        expect(definition, "the definition shows before the reader asked").to_be_hidden()
        widget.get_by_role("button", name="Show the definition").click()
        expect(definition).to_be_visible()
        assert normalised(definition.text_content()) == definitions[term]

        knew_it = position % 2 == 1
        widget.get_by_role("button", name="I knew it" if knew_it else "Not yet").click()
        deck = review(deck, ids[term], knew_it)
        expect(widget.locator("[data-nr-boxes]")).to_contain_text(
            "Learning: {}, getting there: {}, well known: {}".format(*box_counts(deck)),
            timeout=PYTHON_TIMEOUT_MS,
        )

    assert sorted(shown) == sorted(definitions), f"the round showed {shown}"
    known = sum(position % 2 == 1 for position in range(1, total + 1))
    expect(widget.get_by_role("button", name="Start another round")).to_be_visible()
    expect(widget.locator("[data-nr-card]")).to_be_hidden()
    expect(widget.locator("[data-nr-progress]")).to_contain_text(
        re.compile(rf"\b{known} of {total}\b")
    )
    assert_no_problems(site_page)


# ================================================================= 2. The keyboard alone


def test_a_question_can_be_answered_and_checked_with_the_keyboard_alone(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = open_self_check(site_page)
    single, multiple = first_item(chapter, "single"), first_item(chapter, "multiple")
    form = f"{TAKEAWAY_CHECK} form#{single.id}"

    # Tab to the first question's Check button with nothing chosen: it asks for an answer.
    press_until_focused(page, "Tab", f"{form} button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(f"{form} [data-nr-result]")).not_to_be_empty()

    # Back with Shift+Tab into the options; a wrong one with the arrow keys; Check.
    press_until_focused(page, "Shift+Tab", f"{form} input", limit=5)
    press_radio_option(page, form, single, wrong_option(single))
    press_until_focused(page, "Tab", f"{form} button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    expected = grade_choice(single, [wrong_option(single)])
    expect(page.locator(f"{form} [data-nr-result]")).to_have_text(
        expected.summary, timeout=PYTHON_TIMEOUT_MS
    )
    assert_choice_feedback(page.locator(form), single, expected)
    assert focus_is_inside(page, form), "checking an answer lost the keyboard focus"

    # Try again (it returns focus to the options), then the right answer.
    press_until_focused(page, "Tab", f"{form} [data-nr-retry]", limit=3)
    page.keyboard.press("Enter")
    expect(page.locator(f"{form} [data-nr-result]")).to_be_empty()
    expect(
        page.locator(f"{form} input").first, "Try again did not return to the options"
    ).to_be_focused(timeout=PYTHON_TIMEOUT_MS)
    (right,) = single.correct_ids()
    press_radio_option(page, form, single, right)
    press_until_focused(page, "Tab", f"{form} button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    expected = grade_choice(single, [right])
    expect(page.locator(f"{form} [data-nr-result]")).to_have_text(
        expected.summary, timeout=PYTHON_TIMEOUT_MS
    )
    assert_choice_feedback(page.locator(form), single, expected)

    # A multiple-choice question: Tab from box to box, Space ticks the right ones.
    form = f"{TAKEAWAY_CHECK} form#{multiple.id}"
    press_until_focused(page, "Tab", f"{form} input")
    for option_id in shown_order(page.locator(form)):
        assert focused_matches(page, f'{form} input[value="{option_id}"]'), option_id
        if option_id in multiple.correct_ids():
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    press_until_focused(page, "Tab", f"{form} button[type=submit]", limit=3)
    page.keyboard.press("Enter")
    expected = grade_choice(multiple, sorted(multiple.correct_ids()))
    expect(page.locator(f"{form} [data-nr-result]")).to_have_text(
        expected.summary, timeout=PYTHON_TIMEOUT_MS
    )
    assert_choice_feedback(page.locator(form), multiple, expected)
    assert_no_problems(site_page)


def test_the_glossary_match_can_be_filled_and_checked_with_the_keyboard_alone(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = open_self_check(site_page)
    answers = match_answers(chapter, wrong_pairs=1)

    press_until_focused(page, "Tab", f"{MATCH} select")
    for term in chapter.glossary:
        select = f"{MATCH} select#match-{term.id}"
        assert focused_matches(page, select), f"Tab did not reach the select for {term.term}"
        label = page.locator(f'{select} option[value="{answers[term.id]}"]').text_content()
        choose_by_keyboard(page, (label or "").strip())
        expect(page.locator(select)).to_have_value(answers[term.id] or "")
        page.keyboard.press("Tab")
    press_until_focused(page, "Tab", f"{MATCH} button[type=submit]", limit=3)
    page.keyboard.press("Enter")

    expected = grade_match(chapter.glossary, answers)
    expect(page.locator(f"{MATCH} [data-nr-result]")).to_have_text(
        expected.summary, timeout=PYTHON_TIMEOUT_MS
    )
    assert_match_feedback(page, expected)
    assert focus_is_inside(page, MATCH), "checking the match lost the keyboard focus"
    assert_no_problems(site_page)


def test_a_flashcard_round_can_be_run_to_the_end_with_the_keyboard_alone(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = open_self_check(site_page)
    widget = page.locator(FLASHCARDS)
    total = len(chapter.glossary)

    press_until_focused(page, "Tab", f"{FLASHCARDS} [data-nr-begin]")
    page.keyboard.press("Enter")
    for position in range(1, total + 1):
        current_card(page, total, position)
        assert focused_matches(page, f"{FLASHCARDS} [data-nr-show]"), (
            f"card {position}: the focus is not on “Show the definition”"
        )
        page.keyboard.press("Space")
        expect(widget.locator("[data-nr-definition]")).to_be_visible()
        assert focused_matches(page, f"{FLASHCARDS} [data-nr-knew]")
        if position % 2 == 0:
            page.keyboard.press("Tab")
            assert focused_matches(page, f"{FLASHCARDS} [data-nr-not-yet]")
        page.keyboard.press("Enter")

    begin = widget.locator("[data-nr-begin]")
    expect(begin).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(begin).to_be_focused()
    expect(widget.locator("[data-nr-card]")).to_be_hidden()
    known = sum(position % 2 == 1 for position in range(1, total + 1))
    expect(widget.locator("[data-nr-progress]")).to_contain_text(
        re.compile(rf"\b{known} of {total}\b")
    )
    assert shown_box_counts(page) == (total - known, known, 0)
    assert_no_problems(site_page)


# ================================================================= 3. A → B → A


def test_leaving_and_coming_back_keeps_one_python_and_one_feedback_per_check(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = site_page.page
    page.add_init_script(COUNT_PYTHON_WORKERS)
    # The worker's requests for the wasm (the offline service worker's copies aside).
    wasm: list[str] = []

    def count_wasm(request: Request) -> None:
        by_worker = request.resource_type == "fetch" and request.service_worker is None
        if by_worker and request.url.endswith("/pyodide.asm.wasm"):
            wasm.append(request.url)

    page.context.on("request", count_wasm)
    open_self_check(site_page)
    page.evaluate("() => { window.__nrSameDocument = true; }")
    item = first_item(chapter, "single")
    first = answer_question(page, item, [wrong_option(item)])

    sidebar = page.locator(".md-sidebar--primary .md-nav--primary")
    glossary = next(p for p in site_pages() if p.path == "glossary/")
    self_check = next(p for p in site_pages() if p.path == SELF_CHECK)
    sidebar.get_by_role("link", name=glossary.title, exact=True).click()
    expect(page).to_have_url(site_page.url(glossary.path))
    expect(page.locator("article h1")).to_contain_text(glossary.h1)
    sidebar.get_by_role("link", name=self_check.title, exact=True).click()
    expect(page).to_have_url(site_page.url(SELF_CHECK))
    wait_until_mounted(page)
    assert page.evaluate("() => window.__nrSameDocument === true"), (
        "the nav links reloaded the document: instant navigation is off"
    )

    # Back on the page: the earlier answer is there, and Python is ready, not preparing again.
    assert_choice_feedback(question(page, item), item, first)
    for widget in WIDGETS:
        expect(page.locator(f"{widget} [data-nr-python-status]")).to_have_attribute(
            "data-state", "ready"
        )

    result = question(page, item).locator("[data-nr-result]")
    result.evaluate(
        """(region) => {
            window.__nrResultTexts = [];
            new MutationObserver(() => window.__nrResultTexts.push(region.textContent))
                .observe(region, { childList: true, characterData: true, subtree: true });
        }"""
    )
    second = answer_question(page, item, sorted(item.correct_ids()))
    assert_choice_feedback(question(page, item), item, second)

    texts = [normalised(text) for text in page.evaluate("() => window.__nrResultTexts")]
    assert texts.count(second.summary) == 1, f"one check updated the result as {texts}"
    counts = page.evaluate("() => window.__nrPythonCounts")
    assert counts["calls"].get("check_choice") == 2, (
        f"two checks made {counts['calls'].get('check_choice')} calls to Python"
    )
    assert counts["workers"] == 1, f"the tab started Python {counts['workers']} times"
    assert len(wasm) == 1, f"the tab downloaded the Python runtime {len(wasm)} times"
    assert_no_problems(site_page)


# ================================================================= 4. A reload


def test_a_reload_shows_the_checked_answers_again(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = open_self_check(site_page)
    single, true_false = first_item(chapter, "single"), first_item(chapter, "true-false")
    multiple = first_item(chapter, "multiple")
    answer_question(page, single, [wrong_option(single)])
    answer_question(page, true_false, sorted(true_false.correct_ids()))
    answer_question(page, multiple, [sorted(multiple.correct_ids())[0]])
    fill_match(
        page, chapter, match_answers(chapter, wrong_pairs=3) | {chapter.glossary[-1].id: None}
    )
    flashcards = page.locator(FLASHCARDS)
    flashcards.get_by_role("button", name="Start a round").click()
    current_card(page, len(chapter.glossary), 1)
    flashcards.get_by_role("button", name="Show the definition").click()
    flashcards.get_by_role("button", name="I knew it").click()
    current_card(page, len(chapter.glossary), 2)
    score = page.locator(f"{TAKEAWAY_CHECK} [data-nr-score]")
    expect(score).to_contain_text("3 answered", timeout=PYTHON_TIMEOUT_MS)

    items = (single, true_false, multiple)
    before = {item.id: choice_state(question(page, item)) for item in items}
    match_before = match_state(page)
    boxes_before = shown_box_counts(page)
    score_before = score.text_content()

    page.reload(timeout=LOAD_TIMEOUT_MS)
    wait_until_mounted(page)

    for item in items:
        assert choice_state(question(page, item)) == before[item.id], (
            f"{item.id} does not show the same answer and feedback after a reload"
        )
    assert match_state(page) == match_before, "the match is not the same after a reload"
    assert shown_box_counts(page) == boxes_before, "the flashcard boxes changed on reload"
    expect(score).to_have_text(score_before or "", timeout=PYTHON_TIMEOUT_MS)
    assert_no_problems(site_page)


# ================================================================= 5. Storage off or full


@pytest.mark.parametrize("failure", STORAGE_FAILURES)
def test_widgets_still_grade_when_storage_will_not_keep_anything(
    site_page: GuardedPage, chapter: ChapterContent, failure: StorageFailure
) -> None:
    page = open_self_check(site_page)
    kept, unkept = chapter.self_check[0], chapter.self_check[1]
    saved_result = answer_question(page, kept, sorted(kept.correct_ids()))
    saved = stored_records(page)
    assert saved, "a checked answer was not kept in this browser"

    page.add_init_script(STORAGE_FAILURES[failure])
    page.reload(timeout=LOAD_TIMEOUT_MS)
    wait_until_mounted(page)
    assert_choice_feedback(question(page, kept), kept, saved_result)
    for widget in WIDGETS:
        expect(page.locator(f"{widget} [data-nr-storage-note]")).to_be_hidden()

    # Every widget still grades, and says that nothing will be kept.
    result = answer_question(page, unkept, [wrong_option(unkept)])
    assert_choice_feedback(question(page, unkept), unkept, result)
    assert_match_feedback(page, fill_match(page, chapter, match_answers(chapter, wrong_pairs=1)))
    flashcards = page.locator(FLASHCARDS)
    flashcards.get_by_role("button", name="Start a round").click()
    current_card(page, len(chapter.glossary), 1)
    for widget in WIDGETS:
        note = page.locator(f"{widget} [data-nr-storage-note]")
        note.scroll_into_view_if_needed()
        wait_until_shown(page, note, f"{widget} does not say that nothing is kept")
        text = normalised(note.text_content())
        assert re.search(r"not being kept|gone when you leave", text), f"{widget}: {text!r}"
        if failure == "full":
            assert "full" in text, f"{widget} does not say that storage is full: {text!r}"

    assert stored_records(page) == saved, "what was kept before changed or was lost"
    assert_no_problems(site_page)


# ================================================================= 6. A wheel that will not load


def wheel_url(site_page: GuardedPage, built_site: Any) -> tuple[str, str]:
    """The exercises wheel's address and file name, from the built site's manifest."""
    manifest = json.loads(Path(built_site.directory, "assets/python/manifest.json").read_text())
    return site_page.url(f"assets/python/{manifest['url']}"), str(manifest["file"])


def test_a_wheel_that_fails_to_load_says_why_and_retry_recovers(
    site_page: GuardedPage, chapter: ChapterContent, built_site: Any
) -> None:
    page = site_page.page
    url, file_name = wheel_url(site_page, built_site)

    def not_found(route: Route) -> None:
        route.fulfill(status=404, content_type="text/plain", body="Not found")

    page.route(url, not_found)
    # The wheel is what a start without the build's fast-start files installs.
    page.route(site_page.url("assets/python/start.json"), not_found)
    open_self_check(site_page)

    status = page.locator(f"{TAKEAWAY_CHECK} [data-nr-python-status]")
    expect(status).to_have_attribute("data-state", "failed", timeout=PYTHON_TIMEOUT_MS)
    expect(status).to_contain_text(file_name)
    retry = status.get_by_role("button", name="Retry")
    expect(retry).to_be_visible()

    item = first_item(chapter, "single")
    form = question(page, item)
    choose(form, item, sorted(item.correct_ids()))
    form.get_by_role("button", name="Check", exact=True).click()
    result = form.locator("[data-nr-result]")
    expect(result).to_contain_text("Python is not available")
    expect(form.locator("[data-nr-feedback-for]:not([hidden])")).to_have_count(0)

    # The answers are still there for the reader.
    form.locator("details[data-nr-reveal] > summary").click()
    expect(form.locator("details[data-nr-reveal]")).to_have_attribute("open", "")
    answers = normalised(form.locator("details[data-nr-reveal]").text_content())
    for option in item.options:
        assert normalised(option.feedback) in answers, f"the revealed answers lack {option.id}"

    violations = run_axe(page)
    assert not violations, "with Python failed:\n" + describe_violations(violations)

    page.unroute(url)
    page.unroute(site_page.url("assets/python/start.json"))
    retry.click()
    for widget in WIDGETS:
        expect(page.locator(f"{widget} [data-nr-python-status]")).to_have_attribute(
            "data-state", "ready", timeout=PYTHON_TIMEOUT_MS
        )
    form.get_by_role("button", name="Check", exact=True).click()
    expected = grade_choice(item, sorted(item.correct_ids()))
    expect(result).to_have_text(expected.summary, timeout=PYTHON_TIMEOUT_MS)
    assert_choice_feedback(form, item, expected)
    assert_no_problems(site_page, allowed=(file_name, "start.json"))


# ================================================================= 7. axe, answered


def test_answered_widgets_have_no_axe_violations_in_either_scheme(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = open_self_check(site_page)
    single, multiple = first_item(chapter, "single"), first_item(chapter, "multiple")
    answer_question(page, single, [wrong_option(single)])
    true_false = first_item(chapter, "true-false")
    answer_question(page, true_false, sorted(true_false.correct_ids()))
    answer_question(page, multiple, [sorted(multiple.correct_ids())[0], wrong_option(multiple)])
    fill_match(page, chapter, match_answers(chapter, wrong_pairs=2))
    flashcards = page.locator(FLASHCARDS)
    flashcards.get_by_role("button", name="Start a round").click()
    current_card(page, len(chapter.glossary), 1)
    flashcards.get_by_role("button", name="Show the definition").click()
    expect(flashcards.locator("[data-nr-definition]")).to_be_visible()

    assert_no_axe_violations_in_both_schemes(page, "the answered widgets")
    assert_no_problems(site_page)
