"""The self-check questions in GIFT, the plain-text format Moodle imports.

No maintained Python library writes GIFT, and the format is a few lines of
syntax, so it is written here; the tests read it back with a third-party
parser (the npm package gift-pegjs).
"""

from __future__ import annotations

import re

from exercises.model import ChapterContent, CheckItem, CheckOption

# Characters GIFT gives a meaning to; a backslash makes them literal.
_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape_gift(text: str) -> str:
    """Text as GIFT shows it literally, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def category_name(content: ChapterContent) -> str:
    """The Moodle question-bank category the questions are imported into."""
    return f"Chapter {content.chapter.number}, {content.chapter.title}: takeaway check"


def weight_text(percent: float) -> str:
    """A GIFT answer weight such as 33.33333 or -100 (Moodle accepts five decimals)."""
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def write_gift(content: ChapterContent) -> str:
    lines = [
        f"// Self-check questions for chapter {content.chapter.number}, "
        f"{content.chapter.title}, generated from the course companion's content file.",
        f"$CATEGORY: {category_name(content)}",
        "",
    ]
    for item in content.self_check:
        lines += [*_question(item), ""]
    return "\n".join(lines)


def _question(item: CheckItem) -> list[str]:
    head = f"::{escape_gift(item.id)}::{escape_gift(item.question)} {{"
    if item.kind == "true-false":
        return [head, _true_false_answer(item), "}"]
    if item.kind == "single":
        return [head, *(_single_answer(option) for option in item.options), "}"]
    correct = len(item.correct_ids())
    return [head, *(_multiple_answer(option, correct) for option in item.options), "}"]


def _feedback(option: CheckOption) -> str:
    return f"#{escape_gift(option.feedback)}"


def _single_answer(option: CheckOption) -> str:
    mark = "=" if option.correct else "~"
    return f"{mark}{escape_gift(option.text)}{_feedback(option)}"


def _multiple_answer(option: CheckOption, correct_count: int) -> str:
    # The right answers share full marks; a wrong one cancels them, as on the site,
    # where an answer with any wrong choice is not right.
    weight = 100 / correct_count if option.correct else -100
    return f"~%{weight_text(weight)}%{escape_gift(option.text)}{_feedback(option)}"


def _true_false_answer(item: CheckItem) -> str:
    # GIFT's true/false form: {TRUE#feedback for a wrong answer#feedback for a right one}.
    right = next(option for option in item.options if option.correct)
    wrong = next(option for option in item.options if not option.correct)
    answer = "TRUE" if right.id == "true" else "FALSE"
    return f"{answer}#{escape_gift(wrong.feedback)}#{escape_gift(right.feedback)}"
