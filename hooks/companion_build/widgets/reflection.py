"""Render the private reflection widgets: the relationships check-in and the gift vignettes.

Like the self-check widgets, each works without JavaScript (the questions and
what the chapter says are all in the HTML) and carries a JSON island with the
content its Python needs. What the reader answers stays in their browser.
"""

from __future__ import annotations

from html import escape

from mkdocs.exceptions import PluginError

from companion_build.pages.links import Links
from companion_build.widgets.markup import reveal, widget_section
from exercises.convert import to_data
from exercises.model import (
    CONSIDERATION_LABELS,
    ChapterContent,
    Checkin,
    CheckinItem,
    GiftScenario,
)
from exercises.scenarios import DECISION_LABELS

# The takeaway that states the chapter's position on nurturance from clients.
POSITION_TAKEAWAY = "clients-come-first"

NOT_DIAGNOSTIC = (
    "This is a reflective check-in, not a test or a diagnostic measure: it has no total, "
    "no cut-offs and no labels, and no answer is better than another. Skip anything you "
    "prefer not to answer."
)


def render_crisis_resources(content: ChapterContent, links: Links) -> str:
    return (
        '<aside class="nr-crisis" aria-labelledby="nr-crisis-title" data-nr-no-terms>'
        '<p class="nr-crisis__title" id="nr-crisis-title">'
        "<strong>If you need support now</strong></p>"
        "<ul>"
        '<li>In the US: call or text <a href="tel:988">988</a> '
        "(Suicide &amp; Crisis Lifeline).</li>"
        '<li>In the UK and Ireland: call Samaritans on <a href="tel:116123">116&nbsp;123</a>.</li>'
        "<li>Elsewhere: find a helpline at "
        '<a href="https://findahelpline.com/">findahelpline.com</a>.</li>'
        "</ul><p>If you are in immediate danger, call your local emergency number. "
        "Your supervisor, a colleague assistance programme or your own therapist can "
        "also help.</p></aside>"
    )


def render_checkin(content: ChapterContent, links: Links) -> str:
    checkin = content.checkin
    if checkin is None:
        raise PluginError("The page uses <!-- nr:checkin --> but the content has no checkin.")
    number_of = {item.id: number for number, item in enumerate(checkin.items, start=1)}
    groups = "".join(
        f'<div class="nr-checkin__area" data-nr-area="{area.id}">'
        f'<h3 class="nr-checkin__area-title">{escape(area.title)}</h3>'
        + "".join(
            _checkin_item(checkin, item, number_of[item.id])
            for item in checkin.items
            if item.area == area.id
        )
        + "</div>"
        for area in checkin.areas
    )
    data = {
        "checkin": to_data(checkin),
        "links": {
            area.id: [
                {"href": links.to("takeaways", takeaway), "text": f"Takeaway {number}: {title}"}
                for takeaway in area.takeaways
                for number, title in [_takeaway_label(content, takeaway)]
            ]
            + [
                {"href": links.prompt(prompt), "text": f"Prompt {prompt}"}
                for prompt in area.prompts
            ]
            for area in checkin.areas
        },
    }
    body = (
        '<div class="nr-reflect">'
        f"{render_crisis_resources(content, links)}"
        '<div class="nr-reflect__main">'
        f'<p class="nr-checkin__note">{escape(NOT_DIAGNOSTIC)}</p>'
        '<form class="nr-checkin" data-nr-checkin>'
        f"{groups}"
        '<div class="nr-question__actions">'
        '<button type="submit" class="md-button md-button--primary" hidden>See my profile</button>'
        '<button type="reset" class="md-button" hidden>Clear these answers</button></div>'
        "</form>"
        '<div class="nr-checkin__result" data-nr-result aria-live="polite"></div>'
        '<section class="nr-checkin__history" data-nr-history hidden '
        'aria-labelledby="nr-history-title">'
        '<h3 id="nr-history-title">Your earlier check-ins</h3><ol data-nr-history-list></ol>'
        '<button type="button" class="md-button" data-nr-erase-history>'
        "Erase my check-in history</button></section>"
        "</div></div>"
    )
    return widget_section("checkin", "relationships-checkin", "Relationships check-in", data, body)


def _takeaway_label(content: ChapterContent, takeaway_id: str) -> tuple[int, str]:
    takeaway = content.takeaway(takeaway_id)
    return takeaway.number, takeaway.title


def _checkin_item(checkin: Checkin, item: CheckinItem, number: int) -> str:
    name = f"checkin-{item.id}"
    points = "".join(
        f'<label class="nr-checkin__point"><input type="radio" name="{name}" '
        f'value="{point.value}"> {escape(point.label)}</label>'
        for point in checkin.responses
    )
    skip = (
        f'<label class="nr-checkin__point nr-checkin__skip"><input type="radio" name="{name}" '
        'value="" checked> Skip this one</label>'
    )
    return (
        f'<fieldset class="nr-checkin__item" data-nr-item="{item.id}">'
        f'<legend><span class="nr-question__number">{number}.</span> {escape(item.text)}</legend>'
        f'<div class="nr-checkin__points">{points}{skip}</div></fieldset>'
    )


def render_gift_scenarios(content: ChapterContent, links: Links) -> str:
    if not content.gift_scenarios:
        raise PluginError("The page uses <!-- nr:gift-scenarios --> but there are no vignettes.")
    try:
        position_takeaway = content.takeaway(POSITION_TAKEAWAY)
    except StopIteration:
        raise PluginError(
            f"The gift vignettes quote takeaway {POSITION_TAKEAWAY!r}, which the content lacks."
        ) from None
    position = position_takeaway.text or ""
    position_link = (
        f'<a href="{links.to("takeaways", position_takeaway.id)}">takeaway '
        f"{position_takeaway.number}</a>"
    )
    forms = "".join(
        _scenario(number, scenario, position_link)
        for number, scenario in enumerate(content.gift_scenarios, start=1)
    )
    data = {
        "scenarios": [to_data(scenario) for scenario in content.gift_scenarios],
        "position": position,
    }
    return widget_section("gift-scenarios", "gift-scenarios", "Gifts and boundaries", data, forms)


def _scenario(number: int, scenario: GiftScenario, position_link: str) -> str:
    prefix = f"gift-{scenario.id}"
    decisions = "".join(
        f'<label class="nr-option"><input type="radio" name="{prefix}-decision" '
        f'value="{value}"> {escape(label)}</label>'
        for value, label in DECISION_LABELS.items()
    )
    raised = "".join(
        f"<li><strong>{escape(CONSIDERATION_LABELS[item.kind])}</strong>: {escape(item.text)}</li>"
        for item in scenario.considerations
    )
    return (
        f'<form class="nr-question nr-scenario" data-nr-scenario="{scenario.id}" id="{prefix}">'
        f'<h3 class="nr-scenario__title">{number}. {escape(scenario.title)}</h3>'
        f'<p class="nr-scenario__text">{escape(scenario.text)}</p>'
        f"<fieldset><legend>What would you do?</legend>{decisions}</fieldset>"
        f'<p class="nr-scenario__why"><label for="{prefix}-why">Why? '
        '<span class="nr-muted">(optional; kept only in this browser)</span></label>'
        f'<textarea id="{prefix}-why" name="explanation" rows="3"></textarea></p>'
        '<div class="nr-question__actions">'
        '<button type="submit" class="md-button md-button--primary" hidden>'
        "See what to weigh</button></div>"
        '<div class="nr-scenario__result" data-nr-result aria-live="polite"></div>'
        + reveal(
            "What this vignette raises",
            f"<ul>{raised}</ul><p>The chapter's position ({position_link}): a therapist "
            "does not seek nurturance from clients.</p>",
        )
        + "</form>"
    )


SHORTCODES = {
    "crisis-resources": render_crisis_resources,
    "checkin": render_checkin,
    "gift-scenarios": render_gift_scenarios,
}
