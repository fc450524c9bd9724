"""The discussion prompts as one Markdown file, grouped by takeaway, for handouts and notes."""

from __future__ import annotations

import re

from exercises.model import USE_LABELS, ChapterContent

# Backslash escapes that every Markdown reads (Python-Markdown's set is the smallest).
# "<" and "&" have none there ("\<" shows its backslash), so they become references
# where they could start a tag or one; "|" matters only in tables, and there are none.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]>#])")
_MARKUP_START = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")


def escape_markdown(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MARKUP_START.sub(lambda match: "&lt;" if match.group(0) == "<" else "&amp;", escaped)


def write_prompts_markdown(content: ChapterContent) -> str:
    chapter = content.chapter
    book = chapter.book
    lines = [
        f"# Discussion prompts: chapter {chapter.number}, {escape_markdown(chapter.title)}",
        "",
        f"From the study guide by {escape_markdown(' & '.join(chapter.study_guide.authors))} "
        f"for *{escape_markdown(book.title)}* ({book.edition} ed., {book.year}). "
        "Uses and non-personal alternatives are the course companion's suggestions.",
        "",
    ]
    for takeaway in content.takeaways:
        prompts = content.prompts_for(takeaway.id)
        if not prompts:
            continue
        lines += [f"## Takeaway {takeaway.number}: {escape_markdown(takeaway.title)}", ""]
        for prompt in prompts:
            uses = ", ".join(USE_LABELS[use] for use in prompt.uses)
            lines += [f"**{prompt.id}** {escape_markdown(prompt.text)}", "", f"*Uses:* {uses}", ""]
            if prompt.alternative:
                lines += [
                    "*Asks for personal reflection. Non-personal alternative:* "
                    + escape_markdown(prompt.alternative),
                    "",
                ]
    return "\n".join(lines)
