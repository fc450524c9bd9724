"""Grading of choice questions and the glossary match (pure; also run inside Pyodide)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.grading import GradingError, grade_choice, grade_match, score_set
from exercises.model import CheckItem, CheckOption, GlossaryTerm

SINGLE = CheckItem(
    id="q-single",
    takeaway="t",
    kind="single",
    question="Which?",
    options=(
        CheckOption("a", "Right", "Because it is.", correct=True),
        CheckOption("b", "Wrong", "Because it is not."),
    ),
)
MULTIPLE = CheckItem(
    id="q-multiple",
    takeaway="t",
    kind="multiple",
    question="Which ones?",
    options=(
        CheckOption("a", "One", "a is right", correct=True),
        CheckOption("b", "Two", "b is right", correct=True),
        CheckOption("c", "Three", "c is wrong"),
    ),
)
TERMS = (
    GlossaryTerm("nurturance", "Nurturance", "Care given to someone"),
    GlossaryTerm("support", "Support", "Give assistance to"),
    GlossaryTerm("cuddle-groups", "Cuddle groups", "Therapists gathering"),
)


def test_right_single_answer() -> None:
    result = grade_choice(SINGLE, ["a"])
    assert result.correct and result.summary == "Correct."
    assert [option.verdict for option in result.options] == ["chosen-right", "left-out-rightly"]


def test_wrong_single_answer_explains_both_options() -> None:
    result = grade_choice(SINGLE, ["b"])
    assert not result.correct
    assert result.summary == "Not quite. Read why below, then try again."
    assert [(o.verdict, o.feedback) for o in result.options] == [
        ("missed", "Because it is."),
        ("chosen-wrong", "Because it is not."),
    ]


def test_partly_right_multiple_answer_counts_hits_and_misses() -> None:
    result = grade_choice(MULTIPLE, ["a", "c"])
    assert not result.correct
    assert result.summary == (
        "Not quite: you chose 1 of the 2 right answers and 1 that is not right. "
        "Read why below, then try again."
    )
    assert [o.verdict for o in result.options] == ["chosen-right", "missed", "chosen-wrong"]
    assert grade_choice(MULTIPLE, ["b", "a"]).correct


@pytest.mark.parametrize(
    ("item", "chosen", "message"),
    [
        (SINGLE, [], "Choose an answer first."),
        (SINGLE, ["a", "b"], "This question takes one answer; choose just one."),
        (SINGLE, ["z"], "q-single has no option 'z'; its options are a, b."),
    ],
)
def test_ungradable_answers_say_what_to_do(
    item: CheckItem, chosen: list[str], message: str
) -> None:
    with pytest.raises(GradingError) as error:
        grade_choice(item, chosen)
    assert str(error.value) == message


def test_set_score_counts_the_latest_result_per_question() -> None:
    results = [
        grade_choice(SINGLE, ["b"]),
        grade_choice(SINGLE, ["a"]),
        grade_choice(MULTIPLE, ["a"]),
    ]
    score = score_set([SINGLE, MULTIPLE], results)
    assert (score.answered, score.correct, score.total) == (2, 1, 2)


def test_match_gives_per_pair_feedback() -> None:
    result = grade_match(TERMS, {"nurturance": "nurturance", "support": "cuddle-groups"})
    assert (result.correct, result.total) == (1, 3)
    assert result.summary == "1 of 3 matched correctly."
    feedback = {pair.term_id: pair.feedback for pair in result.pairs}
    assert feedback == {
        "nurturance": "Right: that is the definition of Nurturance.",
        "support": "Not this one: that definition belongs to Cuddle groups.",
        "cuddle-groups": "“Cuddle groups” is not matched yet.",
    }


def test_match_notices_a_definition_used_twice() -> None:
    result = grade_match(TERMS, {"nurturance": "support", "support": "support"})
    assert result.pairs[0].feedback == (
        "Not this one: that definition belongs to Support. You chose it for more than one term."
    )
    assert result.pairs[1].correct


def test_all_matched() -> None:
    result = grade_match(TERMS, {term.id: term.id for term in TERMS})
    assert result.summary == "All 3 matched correctly."


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "Match at least one term to a definition first."),
        ({"ghost": "support"}, "Unknown term 'ghost' in the answers."),
        ({"support": "ghost"}, "Unknown definition 'ghost'."),
    ],
)
def test_ungradable_matches(answers: dict[str, str | None], message: str) -> None:
    with pytest.raises(GradingError) as error:
        grade_match(TERMS, answers)
    assert str(error.value) == message


@given(st.lists(st.text(max_size=3), max_size=5))
def test_any_choice_is_graded_or_refused_clearly(chosen: list[str]) -> None:
    for item in (SINGLE, MULTIPLE):
        try:
            result = grade_choice(item, chosen)
        except GradingError as error:
            assert str(error)
        else:
            assert result.correct == (set(chosen) == item.correct_ids())
            assert len(result.options) == len(item.options)


@given(
    st.dictionaries(
        st.sampled_from([t.id for t in TERMS] + ["x"]),
        st.one_of(st.none(), st.sampled_from([t.id for t in TERMS] + ["y"])),
    )
)
def test_any_match_is_graded_or_refused_clearly(answers: dict[str, str | None]) -> None:
    try:
        result = grade_match(TERMS, answers)
    except GradingError as error:
        assert str(error)
    else:
        assert result.correct == sum(answers.get(t.id) == t.id for t in TERMS)
        assert 0 <= result.correct <= result.total == len(TERMS)
