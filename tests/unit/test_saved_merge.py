"""Merging saved data item by item: nothing either side has is lost, and merging is stable."""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.saved_data import import_payload, merge_records, preview_import
from exercises.saved_merge import merge_record, with_ids
from exercises.saved_schemas import check_record

FORMAT = "nurturing-relationships-companion"
TEXTS = st.text(alphabet="ab<>:é😀ש ", max_size=6)
TIMES = st.sampled_from(["2026-11-01T09:00", "2026-11-02T09:00", "2026-11-03T09:00"])
IDS = st.sampled_from(["a1", "a2", "b1", "b2", "x"])


def identity(record: dict[str, Any]) -> Hashable:
    """What makes two generated list items the same item: their id, or else the object."""
    key: Hashable = record.get("id", id(record))
    return key


notes_records = st.fixed_dictionaries(
    {
        "notes": st.dictionaries(
            st.sampled_from(["5.01", "5.02", "5.03"]),
            st.fixed_dictionaries({"text": TEXTS, "updated": TIMES}),
            max_size=3,
        )
    }
)
people = st.fixed_dictionaries(
    {"label": TEXTS, "role": st.sampled_from(["peer", "mentor"]), "contact": st.just("weekly")},
    optional={"id": IDS},
)
constellations = st.fixed_dictionaries(
    {
        "people": st.lists(people, max_size=4, unique_by=identity),
        "map": st.none(),
    }
)
items: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {
        "label": TEXTS,
        "kind": st.sampled_from(["session", "break"]),
        "energy": st.just("low"),
        "minutes": st.integers(1, 90),
        "fixed_start": st.none() | st.just("10:00"),
    },
    optional={"id": IDS},
)
plans: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {
        "day_start": st.just("09:00"),
        "day_end": st.just("17:00"),
        "items": st.lists(items, max_size=4, unique_by=identity),
        "plan": st.none(),
        "next": st.integers(1, 5),
    }
)
takes = st.fixed_dictionaries(
    {
        "date": TIMES,
        "answers": st.dictionaries(st.sampled_from(["ci-01", "ci-02"]), st.integers(1, 5)),
    },
    optional={"id": IDS},
)
checkins = st.fixed_dictionaries({"takes": st.lists(takes, max_size=4, unique_by=identity)})
responses = st.dictionaries(
    st.sampled_from(["g-1", "g-2"]),
    st.fixed_dictionaries(
        {"decision": st.sampled_from(["accept", "decline"]), "explanation": TEXTS}
    ),
    max_size=2,
)
answers = st.dictionaries(st.sampled_from(["q1", "q2", "q3"]), st.integers(0, 2), max_size=3)
forms = st.fixed_dictionaries(
    {"fields": st.dictionaries(st.sampled_from(["case", "question"]), TEXTS, max_size=2)}
)
RECORDS = {
    "notes:prompts": notes_records,
    "constellation": constellations,
    "day-plan": plans,
    "checkins": checkins,
    "gift-scenarios": responses,
    "attempts:takeaway-check": answers,
    "case-worksheet": forms,
}
saved = st.fixed_dictionaries({}, optional=RECORDS)
same_kind = st.sampled_from(sorted(RECORDS)).flatmap(
    lambda name: st.tuples(st.just(name), RECORDS[name], RECORDS[name])
)


def contents(name: str, value: Any) -> set[str]:
    """Everything the reader would miss if it went, as comparable strings."""
    if name == "notes:prompts":
        return {
            f"{prompt}:{text}"
            for prompt, note in value["notes"].items()
            for text in [note["text"], *[copy["text"] for copy in note.get("conflicts", [])]]
        }
    if name == "gift-scenarios":
        return {
            f"{key}:{entry['decision']}:{entry['explanation']}"
            for key, response in value.items()
            for entry in [response, *response.get("conflicts", [])]
        }
    if name == "case-worksheet":
        # An empty field holds nothing to lose: the merge keeps no conflict copy of it.
        found = {f"{key}:{text}" for key, text in value["fields"].items() if text}
        return found | {f"{c['field']}:{c['value']}" for c in value.get("conflicts", [])}
    if name.startswith("attempts:"):
        return set(value)
    field = {"constellation": "people", "day-plan": "items", "checkins": "takes"}[name]
    return {
        json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True)
        for item in value[field]
    }


@settings(deadline=None, max_examples=60)
@given(same_kind)
def test_merging_never_loses_an_item_either_side_has(case: tuple[str, Any, Any]) -> None:
    name, mine, theirs = case

    merged, _ = merge_record(name, mine, theirs)

    check_record(name, merged)
    assert contents(name, mine) | contents(name, theirs) <= contents(name, merged)


@settings(deadline=None, max_examples=60)
@given(saved)
def test_merging_a_file_into_itself_changes_nothing(records: dict[str, Any]) -> None:
    merged, _, _ = merge_records(records, records)

    assert merged == records


@settings(deadline=None, max_examples=60)
@given(saved, saved)
def test_merging_the_same_file_twice_is_stable(
    mine: dict[str, Any], theirs: dict[str, Any]
) -> None:
    once, _, _ = merge_records(mine, theirs)
    twice, _, _ = merge_records(once, theirs)

    assert twice == once
    assert merge_records(once, once)[0] == once


@settings(deadline=None, max_examples=60)
@given(saved, saved)
def test_no_record_of_either_side_is_removed(mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    merged, _, _ = merge_records(mine, theirs)

    assert set(mine) | set(theirs) == set(merged)
    for name in merged:
        check_record(name, merged[name])


@settings(deadline=None, max_examples=60)
@given(TEXTS, TEXTS, TIMES, TIMES)
def test_a_conflict_keeps_both_texts_and_the_newer_one_keeps_the_place(
    text_mine: str, text_theirs: str, time_mine: str, time_theirs: str
) -> None:
    mine = {"notes": {"5.01": {"text": text_mine, "updated": time_mine}}}
    theirs = {"notes": {"5.01": {"text": text_theirs, "updated": time_theirs}}}

    merged, tally = merge_record("notes:prompts", mine, theirs)

    note = merged["notes"]["5.01"]
    assert {text_mine, text_theirs} == {
        note["text"],
        *[c["text"] for c in note.get("conflicts", [])],
    }
    if time_theirs > time_mine:
        assert note["text"] == text_theirs
    else:
        assert note["text"] == text_mine
    assert tally.conflicts == (1 if text_mine != text_theirs else 0)


def test_old_items_get_stable_ids_from_their_content() -> None:
    person = {"label": "JB", "role": "peer", "contact": "weekly"}

    first = with_ids("person", [person, dict(person)])
    again = with_ids("person", [person, dict(person)])

    assert first == again
    assert first[0]["id"] != first[1]["id"]
    assert all(item["id"].startswith("person-") for item in first)


def test_two_browsers_adding_different_people_under_the_same_id_keep_both() -> None:
    mine = {
        "people": [{"id": "p1", "label": "JB", "role": "peer", "contact": "weekly"}],
        "map": {"x": 1},
    }
    theirs = {"people": [{"id": "p1", "label": "KC", "role": "mentor", "contact": "weekly"}]}

    merged, tally = merge_record("constellation", mine, theirs)

    assert [person["label"] for person in merged["people"]] == ["JB", "KC"]
    assert len({person["id"] for person in merged["people"]}) == 2
    assert merged["map"] is None
    assert tally.added == 1


def test_the_preview_says_per_record_what_a_merge_will_do() -> None:
    current = {
        "notes:prompts": {"notes": {"5.01": {"text": "mine", "updated": "2026-11-01"}}},
        "constellation": {
            "people": [{"id": "p1", "label": "JB", "role": "peer", "contact": "weekly"}]
        },
        "checkins": {"takes": []},
    }
    incoming = {
        "notes:prompts": {
            "notes": {
                "5.01": {"text": "theirs", "updated": "2026-11-02"},
                "5.02": {"text": "a", "updated": "2026-11-02"},
                "5.03": {"text": "b", "updated": "2026-11-02"},
                "5.04": {"text": "c", "updated": "2026-11-02"},
            }
        },
        "constellation": {
            "people": [
                {"id": "p2", "label": "KC", "role": "mentor", "contact": "weekly"},
                {"id": "p3", "label": "LD", "role": "peer", "contact": "weekly"},
            ]
        },
        "checkins": {"takes": []},
    }

    previews, summary = preview_import(current, incoming)

    assert summary == ("2 people added, 3 notes added, 1 kept as a conflict copy, nothing removed.")
    assert [(p.label, p.status, p.effect) for p in previews] == [
        ("Relationships check-ins", "unchanged", "already here, nothing changes"),
        ("Competence-constellation map", "merges", "2 people added"),
        ("Private notes", "merges", "3 notes added, 1 kept as a conflict copy"),
    ]


def test_protected_notes_are_never_replaced_by_plain_ones() -> None:
    sealed = {
        "encrypted": True,
        "kdf": "PBKDF2-SHA-256",
        "iterations": 250000,
        "salt": "AA==",
        "iv": "BB==",
        "ciphertext": "CC==",
    }
    plain = {"notes": {"5.02": {"text": "plain", "updated": "2026-11-02"}}}
    file = {"format": FORMAT, "version": 1, "records": {"notes:prompts": plain}}

    result = import_payload({"file": file, "current": {"notes:prompts": sealed}})

    assert result["merged"]["notes:prompts"] == sealed
    assert result["locked"] == ["notes:prompts"]
    assert "needs your passphrase" in result["summary"]


def test_an_unreadable_record_here_is_set_aside_not_overwritten() -> None:
    file = {"format": FORMAT, "version": 1, "records": {"checkins": {"takes": []}}}

    result = import_payload({"file": file, "current": {"checkins": "{not json"}})

    assert result["merged"]["checkins"] == {"takes": []}
    assert result["merged"]["quarantine:checkins"][0]["raw"] == json.dumps("{not json")
