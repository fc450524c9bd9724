"""The glossary as an Anki deck (.apkg), written by genanki.

Every id and timestamp is derived from the chapter, never from the clock or
chance, so a rebuild gives the same file and re-importing it updates the
reader's cards instead of duplicating them.
"""

from __future__ import annotations

import calendar
import hashlib
import io
from html import escape

from companion_build.exports.reproducible_zip import download_date, reproducible_zip
from exercises.model import ChapterContent

_CARD_CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: left; }"


def stable_id(*parts: str) -> int:
    """A positive 63-bit integer from text: Anki's model and deck ids must stay the same."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 2 or 1


def deck_name(content: ChapterContent) -> str:
    book = content.chapter.book
    return f"{book.title}::Chapter {content.chapter.number}, {content.chapter.title}: glossary"


def write_anki_deck(content: ChapterContent) -> bytes:
    import genanki  # imported when a deck is written: see write_canvas_qti

    namespace = f"{content.chapter.book.title} chapter {content.chapter.number}"
    model = genanki.Model(
        stable_id(namespace, "glossary note type"),
        f"{namespace}: term and definition",
        fields=[{"name": "Term"}, {"name": "Definition"}, {"name": "Source"}],
        templates=[
            {
                "name": "Term to definition",
                "qfmt": "{{Term}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Definition}}'
                "<p><small>{{Source}}</small></p>",
            }
        ],
        css=_CARD_CSS,
    )
    deck = genanki.Deck(stable_id(namespace, "glossary deck"), deck_name(content))
    guide = content.chapter.study_guide
    source = f"Study guide by {' & '.join(guide.authors)}"
    for term in content.glossary:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[_html(term.term), _html(term.definition), _html(source)],
                guid=genanki.guid_for(namespace, term.id),
            )
        )
    output = io.BytesIO()
    # Notes and cards carry the download's date as their creation time, not the build's.
    created = calendar.timegm(download_date(content).timetuple())
    genanki.Package(deck).write_to_file(output, timestamp=float(created))
    return reproducible_zip(output.getvalue())


def _html(text: str) -> str:
    # Anki fields are HTML.
    return escape(" ".join(text.split()), quote=False)
