"""Render the supervision prep packet's chooser: prompts to pick, optional summaries."""

from __future__ import annotations

from html import escape

from companion_build.pages.links import Links, prompt_anchor
from companion_build.widgets.markup import widget_section
from exercises.model import ChapterContent
from exercises.packet import REMINDER


def render_prep_packet(content: ChapterContent, links: Links) -> str:
    choices = "".join(
        f'<label class="nr-option"><input type="checkbox" name="prompt" value="{prompt.id}"'
        "> "
        f'<a href="{links.prompt(prompt.id)}">{prompt.id}</a> {escape(prompt.text)}'
        '<span class="nr-muted" data-nr-note-flag></span></label>'
        for prompt in content.prompts
    )
    body = (
        '<p class="nr-muted" data-nr-needs-js>The packet needs JavaScript; nothing is sent '
        "anywhere.</p>"
        '<form class="nr-question nr-packet__form" data-nr-packet-form hidden>'
        f"<fieldset><legend>Prompts to bring (your private notes come with them)</legend>"
        f"{choices}</fieldset>"
        "<fieldset><legend>Also include (optional)</legend>"
        '<label class="nr-option"><input type="checkbox" name="include" value="profile"> '
        'My latest check-in profile<span class="nr-muted" data-nr-have="profile"></span></label>'
        '<label class="nr-option"><input type="checkbox" name="include" value="constellation"> '
        'My constellation summary<span class="nr-muted" data-nr-have="constellation"></span>'
        "</label></fieldset>"
        '<p class="nr-muted" data-nr-locked hidden>Your notes are protected: unlock them on the '
        "discussion prompts page first, in this visit, to include them.</p>"
        '<div class="nr-question__actions"><button type="submit" '
        'class="md-button md-button--primary">Make my packet</button></div></form>'
        '<p role="status" data-nr-status></p>'
        '<article class="nr-packet" data-nr-packet hidden aria-labelledby="nr-packet-title">'
        '<h3 id="nr-packet-title">Your supervision prep packet</h3>'
        "<div data-nr-packet-body></div>"
        f'<p class="nr-packet__reminder">{escape(REMINDER)}</p>'
        '<p class="nr-packet__actions"><button type="button" class="md-button" data-nr-print>'
        "Print</button> "
        '<button type="button" class="md-button" data-nr-download>Download as Markdown</button>'
        "</p></article>"
    )
    data = {
        "prompts": [
            {"id": p.id, "text": p.text, "anchor": prompt_anchor(p.id)} for p in content.prompts
        ],
        "title": f"Supervision prep: {content.chapter.title}",
    }
    return widget_section("prep-packet", "prep-packet", "Supervision prep packet", data, body)


SHORTCODES = {"prep-packet": render_prep_packet}
