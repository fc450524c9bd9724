"""The instructors' pages: every download is linked and served, and the answer key is complete."""

from __future__ import annotations

from html_reading import folded, text_of

from companion_build.exports import build_exports
from exercises.model import ChapterContent


def test_the_downloads_page_links_every_export_and_the_file_is_there(
    built_site, soup_of, chapter: ChapterContent
) -> None:
    page = soup_of("downloads")
    links = {a.get_text(strip=True): a["href"] for a in page.select("table.nr-downloads a")}
    exports = build_exports(chapter)
    assert sorted(links) == sorted(e.filename for e in exports)
    for export in exports:
        served = (built_site.directory / "downloads" / links[export.filename]).resolve()
        assert served.read_bytes() == export.data, f"{export.filename} differs from the build's"


def test_the_answer_key_shows_every_question_with_its_right_answers_and_reasons(
    soup_of, chapter: ChapterContent
) -> None:
    page = soup_of("answer-key")
    sections = page.select("section.nr-key")
    assert [s["id"] for s in sections] == [f"key-{item.id}" for item in chapter.self_check]
    for item, section in zip(chapter.self_check, sections, strict=True):
        assert folded(item.question) in text_of(section.select_one("h2"))
        options = section.select("li.nr-key__option")
        marked = ["nr-key__option--correct" in o.get("class", []) for o in options]
        assert marked == [option.correct for option in item.options]
        for option, shown in zip(item.options, options, strict=True):
            assert text_of(shown).startswith("Correct" if option.correct else "Not correct")
            assert folded(option.feedback) in text_of(shown)


def test_the_answer_key_is_left_out_of_search(built_site) -> None:
    index = (built_site.directory / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "answer-key/" not in index
