"""Place the people in a reader's competence constellation in layers, and find its gaps.

After Johnson, Barnett, Elman, Forrest and Kaslow's competence constellation:
a circle of people who take an active interest in a clinician's well-being and
competence. Layers come from how often the reader is in touch with each person;
gaps are kinds of support the chapter names that the map does not yet hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from exercises.convert import ConversionError, from_data, to_data

Role = Literal[
    "mentor",
    "supervisor",
    "peer",
    "other-discipline",
    "community-professional",
    "assistance-programme",
    "friend-outside",
    "family",
]
ROLE_LABELS: dict[str, str] = {
    "mentor": "Mentor",
    "supervisor": "Supervisor",
    "peer": "Peer or peer group",
    "other-discipline": "Colleague from another discipline",
    "community-professional": "Community professional",
    "assistance-programme": "Colleague assistance programme",
    "friend-outside": "Friend outside the profession",
    "family": "Partner, family or chosen family",
}
Contact = Literal["weekly", "monthly", "few-times-a-year", "rarely"]
CONTACT_LABELS: dict[str, str] = {
    "weekly": "Weekly or more",
    "monthly": "About monthly",
    "few-times-a-year": "A few times a year",
    "rarely": "Rarely",
}
LAYERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("close", "Close: in touch every week", ("weekly",)),
    ("regular", "Regular: in touch about monthly", ("monthly",)),
    ("wider", "Wider: in touch a few times a year or less", ("few-times-a-year", "rarely")),
)
MAX_PEOPLE = 40
MAX_LABEL = 24
# Two or more capitalised words of three letters or more read like a full name.
FULL_NAME = re.compile(r"^[A-Z][a-z]{2,}(?:[ '-][A-Z][a-z]{2,})+$")


@dataclass(frozen=True)
class Person:
    """Someone in the reader's constellation, by initials or a nickname only."""

    label: str
    role: Role
    contact: Contact


@dataclass(frozen=True)
class Gap:
    id: str
    text: str
    suggestion: str
    takeaways: tuple[str, ...]


@dataclass(frozen=True)
class Layer:
    id: str
    title: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class ConstellationMap:
    layers: tuple[Layer, ...]
    gaps: tuple[Gap, ...]
    name_warnings: tuple[str, ...]
    roles_present: tuple[str, ...]


# (id, is it missing?, what is missing, a step from the chapter, takeaways that speak to it)
_GAP_RULES: tuple[tuple[str, frozenset[str], str, str, tuple[str, ...]], ...] = (
    (
        "no-mentor",
        frozenset({"mentor", "supervisor"}),
        "No mentor or supervisor is on your map.",
        "Look for a long-term mentor or a senior colleague who takes an active interest "
        "in your development.",
        ("collective-healing",),
    ),
    (
        "no-peers",
        frozenset({"peer"}),
        "No peer or peer group is on your map.",
        "Join or start a structured peer consultation group, such as a Balint group, "
        "with a leader who keeps it safe.",
        ("structured-peer-groups", "coworkers"),
    ),
    (
        "no-one-outside",
        frozenset({"friend-outside", "family"}),
        "No one outside the profession is on your map.",
        "Make time for partner, family, chosen family and friends who are not therapists; "
        "therapists tend to have fewer such friends as their careers go on.",
        ("civilian-friends", "partner-family-balance"),
    ),
    (
        "no-other-discipline",
        frozenset({"other-discipline"}),
        "No colleague from another discipline is on your map.",
        "A multidisciplinary team, or a co-therapist, can nurture the therapist as well "
        "as serve the client.",
        ("multidisciplinary-teams",),
    ),
    (
        "no-wider-help",
        frozenset({"community-professional", "assistance-programme"}),
        "No community professional or colleague assistance programme is on your map.",
        "Find out which colleague assistance programme serves your profession and region, "
        "before you need it.",
        ("collective-healing",),
    ),
)


def looks_like_full_name(label: str) -> bool:
    """True for 'Maria Lopez' or 'Jean-Luc Picard'; false for 'ML', 'Dr K' or 'my sister'."""
    return bool(FULL_NAME.match(label.strip()))


def map_constellation(people: list[Person] | tuple[Person, ...]) -> ConstellationMap:
    """People in layers by contact, the gaps the chapter would notice, and name warnings."""
    layers = tuple(
        Layer(layer_id, title, tuple(person for person in people if person.contact in contacts))
        for layer_id, title, contacts in LAYERS
    )
    roles = {person.role for person in people}
    gaps = [
        Gap(gap_id, text, suggestion, takeaways)
        for gap_id, wanted, text, suggestion, takeaways in _GAP_RULES
        if not roles & wanted
    ]
    if people and not layers[0].people:
        gaps.append(
            Gap(
                "no-close-contact",
                "No one on your map is in touch every week.",
                "Healing is a collective responsibility: choose one person on the map to be "
                "in touch with more often.",
                ("collective-healing", "opposite-of-time-alone"),
            )
        )
    warnings = tuple(
        f"“{person.label}” looks like a full name. Initials or a nickname are safer if "
        "someone else uses this browser."
        for person in people
        if looks_like_full_name(person.label)
    )
    return ConstellationMap(
        layers=layers,
        gaps=tuple(gaps),
        name_warnings=warnings,
        roles_present=tuple(role for role in ROLE_LABELS if role in roles),
    )


def constellation_payload(payload: Any) -> dict[str, Any]:
    """{"people": [Person]} → the map: layers, gaps with steps, name warnings."""
    if not isinstance(payload, dict) or not isinstance(payload.get("people"), list):
        raise ConversionError("payload: expected a list of people")
    raw = payload["people"]
    if len(raw) > MAX_PEOPLE:
        raise ConversionError(f"A map holds at most {MAX_PEOPLE} people.")
    people = [from_data(Person, item, f"people[{index}]") for index, item in enumerate(raw)]
    for person in people:
        if not person.label.strip() or len(person.label) > MAX_LABEL:
            raise ConversionError(
                f"Give each person initials or a nickname of 1 to {MAX_LABEL} characters."
            )
    return dict(to_data(map_constellation(people)))
