"""Render the instructors' pages: the Downloads list and the self-check answer key."""

from __future__ import annotations

from html import escape

from companion_build.exports import site_exports
from companion_build.pages.assignment import render_assignment_builder
from companion_build.pages.download_table import render_download_table
from companion_build.pages.links import Links
from exercises.model import ChapterContent, CheckItem


def render_downloads(content: ChapterContent, links: Links) -> str:
    return render_download_table(
        site_exports(content),
        links,
        table_class="nr-downloads",
        caption="Files made from this site’s content",
        use_heading="Where to use it",
    )


_KINDS = {"single": "One answer", "multiple": "All that apply", "true-false": "True or false"}


def render_answer_key(content: ChapterContent, links: Links) -> str:
    return "".join(
        _answer_key_item(number, item, content, links)
        for number, item in enumerate(content.self_check, start=1)
    )


def _answer_key_item(number: int, item: CheckItem, content: ChapterContent, links: Links) -> str:
    takeaway = content.takeaway(item.takeaway)
    answers = "".join(
        f'<li class="nr-key__option{" nr-key__option--correct" if option.correct else ""}">'
        f'<span class="nr-key__mark">{"Correct" if option.correct else "Not correct"}:</span> '
        f"<strong>{escape(option.text)}</strong>. "
        f'<span class="nr-key__why">{escape(option.feedback)}</span></li>'
        for option in item.options
    )
    return (
        f'<section class="nr-key" id="key-{item.id}" aria-labelledby="key-{item.id}-question">'
        f'<h2 id="key-{item.id}-question" class="nr-key__question">{number}. '
        f"{escape(item.question)}</h2>"
        f'<p class="nr-muted">{_KINDS[item.kind]} · id {escape(item.id)} · takeaway '
        f'<a href="{links.to("takeaways", takeaway.id)}">{takeaway.number}. '
        f'{escape(takeaway.title)}</a></p><ul class="nr-key__options">{answers}</ul></section>'
    )


SHORTCODES = {
    "downloads": render_downloads,
    "answer-key": render_answer_key,
    "assignment-builder": render_assignment_builder,
}
