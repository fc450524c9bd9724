"""Check-in scoring: a profile per area, never a total, and change between two takes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.bridge import call
from exercises.checkin import (
    CheckinError,
    compare_profiles,
    item_position,
    score_checkin,
)
from exercises.convert import to_data
from exercises.model import CheckinItem
from tests.unit.small_checkin import CHECKIN

ITEM_IDS = [item.id for item in CHECKIN.items]

answers_strategy = st.dictionaries(
    st.sampled_from(ITEM_IDS), st.one_of(st.none(), st.integers(min_value=1, max_value=5))
)


def test_a_reverse_item_is_turned_round_before_it_counts() -> None:
    profile = score_checkin(CHECKIN, {"ci-01": 5, "ci-02": 1})

    friends = profile.areas[0]
    assert friends.position == 5
    assert friends.nearest_label == "point 5"
    assert (friends.answered, friends.skipped) == (2, 0)


def test_skipped_items_are_counted_and_an_unanswered_area_has_no_position() -> None:
    profile = score_checkin(CHECKIN, {"ci-01": 4, "ci-03": None})

    by_area = {area.area: area for area in profile.areas}
    assert by_area["friends"].position == 4
    assert (by_area["friends"].answered, by_area["friends"].skipped) == (1, 1)
    assert by_area["groups"].position is None
    assert by_area["groups"].nearest_label is None
    assert (profile.answered, profile.skipped) == (1, 3)


def test_the_profile_has_no_total_and_no_verdict() -> None:
    data = to_data(score_checkin(CHECKIN, {"ci-01": 1, "ci-03": 1, "ci-04": 1}))
    words = json.dumps(data).lower()

    for forbidden in ("total", "risk", "score", "cut", "severe", "normal", "burnout"):
        assert forbidden not in words


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"ci-99": 3}, "no check-in item 'ci-99'"),
        ({"ci-01": 6}, "must be one of the points shown"),
        ({"ci-01": 0}, "must be one of the points shown"),
        ({"ci-01": True}, "must be one of the points shown"),
    ],
)
def test_answers_that_do_not_fit_are_refused_with_a_reason(
    answers: dict[str, int], message: str
) -> None:
    with pytest.raises(CheckinError, match=message):
        score_checkin(CHECKIN, answers)


def test_a_retake_shows_which_way_each_area_moved() -> None:
    earlier = score_checkin(CHECKIN, {"ci-01": 2, "ci-02": 4, "ci-03": 3, "ci-04": 3})
    later = score_checkin(CHECKIN, {"ci-01": 4, "ci-02": 2, "ci-03": 3})

    changes = {change.area: change for change in compare_profiles(earlier, later)}

    assert changes["friends"].direction == "higher"
    assert changes["friends"].change == 2
    assert changes["groups"].direction == "about the same"
    assert changes["alone"].direction == "not comparable"


@given(answers_strategy)
def test_every_position_stays_on_the_response_points(answers: dict[str, int | None]) -> None:
    profile = score_checkin(CHECKIN, answers)

    assert [area.area for area in profile.areas] == ["friends", "groups", "alone"]
    assert profile.answered + profile.skipped == len(CHECKIN.items)
    for area in profile.areas:
        assert (area.position is None) == (area.answered == 0)
        if area.position is not None:
            assert profile.lowest <= area.position <= profile.highest


@given(answers_strategy)
def test_a_profile_compared_with_itself_has_not_moved(answers: dict[str, int | None]) -> None:
    profile = score_checkin(CHECKIN, answers)

    for change in compare_profiles(profile, profile):
        assert change.direction in {"about the same", "not comparable"}
        assert change.change in {0, None}


@given(st.sampled_from(CHECKIN.items), st.integers(min_value=1, max_value=5))
def test_reversing_twice_gives_the_answer_back(item: CheckinItem, value: int) -> None:
    once = item_position(CHECKIN, item, value)

    assert item_position(CHECKIN, item, once) == value


def test_the_bridge_returns_a_profile_and_the_change_since_last_time() -> None:
    payload = {
        "checkin": to_data(CHECKIN),
        "answers": {"ci-01": 5, "ci-02": None},
        "previous": {"ci-01": 3},
    }

    reply = json.loads(call("checkin_profile", json.dumps(payload)))

    assert reply["ok"], reply
    assert reply["value"]["profile"]["areas"][0]["position"] == 5
    assert reply["value"]["changes"][0]["direction"] == "higher"


def test_the_bridge_reports_a_bad_answer_in_words() -> None:
    payload = {"checkin": to_data(CHECKIN), "answers": {"ci-01": "often"}}

    reply = json.loads(call("checkin_profile", json.dumps(payload)))

    assert reply == {
        "ok": False,
        "error": {
            "kind": "invalid-payload",
            "message": "answers: expected an object of item ids and whole numbers",
        },
    }
