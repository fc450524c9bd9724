"""Plan a working day: fixed items stay put, flexible ones alternate draining and replenishing.

The chapter suggests structuring a day so that replenishing sessions alternate
with more energy-consuming ones. `plan_day` keeps every fixed item at its time,
fills the free time with the flexible items (a replenishing or neutral item,
or a break, after a draining one where it can), explains each choice, and says
plainly which items could not be fitted and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from exercises.convert import ConversionError, from_data, to_data

Energy = Literal["draining", "neutral", "replenishing"]
Kind = Literal["session", "task", "break"]
TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MAX_ITEMS = 40


class PlanError(ValueError):
    """The day or an item does not make sense; the message says how to fix it."""


@dataclass(frozen=True)
class PlanItem:
    """A session, task or break; `fixed_start` ("HH:MM") pins it to a time."""

    id: str
    label: str
    kind: Kind
    energy: Energy
    minutes: int
    fixed_start: str | None = None


@dataclass(frozen=True)
class Slot:
    id: str
    label: str
    kind: str
    energy: str
    start: str
    end: str
    fixed: bool
    reason: str


@dataclass(frozen=True)
class Unplaced:
    id: str
    label: str
    reason: str


@dataclass(frozen=True)
class DayPlan:
    slots: tuple[Slot, ...]
    unplaced: tuple[Unplaced, ...]
    all_met: bool
    summary: str


def to_minutes(time: str) -> int:
    match = TIME.match(time)
    if not match:
        raise PlanError(f"“{time}” is not a time; write it as HH:MM, like 09:30.")
    return int(match.group(1)) * 60 + int(match.group(2))


def to_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def plan_day(items: list[PlanItem] | tuple[PlanItem, ...], day_start: str, day_end: str) -> DayPlan:
    """The day's plan; `all_met` is False when some constraint could not be met."""
    start, end = to_minutes(day_start), to_minutes(day_end)
    if end <= start:
        raise PlanError("The day must end after it starts.")
    for item in items:
        if item.minutes <= 0 or item.minutes > 24 * 60:
            raise PlanError(f"“{item.label}” needs a length between 1 and 1440 minutes.")
    slots: list[Slot] = []
    unplaced: list[Unplaced] = []
    busy: list[tuple[int, int]] = []
    fixed = sorted((i for i in items if i.fixed_start is not None), key=_fixed_start)
    for item in fixed:
        begin = _fixed_start(item)
        finish = begin + item.minutes
        if begin < start or finish > end:
            unplaced.append(
                Unplaced(
                    item.id,
                    item.label,
                    f"its fixed time is outside the day ({day_start}–{day_end}).",
                )
            )
            continue
        clash = next((b for b in busy if b[0] < finish and begin < b[1]), None)
        if clash is not None:
            unplaced.append(
                Unplaced(
                    item.id,
                    item.label,
                    f"its fixed time overlaps another fixed item "
                    f"({to_time(clash[0])}–{to_time(clash[1])}).",
                )
            )
            continue
        busy.append((begin, finish))
        slots.append(_slot(item, begin, True, "Fixed at the time you gave."))
    flexible = [item for item in items if item.fixed_start is None]
    gaps = _gaps(start, end, sorted(busy))
    slots.sort(key=lambda slot: slot.start)
    for gap_start, gap_end in gaps:
        cursor = gap_start
        while flexible:
            previous = _energy_before(slots, cursor)
            choice = _choose(flexible, previous, gap_end - cursor)
            if choice is None:
                break
            item, reason = choice
            flexible.remove(item)
            slots.append(_slot(item, cursor, False, reason))
            slots.sort(key=lambda slot: slot.start)
            cursor += item.minutes
    free = sum(b - a for a, b in gaps) - sum(
        to_minutes(slot.end) - to_minutes(slot.start) for slot in slots if not slot.fixed
    )
    for item in flexible:
        reason = (
            "there is not enough free time left in the day."
            if item.minutes > free
            else "no free stretch between the fixed items is long enough."
        )
        unplaced.append(Unplaced(item.id, item.label, reason))
    all_met = not unplaced
    summary = (
        f"Everything fits: {len(slots)} items between {day_start} and {day_end}."
        if all_met
        else f"Not everything fits: {len(unplaced)} of {len(items)} items could not be "
        "placed. Shorten or move something, or lengthen the day."
    )
    return DayPlan(tuple(slots), tuple(unplaced), all_met, summary)


def _fixed_start(item: PlanItem) -> int:
    assert item.fixed_start is not None
    return to_minutes(item.fixed_start)


def _slot(item: PlanItem, begin: int, fixed: bool, reason: str) -> Slot:
    return Slot(
        item.id,
        item.label,
        item.kind,
        item.energy,
        to_time(begin),
        to_time(begin + item.minutes),
        fixed,
        reason,
    )


def _gaps(start: int, end: int, busy: list[tuple[int, int]]) -> list[tuple[int, int]]:
    gaps, cursor = [], start
    for begin, finish in busy:
        if begin > cursor:
            gaps.append((cursor, begin))
        cursor = max(cursor, finish)
    if cursor < end:
        gaps.append((cursor, end))
    return gaps


def _energy_before(slots: list[Slot], cursor: int) -> str | None:
    before = [slot for slot in slots if to_minutes(slot.end) <= cursor]
    if not before or to_minutes(before[-1].end) != cursor:
        return None  # a gap (free time) came first
    return "break" if before[-1].kind == "break" else before[-1].energy


# After each kind of item, what to prefer next, with the reason given to the reader.
_PREFERENCES: dict[str | None, tuple[tuple[str, str], ...]] = {
    "draining": (
        ("break", "A break after a draining item."),
        ("replenishing", "Something replenishing after a draining item."),
        ("neutral", "Something neutral after a draining item."),
        ("draining", "Back to back with a draining item: nothing lighter was left to fit."),
    ),
    "replenishing": (
        ("draining", "A draining item while you are replenished."),
        ("neutral", "A neutral item."),
        ("replenishing", "Another replenishing item."),
        ("break", "A break."),
    ),
    "neutral": (
        ("draining", "A draining item after a neutral one."),
        ("replenishing", "A replenishing item."),
        ("neutral", "Another neutral item."),
        ("break", "A break."),
    ),
}
_PREFERENCES["break"] = _PREFERENCES["replenishing"]
_PREFERENCES[None] = (
    ("draining", "A draining item while you are fresh."),
    ("neutral", "A neutral item."),
    ("replenishing", "A replenishing item."),
    ("break", "A break."),
)


def _choose(
    flexible: list[PlanItem], previous: str | None, room: int
) -> tuple[PlanItem, str] | None:
    for wanted, reason in _PREFERENCES[previous]:
        for item in flexible:
            kind = "break" if item.kind == "break" else item.energy
            if kind == wanted and item.minutes <= room:
                return item, reason
    return None


def plan_day_payload(payload: Any) -> dict[str, Any]:
    """{"items": [PlanItem], "day_start": "HH:MM", "day_end": "HH:MM"} → the day's plan."""
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise ConversionError("payload: expected items, day_start and day_end")
    if len(payload["items"]) > MAX_ITEMS:
        raise ConversionError(f"A day holds at most {MAX_ITEMS} items.")
    items = [from_data(PlanItem, data, f"items[{i}]") for i, data in enumerate(payload["items"])]
    day_start, day_end = payload.get("day_start"), payload.get("day_end")
    if not isinstance(day_start, str) or not isinstance(day_end, str):
        raise ConversionError("Give the day a start and an end time.")
    try:
        return dict(to_data(plan_day(items, day_start, day_end)))
    except PlanError as error:
        raise ConversionError(str(error)) from None
