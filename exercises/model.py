"""The shape of a chapter's content, as frozen dataclasses shared by build and browser.

The build validates `content/<chapter>.yml` against these classes (with pydantic,
on the build side only); pages, widgets and exports are all derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SCHEMA_VERSION = 1

Use = Literal["self-reflection", "class-discussion", "supervision"]
USES: tuple[Use, ...] = ("self-reflection", "class-discussion", "supervision")
USE_LABELS: dict[Use, str] = {
    "self-reflection": "Self-reflection",
    "class-discussion": "Class discussion",
    "supervision": "Supervision",
}

# Unknown keys are errors, not silently dropped: a typo in a content file must
# fail the build. pydantic reads this attribute; plain Python ignores it.
_FORBID_EXTRA = {"extra": "forbid"}


@dataclass(frozen=True)
class Source:
    """A published source an editor's note rests on."""

    __pydantic_config__ = _FORBID_EXTRA
    citation: str
    url: str | None = None


@dataclass(frozen=True)
class EditorNote:
    """Context we add beside the guide's wording, never in place of it."""

    __pydantic_config__ = _FORBID_EXTRA
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Quote:
    """A quotation with who said it and, for the book, where."""

    __pydantic_config__ = _FORBID_EXTRA
    text: str
    attribution: str
    page: str | None = None


@dataclass(frozen=True)
class Book:
    __pydantic_config__ = _FORBID_EXTRA
    title: str
    subtitle: str
    authors: tuple[str, ...]
    edition: str
    publisher: str
    year: int


@dataclass(frozen=True)
class StudyGuide:
    __pydantic_config__ = _FORBID_EXTRA
    title: str
    authors: tuple[str, ...]


@dataclass(frozen=True)
class Chapter:
    __pydantic_config__ = _FORBID_EXTRA
    number: int
    title: str
    book: Book
    study_guide: StudyGuide
    epigraph: Quote
    summary: str


@dataclass(frozen=True)
class GlossaryTerm:
    """A key word of the chapter with the guide's definition."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    term: str
    definition: str
    # Other spellings that count as a use of the term in running text (plurals).
    also_matches: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    editor_note: EditorNote | None = None


@dataclass(frozen=True)
class Takeaway:
    """One of the guide's key takeaways; its questions are `Prompt`s that name it."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    number: int
    title: str
    text: str | None = None
    quote: Quote | None = None
    background: EditorNote | None = None


@dataclass(frozen=True)
class Prompt:
    """A discussion question from the guide, citable by its id (for example 5.07)."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    takeaway: str
    text: str
    uses: tuple[Use, ...]
    personal: bool = False
    # A wording that needs no personal disclosure (a vignette or the literature).
    alternative: str | None = None


CheckKind = Literal["single", "multiple", "true-false"]
CHECK_KINDS: tuple[CheckKind, ...] = ("single", "multiple", "true-false")


@dataclass(frozen=True)
class CheckOption:
    """One answer to a self-check question, with feedback that explains why."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    text: str
    feedback: str
    correct: bool = False


@dataclass(frozen=True)
class CheckItem:
    """A self-check question about one takeaway: single choice, multiple choice or true/false."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    takeaway: str
    kind: CheckKind
    question: str
    options: tuple[CheckOption, ...]

    def correct_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options if option.correct)


@dataclass(frozen=True)
class ChapterContent:
    """Everything one chapter's content file holds."""

    __pydantic_config__ = _FORBID_EXTRA
    schema_version: int
    chapter: Chapter
    glossary: tuple[GlossaryTerm, ...]
    takeaways: tuple[Takeaway, ...]
    prompts: tuple[Prompt, ...]
    self_check: tuple[CheckItem, ...] = ()

    def term(self, term_id: str) -> GlossaryTerm:
        return next(term for term in self.glossary if term.id == term_id)

    def takeaway(self, takeaway_id: str) -> Takeaway:
        return next(item for item in self.takeaways if item.id == takeaway_id)

    def prompts_for(self, takeaway_id: str) -> tuple[Prompt, ...]:
        return tuple(prompt for prompt in self.prompts if prompt.takeaway == takeaway_id)
