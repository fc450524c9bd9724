"""content/chapter-05.yml loads, holds what the site promises, and loses nothing of the guide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion_build.content import load_chapter
from exercises.model import ChapterContent, Takeaway

ROOT = Path(__file__).resolve().parents[2]
CONTENT_FILE = ROOT / "content" / "chapter-05.yml"
GUIDE_FILE = ROOT / "content" / "sources" / "chapter-05-study-guide.txt"

# Connecting words of the guide that have no field of their own in the content file.
# "The authors say" introduces the gift quote in takeaway 7; the content file carries
# who said it as the quote's attribution (Norcross & VandenBos), and the site shows it.
CONNECTIVES = ("The authors say",)

# What may be left of a bullet once its content is taken out: the quote marks around
# quotations, the dash before the epigraph's attribution, and sentence punctuation.
ONLY_PUNCTUATION = re.compile(r"[\s“”\"‘’'.,;:!?()\-–—]*")


def normalise(text: str) -> str:
    """Collapse runs of whitespace; YAML folds lines, the guide has stray spaces."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def chapter() -> ChapterContent:
    return load_chapter(CONTENT_FILE, "content/chapter-05.yml")


@pytest.fixture(scope="module")
def guide_lines() -> list[str]:
    return GUIDE_FILE.read_text(encoding="utf-8").splitlines()


def glossary_lines(lines: list[str]) -> list[str]:
    """The guide's glossary: the lines between its two headings."""
    start = lines.index("Key WORDS") + 1
    end = lines.index("key takeaways")
    return [normalise(line) for line in lines[start:end] if line.strip()]


def takeaway_bullets(lines: list[str]) -> list[str]:
    start = lines.index("key takeaways") + 1
    return [normalise(line.strip().removeprefix("•")) for line in lines[start:] if line.strip()]


def guide_page_spellings(page: str) -> list[str]:
    """How the guide writes a page reference: "(p.77)" and "(p.82)", but "(pp. 82)"."""
    return [f"({page.replace('. ', '.')})", f"({page})"]


def remove_once(text: str, part: str, what: str) -> str:
    """Take `part` out of `text`; it must be there, word for word, or the content changed it."""
    part = normalise(part)
    assert part in text, f"{what} is not in the guide's words:\n  {part}\nbullet:\n  {text}"
    return text.replace(part, " ", 1)


def what_is_left(bullet: str, parts: list[tuple[str, str]]) -> str:
    for what, part in parts:
        bullet = remove_once(bullet, part, what)
    for connective in CONNECTIVES:
        bullet = bullet.replace(connective, " ")
    return normalise(bullet)


def content_of_takeaway(chapter: ChapterContent, takeaway: Takeaway) -> list[tuple[str, str]]:
    """Every string of the content file that comes from this takeaway's bullet."""
    parts: list[tuple[str, str]] = []
    if takeaway.quote is not None:
        parts.append((f"takeaway {takeaway.number} quote", takeaway.quote.text))
    if takeaway.text is not None:
        parts.append((f"takeaway {takeaway.number} text", takeaway.text))
    parts += [(f"prompt {p.id}", p.text) for p in chapter.prompts_for(takeaway.id)]
    return parts


# --- what the content file holds --------------------------------------------------------


def test_the_chapter_has_its_terms_takeaways_and_prompts(chapter: ChapterContent) -> None:
    assert len(chapter.glossary) == 7
    assert [item.number for item in chapter.takeaways] == list(range(1, 11))
    assert [prompt.id for prompt in chapter.prompts] == [f"5.{n:02d}" for n in range(1, 17)]


def test_takeaway_quotes_cite_the_books_pages(chapter: ChapterContent) -> None:
    pages = [item.quote.page for item in chapter.takeaways if item.quote is not None]
    assert pages == ["p. 77", "p. 82", "pp. 82"]


def test_the_chapter_cites_the_2018_edition_and_the_guides_authors(
    chapter: ChapterContent,
) -> None:
    book = chapter.chapter.book
    assert (book.edition, book.year) == ("2nd", 2018)
    assert "Guilford" in book.publisher
    assert book.authors == ("John C. Norcross", "Gary R. VandenBos")
    assert chapter.chapter.study_guide.authors == ("Alyssa Button", "Stephanie Rovig")


def test_the_balint_term_has_an_editor_note_with_sources(chapter: ChapterContent) -> None:
    note = chapter.term("balint-group").editor_note

    assert note is not None, "the guide's Balint definition needs the editor's note beside it"
    assert "relationship" in note.text
    assert len(note.sources) >= 1
    assert all("Balint" in source.citation for source in note.sources)
    assert all(source.url and source.url.startswith("https://") for source in note.sources)


# --- nothing of the study guide is lost -------------------------------------------------


def test_every_glossary_line_of_the_guide_is_a_term_and_its_definition(
    chapter: ChapterContent, guide_lines: list[str]
) -> None:
    lines = glossary_lines(guide_lines)
    content_lines = [normalise(f"{term.term} {term.definition}") for term in chapter.glossary]
    assert content_lines == lines


def test_the_guide_has_the_epigraph_and_one_bullet_per_takeaway(
    chapter: ChapterContent, guide_lines: list[str]
) -> None:
    assert len(takeaway_bullets(guide_lines)) == 1 + len(chapter.takeaways)


def test_the_epigraph_bullet_is_all_in_the_content(
    chapter: ChapterContent, guide_lines: list[str]
) -> None:
    epigraph = chapter.chapter.epigraph
    bullet = takeaway_bullets(guide_lines)[0]

    left = what_is_left(
        bullet, [("epigraph", epigraph.text), ("epigraph attribution", epigraph.attribution)]
    )

    assert ONLY_PUNCTUATION.fullmatch(left), f"the guide's epigraph bullet has more: {left!r}"


@pytest.mark.parametrize("number", range(1, 11))
def test_every_word_of_a_takeaway_bullet_is_in_the_content(
    chapter: ChapterContent, guide_lines: list[str], number: int
) -> None:
    takeaway = chapter.takeaways[number - 1]
    bullet = takeaway_bullets(guide_lines)[number]
    parts = content_of_takeaway(chapter, takeaway)
    if takeaway.quote is not None and takeaway.quote.page is not None:
        spelling = next(
            (s for s in guide_page_spellings(takeaway.quote.page) if s in bullet),
            f"({takeaway.quote.page})",  # not in the guide: remove_once says so
        )
        parts.append((f"takeaway {number} page", spelling))

    left = what_is_left(bullet, parts)

    assert ONLY_PUNCTUATION.fullmatch(left), (
        f"takeaway {number}: these words of the guide are not in the content file: {left!r}"
    )
