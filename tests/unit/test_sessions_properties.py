"""Session plans for any phase lengths: clean plans run back to back, every bad phase is named."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exercises.sessions import (
    LONGEST_MEETING_SECONDS,
    PhaseRequest,
    build_session_plan,
    check_session_plan,
)


@given(st.lists(st.integers(min_value=1, max_value=3600), min_size=1, max_size=12), st.data())
def test_any_plan_of_positive_phases_within_the_meeting_runs_back_to_back(
    lengths: list[int], data: st.DataObject
) -> None:
    meeting = data.draw(st.integers(min_value=sum(lengths), max_value=sum(lengths) + 600))
    if meeting > LONGEST_MEETING_SECONDS:
        return
    requests = [PhaseRequest("phase", f"Phase {i}", s) for i, s in enumerate(lengths)]
    plan = build_session_plan(meeting, requests)
    ends = [p.starts_at + p.seconds for p in plan.phases]
    assert [p.starts_at for p in plan.phases[1:]] == ends[:-1]
    assert plan.spare_seconds == meeting - sum(lengths) >= 0


@given(
    st.lists(st.integers(min_value=-60, max_value=600), min_size=1, max_size=8),
    st.integers(min_value=1, max_value=3600),
)
def test_every_bad_phase_is_reported_and_a_clean_plan_reports_nothing(
    lengths: list[int], meeting: int
) -> None:
    requests = [PhaseRequest("phase", f"P{i}", s) for i, s in enumerate(lengths)]
    problems = check_session_plan(meeting, requests)
    for index, length in enumerate(lengths):
        named = any(problem.startswith(f"Phase {index + 1}, P{index},") for problem in problems)
        assert named == (length <= 0)
    too_long = all(s > 0 for s in lengths) and sum(lengths) > meeting
    assert any("add up to" in p for p in problems) == too_long
    assert (problems == []) == (all(s > 0 for s in lengths) and sum(lengths) <= meeting)
