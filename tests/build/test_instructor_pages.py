"""The instructors' pages: every download is linked and served, and the answer key is complete."""

from __future__ import annotations

from companion_build.exports import build_exports
from exercises.model import ChapterContent
from tests.build.html_reading import SoupOf, attribute, folded, found, text_of
from tools.site_server import BuiltSite


def test_the_downloads_page_links_every_export_and_the_file_is_there(
    built_site: BuiltSite, soup_of: SoupOf, chapter: ChapterContent
) -> None:
    page = soup_of("downloads")
    links = {
        a.get_text(strip=True): attribute(a, "href") for a in page.select("table.nr-downloads a")
    }
    exports = build_exports(chapter)
    assert sorted(links) == sorted(e.filename for e in exports)
    for export in exports:
        served = (built_site.directory / "downloads" / links[export.filename]).resolve()
        assert served.read_bytes() == export.data, f"{export.filename} differs from the build's"


def test_the_answer_key_shows_every_question_with_its_right_answers_and_reasons(
    soup_of: SoupOf, chapter: ChapterContent
) -> None:
    page = soup_of("answer-key")
    sections = page.select("section.nr-key")
    assert [s["id"] for s in sections] == [f"key-{item.id}" for item in chapter.self_check]
    for item, section in zip(chapter.self_check, sections, strict=True):
        assert folded(item.question) in text_of(section.select_one("h2"))
        options = section.select("li.nr-key__option")
        marked = ["nr-key__option--correct" in o.get_attribute_list("class") for o in options]
        assert marked == [option.correct for option in item.options]
        for option, shown in zip(item.options, options, strict=True):
            assert text_of(shown).startswith("Correct" if option.correct else "Not correct")
            assert folded(option.feedback) in text_of(shown)


def test_the_answer_key_is_left_out_of_search(built_site: BuiltSite) -> None:
    index = (built_site.directory / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "answer-key/" not in index


def test_the_balint_page_shows_every_ground_rule_phase_and_format_labelled_as_one_format(
    soup_of: SoupOf, chapter: ChapterContent
) -> None:
    group = chapter.group_supervision
    assert group is not None
    page = soup_of("balint-session")
    rules = [text_of(item) for item in page.select(".nr-ground-rules > li")]
    assert rules == [f"{rule.title}. {folded(rule.text)}" for rule in group.ground_rules]
    phases = [text_of(term) for term in page.select(".nr-phase-guide dt")]
    assert phases == [phase.name for phase in group.phases]
    assert "One common format" in text_of(page.select_one(".nr-timing-note"))
    for session_format in group.formats:
        table = found(page.select_one(f"#format-{session_format.id}"), "format table")
        minutes = [int(row.select("td")[1].get_text()) for row in table.select("tbody tr")]
        assert minutes == [timing.minutes for timing in session_format.timings]
        assert sum(minutes) == session_format.minutes


def test_the_case_worksheet_has_every_checklist_item_as_a_labelled_checkbox(
    soup_of: SoupOf, chapter: ChapterContent
) -> None:
    group = chapter.group_supervision
    assert group is not None and group.case_preparation is not None
    page = soup_of("case-preparation")
    boxes = page.select('.nr-worksheet__checks input[type="checkbox"]')
    labels = [text_of(page.select_one(f'label[for="{box["id"]}"]')) for box in boxes]
    assert labels == [folded(item) for item in group.case_preparation.deidentify]


def test_the_consultation_formats_page_compares_every_format_with_its_sources(
    soup_of: SoupOf, chapter: ChapterContent
) -> None:
    group = chapter.group_supervision
    assert group is not None
    page = soup_of("peer-consultation")
    headers = [text_of(th) for th in page.select(".nr-consultation-formats thead th")]
    assert headers == ["Format", "Purpose", "Size", "Structure", "Is advice given?"]
    rows = page.select(".nr-consultation-formats tbody tr")
    assert [text_of(row.select_one("th")) for row in rows] == [
        item.name for item in group.consultation_formats
    ]
    for item in group.consultation_formats:
        assert item.sources, f"{item.name} has no sources"
        sources = found(page.select_one(f"#sources-{item.id}"), f"{item.name} sources")
        listed = text_of(sources.find_next("ul"))
        for source in item.sources:
            assert folded(source.citation) in listed
