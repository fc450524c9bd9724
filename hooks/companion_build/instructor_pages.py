"""Render the instructors' pages: the Downloads list and the self-check answer key."""

from __future__ import annotations

from html import escape

from mkdocs.utils import get_relative_url

from companion_build.assignment_page import render_assignment_builder
from companion_build.exports import EXPORT_DIRECTORY, site_exports
from companion_build.links import Links
from exercises.model import ChapterContent, CheckItem


def describe_size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"


def render_downloads(content: ChapterContent, links: Links) -> str:
    rows = "".join(
        f'<tr><td><a href="{get_relative_url(f"{EXPORT_DIRECTORY}/{e.filename}", links.from_url)}'
        f'" download>{_breakable(e.filename)}</a></td><td>{escape(e.title)}</td>'
        f"<td>{escape(e.holds)}</td><td>{escape(e.use)}</td>"
        f'<td class="nr-nowrap">{describe_size(len(e.data))}</td></tr>'
        for e in site_exports(content)
    )
    # A focusable, labelled region: on a phone the table scrolls inside it, by keyboard too.
    return (
        '<section class="nr-table-scroll" tabindex="0" '
        'aria-labelledby="downloads-caption">'
        '<table class="nr-downloads" data-nr-no-terms><caption id="downloads-caption">Files made '
        'from this site’s content</caption><thead><tr><th scope="col">File</th>'
        '<th scope="col">Format</th><th scope="col">Holds</th><th scope="col">Where to use it</th>'
        f'<th scope="col">Size</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _breakable(filename: str) -> str:
    """A file name that may wrap before a dot and after a dash, never mid-word."""
    text = escape(filename).replace(".", "<wbr>.").replace("-", "-<wbr>")
    return text.replace("_", "_<wbr>")


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


INSTRUCTOR_RENDERERS = {
    "downloads": render_downloads,
    "answer-key": render_answer_key,
    "assignment-builder": render_assignment_builder,
}
