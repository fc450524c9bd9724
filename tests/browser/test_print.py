"""What prints: the packet alone, the handout, the prompts, in A4 and US Letter, with
nothing wider than the printable area and prompt headings that read as headings."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from companion_build.content import load_chapter
from tests.browser.browser_helpers import ROOT
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

PYTHON_TIMEOUT_MS = 60_000
MARGIN_MM = 15
CSS_PX_PER_MM = 96 / 25.4
# Paper width in millimetres, as page.pdf() knows the formats.
PAPERS = {"A4": 210, "Letter": 215.9}

WIDER_THAN_PAGE = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
        .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && box.right > width + 0.5;
        })
        .slice(0, 8)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} `
            + `ends at ${Math.round(element.getBoundingClientRect().right)} of ${width} px`);
}"""


def printable_width(paper: str) -> int:
    return int((PAPERS[paper] - 2 * MARGIN_MM) * CSS_PX_PER_MM)


def open_for_print(
    open_page: Callable[..., GuardedPage], paper: str, path: str
) -> tuple[GuardedPage, Page]:
    guarded = open_page(viewport={"width": printable_width(paper), "height": 1000})
    guarded.page.goto(guarded.url(path))
    return guarded, guarded.page


def assert_prints_within(page: Page, paper: str) -> bytes:
    page.emulate_media(media="print")
    wide = page.evaluate(WIDER_THAN_PAGE)
    assert not wide, f"wider than the printable area of {paper}:\n" + "\n".join(wide)
    margin = f"{MARGIN_MM}mm"
    pdf = page.pdf(
        format=paper, margin={"top": margin, "right": margin, "bottom": margin, "left": margin}
    )
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1
    return pdf


@pytest.mark.parametrize("paper", PAPERS)
def test_the_prompts_page_prints_within_the_margins(
    open_page: Callable[..., GuardedPage], paper: str
) -> None:
    _, page = open_for_print(open_page, paper, "prompts/")
    assert_prints_within(page, paper)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_handout_prints_within_the_margins(
    open_page: Callable[..., GuardedPage], paper: str
) -> None:
    chapter = load_chapter(ROOT / "content" / "chapter-05.yml")
    ids = [prompt.id for prompt in chapter.prompts][:4]
    query = urlencode({"prompts": ",".join(ids), "title": "Week 5"})
    _, page = open_for_print(open_page, paper, f"assignment-builder/?{query}")
    expect(page.locator("[data-nr-handout-prompts] > li")).to_have_count(len(ids))
    assert_prints_within(page, paper)
    for space in page.locator(".nr-handout__space").all():
        box = space.bounding_box()
        assert box is not None and box["x"] + box["width"] <= printable_width(paper) + 0.5


@pytest.mark.parametrize("paper", PAPERS)
def test_the_packet_prints_alone_with_readable_headings(
    open_page: Callable[..., GuardedPage], paper: str
) -> None:
    chapter = load_chapter(ROOT / "content" / "chapter-05.yml")
    prompt = chapter.prompts[0]
    _, page = open_for_print(open_page, paper, "packet/")
    widget = page.locator("[data-nr-widget=prep-packet]")
    expect(widget).to_have_attribute("data-nr-mounted", "")
    widget.locator(f'input[name="prompt"][value="{prompt.id}"]').check()
    widget.get_by_role("button", name="Make my packet").click()
    packet = widget.locator("[data-nr-packet]")
    expect(packet).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    assert_prints_within(page, paper)

    # Only the packet: not the page's title and introduction, nor the form that made it.
    expect(page.locator(".md-content h1")).to_be_hidden()
    expect(page.locator(".md-content__inner > p").first).to_be_hidden()
    expect(widget.locator("[data-nr-packet-form]")).to_be_hidden()
    heading = packet.locator("h5, h4").filter(has_text=prompt.id).first
    expect(heading).to_be_visible()
    style = heading.evaluate(
        "(h) => ({size: parseFloat(getComputedStyle(h).fontSize),"
        " transform: getComputedStyle(h).textTransform, whiteSpace: ''})"
    )
    assert style["size"] >= 14 and style["transform"] == "none", style
