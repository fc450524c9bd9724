"""Feedback on a reader's decision about a gift vignette: the considerations it raises.

Framed for discussion, not right or wrong: every decision gets the same four
considerations (after the ACA Code A.10.f), which of them the reader's own
explanation already touched on, and the chapter's position that a therapist
does not seek nurturance from clients.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from exercises.convert import ConversionError, from_data, to_data
from exercises.model import CONSIDERATION_KINDS, CONSIDERATION_LABELS, GiftScenario

Decision = Literal["accept", "accept-and-talk", "decline-kindly", "not-sure"]
DECISION_LABELS: dict[Decision, str] = {
    "accept": "Accept it",
    "accept-and-talk": "Accept it and talk about it with the client",
    "decline-kindly": "Decline it kindly",
    "not-sure": "I am not sure yet",
}

# Words that show an explanation weighed a consideration. Deliberately broad:
# the point is to prompt discussion of what was not mentioned, not to grade.
MENTION_WORDS: dict[str, tuple[str, ...]] = {
    "relationship": (
        "relationship",
        "alliance",
        "rapport",
        "boundar",
        "dual",
        "role",
        "trust",
        "ending",
        "termination",
        "therapy",
        "treatment",
        "rupture",
        "reject",
    ),
    "value": (
        "value",
        "cost",
        "expensive",
        "cheap",
        "price",
        "money",
        "monetary",
        "worth",
        "small",
        "token",
        "afford",
    ),
    "client-motive": (
        "client's",
        "clients",
        "client wants",
        "why they",
        "why the client",
        "motive",
        "motivation",
        "gratitude",
        "grateful",
        "thank",
        "culture",
        "cultural",
        "custom",
        "meaning",
        "means to",
        "pattern",
        "please",
    ),
    "therapist-motive": (
        "my own",
        "myself",
        "i want",
        "i would like",
        "i need",
        "therapist's",
        "my motive",
        "my motivation",
        "flatter",
        "ego",
        "nurturance",
        "validation",
        "feel good",
        "appreciat",
        "for me",
    ),
}


class ScenarioError(ValueError):
    """The reader's response does not fit; the message says what to do."""


@dataclass(frozen=True)
class ConsiderationFeedback:
    kind: str
    label: str
    text: str
    mentioned: bool


@dataclass(frozen=True)
class ScenarioFeedback:
    scenario: str
    decision: str
    decision_label: str
    considerations: tuple[ConsiderationFeedback, ...]
    questions: tuple[str, ...]
    position: str
    framing: str


FRAMING = (
    "There is no single right answer here: decisions about gifts call for judgement. "
    "Use these considerations to discuss your reasoning in class or supervision."
)


def mentioned_kinds(explanation: str) -> frozenset[str]:
    """Which of the four considerations an explanation's words touch on."""
    text = " " + re.sub(r"\s+", " ", explanation.lower().replace("’", "'")) + " "
    return frozenset(
        kind for kind, words in MENTION_WORDS.items() if any(word in text for word in words)
    )


def respond_to_scenario(
    scenario: GiftScenario, decision: str, explanation: str, position: str
) -> ScenarioFeedback:
    """The considerations the vignette raises, whatever the decision, for discussion."""
    if decision not in DECISION_LABELS:
        raise ScenarioError("Choose what you would do first.")
    mentioned = mentioned_kinds(explanation)
    by_kind = {item.kind: item for item in scenario.considerations}
    considerations = tuple(
        ConsiderationFeedback(
            kind=kind,
            label=CONSIDERATION_LABELS[kind],
            text=by_kind[kind].text,
            mentioned=kind in mentioned,
        )
        for kind in CONSIDERATION_KINDS
        if kind in by_kind
    )
    # The reason is optional: when there is none, invite one instead of listing what it
    # "does not mention".
    questions = (
        tuple(
            f"Your explanation does not mention {item.label[0].lower()}{item.label[1:]}. "
            f"How would it change your decision?"
            for item in considerations
            if not item.mentioned
        )
        if explanation.strip()
        else (
            "You can add a sentence on why: explaining a decision aloud is most of "
            "what supervision does with it.",
        )
    )
    return ScenarioFeedback(
        scenario=scenario.id,
        decision=decision,
        decision_label=DECISION_LABELS[decision],
        considerations=considerations,
        questions=questions,
        position=position,
        framing=FRAMING,
    )


def scenario_feedback_payload(payload: Any) -> dict[str, Any]:
    """{"scenario": GiftScenario, "decision": str, "explanation": str, "position": str}."""
    if not isinstance(payload, dict):
        raise ConversionError("payload: expected an object")
    scenario = from_data(GiftScenario, payload.get("scenario"), "scenario")
    decision, explanation, position = (
        payload.get(name) for name in ("decision", "explanation", "position")
    )
    if not isinstance(explanation, str) or not isinstance(position, str):
        raise ConversionError("payload: explanation and position must be text")
    if not isinstance(decision, str):
        raise ConversionError("Choose what you would do first.")
    try:
        feedback = respond_to_scenario(scenario, decision, explanation, position)
    except ScenarioError as error:
        raise ConversionError(str(error)) from None
    return dict(to_data(feedback))
