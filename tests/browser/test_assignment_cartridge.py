"""The assignment builder's cartridge: made by Python in the browser, read as the LMSs read it."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from playwright.sync_api import expect

from companion_build.content import load_chapter
from exercises.cartridge import topic_title
from exercises.model import ChapterContent
from tests.browser.browser_helpers import PYTHON_TIMEOUT_MS, ROOT, run_axe
from tests.browser.guarded_page import GuardedPage
from tools.read_cartridge import read_topics

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chapter() -> ChapterContent:
    return load_chapter(ROOT / "content/chapter-05.yml")


def test_the_builder_downloads_a_cartridge_of_exactly_the_chosen_prompts(
    site_page: GuardedPage, chapter: ChapterContent, tmp_path: Path
) -> None:
    page = site_page.page
    site_page.goto("assignment-builder/")
    button = page.get_by_role("button", name="Download for Moodle or Canvas (.imscc)")
    button.click()
    status = page.locator("[data-nr-builder-status]")
    expect(status).to_have_text("Choose at least one prompt first.")

    personal = next(p for p in chapter.prompts if p.personal)
    other = next(p for p in chapter.prompts if not p.personal)
    for prompt in (other, personal):
        page.locator(f'[data-nr-choice="{prompt.id}"] input').check()
    page.locator("#builder-title").fill("Week 3 <discussion>")
    page.locator("#builder-instructions").fill("Reply to two classmates & cite a page.")
    page.locator("#builder-due").fill("2026-12-08")
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as download:
        button.focus()
        page.keyboard.press("Enter")
    expect(status).to_contain_text("2 discussion topics")
    saved = tmp_path / "assignment.imscc"
    download.value.save_as(saved)
    assert download.value.suggested_filename.endswith(".imscc")

    topics = read_topics(saved.read_bytes())
    assert [topic.title for topic in topics] == [topic_title(other), topic_title(personal)]
    for topic, prompt in zip(topics, (other, personal), strict=True):
        assert html.escape(prompt.text, quote=False) in topic.text
        assert "Reply to two classmates &amp; cite a page." in topic.text
        assert "2026-12-08" in topic.text
    assert personal.alternative
    assert html.escape(personal.alternative, quote=False) in topics[1].text
    assert run_axe(page) == []
    assert not site_page.problems(), site_page.problems()
