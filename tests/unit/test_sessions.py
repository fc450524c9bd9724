"""Balint session plans: good plans run in order; bad ones say what to change.

Standard library and exercises only, so these also run inside Pyodide; the
property tests (hypothesis) are in test_sessions_properties.py.
"""

from __future__ import annotations

import json

from exercises import bridge
from exercises.sessions import (
    LONGEST_MEETING_SECONDS,
    PhaseRequest,
    build_session_plan,
    check_session_plan,
    describe_duration,
)

BALINT_ORDER = [
    ("opening", "Opening"),
    ("presentation", "Presentation from memory"),
    ("questions", "Factual questions"),
    ("reflection", "The group's reflection"),
    ("return", "The presenter's return"),
    ("close", "Close"),
]


def phases(*seconds: int | None) -> list[PhaseRequest]:
    return [
        PhaseRequest(phase, name, length)
        for (phase, name), length in zip(BALINT_ORDER, seconds, strict=False)
    ]


def test_a_full_meeting_plan_has_each_phase_start_where_the_last_one_ended() -> None:
    plan = build_session_plan(45 * 60, phases(180, 600, 300, 1200, 300, 120))
    assert [p.starts_at for p in plan.phases] == [0, 180, 780, 1080, 2280, 2580]
    assert plan.planned_seconds == 45 * 60
    assert plan.spare_seconds == 0


def test_a_plan_shorter_than_the_meeting_leaves_the_rest_spare() -> None:
    plan = build_session_plan(50 * 60, phases(180, 600, 300, 1200, 300, 120))
    assert plan.spare_seconds == 5 * 60


def test_phases_longer_than_the_meeting_say_by_how_much() -> None:
    problems = check_session_plan(40 * 60, phases(180, 600, 300, 1200, 300, 120))
    assert problems == [
        "The phases add up to 45 minutes, 5 minutes more than the meeting's 40 minutes. "
        "Shorten a phase or lengthen the meeting."
    ]


def test_a_zero_length_phase_is_named_by_its_number_and_name() -> None:
    problems = check_session_plan(45 * 60, phases(180, 600, 0, 1200, 300, 120))
    assert problems == [
        "Phase 3, Factual questions, has no time. Give it some minutes, or leave it out."
    ]


def test_missing_and_negative_lengths_ask_for_minutes() -> None:
    problems = check_session_plan(None, phases(None, -60))
    assert problems == [
        "Enter how long the meeting is, in minutes.",
        "Phase 1, Opening, has no length. Enter its minutes.",
        "Phase 2, Presentation from memory, has a negative length. Enter its minutes.",
    ]


def test_the_presenter_cannot_return_before_the_group_has_reflected() -> None:
    order = [PhaseRequest("return", "The presenter's return", 60)]
    order.append(PhaseRequest("reflection", "The group's reflection", 60))
    assert check_session_plan(600, order) == [
        "Phase 1, The presenter's return, comes before any reflection by the group. The "
        "presenter returns after listening: move it after the group's reflection."
    ]


def test_an_empty_plan_and_an_impossible_meeting_are_refused() -> None:
    assert check_session_plan(0, []) == [
        "The meeting needs a length above zero minutes.",
        "Choose at least one phase for the meeting.",
    ]
    too_long = check_session_plan(LONGEST_MEETING_SECONDS + 60, phases(60))
    assert too_long == [
        "The meeting is 241 minutes long, more than the 240 minutes this timer plans for. "
        "Check the number."
    ]


def test_durations_read_naturally() -> None:
    assert describe_duration(60) == "1 minute"
    assert describe_duration(90) == "1 minute 30 seconds"
    assert describe_duration(5) == "5 seconds"
    assert describe_duration(0) == "0 seconds"


def test_the_bridge_returns_a_plan_in_seconds_from_minutes() -> None:
    payload = {
        "meeting_minutes": 0.25,
        "phases": [
            {"phase": "opening", "name": "Opening", "minutes": 0.05},
            {"phase": "reflection", "name": "Reflection", "minutes": 0.1},
        ],
    }
    reply = json.loads(bridge.call("plan_session", json.dumps(payload)))
    assert reply == {
        "ok": True,
        "value": {
            "plan": {
                "meeting_seconds": 15,
                "planned_seconds": 9,
                "spare_seconds": 6,
                "phases": [
                    {"phase": "opening", "name": "Opening", "seconds": 3, "starts_at": 0},
                    {"phase": "reflection", "name": "Reflection", "seconds": 6, "starts_at": 3},
                ],
            }
        },
    }


def test_the_bridge_returns_problems_as_a_result_and_bad_payloads_as_errors() -> None:
    payload = {"meeting_minutes": 1, "phases": [{"phase": "x", "name": "X", "minutes": 0}]}
    reply = json.loads(bridge.call("plan_session", json.dumps(payload)))
    assert reply["value"] == {
        "problems": ["Phase 1, X, has no time. Give it some minutes, or leave it out."]
    }
    broken = json.loads(bridge.call("plan_session", json.dumps({"phases": "all"})))
    assert broken["ok"] is False
    assert broken["error"]["kind"] == "invalid-payload"
