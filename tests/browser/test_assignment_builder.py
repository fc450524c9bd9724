"""The assignment builder: its link reopens the assignment; its handout prints alternatives."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from companion_build.content import load_chapter
from exercises.model import ChapterContent
from tests.browser.browser_helpers import Preference, describe_violations, run_axe
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def chapter() -> ChapterContent:
    return load_chapter(ROOT / "content/chapter-05.yml")


def chosen_ids(page: Page) -> list[str]:
    return [
        item.get_attribute("data-nr-selected") or ""
        for item in page.locator("[data-nr-selected] > li").all()
    ]


def pick(page: Page, prompt_id: str) -> None:
    page.locator(f'[data-nr-choice="{prompt_id}"] input').check()


def test_a_built_assignment_reopens_from_its_link_exactly(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = site_page.page
    site_page.goto("assignment-builder/")
    personal = next(p for p in chapter.prompts if p.personal)
    others = [p for p in chapter.prompts if not p.personal]
    takeaway = chapter.takeaway(others[0].takeaway)

    page.get_by_label("Takeaway").select_option(str(takeaway.number))
    expected_shown = len(chapter.prompts_for(takeaway.id))
    expect(page.locator("[data-nr-find-status]")).to_have_text(
        f"Showing {expected_shown} of {len(chapter.prompts)} prompts."
    )
    pick(page, others[0].id)
    page.get_by_label("Takeaway").select_option("")
    pick(page, others[1].id)
    pick(page, personal.id)
    # Move the personal prompt to the top with the keyboard.
    for _ in range(2):
        page.get_by_role("button", name=f"Move up prompt {personal.id}").focus()
        page.keyboard.press("Enter")
    expect(page.locator("[data-nr-builder-status]")).to_have_text(
        f"Moved prompt {personal.id} to position 1 of 3."
    )
    page.get_by_label("Title").fill("Week 5: relationships & self-care")
    page.get_by_label("Instructions").fill("Answer two, <b>in writing</b>.")
    page.get_by_label("Due date").fill("2027-02-01")
    wanted = [personal.id, others[0].id, others[1].id]
    assert chosen_ids(page) == wanted
    assert not run_axe(page), describe_violations(run_axe(page))

    link = page.get_by_label("Link to this assignment").input_value()
    assert link.startswith(site_page.url("assignment-builder/?"))
    assert page.url == link  # the address bar holds the same link

    fresh = site_page.context.new_page()
    fresh.goto(link)
    expect(fresh.locator("[data-nr-selected] > li")).to_have_count(3)
    assert chosen_ids(fresh) == wanted
    expect(fresh.get_by_label("Title")).to_have_value("Week 5: relationships & self-care")
    expect(fresh.get_by_label("Instructions")).to_have_value("Answer two, <b>in writing</b>.")
    expect(fresh.get_by_label("Due date")).to_have_value("2027-02-01")
    # Typed text is shown as text, never as markup.
    expect(fresh.locator("[data-nr-handout-instructions]")).to_have_text(
        "Answer two, <b>in writing</b>."
    )
    for prompt_id in wanted:
        expect(fresh.locator(f'[data-nr-choice="{prompt_id}"] input')).to_be_checked()
    fresh.close()


def test_a_link_with_unknown_prompts_names_them_and_keeps_the_rest(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = site_page.page
    known = [chapter.prompts[2].id, chapter.prompts[0].id]
    query = urlencode({"prompts": f"{known[0]},5.99,{known[1]},x1", "title": "Kept"})
    site_page.goto(f"assignment-builder/?{query}")
    expect(page.locator("[data-nr-link-status]")).to_have_text(
        "This link names prompts this site does not have: 5.99, x1. They were left out; "
        "the other 2 prompts are kept."
    )
    assert chosen_ids(page) == known
    expect(page.get_by_label("Title")).to_have_value("Kept")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_printed_handout_offers_each_personal_prompts_alternative(
    site_page: GuardedPage, chapter: ChapterContent, scheme: Preference
) -> None:
    page = site_page.page
    page.emulate_media(color_scheme=scheme)
    personal = [p for p in chapter.prompts if p.personal][:2]
    plain = next(p for p in chapter.prompts if not p.personal)
    ids = [personal[0].id, plain.id, personal[1].id]
    site_page.goto(f"assignment-builder/?{urlencode({'prompts': ','.join(ids), 'title': 'T'})}")
    expect(page.locator("[data-nr-handout-prompts] > li")).to_have_count(3)
    violations = run_axe(page)
    assert not violations, describe_violations(violations)

    page.emulate_media(media="print", color_scheme=scheme)
    handout = page.locator("[data-nr-handout]")
    expect(handout).to_be_visible()
    expect(page.locator("[data-nr-builder-controls]")).to_be_hidden()
    expect(page.locator(".md-content h1")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    items = handout.locator("[data-nr-handout-prompts] > li")
    for index, prompt_id in enumerate(ids):
        prompt = next(p for p in chapter.prompts if p.id == prompt_id)
        item = items.nth(index)
        expect(item).to_contain_text(" ".join(prompt.text.split()))
        alternative = item.locator(".nr-handout__alternative")
        if prompt.personal:
            expect(alternative).to_be_visible()
            expect(alternative).to_contain_text(" ".join((prompt.alternative or "").split()))
            expect(alternative).to_contain_text("does not affect your grade")
        else:
            expect(alternative).to_have_count(0)
        space = item.locator(".nr-handout__space")
        assert (space.bounding_box() or {"height": 0})["height"] > 100, "no room to write"


def test_the_markdown_download_holds_the_assignment(
    site_page: GuardedPage, chapter: ChapterContent
) -> None:
    page = site_page.page
    personal = next(p for p in chapter.prompts if p.personal)
    query = urlencode({"prompts": personal.id, "title": "Week 5", "due": "2027-02-01"})
    site_page.goto(f"assignment-builder/?{query}")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download Markdown").click()
    download = download_info.value
    assert download.suggested_filename == "week-5.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("# Week 5\n")
    assert "**Due:**" in text
    assert " ".join((personal.alternative or "").split()) in " ".join(text.split())
