"""Render the My data page's widget: what this browser keeps, export, import, erase."""

from __future__ import annotations

from companion_build.pages.links import Links
from companion_build.widgets.markup import widget_section
from exercises.model import ChapterContent
from exercises.saved_data import CURRENT_VERSION, FORMAT, MAX_BYTES, RECORD_LABELS

SHARED_COMPUTER_WARNING = (
    "On a shared or public computer, anyone who uses this browser after you can open "
    "this page and read what you saved here, including private notes that are not "
    "protected by a passphrase. Erase your data before you leave, or use a private window."
)


def render_my_data(content: ChapterContent, links: Links) -> str:
    megabytes = MAX_BYTES // 1_000_000
    body = (
        '<div class="nr-data">'
        '<div class="admonition warning"><p class="admonition-title">On a shared computer</p>'
        f"<p>{SHARED_COMPUTER_WARNING}</p></div>"
        '<h3 id="kept-here">What this browser keeps for the site</h3>'
        '<div data-nr-records aria-live="polite"><p>Turn on JavaScript to see what is kept. '
        "Without it, the site keeps nothing.</p></div>"
        '<h3 id="export">Export</h3>'
        "<p>Download everything listed above as one JSON file, to keep a copy or to move it "
        "to another browser. The file is made on this device and goes nowhere else.</p>"
        '<p><button type="button" class="md-button md-button--primary" data-nr-export hidden>'
        "Download my data</button></p>"
        '<h3 id="import">Import</h3>'
        f"<p>Choose a file exported from this page (JSON, at most {megabytes} MB). You will see "
        "what it holds before anything changes; a file that does not fit is refused and your "
        "saved data stays exactly as it is.</p>"
        '<p><label for="nr-import-file">File to import</label> '
        '<input type="file" id="nr-import-file" accept=".json,application/json" '
        "data-nr-import-file disabled></p>"
        '<p class="nr-data__message" data-nr-import-message role="status" aria-live="polite"></p>'
        '<div class="nr-data__preview" data-nr-preview hidden>'
        "<p data-nr-preview-summary></p>"
        "<table data-nr-preview-table><caption>What the file holds</caption><thead><tr>"
        '<th scope="col">What it is</th><th scope="col">Size</th>'
        '<th scope="col">If you merge</th></tr></thead><tbody></tbody></table>'
        '<p data-nr-passphrase-row hidden><label for="nr-import-passphrase">Your notes are '
        "protected: the passphrase that opens them (the merged notes stay protected)</label> "
        '<input type="password" id="nr-import-passphrase" autocomplete="current-password"></p>'
        "<fieldset><legend>How to import</legend>"
        '<label class="nr-option"><input type="radio" name="nr-import-mode" value="merge" checked>'
        " Merge: add what the file has to what is kept here, item by item; nothing is removed, "
        "and where both have a different version of the same note, both are kept</label>"
        '<label class="nr-option"><input type="radio" name="nr-import-mode" value="replace">'
        " Replace: erase what this browser keeps and keep only the file's records</label>"
        "</fieldset>"
        '<p><button type="button" class="md-button md-button--primary" data-nr-import>'
        "Import</button> "
        '<button type="button" class="md-button" data-nr-cancel-import>Cancel</button></p></div>'
        '<h3 id="erase">Erase</h3>'
        "<p>Remove everything this site keeps in this browser: answers, flashcards, "
        "check-ins, vignette responses and private notes. Export first if you want a copy.</p>"
        '<p><button type="button" class="md-button" data-nr-erase hidden>'
        "Erase all my data</button></p>"
        '<p class="nr-data__message" data-nr-message role="status" aria-live="polite"></p>'
        "</div>"
    )
    data = {
        "format": FORMAT,
        "version": CURRENT_VERSION,
        "maxBytes": MAX_BYTES,
        "labels": [list(pair) for pair in RECORD_LABELS],
    }
    return widget_section("my-data", "my-data-tool", "My data", data, body)


SHORTCODES = {"my-data": render_my_data}
