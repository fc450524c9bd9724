"""A small check-in of our own (three areas, four items) that the unit tests share."""

from __future__ import annotations

from exercises.model import Checkin, CheckinArea, CheckinItem, ResponsePoint

CHECKIN = Checkin(
    responses=tuple(ResponsePoint(value, f"point {value}") for value in range(1, 6)),
    areas=(
        CheckinArea("friends", "Friends", "more friends", ("civilian-friends",)),
        CheckinArea("groups", "Groups", "more groups", ("structured-peer-groups",)),
        CheckinArea("alone", "Alone", "more time alone", ("opposite-of-time-alone",)),
    ),
    items=(
        CheckinItem("ci-01", "friends", "I see friends."),
        CheckinItem("ci-02", "friends", "I rarely see friends.", reverse=True),
        CheckinItem("ci-03", "groups", "I go to a group."),
        CheckinItem("ci-04", "alone", "I want to be alone."),
    ),
)
