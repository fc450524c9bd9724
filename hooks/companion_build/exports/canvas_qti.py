"""The self-check questions as a QTI 1.2 package that Canvas imports, written by text2qti.

text2qti reads a Markdown-based quiz text; this module writes that text from the
content file and lets the library write the QTI XML and the package's manifest.
"""

from __future__ import annotations

import re

from companion_build.exports.reproducible_zip import download_date, reproducible_zip
from exercises.model import ChapterContent, CheckItem, CheckOption

# Python-Markdown (with the smarty extension text2qti uses) treats these as markup;
# a backslash keeps each one literal. "$" starts LaTeX in text2qti.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!'\"$])")


def escape_markdown(text: str) -> str:
    text = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def quiz_title(content: ChapterContent) -> str:
    return f"Chapter {content.chapter.number}, {content.chapter.title}: takeaway check"


def quiz_text(content: ChapterContent) -> str:
    """The quiz in text2qti's plain-text format."""
    book = content.chapter.book
    lines = [
        f"Quiz title: {escape_markdown(quiz_title(content))}",
        "Quiz description: "
        + escape_markdown(
            f"Questions on the key takeaways of {book.title} ({book.edition} ed., {book.year}), "
            f"chapter {content.chapter.number}. Each answer has feedback that explains it."
        ),
        "Shuffle answers: true",
        "",
    ]
    for number, item in enumerate(content.self_check, start=1):
        lines += [*_question(number, item), ""]
    return "\n".join(lines)


def _question(number: int, item: CheckItem) -> list[str]:
    lines = [f"Title: {item.id}", "Points: 1", f"{number}.  {escape_markdown(item.question)}"]
    for letter, option in zip("abcdefghijklmnopqrstuvwxyz", item.options, strict=False):
        lines += [_choice(item, letter, option), f"... {escape_markdown(option.feedback)}"]
    return lines


def _choice(item: CheckItem, letter: str, option: CheckOption) -> str:
    text = escape_markdown(option.text)
    if item.kind == "multiple":
        return f"[{'*' if option.correct else ' '}] {text}"
    return f"*{letter}) {text}" if option.correct else f"{letter})  {text}"


def write_canvas_qti(content: ChapterContent) -> bytes:
    # Imported here, not above: text2qti takes 0.4 s to import, and every build imports this
    # module, but only a build whose exports changed writes the quiz (exports/__init__.py).
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz
    from text2qti.xml_imsmanifest import imsmanifest

    # An empty Config: nothing is read from or written to the builder's home folder.
    quiz = Quiz(quiz_text(content), config=Config(), source_name="self_check")
    package = QTI(quiz)
    # text2qti dates the manifest with the day of the build unless it is given a date.
    package.imsmanifest_xml = imsmanifest(
        manifest_identifier=package.manifest_identifier,
        assessment_identifier=package.assessment_identifier,
        dependency_identifier=package.dependency_identifier,
        images=quiz.images,
        date=download_date(content).isoformat(),
    )
    return reproducible_zip(package.zip_bytes())
