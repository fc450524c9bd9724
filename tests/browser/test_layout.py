"""Every page fits its screen: at 320 and 390 px (phones), 768 (a tablet) and 1280 (a
laptop), in light and dark, before and after its widgets are used, nothing is wider than
the screen, no text box is too narrow to type in (12 characters), and axe finds nothing.

Each page is loaded once and resized to each width, so its Python starts once, not four
times; its widgets are used at a phone's width and the page is checked at every width again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.browser_helpers import (
    Preference,
    SitePage,
    describe_violations,
    run_axe,
    site_pages,
    use_scheme,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 30_000
PYTHON_TIMEOUT_MS = 60_000
MIN_CHARACTERS = 12
SCHEMES: tuple[Preference, ...] = ("light", "dark")
WIDTHS = (320, 390, 768, 1280)  # two phones, a tablet and a laptop
# axe at one width of each of Material's layouts: a phone's (below 720 px, the narrowest,
# where most scrolls), a tablet's and a laptop's. 390 px is the phone layout again, with
# more room: it is measured, not audited twice.
AXE_WIDTHS = (320, 768, 1280)
USE_WIDTH = 390  # where the widgets are used: a phone
HEIGHT = 844
NEXT_FRAME = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done)))"

# What sticks out past the viewport, and which text boxes are narrower than 12 characters
# of their own font. Material's drawers and search sit off-screen by design.
MEASURE = """(minCharacters) => {
    const viewport = document.documentElement.clientWidth;
    const canvas = document.createElement('canvas').getContext('2d');
    const describe = (element) => element.tagName.toLowerCase()
        + (element.id ? '#' + element.id : '')
        + [...element.classList].map((name) => '.' + name).join('');
    const boxes = [...document.querySelectorAll(
        'input:not([type=checkbox], [type=radio], [type=range], [type=color], [type=file], '
        + '[type=hidden], [type=number]), textarea, select')]
        .filter((box) => box.offsetParent && !box.closest('.md-search, .md-header, .md-sidebar'));
    const narrow = boxes.flatMap((box) => {
        canvas.font = getComputedStyle(box).font;
        const needed = minCharacters * canvas.measureText('0').width;
        const width = box.getBoundingClientRect().width;
        return width + 0.5 < needed ? [`${describe(box)} is ${Math.round(width)} px wide, `
            + `${Math.round(needed)} px would hold ${minCharacters} characters`] : [];
    });
    const wide = [...document.querySelectorAll('.md-content *')]
        .filter((element) => element.getBoundingClientRect().right > viewport + 0.5
            && !element.closest('.nr-table-scroll, .nr-widget table, pre, .md-typeset__scrollwrap'))
        .slice(0, 5)
        .map((element) => `${describe(element)} ends at `
            + `${Math.round(element.getBoundingClientRect().right)} px`);
    return {scrollWidth: document.documentElement.scrollWidth, viewport, narrow, wide};
}"""

# A reader trying each widget: text in every box, a choice in every group and select,
# then every Check / See / Make button the widget offers.
USE_WIDGETS = """() => {
    const visible = (element) => element.offsetParent !== null;
    const widgets = [...document.querySelectorAll('[data-nr-widget]')];
    for (const box of widgets.flatMap((w) => [...w.querySelectorAll(
            'input[type=text], input:not([type]), textarea')]).filter(visible)) {
        box.value = 'A supervision group on Thursdays, and a walk with a friend afterwards';
        box.dispatchEvent(new Event('input', {bubbles: true}));
    }
    const all = (selector) => widgets.flatMap((w) => [...w.querySelectorAll(selector)]);
    for (const select of all('select').filter(visible)) {
        select.selectedIndex = select.options.length - 1;
        select.dispatchEvent(new Event('change', {bubbles: true}));
    }
    const groups = new Set();
    for (const radio of widgets.flatMap((w) => [...w.querySelectorAll('input[type=radio]')])) {
        if (!visible(radio) || groups.has(radio.name)) continue;
        groups.add(radio.name);
        radio.checked = true;
        radio.dispatchEvent(new Event('change', {bubbles: true}));
    }
    for (const box of all('input[type=checkbox]').filter(visible)) {
        if (!box.closest('form')?.querySelector('input[type=password]')) box.click();
    }
    const submits = widgets.flatMap((w) => [...w.querySelectorAll('button[type=submit]')])
        .filter((button) => visible(button)
            && !button.closest('[data-nr-passphrase-row], .nr-data'));
    for (const button of submits) button.click();
    return submits.length;
}"""

SETTLED = """() => ![...document.querySelectorAll(
        '[data-nr-widget] [aria-live], [data-nr-widget] [role=status]')]
    .some((region) => /Checking…|Working…/.test(region.textContent))
    && !document.querySelector('[data-nr-widget] [aria-disabled=true]')"""


# Material fades its header's title and its Back to top button in and out as the page
# scrolls, a frame or two after the scroll (a resize scrolls too): settled means no running
# animation for three frames in a row.
SETTLED_FOR_THREE_FRAMES = """() => new Promise((done) => {
    let calm = 0;
    const tick = () => {
        calm = document.getAnimations().some((a) => a.playState === 'running') ? 0 : calm + 1;
        if (calm >= 3) done(true); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})"""


def check_fits(page: Page, where: str, audit: bool) -> list[str]:
    page.wait_for_function(SETTLED_FOR_THREE_FRAMES, timeout=LOAD_TIMEOUT_MS)
    found: dict[str, Any] = page.evaluate(MEASURE, MIN_CHARACTERS)
    problems = [f"{where}: {problem}" for problem in found["narrow"] + found["wide"]]
    if found["scrollWidth"] > found["viewport"]:
        problems.append(
            f"{where}: the page is {found['scrollWidth']} px wide in a {found['viewport']} px "
            "viewport"
        )
    violations = run_axe(page) if audit else []
    if violations:
        problems.append(f"{where}: axe found\n{describe_violations(violations)}")
    return problems


def check_both_schemes(page: Page, where: str, audit: bool) -> list[str]:
    problems = []
    for scheme in SCHEMES:
        use_scheme(page, scheme)
        problems += check_fits(page, f"{where}, {scheme}", audit)
    return problems


def check_every_width(page: Page, where: str) -> list[str]:
    """Resize the one page to each width in turn and check it there, in both schemes: a
    reader turning a phone or widening a window gets the same page, laid out again."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.wait_for_function("(width) => window.innerWidth === width", arg=width)
        page.evaluate(NEXT_FRAME)  # Material lays itself out again on resize
        problems += check_both_schemes(page, f"{where} at {width} px", width in AXE_WIDTHS)
    return problems


@pytest.mark.parametrize("site_page", site_pages(), ids=lambda page: page.path or "home")
def test_every_page_fits_the_screen_before_and_after_its_widgets_are_used(
    open_page: Callable[..., GuardedPage], site_page: SitePage
) -> None:
    guarded = open_page(viewport={"width": USE_WIDTH, "height": HEIGHT}, has_touch=True)
    page = guarded.page
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(guarded.url(site_page.path), timeout=LOAD_TIMEOUT_MS)
    page.wait_for_load_state("load")
    where = site_page.path or "home"
    problems = check_every_width(page, where)
    if page.locator("[data-nr-widget]").count():
        page.set_viewport_size({"width": USE_WIDTH, "height": HEIGHT})
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-nr-widget]')]"
            ".every((w) => w.hasAttribute('data-nr-mounted'))",
            timeout=LOAD_TIMEOUT_MS,
        )
        if page.evaluate(USE_WIDGETS):
            page.wait_for_function(SETTLED, timeout=PYTHON_TIMEOUT_MS)
        problems += check_every_width(page, f"{where}, widgets used")
    assert not problems, "\n".join(problems)
