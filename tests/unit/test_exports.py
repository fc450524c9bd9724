"""Every download, read back by a reader that did not write it, says what the content file says."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import html
import io
import json
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from companion_build.content import load_chapter
from companion_build.exports import Export, build_exports, site_exports
from companion_build.exports.anki_deck import write_anki_deck
from companion_build.exports.canvas_qti import write_canvas_qti
from companion_build.exports.gift import write_gift
from companion_build.exports.moodle_xml import write_moodle_xml
from companion_build.exports.prompts_markdown import write_prompts_markdown
from companion_build.exports.tables import (
    write_glossary_csv,
    write_glossary_tsv,
    write_prompts_csv,
)
from exercises.model import USE_LABELS, ChapterContent, CheckItem

ROOT = Path(__file__).resolve().parents[2]
GIFT_READER = Path(__file__).parent / "readers" / "read_gift.cjs"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "true-false": "true_false_question",
}


@pytest.fixture(scope="module")
def chapter() -> ChapterContent:
    return load_chapter(ROOT / "content/chapter-05.yml")


def one_line(text: str) -> str:
    return " ".join(text.split())


def paragraph_text(markup: str) -> str:
    """The text of one `<p>…</p>` HTML paragraph."""
    match = re.fullmatch(r"<p>(.*)</p>", markup.strip(), re.DOTALL)
    assert match, f"expected one HTML paragraph, got {markup!r}"
    return html.unescape(match.group(1))


def expected_answers(item: CheckItem) -> list[tuple[str, bool, str]]:
    return [(one_line(o.text), o.correct, one_line(o.feedback)) for o in item.options]


# ---------------------------------------------------------------- GIFT


def read_gift(text: str, tmp_path: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to read GIFT with gift-pegjs (npm ci installs the parser).")
    source = tmp_path / "questions.gift"
    source.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [node, str(GIFT_READER), str(source)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"gift-pegjs could not parse the GIFT export:\n{result.stderr}"
    return list(json.loads(result.stdout))


def test_gift_is_read_back_by_gift_pegjs_with_every_question_answer_and_feedback(
    chapter: ChapterContent, tmp_path: Path
) -> None:
    parsed = read_gift(write_gift(chapter), tmp_path)
    category, *questions = parsed
    assert category["type"] == "Category"
    assert [q["title"] for q in questions] == [item.id for item in chapter.self_check]
    for item, question in zip(chapter.self_check, questions, strict=True):
        assert question["stem"]["text"] == one_line(item.question)
        if item.kind == "true-false":
            right = next(o for o in item.options if o.correct)
            wrong = next(o for o in item.options if not o.correct)
            assert question["type"] == "TF"
            assert question["isTrue"] is (right.id == "true"), item.id
            # {TRUE#shown after a wrong answer#shown after the right one}; gift-pegjs
            # names the two by position (trueFeedback first, falseFeedback second).
            assert question["trueFeedback"]["text"] == one_line(wrong.feedback)
            assert question["falseFeedback"]["text"] == one_line(right.feedback)
            continue
        assert question["type"] == "MC", item.id
        answers = [
            (
                choice["text"]["text"],
                choice["isCorrect"] or (choice["weight"] or 0) > 0,
                choice["feedback"]["text"],
            )
            for choice in question["choices"]
        ]
        assert answers == expected_answers(item), item.id
        if item.kind == "multiple":
            weights = [choice["weight"] for choice in question["choices"]]
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.001)


def test_gift_keeps_its_special_characters_literal(chapter: ChapterContent, tmp_path: Path) -> None:
    item = chapter.self_check[0]
    tricky = "Is {this} = that ~ #1: a\\b?"
    changed = ChapterContent(
        **{**chapter.__dict__, "self_check": (CheckItem(**{**item.__dict__, "question": tricky}),)}
    )
    [_, question] = read_gift(write_gift(changed), tmp_path)
    assert question["stem"]["text"] == tricky


# ---------------------------------------------------------------- Moodle XML


def test_moodle_xml_holds_every_question_with_its_answers_and_feedback(
    chapter: ChapterContent,
) -> None:
    quiz = ElementTree.fromstring(write_moodle_xml(chapter))
    category, *questions = quiz.findall("question")
    assert category.get("type") == "category"
    assert [q.findtext("idnumber") for q in questions] == [i.id for i in chapter.self_check]
    for item, question in zip(chapter.self_check, questions, strict=True):
        assert question.findtext("name/text") == item.id
        assert paragraph_text(question.findtext("questiontext/text") or "") == one_line(
            item.question
        )
        answers = question.findall("answer")
        feedback = [paragraph_text(a.findtext("feedback/text") or "") for a in answers]
        fractions = [float(a.get("fraction") or "nan") for a in answers]
        assert [f > 0 for f in fractions] == [o.correct for o in item.options], item.id
        assert feedback == [one_line(o.feedback) for o in item.options], item.id
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001)
        if item.kind == "true-false":
            assert question.get("type") == "truefalse"
            assert [a.findtext("text") for a in answers] == [o.id for o in item.options]
        else:
            assert question.get("type") == "multichoice"
            texts = [paragraph_text(a.findtext("text") or "") for a in answers]
            assert texts == [one_line(o.text) for o in item.options], item.id
            single = "true" if item.kind == "single" else "false"
            assert question.findtext("single") == single, item.id


# ---------------------------------------------------------------- QTI for Canvas


def test_the_qti_zip_has_a_manifest_that_names_its_assessment_and_every_item(
    chapter: ChapterContent,
) -> None:
    archive = zipfile.ZipFile(io.BytesIO(write_canvas_qti(chapter)))
    names = archive.namelist()
    manifest = ElementTree.fromstring(archive.read("imsmanifest.xml"))
    referenced = {
        element.get("href")
        for element in manifest.iter()
        if element.tag.endswith("file") and element.get("href")
    }
    assert referenced, "the manifest lists no files"
    assert referenced <= set(names), f"the manifest names missing files: {referenced - set(names)}"

    [assessment_file] = [n for n in names if n.endswith(".xml") and "/" in n and "meta" not in n]
    root = ElementTree.fromstring(archive.read(assessment_file))
    items = list(root.iter(f"{QTI}item"))
    assert [item.get("title") for item in items] == [i.id for i in chapter.self_check]
    for check, item in zip(chapter.self_check, items, strict=True):
        texts = [
            paragraph_text(html.unescape(m.text or ""))
            for m in item.iter(f"{QTI}mattext")
            if m.get("texttype") == "text/html"
        ]
        question, *rest = texts
        assert question == one_line(check.question)
        options = rest[: len(check.options)]
        assert options == [one_line(o.text) for o in check.options], check.id
        for option in check.options:
            assert one_line(option.feedback) in rest, f"{check.id}: feedback missing"
        kind = item.find(f".//{QTI}qtimetadatafield[{QTI}fieldlabel='question_type']")
        assert kind is not None
        assert kind.findtext(f"{QTI}fieldentry") == CANVAS_TYPES[check.kind], check.id
        correct_idents = qti_correct_choices(item)
        labels = [label.get("ident") for label in item.iter(f"{QTI}response_label")]
        marked = [label in correct_idents for label in labels]
        assert marked == [o.correct for o in check.options], check.id


def qti_correct_choices(item: ElementTree.Element) -> set[str | None]:
    """The choices a full score asks for: varequal tests in the scoring condition, not negated."""
    [scoring] = [
        condition
        for condition in item.iter(f"{QTI}respcondition")
        if condition.findtext(f"{QTI}setvar") == "100"
    ]
    conditions = scoring.find(f"{QTI}conditionvar")
    assert conditions is not None
    both = conditions.find(f"{QTI}and")
    tests = both if both is not None else conditions
    return {test.text for test in tests.findall(f"{QTI}varequal")}


# ---------------------------------------------------------------- Anki


def test_the_anki_deck_opens_and_holds_one_note_per_glossary_term(
    chapter: ChapterContent, tmp_path: Path
) -> None:
    archive = zipfile.ZipFile(io.BytesIO(write_anki_deck(chapter)))
    database = tmp_path / "collection.anki2"
    database.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(database) as connection:
        notes = connection.execute("select flds from notes order by id").fetchall()
        cards = connection.execute("select count(*) from cards").fetchone()[0]
    assert len(notes) == len(chapter.glossary) == cards
    fields = [html.unescape(row[0]).split("\x1f") for row in notes]
    assert sorted((f[0], f[1]) for f in fields) == sorted(
        (one_line(t.term), one_line(t.definition)) for t in chapter.glossary
    )


# ---------------------------------------------------------------- tables and Markdown


def test_glossary_csv_and_tsv_hold_every_term_and_definition(chapter: ChapterContent) -> None:
    expected = [[one_line(t.term), one_line(t.definition)] for t in chapter.glossary]
    header, *rows = list(csv.reader(io.StringIO(write_glossary_csv(chapter))))
    assert header == ["term", "definition"]
    assert rows == expected
    tsv = list(csv.reader(io.StringIO(write_glossary_tsv(chapter)), delimiter="\t"))
    assert tsv == expected


def test_prompts_csv_holds_every_prompt_with_its_uses_and_alternative(
    chapter: ChapterContent,
) -> None:
    rows = list(csv.DictReader(io.StringIO(write_prompts_csv(chapter))))
    assert [row["id"] for row in rows] == [p.id for p in chapter.prompts]
    for prompt, row in zip(chapter.prompts, rows, strict=True):
        assert row["prompt"] == one_line(prompt.text)
        assert row["takeaway"] == str(chapter.takeaway(prompt.takeaway).number)
        assert row["uses"].split("; ") == [USE_LABELS[use] for use in prompt.uses]
        assert row["asks_for_personal_disclosure"] == ("yes" if prompt.personal else "no")
        assert row["non_personal_alternative"] == one_line(prompt.alternative or "")


def test_prompts_markdown_lists_every_prompt_under_its_takeaway(chapter: ChapterContent) -> None:
    markdown = write_prompts_markdown(chapter)
    headings = re.findall(r"^## Takeaway (\d+):", markdown, re.MULTILINE)
    prompt_ids = re.findall(r"^\*\*(\d+\.\d+)\*\*", markdown, re.MULTILINE)
    assert prompt_ids == [p.id for p in chapter.prompts]
    assert headings == sorted(
        {str(chapter.takeaway(p.takeaway).number) for p in chapter.prompts}, key=int
    )
    alternatives = markdown.count("Non-personal alternative:")
    assert alternatives == sum(p.personal for p in chapter.prompts)


# ---------------------------------------------------------------- the set of downloads


def test_every_download_is_the_same_bytes_on_every_build(chapter: ChapterContent) -> None:
    first = build_exports(chapter)
    build_exports.cache_clear()
    second = build_exports(chapter)
    assert [e.filename for e in first] == [e.filename for e in second]
    changed = [a.filename for a, b in zip(first, second, strict=True) if a.data != b.data]
    assert not changed, f"these downloads differ between two builds: {changed}"


def test_every_download_is_the_same_bytes_on_another_day(
    chapter: ChapterContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A build after midnight, or a cached download from yesterday, must give the same files.
    first = build_exports(chapter)
    build_exports.cache_clear()

    class AnotherDay(datetime.date):
        @classmethod
        def today(cls) -> AnotherDay:
            return cls(2031, 5, 17)

    monkeypatch.setattr(datetime, "date", AnotherDay)
    second = build_exports(chapter)
    build_exports.cache_clear()
    changed = [a.filename for a, b in zip(first, second, strict=True) if a.data != b.data]
    assert not changed, f"these downloads change with the day of the build: {changed}"


def test_download_names_are_unique_and_safe_in_a_url(chapter: ChapterContent) -> None:
    exports: tuple[Export, ...] = build_exports(chapter)
    names = [e.filename for e in exports]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name) for name in names), names


def test_the_builds_cache_gives_the_same_files_and_follows_the_content(
    chapter: ChapterContent, tmp_path: Path
) -> None:
    made = build_exports(chapter)
    first = site_exports(chapter, tmp_path)
    site_exports.cache_clear()
    from_cache = site_exports(chapter, tmp_path)
    assert first == made and from_cache == made
    assert len(list(tmp_path.iterdir())) == 1

    renamed = dataclasses.replace(
        chapter,
        glossary=(dataclasses.replace(chapter.glossary[0], term="Renamed"), *chapter.glossary[1:]),
    )
    changed = site_exports(renamed, tmp_path)
    assert changed == build_exports(renamed) and changed != made
    assert len(list(tmp_path.iterdir())) == 1, "only the current entry is kept"
