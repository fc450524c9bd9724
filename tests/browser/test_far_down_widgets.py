"""Widgets far down a page are there when the reader gets to them: by a link to their
anchor, by find in page, by the keyboard, in print (the guard for any deferred rendering,
such as `content-visibility`, that a change for a faster start may bring); and no widget
moves under the reader while it mounts and Python starts.

Expected text comes from content/chapter-05.yml and from the same pure functions the
browser runs, never from a copy in this file.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from companion_build.content import load_chapter
from exercises.grading import grade_choice
from exercises.model import ChapterContent, CheckItem
from tests.browser.browser_helpers import PYTHON_TIMEOUT_MS, ROOT, normalised
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

SELF_CHECK = "self-check/"
TAKEAWAY_CHECK = "section#takeaway-check"
LOAD_TIMEOUT_MS = 30_000  # a page load, when the machine is busy
PHONE = {"width": 412, "height": 823}  # Lighthouse's phone, where the page is longest
MAX_TABS = 60  # from the flashcards to the first question

# Whether the reader can see the element: on screen and rendered (not skipped by
# content-visibility, whose placeholder box would have the right place but nothing in it).
ON_SCREEN = """(element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight
        && element.checkVisibility({ contentVisibilityAuto: true });
}"""
RENDERED = "(element) => element.checkVisibility({ contentVisibilityAuto: true })"
# Every layout shift from the very start of the page, as Chromium reports them.
RECORD_LAYOUT_SHIFTS = """
window.__nrShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__nrShifts.push({
      at: Math.round(entry.startTime),
      value: entry.value,
      moved: entry.sources.map((source) => {
        const node = source.node;
        return node instanceof Element
          ? `${node.tagName.toLowerCase()}${node.id ? "#" + node.id : ""}.${node.className}`
          : String(node?.nodeName);
      }),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture(scope="module")
def chapter() -> ChapterContent:
    return load_chapter(ROOT / "content" / "chapter-05.yml")


@pytest.fixture
def phone_page(open_page: Callable[..., GuardedPage]) -> GuardedPage:
    return open_page(viewport=PHONE, is_mobile=True, has_touch=True)


def last_item(chapter: ChapterContent) -> CheckItem:
    """The takeaway check's last single-choice question: the page's farthest down."""
    return [item for item in chapter.self_check if item.kind == "single"][-1]


def question(page: Page, item: CheckItem) -> Locator:
    return page.locator(f"{TAKEAWAY_CHECK} form#{item.id}")


def wait_until_ready(page: Page) -> None:
    expect(page.locator(TAKEAWAY_CHECK), "the takeaway check was not set up").to_have_attribute(
        "data-nr-mounted", "", timeout=LOAD_TIMEOUT_MS
    )
    page.wait_for_function(
        "() => performance.getEntriesByName('nr-python-ready').length > 0",
        timeout=PYTHON_TIMEOUT_MS,
    )


def assert_on_screen(page: Page, element: Locator, how: str) -> None:
    handle = element.element_handle()
    try:
        page.wait_for_function(ON_SCREEN, arg=handle, timeout=LOAD_TIMEOUT_MS)
    except Exception:
        top = element.evaluate("(el) => Math.round(el.getBoundingClientRect().top)")
        rendered = element.evaluate(RENDERED)
        pytest.fail(
            f"{how}, the reader does not see it: its top is at {top}px of a "
            f"{page.viewport_size} viewport, {'rendered' if rendered else 'not rendered'}"
        )


def check_right_answer(page: Page, item: CheckItem) -> None:
    """Tick the right answer, press Check: Python's verdict appears, as everywhere else."""
    form = question(page, item)
    (right,) = item.correct_ids()
    right_text = next(option.text for option in item.options if option.id == right)
    form.get_by_label(right_text, exact=True).check()
    form.get_by_role("button", name="Check", exact=True).click()
    expected = grade_choice(item, [right])
    expect(form.locator("[data-nr-result]")).to_have_text(
        expected.summary, timeout=PYTHON_TIMEOUT_MS
    )


def test_a_question_far_down_reached_by_its_anchor_is_shown_and_graded(
    phone_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = phone_page.page
    item = last_item(chapter)
    page.goto(phone_page.url(f"{SELF_CHECK}#{item.id}"), timeout=LOAD_TIMEOUT_MS)
    wait_until_ready(page)

    assert_on_screen(page, question(page, item), f"after following a link to #{item.id}")
    expect(question(page, item).get_by_role("button", name="Check", exact=True)).to_be_visible()
    check_right_answer(page, item)
    assert not phone_page.problems(), "\n".join(phone_page.problems())


def test_the_answer_keys_link_lands_on_the_takeaway_check(
    phone_page: GuardedPage, chapter: ChapterContent
) -> None:
    """Instant navigation from the answer key to a widget far down Check your understanding."""
    page = phone_page.page
    phone_page.goto("answer-key/")
    page.locator('article a[href$="self-check/#takeaway-check"]').first.click()

    wait_until_ready(page)
    first_question = question(page, chapter.self_check[0])
    assert_on_screen(page, first_question, "after the answer key's link to the takeaway check")
    expect(first_question.get_by_role("button", name="Check", exact=True)).to_be_visible()
    assert not phone_page.problems(), "\n".join(phone_page.problems())


def test_find_in_page_reaches_a_question_far_down(
    phone_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = phone_page.page
    item = last_item(chapter)
    phone_page.goto(SELF_CHECK)
    wait_until_ready(page)
    form = question(page, item)
    assert form.evaluate("(el) => el.getBoundingClientRect().top") > PHONE["height"], (
        "the question is not far down the page: this test shows nothing"
    )

    found = page.evaluate("(text) => window.find(text, false, false, true)", item.question)
    assert found, f"find in page did not find the question {item.id}: {item.question!r}"
    selected = page.evaluate(
        "() => window.getSelection().anchorNode?.parentElement?.closest('form')?.id"
    )
    assert selected == item.id, f"find in page selected text in {selected!r}, not in {item.id}"
    assert_on_screen(page, form, "after find in page found its text")
    check_right_answer(page, item)


def test_tab_moves_into_the_takeaway_check_and_shows_the_focused_option(
    phone_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = phone_page.page
    phone_page.goto(SELF_CHECK)
    wait_until_ready(page)
    first = chapter.self_check[0]
    page.locator("section#glossary-flashcards button:visible").last.focus()

    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement?.closest('form#{first.id}') !== null"):
            break
    else:
        pytest.fail(f"{MAX_TABS} presses of Tab did not reach the first question, {first.id}")
    focused = page.locator(":focus")
    assert_on_screen(page, focused, "after tabbing into the takeaway check")
    expect(focused).to_be_focused()


def test_every_question_prints(phone_page: GuardedPage, chapter: ChapterContent) -> None:
    page = phone_page.page
    phone_page.goto(SELF_CHECK)
    wait_until_ready(page)
    page.emulate_media(media="print")

    not_printed = [
        item.id
        for item in chapter.self_check
        if not question(page, item).evaluate(
            "(el) => el.checkVisibility({ contentVisibilityAuto: true }) && el.offsetHeight > 0"
        )
    ]
    assert not not_printed, f"these questions would print as blank space: {not_printed}"
    text = normalised(question(page, last_item(chapter)).locator("legend").text_content())
    assert last_item(chapter).question in text
    assert page.pdf(format="A4").startswith(b"%PDF")


@pytest.mark.parametrize("width", [320, 412, 1280])
def test_nothing_moves_while_the_widgets_mount_and_python_starts(
    open_page: Callable[..., GuardedPage], width: int
) -> None:
    """The Python line keeps its room from the first paint; the controls that mounting
    shows are below the fold or inside a widget that is not rendered yet."""
    guarded = open_page(viewport={"width": width, "height": 823})
    page = guarded.page
    page.add_init_script(RECORD_LAYOUT_SHIFTS)
    page.goto(guarded.url(SELF_CHECK), timeout=LOAD_TIMEOUT_MS)
    wait_until_ready(page)
    expect(page.locator("section#glossary-match [data-nr-python-status]")).to_have_attribute(
        "data-state", "ready", timeout=PYTHON_TIMEOUT_MS
    )

    shifts = page.evaluate("() => window.__nrShifts")
    assert not shifts, f"at {width}px, parts of the page moved as it started: {shifts}"
