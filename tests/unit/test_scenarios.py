"""Gift vignettes: every decision gets the four considerations and the chapter's position."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.bridge import call
from exercises.convert import to_data
from exercises.model import CONSIDERATION_KINDS, Consideration, GiftScenario
from exercises.scenarios import (
    DECISION_LABELS,
    ScenarioError,
    mentioned_kinds,
    respond_to_scenario,
)

SCENARIO = GiftScenario(
    id="card",
    title="A card",
    text="A client gives a card.",
    considerations=tuple(Consideration(kind, f"About {kind}.") for kind in CONSIDERATION_KINDS),
)
POSITION = "Clients come first."


@pytest.mark.parametrize("decision", DECISION_LABELS)
def test_every_decision_gets_all_four_considerations_and_the_position(decision: str) -> None:
    feedback = respond_to_scenario(SCENARIO, decision, "", POSITION)

    assert [item.kind for item in feedback.considerations] == list(CONSIDERATION_KINDS)
    assert feedback.position == POSITION
    assert "no single right answer" in feedback.framing
    assert feedback.decision_label == DECISION_LABELS[decision]  # type: ignore[index]


def test_the_feedback_says_nothing_is_right_or_wrong() -> None:
    words = json.dumps(to_data(respond_to_scenario(SCENARIO, "accept", "", POSITION))).lower()

    for verdict in ('"correct"', "wrong", "incorrect", "score"):
        assert verdict not in words


def test_an_explanation_that_weighs_value_and_motive_is_recognised() -> None:
    explanation = "It is a small token, and I think the client is grateful at the ending."

    feedback = respond_to_scenario(SCENARIO, "accept", explanation, POSITION)

    mentioned = {item.kind for item in feedback.considerations if item.mentioned}
    assert mentioned == {"value", "client-motive", "relationship"}
    assert len(feedback.questions) == 1
    assert "the therapist's motive" in feedback.questions[0]


def test_no_explanation_invites_one_without_requiring_it() -> None:
    feedback = respond_to_scenario(SCENARIO, "not-sure", "   ", POSITION)

    assert feedback.questions[0].startswith("You can add a sentence on why")
    assert len(feedback.questions) == 1, "an empty optional reason is not commented on"


def test_a_missing_decision_is_asked_for() -> None:
    with pytest.raises(ScenarioError, match="Choose what you would do first"):
        respond_to_scenario(SCENARIO, "", "", POSITION)


@given(st.sampled_from(list(DECISION_LABELS)), st.text(max_size=300))
def test_any_explanation_gets_feedback_and_one_question_per_unmentioned_point(
    decision: str, explanation: str
) -> None:
    feedback = respond_to_scenario(SCENARIO, decision, explanation, POSITION)

    unmentioned = [item for item in feedback.considerations if not item.mentioned]
    expected = len(unmentioned) if explanation.strip() else 1
    assert len(feedback.questions) == expected
    assert {item.kind for item in feedback.considerations if item.mentioned} == mentioned_kinds(
        explanation
    )


def test_the_bridge_carries_the_readers_text_back_untouched_and_unrun() -> None:
    payload = {
        "scenario": to_data(SCENARIO),
        "decision": "decline-kindly",
        "explanation": "<img src=x onerror=alert(1)>",
        "position": POSITION,
    }

    reply = json.loads(call("scenario_feedback", json.dumps(payload)))

    assert reply["ok"], reply
    assert reply["value"]["decision_label"] == "Decline it kindly"
    assert len(reply["value"]["considerations"]) == 4
