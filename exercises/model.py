"""The shape of a chapter's content, as frozen dataclasses shared by build and browser.

The build validates `content/<chapter>.yml` against these classes (with pydantic,
on the build side only); pages, widgets and exports are all derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CONTENT_SCHEMA_VERSION = 1  # the version of the content file format (schema_version:)

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
class ResponsePoint:
    """One labelled point a check-in item can be answered with."""

    __pydantic_config__ = _FORBID_EXTRA
    value: int
    label: str


@dataclass(frozen=True)
class CheckinArea:
    """One of the chapter's areas a check-in looks at, with where the chapter speaks to it."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    title: str
    # What a higher answer in this area describes, in words free of judgement.
    higher: str
    takeaways: tuple[str, ...]
    prompts: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckinItem:
    """A check-in statement; `reverse` items are worded against their area's `higher`."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    area: str
    text: str
    reverse: bool = False


@dataclass(frozen=True)
class Checkin:
    """A reflective check-in (ours, not a published instrument): no totals and no cut-offs."""

    __pydantic_config__ = _FORBID_EXTRA
    responses: tuple[ResponsePoint, ...]
    areas: tuple[CheckinArea, ...]
    items: tuple[CheckinItem, ...]

    def area(self, area_id: str) -> CheckinArea:
        return next(area for area in self.areas if area.id == area_id)


ConsiderationKind = Literal["relationship", "value", "client-motive", "therapist-motive"]
CONSIDERATION_KINDS: tuple[ConsiderationKind, ...] = (
    "relationship",
    "value",
    "client-motive",
    "therapist-motive",
)
CONSIDERATION_LABELS: dict[ConsiderationKind, str] = {
    "relationship": "The relationship",
    "value": "The gift's value",
    "client-motive": "The client's motive",
    "therapist-motive": "The therapist's motive",
}


@dataclass(frozen=True)
class Consideration:
    """What a vignette raises under one of the four things to weigh about a gift."""

    __pydantic_config__ = _FORBID_EXTRA
    kind: ConsiderationKind
    text: str


@dataclass(frozen=True)
class GiftScenario:
    """A short vignette about a client's gift or appreciation, for discussion."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    title: str
    text: str
    considerations: tuple[Consideration, ...]


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
    checkin: Checkin | None = None
    gift_scenarios: tuple[GiftScenario, ...] = ()
    group_supervision: GroupSupervision | None = None

    def term(self, term_id: str) -> GlossaryTerm:
        return next(term for term in self.glossary if term.id == term_id)

    def takeaway(self, takeaway_id: str) -> Takeaway:
        return next(item for item in self.takeaways if item.id == takeaway_id)

    def prompts_for(self, takeaway_id: str) -> tuple[Prompt, ...]:
        return tuple(prompt for prompt in self.prompts if prompt.takeaway == takeaway_id)


# --- group supervision: Balint sessions, case preparation, peer consultation formats -------


@dataclass(frozen=True)
class SessionPhase:
    """One kind of phase in a Balint group meeting, and what happens in it (our wording)."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class PhaseTiming:
    """A phase's place and length in one meeting format; `case` numbers a meeting's cases."""

    __pydantic_config__ = _FORBID_EXTRA
    phase: str
    minutes: int
    case: int | None = None


@dataclass(frozen=True)
class SessionFormat:
    """A meeting format with default timings: one common way to divide the time, not a rule."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    name: str
    minutes: int
    summary: str
    timings: tuple[PhaseTiming, ...]


@dataclass(frozen=True)
class GroundRule:
    __pydantic_config__ = _FORBID_EXTRA
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class CasePreparation:
    """What a case presenter brings, what they leave out, and how they de-identify the client."""

    __pydantic_config__ = _FORBID_EXTRA
    bring: tuple[str, ...]
    leave_out: tuple[str, ...]
    deidentify: tuple[str, ...]


@dataclass(frozen=True)
class ConsultationFormat:
    """One format of peer consultation, described in our own words with its sources."""

    __pydantic_config__ = _FORBID_EXTRA
    id: str
    name: str
    purpose: str
    size: str
    structure: str
    advice: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class GroupSupervision:
    """Material for supervision and peer groups; all of it is the site's, not the study guide's."""

    __pydantic_config__ = _FORBID_EXTRA
    timing_note: str
    phases: tuple[SessionPhase, ...]
    formats: tuple[SessionFormat, ...]
    ground_rules: tuple[GroundRule, ...]
    sources: tuple[Source, ...]
    case_preparation: CasePreparation | None = None
    consultation_formats: tuple[ConsultationFormat, ...] = ()

    def phase(self, phase_id: str) -> SessionPhase:
        return next(phase for phase in self.phases if phase.id == phase_id)
