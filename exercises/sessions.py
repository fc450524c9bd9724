"""Build and check a Balint group session plan: phases in order, each with a length, in one meeting.

Lengths are whole seconds, so a plan can be as short as a rehearsal needs. A
plan that cannot run comes back with every problem, phrased for the group's
facilitator; nothing here raises for a plan that is merely wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from exercises.convert import ConversionError
from exercises.model import GroupSupervision, SessionFormat

# Longer than any meeting a group would time; a bigger number is most likely a typo.
LONGEST_MEETING_SECONDS = 4 * 60 * 60
REFLECTION = "reflection"
RETURN = "return"


@dataclass(frozen=True)
class PhaseRequest:
    """One phase as the facilitator asked for it: which, what it is called, how long."""

    phase: str
    name: str
    seconds: int | None


@dataclass(frozen=True)
class PlannedPhase:
    phase: str
    name: str
    seconds: int
    starts_at: int


@dataclass(frozen=True)
class SessionPlan:
    meeting_seconds: int
    phases: tuple[PlannedPhase, ...]

    @property
    def planned_seconds(self) -> int:
        return sum(phase.seconds for phase in self.phases)

    @property
    def spare_seconds(self) -> int:
        return self.meeting_seconds - self.planned_seconds


def describe_duration(seconds: int) -> str:
    """45 minutes, 1 minute 30 seconds, 20 seconds."""
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def check_session_plan(meeting_seconds: int | None, phases: Sequence[PhaseRequest]) -> list[str]:
    """Every reason the plan cannot run, in the order a facilitator would fix them; [] if none."""
    problems: list[str] = []
    if meeting_seconds is None:
        problems.append("Enter how long the meeting is, in minutes.")
    elif meeting_seconds <= 0:
        problems.append("The meeting needs a length above zero minutes.")
    elif meeting_seconds > LONGEST_MEETING_SECONDS:
        problems.append(
            f"The meeting is {describe_duration(meeting_seconds)} long, more than the "
            f"{describe_duration(LONGEST_MEETING_SECONDS)} this timer plans for. Check the number."
        )
    if not phases:
        problems.append("Choose at least one phase for the meeting.")
    for number, phase in enumerate(phases, start=1):
        where = f"Phase {number}, {phase.name},"
        if phase.seconds is None:
            problems.append(f"{where} has no length. Enter its minutes.")
        elif phase.seconds < 0:
            problems.append(f"{where} has a negative length. Enter its minutes.")
        elif phase.seconds == 0:
            problems.append(f"{where} has no time. Give it some minutes, or leave it out.")
    problems += _order_problems(phases)
    lengths = [phase.seconds for phase in phases]
    if meeting_seconds and meeting_seconds > 0 and all(s is not None and s > 0 for s in lengths):
        total = sum(s for s in lengths if s is not None)
        if total > meeting_seconds:
            problems.append(
                f"The phases add up to {describe_duration(total)}, "
                f"{describe_duration(total - meeting_seconds)} more than the meeting's "
                f"{describe_duration(meeting_seconds)}. Shorten a phase or lengthen the meeting."
            )
    return problems


def _order_problems(phases: Sequence[PhaseRequest]) -> list[str]:
    # The presenter returns after listening to the group, never before it has spoken.
    problems = []
    reflected = False
    for number, phase in enumerate(phases, start=1):
        if phase.phase == REFLECTION:
            reflected = True
        elif phase.phase == RETURN and not reflected:
            problems.append(
                f"Phase {number}, {phase.name}, comes before any reflection by the group. "
                "The presenter returns after listening: move it after the group's reflection."
            )
        if phase.phase == RETURN:
            reflected = False
    return problems


def build_session_plan(meeting_seconds: int, phases: Sequence[PhaseRequest]) -> SessionPlan:
    """The plan with each phase's start; call check_session_plan first (ValueError if not clean)."""
    problems = check_session_plan(meeting_seconds, phases)
    if problems:
        raise ValueError(" ".join(problems))
    planned: list[PlannedPhase] = []
    start = 0
    for phase in phases:
        assert phase.seconds is not None
        planned.append(PlannedPhase(phase.phase, phase.name, phase.seconds, start))
        start += phase.seconds
    return SessionPlan(meeting_seconds, tuple(planned))


def format_requests(group: GroupSupervision, session_format: SessionFormat) -> list[PhaseRequest]:
    """A content format's timings as phase requests, each named for the facilitator."""
    return [
        PhaseRequest(
            timing.phase,
            (f"Case {timing.case}: " if timing.case else "") + group.phase(timing.phase).name,
            timing.minutes * 60,
        )
        for timing in session_format.timings
    ]


def plan_to_data(plan: SessionPlan) -> dict[str, Any]:
    return {
        "meeting_seconds": plan.meeting_seconds,
        "planned_seconds": plan.planned_seconds,
        "spare_seconds": plan.spare_seconds,
        "phases": [
            {
                "phase": phase.phase,
                "name": phase.name,
                "seconds": phase.seconds,
                "starts_at": phase.starts_at,
            }
            for phase in plan.phases
        ],
    }


def _seconds_from_minutes(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConversionError(f"{what} must be a number of minutes or null, not {value!r}")
    return round(value * 60)


def plan_session_payload(payload: Any) -> dict[str, Any]:
    """Bridge: {meeting_minutes, phases: [{phase, name, minutes}]} → {plan} or {problems}."""
    if not isinstance(payload, dict) or not isinstance(payload.get("phases"), list):
        raise ConversionError("payload: expected {meeting_minutes, phases: [{phase, name, …}]}")
    requests = []
    for index, entry in enumerate(payload["phases"]):
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(key), str) for key in ("phase", "name")
        ):
            raise ConversionError(f"payload.phases[{index}]: needs text 'phase' and 'name'")
        seconds = _seconds_from_minutes(entry.get("minutes"), f"payload.phases[{index}].minutes")
        requests.append(PhaseRequest(entry["phase"], entry["name"], seconds))
    meeting = _seconds_from_minutes(payload.get("meeting_minutes"), "payload.meeting_minutes")
    problems = check_session_plan(meeting, requests)
    if problems or meeting is None:
        return {"problems": problems}
    return {"plan": plan_to_data(build_session_plan(meeting, requests))}
