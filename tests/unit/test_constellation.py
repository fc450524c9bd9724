"""The competence-constellation map: layers by contact, gaps the chapter names, name advice."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.bridge import call
from exercises.constellation import (
    CONTACT_LABELS,
    ROLE_LABELS,
    Person,
    looks_like_full_name,
    map_constellation,
)

ROUNDED = [
    Person("JM", "mentor", "monthly"),
    Person("Peer group", "peer", "weekly"),
    Person("AK", "other-discipline", "weekly"),
    Person("CAP line", "assistance-programme", "rarely"),
    Person("Sis", "family", "weekly"),
]


def test_people_sit_in_the_layer_their_contact_gives_them() -> None:
    layers = {
        layer.id: [p.label for p in layer.people] for layer in map_constellation(ROUNDED).layers
    }

    assert layers == {
        "close": ["Peer group", "AK", "Sis"],
        "regular": ["JM"],
        "wider": ["CAP line"],
    }


def test_a_rounded_map_has_no_gaps() -> None:
    assert map_constellation(ROUNDED).gaps == ()


def test_a_map_of_colleagues_only_misses_peers_and_people_outside_the_profession() -> None:
    result = map_constellation([Person("DK", "supervisor", "monthly")])

    ids = [gap.id for gap in result.gaps]
    assert ids == [
        "no-peers",
        "no-one-outside",
        "no-other-discipline",
        "no-wider-help",
        "no-close-contact",
    ]
    assert all(gap.suggestion and gap.takeaways for gap in result.gaps)


def test_an_empty_map_names_every_kind_of_support_as_a_gap() -> None:
    assert len(map_constellation([]).gaps) == 5


@pytest.mark.parametrize(
    ("label", "full"),
    [
        ("Maria Lopez", True),
        ("Jean-Luc Picard", True),
        ("ML", False),
        ("Dr K", False),
        ("my sister", False),
        ("Peer group", False),
    ],
)
def test_full_names_are_noticed(label: str, full: bool) -> None:
    assert looks_like_full_name(label) is full


def test_a_full_name_gets_advice_not_a_refusal() -> None:
    result = map_constellation([Person("Maria Lopez", "friend-outside", "monthly")])

    assert result.name_warnings and "Initials or a nickname" in result.name_warnings[0]


people = st.lists(
    st.builds(
        Person,
        st.text(min_size=1, max_size=12),
        st.sampled_from(list(ROLE_LABELS)),
        st.sampled_from(list(CONTACT_LABELS)),
    ),
    max_size=12,
)


@given(people)
def test_everyone_is_placed_exactly_once_and_gaps_match_missing_roles(group: list[Person]) -> None:
    result = map_constellation(group)

    placed = [person for layer in result.layers for person in layer.people]
    assert sorted(placed, key=repr) == sorted(group, key=repr)
    roles = {person.role for person in group}
    if "peer" in roles:
        assert "no-peers" not in [gap.id for gap in result.gaps]
    else:
        assert "no-peers" in [gap.id for gap in result.gaps]


def test_the_bridge_refuses_a_blank_label_in_words() -> None:
    payload = {"people": [{"label": " ", "role": "peer", "contact": "weekly"}]}

    reply = json.loads(call("constellation_map", json.dumps(payload)))

    assert reply["ok"] is False
    assert "initials or a nickname" in reply["error"]["message"]
