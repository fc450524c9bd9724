"""Render the group supervision pages: ground rules, session formats, the timer, case preparation
and the peer consultation formats, all from the content file's `group_supervision`."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from mkdocs.exceptions import PluginError

from companion_build.pages.links import Links
from companion_build.widgets.markup import widget_section
from exercises.model import ChapterContent, GroupSupervision, SessionFormat, Source
from exercises.sessions import SessionPlan, build_session_plan, format_requests, plan_to_data

CUSTOM = "custom"


def _group(content: ChapterContent) -> GroupSupervision:
    if content.group_supervision is None:
        raise PluginError(
            "The page uses a group supervision shortcode, but the content file has no "
            "group_supervision section. Add it (see content/chapter.schema.json)."
        )
    return content.group_supervision


def _default_plan(group: GroupSupervision, session_format: SessionFormat) -> SessionPlan:
    return build_session_plan(session_format.minutes * 60, format_requests(group, session_format))


def _clock(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


def _listing(tag: str, css_class: str, items: Iterable[str]) -> str:
    """One list element of the given class around its items' markup."""
    return f'<{tag} class="{css_class}">{"".join(items)}</{tag}>'


def _sources(sources: tuple[Source, ...]) -> str:
    items = "".join(
        f"<li>{escape(s.citation)}"
        + (f' <a href="{escape(s.url)}">{escape(s.url)}</a>' if s.url else "")
        + "</li>"
        for s in sources
    )
    return f'<ul class="nr-sources" data-nr-no-terms>{items}</ul>'


def render_ground_rules(content: ChapterContent, links: Links) -> str:
    return _listing(
        "ol",
        "nr-ground-rules",
        [
            f'<li id="rule-{rule.id}"><strong>{escape(rule.title)}.</strong> '
            f"{escape(rule.text)}</li>"
            for rule in _group(content).ground_rules
        ],
    )


def render_session_formats(content: ChapterContent, links: Links) -> str:
    group = _group(content)
    blocks = [
        f'<p class="nr-timing-note"><strong>One common format.</strong> '
        f"{escape(group.timing_note)}</p>"
    ]
    for session_format in group.formats:
        plan = _default_plan(group, session_format)
        rows = "".join(
            f"<tr><td>{escape(phase.name)}</td><td>{phase.seconds // 60}</td>"
            f"<td>{_clock(phase.starts_at)}</td></tr>"
            for phase in plan.phases
        )
        blocks.append(
            '<section class="nr-table-scroll" tabindex="0" '
            f'aria-labelledby="format-{session_format.id}-caption">'
            f'<table class="nr-session-format" id="format-{session_format.id}">'
            f'<caption id="format-{session_format.id}-caption">{escape(session_format.name)}: '
            f"{escape(session_format.summary)}</caption>"
            '<thead><tr><th scope="col">Phase</th><th scope="col">Minutes</th>'
            '<th scope="col">Starts at</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></section>"
        )
    blocks.append('<p class="nr-label">Sources on the Balint method</p>' + _sources(group.sources))
    return "".join(blocks)


def render_phase_guide(content: ChapterContent, links: Links) -> str:
    return _listing(
        "dl",
        "nr-phase-guide",
        [
            f'<dt id="phase-{phase.id}">{escape(phase.name)}</dt>'
            f"<dd>{escape(phase.description)}</dd>"
            for phase in _group(content).phases
        ],
    )


def render_session_timer(content: ChapterContent, links: Links) -> str:
    group = _group(content)
    formats = [
        {
            "id": f.id,
            "name": f.name,
            "minutes": f.minutes,
            "plan": plan_to_data(_default_plan(group, f)),
        }
        for f in group.formats
    ]
    phases = [{"id": p.id, "name": p.name, "description": p.description} for p in group.phases]
    data = {"formats": formats, "phases": phases}
    first = group.formats[0]
    choices = "".join(
        f'<label class="nr-filter__option"><input type="radio" name="nr-session-format" '
        f'value="{f.id}"{" checked" if f is first else ""}> {escape(f.name)}</label>'
        for f in group.formats
    ) + (
        f'<label class="nr-filter__option"><input type="radio" name="nr-session-format" '
        f'value="{CUSTOM}"> Custom phases and minutes</label>'
    )
    custom_rows = "".join(
        f'<tr data-nr-custom-phase="{p.id}"><td><input type="checkbox" id="custom-use-{p.id}" '
        f'checked><label for="custom-use-{p.id}"> {escape(p.name)}</label></td>'
        f'<td><label class="nr-visually-hidden" for="custom-minutes-{p.id}">Minutes for '
        f'{escape(p.name)}</label><input type="number" id="custom-minutes-{p.id}" min="0" '
        f'step="any" inputmode="decimal" value="{_minutes_in(first, p.id)}"></td></tr>'
        for p in group.phases
    )
    setup = (
        '<form class="nr-session-setup" data-nr-setup hidden>'
        f"<fieldset><legend>Meeting format</legend>{choices}</fieldset>"
        "<fieldset data-nr-custom hidden><legend>Custom phases and minutes</legend>"
        '<p class="nr-muted">Minutes may have decimals: 0.5 is 30 seconds. Untick a phase to '
        "leave it out.</p>"
        '<p><label for="custom-meeting">Meeting length in minutes</label> '
        f'<input type="number" id="custom-meeting" min="0" step="any" inputmode="decimal" '
        f'value="{first.minutes}"></p>'
        '<table class="nr-custom-phases"><thead><tr><th scope="col">Phase</th>'
        f'<th scope="col">Minutes</th></tr></thead><tbody>{custom_rows}</tbody></table>'
        "</fieldset>"
        '<p><button type="submit" class="md-button md-button--primary">Use this plan</button></p>'
        '<div class="nr-session-problems" data-nr-problems role="alert"></div>'
        '<p class="nr-session-summary" data-nr-summary role="status"></p></form>'
    )
    timer = (
        '<div class="nr-timer" data-nr-timer hidden>'
        '<p class="nr-timer__position" data-nr-position></p>'
        # Never an empty heading: the timer names the phase once it runs.
        '<h3 class="nr-timer__phase" data-nr-phase-name tabindex="-1">The session timer</h3>'
        '<p class="nr-timer__clock" data-nr-clock role="timer" aria-label="Time left in this '
        'phase"></p>'
        '<p class="nr-timer__description" data-nr-phase-description></p>'
        '<p class="nr-timer__next" data-nr-next></p>'
        '<div class="nr-timer__controls">'
        '<button type="button" class="md-button md-button--primary" data-nr-toggle>Start</button>'
        '<button type="button" class="md-button" data-nr-skip>Next phase</button>'
        '<button type="button" class="md-button" data-nr-restart>Start over</button>'
        '<button type="button" class="md-button" data-nr-projector aria-pressed="false">'
        "Projector view</button></div>"
        '<p class="nr-timer__keys nr-muted">Keys while the timer has focus: <kbd>P</kbd> pauses '
        "and resumes, <kbd>N</kbd> moves to the next phase, <kbd>Esc</kbd> leaves projector "
        "view.</p>"
        '<p class="nr-visually-hidden" data-nr-announcer role="status" aria-live="polite"></p>'
        "</div>"
    )
    body = (
        '<p class="nr-muted" data-nr-no-script>The timer needs JavaScript. The formats and '
        "their timings are listed above.</p>" + setup + timer
    )
    return widget_section("session-timer", "session-timer-tool", "Balint session timer", data, body)


def _minutes_in(session_format: SessionFormat, phase_id: str) -> str:
    """The first format's minutes for a phase, to start a custom plan from."""
    minutes = sum(t.minutes for t in session_format.timings if t.phase == phase_id)
    return str(minutes or 1)


def render_case_preparation(content: ChapterContent, links: Links) -> str:
    preparation = _group(content).case_preparation
    if preparation is None:
        raise PluginError(
            "The page uses <!-- nr:case-preparation -->, but the content file has no "
            "group_supervision.case_preparation. Add it (see content/chapter.schema.json)."
        )
    bring = "".join(f"<li>{escape(item)}</li>" for item in preparation.bring)
    leave_out = "".join(f"<li>{escape(item)}</li>" for item in preparation.leave_out)
    checks = "".join(
        f'<li><input type="checkbox" id="deidentify-{number}"> '
        f'<label for="deidentify-{number}">{escape(item)}</label></li>'
        for number, item in enumerate(preparation.deidentify, start=1)
    )
    return (
        '<div class="nr-worksheet">'
        '<h2 id="bring">Bring</h2>'
        f'<ul class="nr-worksheet__list">{bring}</ul>'
        '<h2 id="leave-out">Leave out</h2>'
        f'<ul class="nr-worksheet__list">{leave_out}</ul>'
        '<h2 id="de-identify">De-identification checklist</h2>'
        '<fieldset class="nr-worksheet__checklist"><legend>Before you present, check that '
        "your account has:</legend>"
        f'<ul class="nr-worksheet__checks">{checks}</ul></fieldset>'
        '<p class="nr-muted">Ticks stay on this page only: nothing is saved or sent.</p>'
        '<h2 id="thinking-space">Space to think</h2>'
        "<p>Before the meeting, not to read out: what do you feel when this patient comes to "
        "mind, and what would you like to understand?</p>"
        '<div class="nr-worksheet__space" aria-hidden="true"></div></div>'
    )


def render_consultation_formats(content: ChapterContent, links: Links) -> str:
    formats = _group(content).consultation_formats
    if not formats:
        raise PluginError(
            "The page uses <!-- nr:consultation-formats -->, but the content file has no "
            "group_supervision.consultation_formats. Add them (see content/chapter.schema.json)."
        )
    rows = "".join(
        f'<tr id="format-{item.id}"><th scope="row">{escape(item.name)}</th>'
        f"<td>{escape(item.purpose)}</td><td>{escape(item.size)}</td>"
        f"<td>{escape(item.structure)}</td><td>{escape(item.advice)}</td></tr>"
        for item in formats
    )
    sources = "".join(
        f'<h3 id="sources-{item.id}">{escape(item.name)}</h3>{_sources(item.sources)}'
        for item in formats
    )
    return (
        '<section class="nr-table-scroll" tabindex="0" '
        'aria-labelledby="consultation-caption">'
        '<table class="nr-consultation-formats"><caption id="consultation-caption">Peer '
        "consultation formats side by side</caption><thead><tr>"
        '<th scope="col">Format</th><th scope="col">Purpose</th><th scope="col">Size</th>'
        '<th scope="col">Structure</th><th scope="col">Is advice given?</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
        f'<h2 id="sources">Sources</h2>{sources}'
    )


SHORTCODES = {
    "case-preparation": render_case_preparation,
    "consultation-formats": render_consultation_formats,
    "ground-rules": render_ground_rules,
    "session-formats": render_session_formats,
    "phase-guide": render_phase_guide,
    "session-timer": render_session_timer,
}
