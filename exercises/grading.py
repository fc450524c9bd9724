"""Grade self-check answers: choice questions and the glossary match. Pure and deterministic."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from exercises.model import CheckItem, GlossaryTerm

Verdict = Literal["chosen-right", "chosen-wrong", "missed", "left-out-rightly"]


class GradingError(ValueError):
    """An answer that cannot be graded; the message tells the reader what to do."""


@dataclass(frozen=True)
class OptionFeedback:
    id: str
    chosen: bool
    correct: bool
    verdict: Verdict
    feedback: str


@dataclass(frozen=True)
class ChoiceResult:
    item_id: str
    correct: bool
    summary: str
    options: tuple[OptionFeedback, ...]


def grade_choice(item: CheckItem, chosen: Collection[str]) -> ChoiceResult:
    """Grade the options a reader chose for one question, with feedback on each option."""
    chosen_ids = set(chosen)
    known = [option.id for option in item.options]
    unknown = sorted(chosen_ids.difference(known))
    if unknown:
        raise GradingError(
            f"{item.id} has no option {', '.join(map(repr, unknown))}; "
            f"its options are {', '.join(known)}."
        )
    if not chosen_ids:
        raise GradingError("Choose an answer first.")
    if item.kind != "multiple" and len(chosen_ids) > 1:
        raise GradingError("This question takes one answer; choose just one.")

    options = tuple(
        OptionFeedback(
            id=option.id,
            chosen=option.id in chosen_ids,
            correct=option.correct,
            verdict=_verdict(option.id in chosen_ids, option.correct),
            feedback=option.feedback,
        )
        for option in item.options
    )
    correct = chosen_ids == item.correct_ids()
    return ChoiceResult(item.id, correct, _summary(item, options, correct), options)


def _verdict(chosen: bool, correct: bool) -> Verdict:
    if chosen:
        return "chosen-right" if correct else "chosen-wrong"
    return "missed" if correct else "left-out-rightly"


def _summary(item: CheckItem, options: Sequence[OptionFeedback], correct: bool) -> str:
    if correct:
        return "Correct."
    if item.kind != "multiple":
        return "Not quite. Read why below, then try again."
    right = sum(option.verdict == "chosen-right" for option in options)
    wrong = sum(option.verdict == "chosen-wrong" for option in options)
    total = len(item.correct_ids())
    parts = [f"you chose {right} of the {total} right answers"]
    if wrong:
        parts.append(f"and {wrong} that {'is' if wrong == 1 else 'are'} not right")
    return f"Not quite: {' '.join(parts)}. Read why below, then try again."


@dataclass(frozen=True)
class SetScore:
    answered: int
    correct: int
    total: int


def score_set(items: Sequence[CheckItem], results: Sequence[ChoiceResult]) -> SetScore:
    """The score for a set of questions: the latest result for each question counts."""
    latest = {result.item_id: result for result in results}
    ids = {item.id for item in items}
    counted = [result for item_id, result in latest.items() if item_id in ids]
    return SetScore(len(counted), sum(result.correct for result in counted), len(items))


@dataclass(frozen=True)
class PairFeedback:
    term_id: str
    chosen: str | None
    correct: bool
    feedback: str


@dataclass(frozen=True)
class MatchResult:
    correct: int
    total: int
    summary: str
    pairs: tuple[PairFeedback, ...]


def grade_match(terms: Sequence[GlossaryTerm], answers: Mapping[str, str | None]) -> MatchResult:
    """Grade a term-to-definition matching. `answers` maps a term id to the term id whose
    definition the reader chose for it (definitions are named by the term they define)."""
    by_id = {term.id: term for term in terms}
    unknown = sorted(set(answers).difference(by_id))
    if unknown:
        raise GradingError(f"Unknown term {', '.join(map(repr, unknown))} in the answers.")
    bad_choices = sorted({str(choice) for choice in answers.values() if choice}.difference(by_id))
    if bad_choices:
        raise GradingError(f"Unknown definition {', '.join(map(repr, bad_choices))}.")
    if not any(answers.values()):
        raise GradingError("Match at least one term to a definition first.")

    uses: dict[str, int] = {}
    for choice in answers.values():
        if choice:
            uses[choice] = uses.get(choice, 0) + 1
    pairs = tuple(_pair(term, answers.get(term.id), by_id, uses) for term in terms)
    correct = sum(pair.correct for pair in pairs)
    summary = (
        f"All {len(terms)} matched correctly."
        if correct == len(terms)
        else f"{correct} of {len(terms)} matched correctly."
    )
    return MatchResult(correct, len(terms), summary, pairs)


def _pair(
    term: GlossaryTerm,
    choice: str | None,
    by_id: Mapping[str, GlossaryTerm],
    uses: Mapping[str, int],
) -> PairFeedback:
    if not choice:
        return PairFeedback(term.id, None, False, f"“{term.term}” is not matched yet.")
    if choice == term.id:
        return PairFeedback(term.id, choice, True, f"Right: that is the definition of {term.term}.")
    owner = by_id[choice].term
    feedback = f"Not this one: that definition belongs to {owner}."
    if uses[choice] > 1:
        feedback += " You chose it for more than one term."
    return PairFeedback(term.id, choice, False, feedback)
