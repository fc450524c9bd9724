"""The self-check questions as Moodle XML, Moodle's own question-bank format."""

from __future__ import annotations

from html import escape
from xml.etree import ElementTree

from companion_build.exports.gift import category_name, weight_text
from exercises.model import ChapterContent, CheckItem, CheckOption


def write_moodle_xml(content: ChapterContent) -> bytes:
    quiz = ElementTree.Element("quiz")
    category = ElementTree.SubElement(quiz, "question", type="category")
    _text(ElementTree.SubElement(category, "category"), f"$course$/top/{category_name(content)}")
    for item in content.self_check:
        quiz.append(_question(item))
    ElementTree.indent(quiz)
    document: bytes = ElementTree.tostring(quiz, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def html_paragraph(text: str) -> str:
    """Moodle stores question text as HTML: one escaped paragraph."""
    return f"<p>{escape(' '.join(text.split()), quote=False)}</p>"


def _text(parent: ElementTree.Element, value: str) -> None:
    ElementTree.SubElement(parent, "text").text = value


def _html_field(parent: ElementTree.Element, tag: str, value: str) -> ElementTree.Element:
    field = ElementTree.SubElement(parent, tag, format="html")
    _text(field, html_paragraph(value) if value else "")
    return field


def _question(item: CheckItem) -> ElementTree.Element:
    kind = "truefalse" if item.kind == "true-false" else "multichoice"
    question = ElementTree.Element("question", type=kind)
    _text(ElementTree.SubElement(question, "name"), item.id)
    _html_field(question, "questiontext", item.question)
    _html_field(question, "generalfeedback", "")
    ElementTree.SubElement(question, "defaultgrade").text = "1"
    ElementTree.SubElement(question, "penalty").text = "0" if kind == "truefalse" else "0.3333333"
    ElementTree.SubElement(question, "hidden").text = "0"
    ElementTree.SubElement(question, "idnumber").text = item.id
    if kind == "truefalse":
        for option in item.options:
            _answer(question, option, 100 if option.correct else 0, plain=option.id)
        return question
    ElementTree.SubElement(question, "single").text = "true" if item.kind == "single" else "false"
    ElementTree.SubElement(question, "shuffleanswers").text = "true"
    ElementTree.SubElement(question, "answernumbering").text = "abc"
    correct = len(item.correct_ids())
    for option in item.options:
        if item.kind == "single":
            fraction: float = 100 if option.correct else 0
        else:
            # As in the GIFT file: right answers share full marks, a wrong one cancels them.
            fraction = 100 / correct if option.correct else -100
        _answer(question, option, fraction)
    return question


def _answer(
    question: ElementTree.Element, option: CheckOption, fraction: float, plain: str | None = None
) -> None:
    # True/false answers are the words "true" and "false", not HTML.
    answer = ElementTree.SubElement(
        question, "answer", fraction=weight_text(fraction), format="moodle_auto_format"
    )
    if plain is None:
        answer.set("format", "html")
    _text(answer, plain if plain is not None else html_paragraph(option.text))
    _html_field(answer, "feedback", option.feedback)
