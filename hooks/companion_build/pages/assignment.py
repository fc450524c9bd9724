"""Render the assignment builder: its controls, and the prompts it picks from as a JSON island.

Nothing here needs Python in the browser: choosing and ordering prompts is done
by overrides/assets/js/widgets/assignment-builder.js, and the selection lives in
the page's URL so a link reopens it.
"""

from __future__ import annotations

from html import escape

from companion_build.pages.links import Links
from companion_build.widgets.markup import json_island
from exercises.convert import to_data
from exercises.model import USE_LABELS, USES, ChapterContent

# Printed under each prompt that asks for personal disclosure, beside its alternative.
CHOICE_NOTE = (
    "This question asks about your own life. You may answer the alternative instead; "
    "you need not say why, and the choice does not affect your grade."
)


def render_assignment_builder(content: ChapterContent, links: Links) -> str:
    book = content.chapter.book
    data = {
        "prompts": [
            {
                "id": prompt.id,
                "text": prompt.text,
                "takeaway": content.takeaway(prompt.takeaway).number,
                "uses": list(prompt.uses),
                "personal": prompt.personal,
                "alternative": prompt.alternative,
            }
            for prompt in content.prompts
        ],
        # The assignment's Common Cartridge is made from these (exercises.cartridge).
        "cartridge": {
            "prompts": [to_data(prompt) for prompt in content.prompts],
            "takeaways": [to_data(takeaway) for takeaway in content.takeaways],
        },
        "choiceNote": CHOICE_NOTE,
        "credit": (
            f"Prompts from the study guide by {' & '.join(content.chapter.study_guide.authors)} "
            f"for {', '.join(book.authors)}, {book.title} ({book.edition} ed., {book.year}), "
            f"chapter {content.chapter.number}."
        ),
    }
    takeaways = "".join(
        f'<option value="{item.number}">{item.number}. {escape(item.title)}</option>'
        for item in content.takeaways
        if content.prompts_for(item.id)
    )
    uses = "".join(f'<option value="{use}">{USE_LABELS[use]}</option>' for use in USES)
    choices = "".join(
        f'<li class="nr-builder__choice" data-nr-choice="{prompt.id}">'
        f'<input type="checkbox" id="pick-{prompt.id.replace(".", "-")}" value="{prompt.id}">'
        f'<label for="pick-{prompt.id.replace(".", "-")}"><strong>{prompt.id}</strong> '
        f"{escape(prompt.text)}"
        + (' <span class="nr-tag">Personal; has an alternative</span>' if prompt.personal else "")
        + "</label></li>"
        for prompt in content.prompts
    )
    controls = (
        '<div class="nr-builder__controls" data-nr-builder-controls hidden>'
        '<p class="nr-builder__link-status" data-nr-link-status role="status"></p>'
        '<form class="nr-builder__find" data-nr-find>'
        "<fieldset><legend>Find prompts</legend>"
        '<p><label for="builder-takeaway">Takeaway</label> <select id="builder-takeaway">'
        f'<option value="">All takeaways</option>{takeaways}</select></p>'
        '<p><label for="builder-use">Use</label> <select id="builder-use">'
        f'<option value="">All uses</option>{uses}</select></p>'
        '<p class="nr-muted" data-nr-find-status role="status"></p></fieldset>'
        f'<fieldset><legend>Choose prompts</legend><ul class="nr-builder__choices">{choices}</ul>'
        "</fieldset></form>"
        '<form class="nr-builder__details" data-nr-details>'
        "<fieldset><legend>Your assignment</legend>"
        '<p><label for="builder-title">Title</label><br>'
        '<input type="text" id="builder-title" name="title" size="40"></p>'
        '<p><label for="builder-instructions">Instructions</label><br>'
        '<textarea id="builder-instructions" name="instructions" rows="3" cols="50"></textarea></p>'
        '<p><label for="builder-due">Due date</label><br>'
        '<input type="date" id="builder-due" name="due"></p></fieldset></form>'
        '<h2 id="builder-order">Chosen prompts, in order</h2>'
        '<p class="nr-muted" data-nr-empty>No prompts chosen yet. Tick some above.</p>'
        '<ol class="nr-builder__selected" data-nr-selected aria-labelledby="builder-order"></ol>'
        '<div class="nr-builder__share">'
        '<p><label for="builder-link">Link to this assignment</label><br>'
        '<input type="text" id="builder-link" readonly size="60" data-nr-link></p>'
        '<p class="nr-builder__actions">'
        '<button type="button" class="md-button" data-nr-copy-assignment>Copy link</button>'
        '<button type="button" class="md-button" data-nr-print>Print handout</button>'
        '<button type="button" class="md-button" data-nr-markdown>Download Markdown</button></p>'
        '<p class="nr-visually-hidden" data-nr-builder-status role="status"></p></div></div>'
    )
    handout = (
        '<section class="nr-handout" data-nr-handout hidden aria-labelledby="handout-title">'
        '<p class="nr-label nr-handout__preview-label">Handout preview</p>'
        '<h2 id="handout-title" data-nr-handout-title>Assignment</h2>'
        '<p class="nr-handout__due" data-nr-handout-due></p>'
        '<p class="nr-handout__instructions" data-nr-handout-instructions></p>'
        '<ol class="nr-handout__prompts" data-nr-handout-prompts></ol>'
        f'<p class="nr-handout__credit nr-muted">{escape(str(data["credit"]))}</p></section>'
    )
    island = json_island(data, "data-nr-builder-data")
    return (
        f'<div class="nr-builder" data-nr-assignment-builder data-search-exclude>{island}'
        '<p class="nr-muted" data-nr-no-script>The assignment builder needs JavaScript. The '
        f'<a href="{links.to("prompts")}">discussion prompts</a> page lists every prompt with '
        "its own link.</p>"
        f"{controls}{handout}</div>"
    )
