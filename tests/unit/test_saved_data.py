"""Importing saved data: refused with a reason, or accepted whole; migration and merging."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.bridge import call
from exercises.saved_data import (
    CURRENT_VERSION,
    FORMAT,
    SavedDataError,
    check_export,
    merge_records,
    migrate,
    preview_import,
)

NOTES = {"notes": {"5.01": {"text": "Talk to J. about the group", "updated": "2026-11-01"}}}
CHECKINS = {"takes": [{"date": "2026-10-01T10:00:00Z", "answers": {"ci-01": 3}}]}


def export(records: dict[str, Any], version: int = CURRENT_VERSION) -> dict[str, Any]:
    return {"format": FORMAT, "version": version, "exported": "2026-11-26", "records": records}


def test_a_good_export_comes_back_whole() -> None:
    records = {"notes:prompts": NOTES, "checkins": CHECKINS}

    assert check_export(export(records)) == records


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "not a file exported from this site"),
        ({"format": "something-else", "version": 1, "records": {}}, "not a file exported"),
        (export({}, version=CURRENT_VERSION + 1), "newer version of this site"),
        (export({}, version=-1), "no valid version number"),
        (export({}, version=0), "cannot be brought up to date"),
        ({**export({}), "version": "1"}, "no valid version number"),
        ({**export({}), "records": []}, "no records section"),
        (export({"Bad Name!": 1}), "never writes"),
        (export({"notes:prompts": {"5.01": {"text": "<script>alert(1)</script>"}}}), "markup"),
        (export({"notes:prompts": {"5.01": {"text": '<img src=x onerror="x()">'}}}), "markup"),
        (export({"checkins": {"<b>": 1}}), "markup"),
        (export({"attempts:x": {"link": "javascript:alert(1)"}}), "markup"),
    ],
)
def test_a_file_that_does_not_fit_is_refused_with_a_reason(data: Any, message: str) -> None:
    with pytest.raises(SavedDataError, match=message) as refused:
        check_export(data)

    assert "Nothing was imported" in str(refused.value) or "nothing was imported" in str(
        refused.value
    )


@pytest.mark.parametrize("text", ["a < b", "I <3 my group", "3<5 sessions", "x >y"])
def test_ordinary_angle_brackets_are_not_markup(text: str) -> None:
    records = {"notes:prompts": {"notes": {"5.01": {"text": text}}}}

    assert check_export(export(records)) == records


def test_an_older_version_is_migrated_step_by_step() -> None:
    def zero_to_one(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "version": 1, "records": {"notes:prompts": data["notes"]}}

    old = {"format": FORMAT, "version": 0, "notes": NOTES}

    assert migrate(old, {0: zero_to_one})["records"] == {"notes:prompts": NOTES}


def test_a_migration_that_does_not_advance_the_version_is_refused() -> None:
    with pytest.raises(SavedDataError, match="Updating data version 0 failed"):
        migrate({"version": 0}, {0: lambda data: data})


def test_a_version_without_a_migration_is_refused() -> None:
    with pytest.raises(SavedDataError, match="cannot be brought up to date"):
        migrate({"version": 0}, {})


def test_the_current_version_passes_through_unchanged() -> None:
    data = export({"checkins": CHECKINS})

    assert migrate(data) == data


def test_merging_keeps_both_sides_and_joins_check_in_takes_by_date() -> None:
    later = {"takes": [{"date": "2026-11-01T10:00:00Z", "answers": {"ci-01": 4}}]}
    current = {"checkins": CHECKINS, "gift-scenarios": {"a": 1}}
    incoming = {"checkins": later, "notes:prompts": NOTES}

    merged = merge_records(current, incoming)

    assert [take["date"] for take in merged["checkins"]["takes"]] == [
        "2026-10-01T10:00:00Z",
        "2026-11-01T10:00:00Z",
    ]
    assert merged["gift-scenarios"] == {"a": 1}
    assert merged["notes:prompts"] == NOTES


def test_encrypted_notes_are_replaced_not_mixed() -> None:
    locked = {"encrypted": True, "salt": "AA", "iv": "BB", "ciphertext": "CC"}

    assert merge_records({"notes:prompts": NOTES}, {"notes:prompts": locked}) == {
        "notes:prompts": locked
    }


def test_the_preview_says_what_each_record_would_do() -> None:
    previews = preview_import(
        {"checkins": CHECKINS, "notes:prompts": {}},
        {"checkins": CHECKINS, "notes:prompts": NOTES, "gift-scenarios": {}},
    )

    assert [(p.name, p.label, p.status) for p in previews] == [
        ("checkins", "Relationships check-ins", "unchanged"),
        ("gift-scenarios", "Gift vignette responses", "new"),
        ("notes:prompts", "Private notes", "replaces"),
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_json_is_either_accepted_or_refused_in_words(data: Any) -> None:
    for candidate in (data, export({"notes:prompts": data}), {**export({}), "records": data}):
        try:
            records = check_export(candidate)
        except SavedDataError as refused:
            assert str(refused).endswith(".")
        else:
            assert isinstance(records, dict)


@given(st.dictionaries(st.sampled_from(["a", "b", "checkins"]), json_values, max_size=3))
def test_merging_a_file_into_itself_changes_nothing(records: dict[str, Any]) -> None:
    assert merge_records(records, records) == records or any(
        isinstance(value, dict) and isinstance(value.get("takes"), list)
        for value in records.values()
    )


def test_the_bridge_returns_the_preview_and_both_ways_to_apply_it() -> None:
    payload = {"file": export({"notes:prompts": NOTES}), "current": {"checkins": CHECKINS}}

    reply = json.loads(call("saved_data_import", json.dumps(payload)))

    assert reply["ok"], reply
    assert reply["value"]["replaced"] == {"notes:prompts": NOTES}
    assert reply["value"]["merged"] == {"checkins": CHECKINS, "notes:prompts": NOTES}
    assert reply["value"]["preview"][0]["status"] == "new"


def test_the_bridge_passes_a_refusal_on_in_words() -> None:
    payload = {"file": {"format": "x"}, "current": {}}

    reply = json.loads(call("saved_data_import", json.dumps(payload)))

    assert reply["ok"] is False
    assert reply["error"]["kind"] == "invalid-payload"
    assert "not a file exported from this site" in reply["error"]["message"]
