"""The Balint session timer: plans from the content's formats or custom minutes, run by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from companion_build.content import load_chapter
from exercises.model import GroupSupervision
from tests.browser.browser_helpers import (
    assert_no_axe_violations,
    assert_no_axe_violations_in_both_schemes,
)
from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# Python starts in the reader's browser before a custom plan can be checked; the machine is slow.
PYTHON_TIMEOUT_MS = 60_000
# Custom phases of 0.05 minutes (3 seconds) each, so the whole run takes seconds.
SHORT_PHASES = ("opening", "reflection", "return")
SHORT_MINUTES = "0.05"


@pytest.fixture(scope="module")
def group() -> GroupSupervision:
    content = load_chapter(ROOT / "content/chapter-05.yml")
    assert content.group_supervision is not None
    return content.group_supervision


def choose_custom_plan(page: Page, group: GroupSupervision, minutes: dict[str, str]) -> None:
    widget = page.locator('[data-nr-widget="session-timer"]')
    widget.get_by_label("Custom phases and minutes").check()
    widget.get_by_label("Meeting length in minutes").fill("1")
    for phase in group.phases:
        include = widget.locator(f"#custom-use-{phase.id}")
        if phase.id in minutes:
            include.check()
            widget.get_by_label(f"Minutes for {phase.name}").fill(minutes[phase.id])
        else:
            include.uncheck()
    widget.get_by_role("button", name="Use this plan").click()


def test_a_short_custom_plan_runs_through_its_phases_and_pauses_by_keyboard(
    site_page: GuardedPage, group: GroupSupervision
) -> None:
    page = site_page.page
    site_page.goto("balint-session/")
    choose_custom_plan(page, group, dict.fromkeys(SHORT_PHASES, SHORT_MINUTES))
    widget = page.locator('[data-nr-widget="session-timer"]')
    expect(widget.locator("[data-nr-summary]")).to_contain_text(
        "3 phases in 9 seconds", timeout=PYTHON_TIMEOUT_MS
    )
    names = [group.phase(phase_id).name for phase_id in SHORT_PHASES]
    announcer = widget.locator("[data-nr-announcer]")
    phase_name = widget.locator("[data-nr-phase-name]")
    toggle = widget.locator("[data-nr-toggle]")
    expect(phase_name).to_have_text(names[0])
    expect(widget.locator("[data-nr-clock]")).to_have_text("0:03")
    assert_no_axe_violations(page, "a custom plan ready")

    toggle.focus()
    page.keyboard.press("Space")
    expect(announcer).to_contain_text(f"Phase 1 of 3: {names[0]}")
    expect(toggle).to_have_text("Pause")

    expect(announcer).to_have_text(f"Phase 2 of 3: {names[1]}, 3 seconds.", timeout=10_000)
    expect(phase_name).to_have_text(names[1])
    page.keyboard.press("p")
    expect(announcer).to_contain_text("Paused with")
    expect(toggle).to_have_text("Resume")
    paused_at = widget.locator("[data-nr-clock]").text_content()
    page.wait_for_timeout(1_500)  # long enough for a running clock to move
    expect(widget.locator("[data-nr-clock]")).to_have_text(paused_at or "")
    expect(phase_name).to_have_text(names[1])

    toggle.focus()
    page.keyboard.press("Space")
    expect(announcer).to_contain_text(f"Resumed: {names[1]}")
    expect(announcer).to_have_text(f"Phase 3 of 3: {names[2]}, 3 seconds.", timeout=10_000)
    expect(announcer).to_have_text("The session is over. Time to close.", timeout=10_000)
    expect(phase_name).to_have_text("The session is over")


def test_a_custom_plan_with_a_zero_length_phase_says_which_phase(
    site_page: GuardedPage, group: GroupSupervision
) -> None:
    page = site_page.page
    site_page.goto("balint-session/")
    choose_custom_plan(page, group, {"opening": "1", "reflection": "0"})
    problems = page.locator("[data-nr-problems]")
    expect(problems).to_contain_text(
        f"Phase 2, {group.phase('reflection').name}, has no time.", timeout=PYTHON_TIMEOUT_MS
    )
    expect(page.locator("[data-nr-timer]")).to_be_hidden()
    assert_no_axe_violations(page, "a plan with problems")


def test_each_default_format_is_labelled_and_ready_at_once_in_projector_view(
    site_page: GuardedPage, group: GroupSupervision
) -> None:
    page = site_page.page
    site_page.goto("balint-session/")
    expect(page.locator(".nr-timing-note")).to_contain_text("One common format")
    widget = page.locator('[data-nr-widget="session-timer"]')
    for session_format in group.formats:
        widget.get_by_label(session_format.name).check()
        widget.get_by_role("button", name="Use this plan").click()
        expect(widget.locator("[data-nr-summary]")).to_contain_text(
            f"{session_format.name}, {len(session_format.timings)} phases in "
            f"{session_format.minutes} minutes"
        )
    first = group.formats[-1].timings[0]
    expect(widget.locator("[data-nr-clock]")).to_have_text(f"{first.minutes}:00")
    projector = widget.get_by_role("button", name="Projector view")
    projector.click()
    expect(projector).to_have_attribute("aria-pressed", "true")
    expect(widget.locator(".nr-timer--projector")).to_be_visible()
    assert_no_axe_violations_in_both_schemes(page, "projector view")
    page.keyboard.press("Escape")
    expect(projector).to_have_attribute("aria-pressed", "false")
