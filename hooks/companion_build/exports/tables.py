"""The glossary as flashcard tables (CSV and TSV) and the prompts as CSV."""

from __future__ import annotations

import csv
import io

from exercises.model import USE_LABELS, ChapterContent

GLOSSARY_CSV_HEADER = ("term", "definition")
PROMPTS_CSV_HEADER = (
    "id",
    "takeaway",
    "takeaway_title",
    "prompt",
    "uses",
    "asks_for_personal_disclosure",
    "non_personal_alternative",
)


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…)
# can send what is on the sheet elsewhere); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """The cell as text a spreadsheet shows, never a formula it runs (OWASP's advice)."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _one_line(text: str) -> str:
    return neutralised(" ".join(text.split()))


def _csv(rows: list[tuple[str, ...]]) -> str:
    output = io.StringIO()
    csv.writer(output, lineterminator="\r\n").writerows(
        tuple(neutralised(cell) for cell in row) for row in rows
    )
    return output.getvalue()


def write_glossary_csv(content: ChapterContent) -> str:
    """A header row, then term,definition: spreadsheets and Anki's own text import."""
    rows = [(_one_line(term.term), _one_line(term.definition)) for term in content.glossary]
    return _csv([GLOSSARY_CSV_HEADER, *rows])


def write_glossary_tsv(content: ChapterContent) -> str:
    """term<TAB>definition per line and no header, as Quizlet's import box expects."""
    return "".join(
        f"{_one_line(term.term)}\t{_one_line(term.definition)}\n" for term in content.glossary
    )


def write_prompts_csv(content: ChapterContent) -> str:
    rows = [
        (
            prompt.id,
            str(content.takeaway(prompt.takeaway).number),
            content.takeaway(prompt.takeaway).title,
            _one_line(prompt.text),
            "; ".join(USE_LABELS[use] for use in prompt.uses),
            "yes" if prompt.personal else "no",
            _one_line(prompt.alternative or ""),
        )
        for prompt in content.prompts
    ]
    return _csv([PROMPTS_CSV_HEADER, *rows])
