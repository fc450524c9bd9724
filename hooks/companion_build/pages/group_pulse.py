"""Render the facilitator's Group pulse widget: the session, the codes, the pooled picture.

Its JSON island carries what Python needs to read members' codes (the check-in
and the takeaway-check items, in the content's order) and, for the ranked
questions, each takeaway's number, title, page and link.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from companion_build.pages.links import Links
from companion_build.widgets.markup import widget_section
from exercises.convert import to_data
from exercises.group_pulse import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD
from exercises.model import ChapterContent


def render_group_pulse(content: ChapterContent, links: Links) -> str:
    if content.checkin is None or not content.self_check:
        raise PluginError(
            "The page uses <!-- nr:group-pulse --> but the content has no checkin or no "
            "self_check items; add them to the content file or remove the shortcode."
        )
    data = {
        "checkin": to_data(content.checkin),
        "items": to_data(content.self_check),
        "takeaways": {
            takeaway.id: {
                "number": takeaway.number,
                "title": takeaway.title,
                "page": takeaway.quote.page if takeaway.quote else None,
                "href": links.to("takeaways", takeaway.id),
            }
            for takeaway in content.takeaways
        },
        "threshold": DEFAULT_THRESHOLD,
        "minimumThreshold": MINIMUM_THRESHOLD,
    }
    body = (
        '<div class="nr-pulse" data-nr-pulse>'
        '<p class="nr-pulse__nojs" data-nr-pulse-nojs>The group pulse needs JavaScript: it reads '
        "members' codes with Python running in this browser.</p>"
        "<div data-nr-pulse-controls hidden>"
        '<section class="nr-pulse__session" aria-labelledby="nr-pulse-session-title">'
        '<h3 id="nr-pulse-session-title">1. Start a session</h3>'
        '<p><button type="button" class="md-button md-button--primary" data-nr-pulse-start>'
        "Start a session</button></p>"
        '<p class="nr-pulse__code" data-nr-pulse-session aria-live="polite"></p>'
        '<p><label for="nr-pulse-threshold">Show the group\'s picture from this many summaries '
        f"(at least {MINIMUM_THRESHOLD})</label> "
        f'<input id="nr-pulse-threshold" type="number" inputmode="numeric" '
        f'min="{MINIMUM_THRESHOLD}" max="99" value="{DEFAULT_THRESHOLD}" '
        "data-nr-pulse-threshold></p></section>"
        '<section class="nr-pulse__add" aria-labelledby="nr-pulse-add-title" '
        "data-nr-pulse-add hidden>"
        '<h3 id="nr-pulse-add-title">2. Add members\' codes</h3>'
        '<form data-nr-pulse-form><p><label for="nr-pulse-code">A member\'s code '
        "(type it, or paste several, one per line)</label></p>"
        '<textarea id="nr-pulse-code" rows="2" spellcheck="false" autocomplete="off" '
        'autocapitalize="characters" data-nr-pulse-code></textarea>'
        '<p class="nr-question__actions">'
        '<button type="submit" class="md-button md-button--primary">Add</button>'
        '<button type="button" class="md-button" data-nr-pulse-scan>Scan with the camera</button>'
        '<button type="button" class="md-button" data-nr-pulse-stop hidden>Stop scanning</button>'
        "</p></form>"
        '<video class="nr-pulse__video" data-nr-pulse-video muted playsinline hidden '
        'aria-label="Camera view for scanning members\' QR codes"></video>'
        '<p class="nr-pulse__status" data-nr-pulse-status role="status" aria-live="polite"></p>'
        '<p class="nr-pulse__counts" data-nr-pulse-counts aria-live="polite"></p></section>'
        '<section class="nr-pulse__picture" aria-labelledby="nr-pulse-picture-title" '
        "data-nr-pulse-picture hidden>"
        '<h3 id="nr-pulse-picture-title">3. The group\'s picture</h3>'
        '<p class="nr-question__actions">'
        '<button type="button" class="md-button" data-nr-pulse-projector aria-pressed="false">'
        "Projector view</button>"
        '<button type="button" class="md-button" data-nr-pulse-markdown hidden>'
        "Download Markdown</button>"
        '<button type="button" class="md-button" data-nr-pulse-csv hidden>Download CSV</button>'
        '<button type="button" class="md-button" data-nr-pulse-end>End the session</button></p>'
        '<div data-nr-pulse-aggregate aria-live="polite"></div></section>'
        "</div></div>"
    )
    return widget_section("group-pulse", "group-pulse-tool", "Group pulse", data, body)


def render_group_pulse_rules(content: ChapterContent, links: Links) -> str:
    """What stays private, with the thresholds from the code that enforces them."""
    return (
        '<div class="admonition note"><p class="admonition-title">What stays private</p><ul>'
        "<li>A summary holds only a format mark, this session's code, a random number (so a "
        "code added twice counts once), each check-in area's band (or each question's right, "
        "missed or not answered) and whether plausible deniability was on. No name, no time, "
        "no free text.</li>"
        f"<li><strong>Nothing is shown until at least {DEFAULT_THRESHOLD} summaries of a kind "
        f"are in</strong> (you can raise that number, never set it below {MINIMUM_THRESHOLD}). "
        "Single summaries are never displayed, not even to you.</li>"
        "<li>Nothing is kept when this page closes or you end the session, unless you download "
        "the group's picture (Markdown or CSV: the totals only).</li>"
        "<li>The camera is used only when you press Scan, and only in this browser.</li>"
        "<li>Everyone can decline: sharing is never required.</li></ul></div>"
    )


SHORTCODES = {
    "group-pulse": render_group_pulse,
    "group-pulse-rules": render_group_pulse_rules,
}
