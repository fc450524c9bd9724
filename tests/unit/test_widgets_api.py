"""The widget payload functions: what the browser sends through the bridge, and gets back."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.convert import ConversionError, from_data, to_data
from exercises.grading import GradingError
from exercises.model import CheckItem, CheckOption, GlossaryTerm
from exercises.widgets import (
    check_choice,
    check_match,
    flashcards_next,
    flashcards_review,
    score_choices,
)

ITEM = CheckItem(
    id="check-01",
    takeaway="healer-role",
    kind="single",
    question="Which?",
    options=(
        CheckOption("a", "Right", "Yes, because.", correct=True),
        CheckOption("b", "Wrong", "No, because."),
    ),
)
ITEM_DATA = json.loads(json.dumps(to_data(ITEM)))
TERMS_DATA = [
    to_data(GlossaryTerm("support", "Support", "Give assistance to")),
    to_data(GlossaryTerm("nurturance", "Nurturance", "Care given to someone")),
]


def test_round_trip_through_json() -> None:
    assert from_data(CheckItem, ITEM_DATA) == ITEM


def test_check_choice_returns_per_option_feedback() -> None:
    result = check_choice({"item": ITEM_DATA, "chosen": ["b"]})
    assert result["correct"] is False
    assert [(o["id"], o["verdict"], o["feedback"]) for o in result["options"]] == [
        ("a", "missed", "Yes, because."),
        ("b", "chosen-wrong", "No, because."),
    ]
    assert json.dumps(result)


def test_score_choices_counts_only_answered_items() -> None:
    score = score_choices({"items": [ITEM_DATA], "answers": {"check-01": ["a"], "gone": ["a"]}})
    assert score == {"answered": 1, "correct": 1, "total": 1}


def test_check_match() -> None:
    result = check_match(
        {"terms": TERMS_DATA, "answers": {"support": "support", "nurturance": None}}
    )
    assert result["correct"] == 1 and result["summary"] == "1 of 2 matched correctly."


def test_flashcards_session_then_review() -> None:
    first = flashcards_next({"cards": ["support", "nurturance"], "deck": None, "seed": 4})
    assert sorted(first["order"]) == ["nurturance", "support"]
    reviewed = flashcards_review({"deck": first["deck"], "card": "support", "knew_it": True})
    assert reviewed["deck"]["cards"][0] == {"card_id": "support", "box": 2, "last_session": 1}
    second = flashcards_next(
        {"cards": ["support", "nurturance"], "deck": reviewed["deck"], "seed": 4}
    )
    assert second["deck"]["session"] == 2
    assert second["order"] == ["nurturance"]


@pytest.mark.parametrize(
    ("function", "payload", "message"),
    [
        (check_choice, {"chosen": ["a"]}, "payload: missing 'item'"),
        (
            check_choice,
            {"item": {**ITEM_DATA, "kind": "essay"}, "chosen": []},
            "item.kind: 'essay'",
        ),
        (
            check_choice,
            {"item": ITEM_DATA, "chosen": "a"},
            "payload.chosen: expected a list of text",
        ),
        (check_match, {"terms": "x", "answers": {}}, "payload.terms: expected a list"),
        (flashcards_next, {"cards": ["a"], "seed": True}, "payload.seed: expected a whole number"),
        (
            flashcards_review,
            {"deck": {"session": 1}, "card": "a", "knew_it": True},
            "deck.cards: missing",
        ),
    ],
)
def test_bad_payloads_are_refused_with_a_path(function, payload, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConversionError) as error:
        function(payload)
    assert str(error.value).startswith(message)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(json_values, json_values)
def test_any_payload_gives_a_result_or_a_clear_error(item, chosen) -> None:  # type: ignore[no-untyped-def]
    for function, payload in (
        (check_choice, {"item": item, "chosen": chosen}),
        (check_match, {"terms": item, "answers": chosen}),
        (flashcards_review, {"deck": item, "card": "a", "knew_it": chosen}),
    ):
        try:
            result = function(payload)
        except (ConversionError, GradingError, ValueError) as error:
            assert str(error)
        else:
            assert json.dumps(result)
