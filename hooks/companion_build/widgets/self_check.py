"""Render the self-check widgets: accessible HTML that works without JS, plus a JSON island.

The island carries the content the widget's Python needs (items, terms); the
browser sends it back through exercises.bridge with the reader's answer, so
grading runs on exactly what the page shows.
"""

from __future__ import annotations

import random
import string
from html import escape

from companion_build.pages.links import Links
from companion_build.widgets.markup import reveal, source_line, widget_section
from exercises.convert import to_data
from exercises.model import ChapterContent, CheckItem, Takeaway
from exercises.option_order import build_order

KIND_HINTS = {
    "single": "Choose one answer.",
    "multiple": "Choose all that apply.",
    "true-false": "True or false?",
}


def render_takeaway_check(content: ChapterContent, links: Links) -> str:
    questions = "".join(
        _question(number, item, content.takeaway(item.takeaway), links)
        for number, item in enumerate(content.self_check, start=1)
    )
    data = {"items": [to_data(item) for item in content.self_check]}
    body = (
        f'<p class="nr-widget__score" data-nr-score role="status"></p>{questions}'
        '<p class="nr-widget__actions"><button type="button" class="md-button" '
        "data-nr-reset hidden>Clear all answers</button></p>"
    )
    return widget_section("choice-set", "takeaway-check", "Takeaway check", data, body)


def _question(number: int, item: CheckItem, takeaway: Takeaway, links: Links) -> str:
    control = "checkbox" if item.kind == "multiple" else "radio"
    # The content lists the right answer first; the page must not (see option_order).
    by_id = {option.id: option for option in item.options}
    ordered = [by_id[option_id] for option_id in build_order(item)]
    options = "".join(
        f'<div class="nr-option" data-nr-option="{option.id}">'
        f'<label><input type="{control}" name="{item.id}" value="{option.id}"> '
        f"{escape(option.text)}</label>"
        f'<p class="nr-option__feedback" data-nr-feedback-for="{option.id}" hidden></p></div>'
        for option in ordered
    )
    answers = "".join(
        f"<li><strong>{escape(option.text)}</strong>: "
        f"{'right' if option.correct else 'not right'}. {escape(option.feedback)}</li>"
        for option in ordered
    )
    return (
        f'<form class="nr-question" data-nr-item="{item.id}" id="{item.id}">'
        f'<fieldset><legend><span class="nr-question__number">Question {number}.</span> '
        f'{escape(item.question)} <span class="nr-muted">{KIND_HINTS[item.kind]}</span></legend>'
        f"{options}</fieldset>{source_line(takeaway, links)}"
        '<div class="nr-question__actions">'
        '<button type="submit" class="md-button md-button--primary" hidden>Check</button>'
        '<button type="button" class="md-button" data-nr-retry hidden>Try again</button></div>'
        '<div class="nr-question__result" data-nr-result aria-live="polite"></div>'
        f"{reveal('Show the answer and why', f'<ul>{answers}</ul>')}</form>"
    )


def definition_letters(content: ChapterContent) -> list[tuple[str, str]]:
    """(letter, term id) for the match's definitions, in a fixed shuffled order."""
    ids = [term.id for term in content.glossary]
    random.Random(f"glossary-match-{len(ids)}").shuffle(ids)
    return list(zip(string.ascii_uppercase, ids, strict=False))


def render_glossary_match(content: ChapterContent, links: Links) -> str:
    letters = definition_letters(content)
    # The letter is written once, in the text: a lettered list would show it twice.
    definitions = "".join(
        f'<li id="match-definition-{letter}"><strong>{letter}.</strong> '
        f"{escape(content.term(term_id).definition)}</li>"
        for letter, term_id in letters
    )
    # Each choice carries its definition's text, so a reader on a phone need not scroll back.
    choices = '<option value="">Choose a definition…</option>' + "".join(
        f'<option value="{term_id}">{letter}. {escape(content.term(term_id).definition)}</option>'
        for letter, term_id in letters
    )
    rows = "".join(
        f'<li class="nr-match__row"><label for="match-{term.id}">{escape(term.term)}</label>'
        f'<select id="match-{term.id}" name="{term.id}" '
        f'aria-describedby="match-{term.id}-chosen">{choices}</select>'
        f'<p class="nr-match__chosen" id="match-{term.id}-chosen" data-nr-chosen-for="{term.id}">'
        "</p>"
        f'<p class="nr-match__feedback" data-nr-feedback-for="{term.id}" hidden></p></li>'
        for term in content.glossary
    )
    key = "".join(
        f"<li><strong>{escape(content.term(term_id).term)}</strong>: definition {letter}</li>"
        for letter, term_id in sorted(letters, key=lambda pair: content.term(pair[1]).term)
    )
    body = (
        '<form class="nr-match" data-nr-item="glossary-match">'
        '<p class="nr-label">Definitions</p>'
        f'<ul class="nr-match__definitions">{definitions}</ul>'
        "<fieldset><legend>Choose the definition for each term</legend>"
        f'<ol class="nr-match__rows">{rows}</ol></fieldset>'
        '<div class="nr-question__actions">'
        '<button type="submit" class="md-button md-button--primary" hidden>Check matches</button>'
        '<button type="reset" class="md-button" hidden>Start again</button></div>'
        '<div class="nr-question__result" data-nr-result aria-live="polite"></div>'
        f"{reveal('Show the answers', f'<ul>{key}</ul>')}</form>"
    )
    data = {"terms": [to_data(term) for term in content.glossary]}
    return widget_section("match", "glossary-match", "Glossary match", data, body)


def render_flashcards(content: ChapterContent, links: Links) -> str:
    static = "".join(
        f"<li><strong>{escape(term.term)}</strong>"
        f"{reveal('Show the definition', f'<p>{escape(term.definition)}</p>')}</li>"
        for term in content.glossary
    )
    stage = (
        '<div class="nr-cards__stage" data-nr-stage hidden>'
        '<p class="nr-cards__progress" data-nr-progress role="status"></p>'
        '<div class="nr-card" data-nr-card hidden>'
        '<p class="nr-card__term" data-nr-term></p>'
        '<p class="nr-card__definition" data-nr-definition hidden></p></div>'
        '<div class="nr-question__actions">'
        '<button type="button" class="md-button md-button--primary" data-nr-begin>'
        "Start a round</button>"
        '<button type="button" class="md-button md-button--primary" data-nr-show hidden>'
        "Show the definition</button>"
        '<button type="button" class="md-button md-button--primary" data-nr-knew hidden>'
        "I knew it</button>"
        '<button type="button" class="md-button" data-nr-not-yet hidden>Not yet</button></div>'
        '<p class="nr-cards__boxes" data-nr-boxes></p></div>'
    )
    data = {
        "cards": [
            {"id": t.id, "term": t.term, "definition": t.definition} for t in content.glossary
        ]
    }
    body = f'{stage}<ul class="nr-cards__static" data-nr-static>{static}</ul>'
    return widget_section("flashcards", "glossary-flashcards", "Glossary flashcards", data, body)


SHORTCODES = {
    "takeaway-check": render_takeaway_check,
    "glossary-match": render_glossary_match,
    "flashcards": render_flashcards,
}
