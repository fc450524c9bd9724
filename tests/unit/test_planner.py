"""The day planner: fixed items stay put, draining and replenishing alternate, limits are told."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.bridge import call
from exercises.planner import PlanError, PlanItem, plan_day, to_minutes


def item(
    id: str, energy: str, minutes: int = 50, kind: str = "session", at: str | None = None
) -> PlanItem:
    return PlanItem(id, id, kind, energy, minutes, at)  # type: ignore[arg-type]


def order(plan) -> list[str]:  # type: ignore[no-untyped-def]
    return [slot.id for slot in plan.slots]


def test_draining_and_replenishing_items_alternate() -> None:
    items = [
        item("d1", "draining"),
        item("d2", "draining"),
        item("r1", "replenishing"),
        item("r2", "replenishing"),
    ]

    plan = plan_day(items, "09:00", "17:00")

    assert order(plan) == ["d1", "r1", "d2", "r2"]
    assert plan.all_met
    assert plan.slots[1].reason == "Something replenishing after a draining item."


def test_a_break_comes_after_a_draining_item() -> None:
    items = [item("d1", "draining"), item("d2", "draining"), item("b", "neutral", 15, "break")]

    plan = plan_day(items, "09:00", "12:00")

    assert order(plan) == ["d1", "b", "d2"]
    assert plan.slots[1].reason == "A break after a draining item."


def test_fixed_items_keep_their_times_and_flexible_ones_fill_around_them() -> None:
    items = [
        item("team", "neutral", 60, "task", at="10:00"),
        item("d1", "draining", 60),
        item("r1", "replenishing", 60),
    ]

    plan = plan_day(items, "09:00", "12:00")

    assert [(s.id, s.start, s.end, s.fixed) for s in plan.slots] == [
        ("d1", "09:00", "10:00", False),
        ("team", "10:00", "11:00", True),
        ("r1", "11:00", "12:00", False),
    ]


def test_too_much_for_the_day_is_said_plainly() -> None:
    plan = plan_day([item("a", "draining", 300), item("b", "draining", 300)], "09:00", "17:00")

    assert not plan.all_met
    assert [u.id for u in plan.unplaced] == ["b"]
    assert plan.unplaced[0].reason == "there is not enough free time left in the day."
    assert plan.summary.startswith("Not everything fits: 1 of 2 items")


def test_overlapping_fixed_items_cannot_both_be_kept() -> None:
    items = [item("a", "draining", 60, at="10:00"), item("b", "neutral", 60, at="10:30")]

    plan = plan_day(items, "09:00", "17:00")

    assert order(plan) == ["a"]
    assert "overlaps another fixed item (10:00–11:00)" in plan.unplaced[0].reason


def test_a_fixed_item_outside_the_day_is_reported() -> None:
    plan = plan_day([item("late", "neutral", 60, at="17:30")], "09:00", "17:00")

    assert "outside the day" in plan.unplaced[0].reason


def test_an_item_longer_than_any_free_stretch_is_reported() -> None:
    items = [item("fix", "neutral", 60, at="10:00"), item("long", "draining", 90)]

    plan = plan_day(items, "09:00", "12:00")

    assert [u.id for u in plan.unplaced] == ["long"]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("9am", "17:00", "is not a time"),
        ("17:00", "09:00", "must end after it starts"),
    ],
)
def test_a_day_that_makes_no_sense_is_refused(start: str, end: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        plan_day([], start, end)


times = st.integers(min_value=7 * 60, max_value=18 * 60).map(
    lambda m: f"{m // 60:02d}:{m % 60:02d}"
)
items_strategy = st.lists(
    st.builds(
        PlanItem,
        st.uuids().map(str),
        st.just("x"),
        st.sampled_from(["session", "task", "break"]),
        st.sampled_from(["draining", "neutral", "replenishing"]),
        st.integers(min_value=5, max_value=240),
        st.one_of(st.none(), times),
    ),
    max_size=10,
)


@given(items_strategy)
def test_any_day_never_overlaps_keeps_fixed_times_and_accounts_for_every_item(
    items: list[PlanItem],
) -> None:
    plan = plan_day(items, "08:00", "18:00")

    spans = sorted((to_minutes(s.start), to_minutes(s.end)) for s in plan.slots)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(to_minutes("08:00") <= a and b <= to_minutes("18:00") for a, b in spans)
    by_id = {i.id: i for i in items}
    for slot in plan.slots:
        if slot.fixed:
            assert slot.start == by_id[slot.id].fixed_start
    assert sorted([s.id for s in plan.slots] + [u.id for u in plan.unplaced]) == sorted(by_id)
    assert plan.all_met == (not plan.unplaced)


@given(items_strategy.map(lambda items: [i for i in items if i.fixed_start is None]))
def test_flexible_items_never_put_two_draining_together_when_something_lighter_was_left(
    items: list[PlanItem],
) -> None:
    plan = plan_day(items, "08:00", "18:00")

    for before, after in zip(plan.slots, plan.slots[1:], strict=False):
        if (
            before.energy == "draining"
            and before.kind != "break"
            and after.energy == "draining"
            and after.kind != "break"
        ):
            assert after.reason.startswith("Back to back")


def test_the_bridge_plans_a_day() -> None:
    payload = {
        "items": [
            {"id": "a", "label": "Intake", "kind": "session", "energy": "draining", "minutes": 50}
        ],
        "day_start": "09:00",
        "day_end": "10:00",
    }

    reply = json.loads(call("plan_day", json.dumps(payload)))

    assert reply["ok"] and reply["value"]["slots"][0]["start"] == "09:00"
