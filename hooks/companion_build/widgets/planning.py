"""Render the constellation map and the day planner: forms that work with JS, notes without."""

from __future__ import annotations

from html import escape

from companion_build.pages.links import Links
from companion_build.widgets.markup import widget_section
from exercises.constellation import CONTACT_LABELS, MAX_LABEL, ROLE_LABELS
from exercises.model import ChapterContent

ENERGY_LABELS = {"draining": "Draining", "neutral": "Neutral", "replenishing": "Replenishing"}
KIND_LABELS = {"session": "Session", "task": "Task", "break": "Break"}


def _options(labels: dict[str, str]) -> str:
    return "".join(
        f'<option value="{value}">{escape(text)}</option>' for value, text in labels.items()
    )


def _takeaway_links(content: ChapterContent, links: Links) -> dict[str, dict[str, str]]:
    return {
        item.id: {
            "href": links.to("takeaways", item.id),
            "text": f"Takeaway {item.number}: {item.title}",
        }
        for item in content.takeaways
    }


def _needs_js(what: str) -> str:
    return (
        f'<p class="nr-muted" data-nr-needs-js>{what} needs JavaScript; '
        "nothing is sent anywhere.</p>"
    )


def render_constellation(content: ChapterContent, links: Links) -> str:
    body = (
        _needs_js("The map") + '<form class="nr-question nr-plan-form" data-nr-add-person hidden>'
        "<fieldset><legend>Add someone to your map</legend>"
        '<p><label for="nr-person-label">Initials or a nickname</label> '
        f'<input type="text" id="nr-person-label" name="label" maxlength="{MAX_LABEL}" '
        'autocomplete="off" aria-describedby="nr-person-advice" required>'
        '<span class="nr-muted" id="nr-person-advice"> Not a full name: someone else may use '
        "this browser.</span></p>"
        f'<p><label for="nr-person-role">Role</label> <select id="nr-person-role" name="role">'
        f"{_options(ROLE_LABELS)}</select></p>"
        f'<p><label for="nr-person-contact">How often you are in touch</label> '
        f'<select id="nr-person-contact" name="contact">{_options(CONTACT_LABELS)}</select></p>'
        '<p><button type="submit" class="md-button">Add to my map</button></p></fieldset></form>'
        '<div data-nr-list-region hidden><h3 id="nr-people-title">People on your map</h3>'
        '<ul data-nr-people aria-labelledby="nr-people-title"></ul>'
        '<p><button type="button" class="md-button md-button--primary" data-nr-run>'
        "Map my constellation</button></p></div>"
        '<p role="status" data-nr-status></p>'
        '<div class="nr-plan-result" data-nr-result aria-live="polite"></div>'
    )
    data = {
        "roles": ROLE_LABELS,
        "contacts": CONTACT_LABELS,
        "takeaways": _takeaway_links(content, links),
    }
    return widget_section(
        "constellation", "constellation-map", "Competence-constellation map", data, body
    )


def render_day_planner(content: ChapterContent, links: Links) -> str:
    body = (
        _needs_js("The planner") + '<form class="nr-question nr-plan-form" data-nr-day hidden>'
        "<fieldset><legend>Your working day</legend>"
        '<p><label for="nr-day-start">Starts at</label> '
        '<input type="time" id="nr-day-start" name="day_start" value="09:00" required> '
        '<label for="nr-day-end">ends at</label> '
        '<input type="time" id="nr-day-end" name="day_end" value="17:00" required></p>'
        "</fieldset></form>"
        '<form class="nr-question nr-plan-form" data-nr-add-item hidden>'
        "<fieldset><legend>Add a session, task or break</legend>"
        '<p><label for="nr-item-label">What it is</label> '
        '<input type="text" id="nr-item-label" name="label" maxlength="40" autocomplete="off" '
        'required aria-describedby="nr-item-advice"><span class="nr-muted" id="nr-item-advice">'
        " No client names: “Intake”, “Couple 2”, “Notes”.</span></p>"
        f'<p><label for="nr-item-kind">Kind</label> <select id="nr-item-kind" name="kind">'
        f"{_options(KIND_LABELS)}</select> "
        f'<label for="nr-item-energy">Energy</label> <select id="nr-item-energy" name="energy">'
        f"{_options(ENERGY_LABELS)}</select></p>"
        '<p><label for="nr-item-minutes">Minutes</label> '
        '<input type="number" id="nr-item-minutes" name="minutes" min="5" max="600" step="5" '
        'value="50" required> '
        '<label for="nr-item-fixed">Fixed start (optional)</label> '
        '<input type="time" id="nr-item-fixed" name="fixed_start"></p>'
        '<p><button type="submit" class="md-button">Add to my day</button></p></fieldset></form>'
        '<div data-nr-list-region hidden><h3 id="nr-items-title">Your day’s items</h3>'
        '<ul data-nr-items aria-labelledby="nr-items-title"></ul>'
        '<p><button type="button" class="md-button md-button--primary" data-nr-run>'
        "Plan my day</button></p></div>"
        '<p role="status" data-nr-status></p>'
        '<div class="nr-plan-result" data-nr-result aria-live="polite"></div>'
    )
    data = {"energies": ENERGY_LABELS, "kinds": KIND_LABELS}
    return widget_section("day-planner", "day-planner-tool", "Day planner", data, body)


SHORTCODES = {
    "constellation": render_constellation,
    "day-planner": render_day_planner,
}
