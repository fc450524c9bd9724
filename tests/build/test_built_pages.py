"""The built site shows every piece of the chapter's content, on its page, with its anchor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bs4 import Tag

from companion_build.pages.links import prompt_anchor
from exercises.model import USE_LABELS
from tests.build.html_reading import PAGES, SoupOf, attribute, folded, found, text_of

if TYPE_CHECKING:
    from exercises.model import ChapterContent
    from tools.site_server import BuiltSite


def test_build_is_strict_and_quiet(built_site: BuiltSite) -> None:
    assert "WARNING" not in built_site.build_output
    for page in PAGES:
        assert (built_site.directory / page / "index.html").is_file(), page


def test_every_glossary_term_has_its_anchor_and_definition(
    chapter: ChapterContent, soup_of: SoupOf
) -> None:
    glossary = soup_of("glossary/")
    for term in chapter.glossary:
        entry = glossary.find("dt", id=term.id)
        assert entry is not None, f"no <dt id={term.id}> on the glossary page"
        assert text_of(entry) == term.term
        definition = entry.find_next_sibling("dd")
        assert folded(term.definition) in text_of(definition)


def test_glossary_says_where_each_term_is_used(chapter: ChapterContent, soup_of: SoupOf) -> None:
    term = found(soup_of("glossary/").find("dt", id="balint-group"), "Balint group term")
    entry = found(term.find_next_sibling("dd"), "Balint group definition")
    used_in = found(entry.find(class_="nr-used-in"), "list of where the term is used")
    hrefs = [attribute(link, "href") for link in used_in.find_all("a")]
    assert "../takeaways/#structured-peer-groups" in hrefs
    assert "../prompts/#prompt-5-04" in hrefs


def test_every_takeaway_with_quote_page_and_prompts(
    chapter: ChapterContent, soup_of: SoupOf
) -> None:
    page = soup_of("takeaways/")
    for item in chapter.takeaways:
        heading = page.find("h2", id=item.id)
        assert heading is not None, f"no heading for takeaway {item.id}"
        assert text_of(heading).startswith(f"{item.number}. {item.title}")
        section_text = _section_text(heading)
        if item.text:
            assert folded(item.text) in section_text
        if item.quote:
            assert folded(item.quote.text) in section_text
            assert item.quote.page is None or item.quote.page in section_text
        for prompt in chapter.prompts_for(item.id):
            assert folded(prompt.text) in section_text
            assert page.find("a", href=f"../prompts/#{prompt_anchor(prompt.id)}") is not None


def test_epigraph_appears_with_attribution(chapter: ChapterContent, soup_of: SoupOf) -> None:
    for page in ("", "overview/", "takeaways/"):
        epigraph = text_of(found(soup_of(page).find(class_="nr-epigraph"), "epigraph"))
        assert folded(chapter.chapter.epigraph.text) in epigraph
        assert chapter.chapter.epigraph.attribution in epigraph


def test_every_prompt_has_permalink_uses_and_alternative(
    chapter: ChapterContent, soup_of: SoupOf
) -> None:
    page = soup_of("prompts/")
    for prompt in chapter.prompts:
        element = found(page.find(id=prompt_anchor(prompt.id)), f"anchor for prompt {prompt.id}")
        assert attribute(element, "data-uses").split() == list(prompt.uses)
        assert folded(prompt.text) in text_of(element)
        permalink = found(element.find("a", class_="nr-prompt__id"), f"{prompt.id} permalink")
        assert attribute(permalink, "href") == f"#{prompt_anchor(prompt.id)}"
        assert text_of(permalink) == prompt.id
        tags = [text_of(tag) for tag in element.find_all(class_="nr-tag")]
        assert tags == [USE_LABELS[use] for use in prompt.uses]
        if prompt.personal:
            assert prompt.alternative and folded(prompt.alternative) in text_of(element)
        assert element.find("button", attrs={"data-nr-copy": prompt_anchor(prompt.id)})


def test_citation_and_credits(chapter: ChapterContent, soup_of: SoupOf) -> None:
    about = text_of(soup_of("about/"))
    book = chapter.chapter.book
    for fact in (*book.authors, *chapter.chapter.study_guide.authors, book.publisher):
        assert fact in about
    assert f"({book.year})" in about and f"{book.edition} ed." in about
    for term in chapter.glossary:
        for source in term.editor_note.sources if term.editor_note else ():
            assert folded(source.citation) in about


def test_terms_are_explained_but_never_inside_headings_or_links(soup_of: SoupOf) -> None:
    total = 0
    for page in PAGES:
        soup = soup_of(page)
        terms = soup.select(".nr-term")
        total += len(terms)
        for term in terms:
            inside = ["h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "template"]
            assert term.find_parent(inside) is None
            link = found(term.find("a", class_="nr-term__link"), "term link")
            tip = found(soup.find(id=attribute(link, "aria-describedby")), "term tooltip")
            assert tip.get("role") == "tooltip"
            assert tip.has_attr("data-search-exclude")
    assert total > 20


def test_no_page_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    for html_file in built_site.directory.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for remote in ('src="http', "src='http", 'href="//', 'src="//'):
            assert remote not in html, f"{html_file}: {remote}"
        for resource in _loaded_links(html):
            same_origin = resource.startswith(built_site.origin + "/")
            assert same_origin or not resource.startswith(("http:", "https:", "//")), resource
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def _loaded_links(html: str) -> list[str]:
    """The href of every <link> a browser fetches (not canonical or alternate)."""
    from bs4 import BeautifulSoup

    fetched = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
    soup = BeautifulSoup(html, "html.parser")
    return [
        attribute(link, "href")
        for link in soup.find_all("link")
        if fetched.intersection(link.get_attribute_list("rel"))
    ]


def _section_text(heading: Tag) -> str:
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(text_of(sibling))
    return " ".join(parts)
