"""Search finds terms, takeaways and prompts, and not the tooltips' copies of definitions."""

from __future__ import annotations

import json

from exercises.model import ChapterContent
from tools.site_server import BuiltSite


def _index(built_site: BuiltSite) -> list[dict[str, str]]:
    index = json.loads((built_site.directory / "search/search_index.json").read_text())
    documents: list[dict[str, str]] = index["docs"]
    return documents


def test_search_index_holds_terms_takeaways_and_prompts(
    built_site: BuiltSite, chapter: ChapterContent
) -> None:
    documents = _index(built_site)
    text = " ".join(" ".join(doc["text"].split()) + " " + doc["title"] for doc in documents)
    for term in chapter.glossary:
        assert term.term in text
    for item in chapter.takeaways:
        assert item.title in text
    for prompt in chapter.prompts:
        assert prompt.id in text
    takeaway_sections = [doc for doc in documents if doc["location"].startswith("takeaways/#")]
    assert len(takeaway_sections) == len(chapter.takeaways)


def test_tooltip_definitions_are_not_indexed_outside_the_glossary(
    built_site: BuiltSite, chapter: ChapterContent
) -> None:
    support = chapter.term("support").definition
    pages = {doc["location"].split("#")[0] for doc in _index(built_site) if support in doc["text"]}
    assert pages == {"glossary/"}
