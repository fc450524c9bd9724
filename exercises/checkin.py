"""Turn a reader's check-in answers into a profile per area, and compare two profiles.

A check-in is reflective, not diagnostic: there is no total, no cut-off and no
label of risk. Each area's profile is where the reader's answers sit on the
check-in's own labelled points, after turning reverse-worded items round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from exercises.convert import ConversionError, from_data, to_data
from exercises.model import Checkin, CheckinItem

# Changes smaller than this (on the response scale) read as "about the same":
# one item moving one point in a two-item area is 0.5.
STEADY_WITHIN = 0.25

Direction = Literal["higher", "lower", "about the same", "not comparable"]


class CheckinError(ValueError):
    """An answer does not fit the check-in; the message is written for the reader."""


@dataclass(frozen=True)
class AreaProfile:
    """Where one area's answers sit on the response points; None when all were skipped."""

    area: str
    title: str
    higher: str
    answered: int
    skipped: int
    position: float | None
    nearest_label: str | None


@dataclass(frozen=True)
class CheckinProfile:
    """One profile per area, in the check-in's order. Deliberately no total."""

    areas: tuple[AreaProfile, ...]
    answered: int
    skipped: int
    lowest: int
    highest: int


@dataclass(frozen=True)
class AreaChange:
    """How one area moved between an earlier profile and a later one."""

    area: str
    title: str
    earlier: float | None
    later: float | None
    change: float | None
    direction: Direction


def item_position(checkin: Checkin, item: CheckinItem, value: int) -> int:
    """The answer as a position along the area's `higher`, turning reverse items round."""
    lowest = checkin.responses[0].value
    highest = checkin.responses[-1].value
    return lowest + highest - value if item.reverse else value


def score_checkin(checkin: Checkin, answers: Mapping[str, int | None]) -> CheckinProfile:
    """The reader's profile per area; unanswered and None answers count as skipped."""
    allowed = {point.value for point in checkin.responses}
    known = {item.id for item in checkin.items}
    for item_id, value in answers.items():
        if item_id not in known:
            raise CheckinError(f"There is no check-in item {item_id!r} on this page.")
        if value is not None and (isinstance(value, bool) or value not in allowed):
            raise CheckinError(
                f"The answer to {item_id} must be one of the points shown ({sorted(allowed)})."
            )
    profiles = []
    for area in checkin.areas:
        items = [item for item in checkin.items if item.area == area.id]
        positions = [
            item_position(checkin, item, value)
            for item in items
            if (value := answers.get(item.id)) is not None
        ]
        position = round(sum(positions) / len(positions), 2) if positions else None
        profiles.append(
            AreaProfile(
                area=area.id,
                title=area.title,
                higher=area.higher,
                answered=len(positions),
                skipped=len(items) - len(positions),
                position=position,
                nearest_label=None if position is None else _nearest_label(checkin, position),
            )
        )
    answered = sum(profile.answered for profile in profiles)
    return CheckinProfile(
        areas=tuple(profiles),
        answered=answered,
        skipped=len(checkin.items) - answered,
        lowest=checkin.responses[0].value,
        highest=checkin.responses[-1].value,
    )


def _nearest_label(checkin: Checkin, position: float) -> str:
    # Halfway between two points, the lower one is named: the wording stays modest.
    point = min(checkin.responses, key=lambda point: (abs(point.value - position), point.value))
    return point.label


def compare_profiles(earlier: CheckinProfile, later: CheckinProfile) -> tuple[AreaChange, ...]:
    """Per area of the later profile: how far it moved since the earlier one, and which way."""
    before = {profile.area: profile for profile in earlier.areas}
    changes = []
    for profile in later.areas:
        old = before.get(profile.area)
        old_position = old.position if old else None
        if old_position is None or profile.position is None:
            changes.append(
                AreaChange(
                    profile.area,
                    profile.title,
                    old_position,
                    profile.position,
                    None,
                    "not comparable",
                )
            )
            continue
        change = round(profile.position - old_position, 2)
        direction: Direction = (
            "about the same"
            if abs(change) < STEADY_WITHIN
            else ("higher" if change > 0 else "lower")
        )
        changes.append(
            AreaChange(
                profile.area, profile.title, old_position, profile.position, change, direction
            )
        )
    return tuple(changes)


def _answers(data: Any, where: str) -> dict[str, int | None]:
    if not isinstance(data, dict) or not all(
        isinstance(value, int | None) and not isinstance(value, bool) for value in data.values()
    ):
        raise ConversionError(f"{where}: expected an object of item ids and whole numbers")
    return data


def checkin_profile_payload(payload: Any) -> dict[str, Any]:
    """{"checkin": Checkin, "answers": {id: n|null}, "previous": {id: n|null}|null} → profile."""
    if not isinstance(payload, dict) or "checkin" not in payload or "answers" not in payload:
        raise ConversionError("payload: expected checkin and answers")
    checkin = from_data(Checkin, payload["checkin"], "checkin")
    try:
        profile = score_checkin(checkin, _answers(payload["answers"], "answers"))
        previous = payload.get("previous")
        changes = (
            None
            if previous is None
            else compare_profiles(score_checkin(checkin, _answers(previous, "previous")), profile)
        )
    except CheckinError as error:
        raise ConversionError(str(error)) from None
    return {"profile": to_data(profile), "changes": None if changes is None else to_data(changes)}
