"""Importing saved data: refused for structure with a reason, or accepted whole; migration."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.bridge import call
from exercises.saved_data import (
    CURRENT_VERSION,
    FORMAT,
    MAX_BYTES,
    SavedDataError,
    check_export,
    migrate,
)

NOTES = {"notes": {"5.01": {"text": "Talk to J. about the group", "updated": "2026-11-01"}}}
CHECKINS = {"takes": [{"date": "2026-10-01T10:00:00Z", "answers": {"ci-01": 3}}]}
READER_TEXTS = [
    "<b>breathe</b>",
    "javascript: maybe",
    "I <3 my group",
    '<img src=x onerror="x()">',
    "<!-- a comment -->",
    "Family time 👪🏽 first",
    "שלום, مرحبا: right to left",
]


def export(records: dict[str, Any], version: int = CURRENT_VERSION) -> dict[str, Any]:
    return {"format": FORMAT, "version": version, "exported": "2026-11-26", "records": records}


def test_a_good_export_comes_back_whole() -> None:
    records = {"notes:prompts": NOTES, "checkins": CHECKINS}

    assert check_export(export(records)) == records


def test_the_size_limit_is_five_million_bytes_exactly() -> None:
    assert MAX_BYTES == 5_000_000


@pytest.mark.parametrize("text", READER_TEXTS)
def test_the_readers_text_is_never_refused_for_looking_like_markup(text: str) -> None:
    records = {
        "notes:prompts": {"notes": {"5.01": {"text": text, "updated": "2026-11-01"}}},
        "gift-scenarios": {"g-1": {"decision": "accept", "explanation": text}},
        "constellation": {
            "people": [{"id": "p1", "label": text, "role": "peer", "contact": "weekly"}]
        },
    }

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
        (export({"constructor": {}}), "'constructor' that this site never writes"),
        (export({"__proto__": {}}), "never writes"),
        (export({"attempts:Bad Id": {}}), "never writes"),
        (
            export({"day-plan": {"items": [None, 3]}}),
            r"day-plan.items\[0\]: expected an item, got null",
        ),
        (
            export({"day-plan": {"items": [{"label": "x", "kind": "task", "energy": "low"}]}}),
            r"day-plan.items\[0\]: an item lacks its field 'minutes'",
        ),
        (export({"checkins": {"<b>": 1}}), "check-ins has no field '<b>'"),
        (export({"checkins": {"takes": "x"}}), "checkins.takes: expected a list of check-in"),
        (export({"notes:prompts": {"5.01": {"text": "hi"}}}), "notes has no field '5.01'"),
        (
            export({"notes:prompts": {"notes": {"5.01": {"text": 3, "updated": "x"}}}}),
            r"notes:prompts.notes.5.01.text: expected text, got the number 3",
        ),
        (
            export({"constellation": {"people": [{"label": "A", "role": "peer"}]}}),
            r"constellation.people\[0\]: a person lacks its field 'contact'",
        ),
        (
            export({"notes:prompts": {"encrypted": True, "salt": "A"}}),
            "protected notes lacks its field",
        ),
        (export({"attempts:x": [1]}), "attempts:x: expected an object, got a list"),
    ],
)
def test_a_file_that_does_not_fit_is_refused_with_a_reason(data: Any, message: str) -> None:
    with pytest.raises(SavedDataError, match=message) as refused:
        check_export(data)

    assert "Nothing was imported" in str(refused.value) or "nothing was imported" in str(
        refused.value
    )


def test_too_deep_a_record_is_refused() -> None:
    deep: Any = {}
    for _ in range(40):
        deep = {"x": deep}

    with pytest.raises(SavedDataError, match="nested more than"):
        check_export(export({"attempts:quiz": deep}))


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


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
RECORD_NAMES = st.sampled_from(
    ["notes:prompts", "constellation", "day-plan", "checkins", "gift-scenarios", "attempts:q"]
)


@settings(deadline=None)
@given(RECORD_NAMES, json_values)
def test_any_json_is_either_accepted_or_refused_in_words(name: str, data: Any) -> None:
    for candidate in (data, export({name: data}), {**export({}), "records": data}):
        try:
            records = check_export(candidate)
        except SavedDataError as refused:
            assert str(refused).endswith(".")
        else:
            assert isinstance(records, dict)


def test_a_stored_record_of_the_wrong_shape_is_reported_with_its_path() -> None:
    payload = {"name": "day-plan", "value": {"items": [None, 3]}}

    reply = json.loads(call("saved_data_check", json.dumps(payload)))

    assert reply == {
        "ok": True,
        "value": {"ok": False, "why": "day-plan.items[0]: expected an item, got null"},
    }


def test_the_bridge_returns_the_preview_and_both_ways_to_apply_it() -> None:
    payload = {"file": export({"notes:prompts": NOTES}), "current": {"checkins": CHECKINS}}

    reply = json.loads(call("saved_data_import", json.dumps(payload)))

    assert reply["ok"], reply
    assert reply["value"]["replaced"] == {"notes:prompts": NOTES}
    assert reply["value"]["merged"] == {"checkins": CHECKINS, "notes:prompts": NOTES}
    assert reply["value"]["preview"][0]["status"] == "new"
    assert reply["value"]["summary"] == "1 note added, nothing removed."


def test_the_bridge_passes_a_refusal_on_in_words() -> None:
    payload = {"file": {"format": "x"}, "current": {}}

    reply = json.loads(call("saved_data_import", json.dumps(payload)))

    assert reply["ok"] is False
    assert reply["error"]["kind"] == "invalid-payload"
    assert "not a file exported from this site" in reply["error"]["message"]
