"""One schema per kind of record the site keeps in the browser, by record name.

`check_record(name, value)` is the one check for a record, whether it comes
from an import file or from the browser's storage. It raises SavedDataError
with the record's name and the path inside it, like
`day-plan.items[0]: expected an item, got null`. Text is never refused for
what it looks like: the site shows the reader's text as text only.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from exercises.convert import ConversionError

MAX_DEPTH = 32
# Prompt ids, item ids, widget ids, option ids: what the site itself writes as keys.
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~:-]{0,79}$")
SUFFIX = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


class SavedDataError(ConversionError):
    """The data cannot be taken in; the message says why and what to do."""


Check = Callable[[Any, str], None]


@dataclass(frozen=True)
class RecordKind:
    """A kind of record: its label for the reader, the noun its items are counted in, its check."""

    kind: str
    label: str
    singular: str
    plural: str
    check: Check


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _fail(path: str, expected: str, value: Any) -> None:
    raise SavedDataError(f"{path}: expected {expected}, got {_describe(value)}")


def _object(value: Any, path: str, what: str = "an object") -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(path, what, value)
    return typing.cast(dict[str, Any], value)


def _fields(
    value: Any, path: str, what: str, required: dict[str, Check], optional: dict[str, Check]
) -> dict[str, Any]:
    record = _object(value, path, what)
    for key in record:
        if key not in required and key not in optional:
            raise SavedDataError(f"{path}: {what} has no field {key[:40]!r}")
    for key, check in required.items():
        if key not in record:
            raise SavedDataError(f"{path}: {what} lacks its field {key!r}")
        check(record[key], f"{path}.{key}")
    for key, check in optional.items():
        if key in record:
            check(record[key], f"{path}.{key}")
    return record


def _text(value: Any, path: str) -> None:
    if not isinstance(value, str):
        _fail(path, "text", value)


def _key_text(value: Any, path: str) -> None:
    if not isinstance(value, str) or not KEY.fullmatch(value):
        _fail(path, "an id (letters, digits, . _ - ~ :)", value)


def _clock(value: Any, path: str) -> None:
    if not isinstance(value, str) or not CLOCK.fullmatch(value):
        _fail(path, "a time like 09:00", value)


def _whole_number(least: int, what: str) -> Check:
    def check_number(value: Any, path: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            _fail(path, what, value)

    return check_number


_count = _whole_number(0, "a whole number")
_positive = _whole_number(1, "a whole number of at least 1")


def _flag(value: Any, path: str) -> None:
    if not isinstance(value, bool):
        _fail(path, "true or false", value)


def _or_null(check: Check) -> Check:
    def check_or_null(value: Any, path: str) -> None:
        if value is not None:
            check(value, path)

    return check_or_null


def json_value(value: Any, path: str, depth: int = 0) -> None:
    """Any JSON, no deeper than MAX_DEPTH (the derived parts: maps, plans, profiles)."""
    if depth > MAX_DEPTH:
        raise SavedDataError(f"{path}: nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, list):
        for index, item in enumerate(value):
            json_value(item, f"{path}[{index}]", depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise SavedDataError(f"{path}: a key that is not text")
            json_value(item, f"{path}.{key}", depth + 1)
    elif not (value is None or isinstance(value, bool | int | float | str)):
        _fail(path, "JSON", value)


def _list_of(check: Check, what: str) -> Check:
    def check_list(value: Any, path: str) -> None:
        if not isinstance(value, list):
            _fail(path, f"a list of {what}", value)
        for index, item in enumerate(value):
            check(item, f"{path}[{index}]")

    return check_list


def _keyed(check: Check) -> Check:
    def check_map(value: Any, path: str) -> None:
        for key, item in _object(value, path).items():
            if not KEY.fullmatch(key):
                raise SavedDataError(f"{path}: {key[:40]!r} is not an id this site writes")
            check(item, f"{path}.{key}")

    return check_map


def _shape(
    what: str, required: dict[str, Check], optional: dict[str, Check] | None = None
) -> Check:
    """The check for an object called `what`: its `required` fields, its `optional` ones,
    and no others, each field checked by its own check."""

    allowed = optional or {}

    def check_shape(value: Any, path: str) -> None:
        _fields(value, path, what, required, allowed)

    return check_shape


# --- the kinds: each record's schema, as a table of its fields ---------------

_copy = _shape("a conflict copy", {"text": _text, "updated": _text})
_note = _shape(
    "a note",
    {"text": _text, "updated": _text},
    {"conflicts": _list_of(_copy, "conflict copies")},
)


def is_sealed(value: Any) -> bool:
    """Notes protected by a passphrase (only the browser can open them)."""
    return isinstance(value, dict) and value.get("encrypted") is True


def _base64(value: Any, path: str) -> None:
    if not isinstance(value, str) or not BASE64.fullmatch(value):
        _fail(path, "base64 text", value)


_sealed_notes = _shape(
    "protected notes",
    {
        "encrypted": _flag,
        "kdf": _text,
        "iterations": _positive,
        "salt": _base64,
        "iv": _base64,
        "ciphertext": _base64,
    },
)
_open_notes = _shape("notes", {"notes": _keyed(_note)})


def check_notes(value: Any, path: str) -> None:
    (_sealed_notes if is_sealed(value) else _open_notes)(value, path)


_person = _shape(
    "a person",
    {"label": _text, "role": _key_text, "contact": _key_text},
    {"id": _key_text},
)
check_constellation = _shape(
    "a constellation", {"people": _list_of(_person, "people")}, {"map": json_value}
)

_plan_item = _shape(
    "an item",
    {"label": _text, "kind": _key_text, "energy": _key_text, "minutes": _positive},
    {"id": _key_text, "fixed_start": _or_null(_clock)},
)
check_day_plan = _shape(
    "a day plan",
    {"items": _list_of(_plan_item, "items")},
    {"day_start": _clock, "day_end": _clock, "plan": json_value, "next": _count},
)


def _answer(value: Any, path: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        _fail(path, "an answer (a whole number or null)", value)


_take = _shape(
    "a check-in take",
    {"date": _text, "answers": _keyed(_answer)},
    {"id": _key_text, "profile": json_value, "changes": json_value},
)
check_checkins = _shape("check-ins", {"takes": _list_of(_take, "check-in takes")})

_response_copy = _shape("a conflict copy", {"decision": _text, "explanation": _text})
_response = _shape(
    "a vignette response",
    {"decision": _text, "explanation": _text},
    {"feedback": json_value, "updated": _text, "conflicts": _list_of(_response_copy, "copies")},
)
check_gift_scenarios = _keyed(_response)


def check_answers(value: Any, path: str) -> None:
    if value is not None:
        _object(value, path)
        json_value(value, path)


check_preferences = _shape("settings", {}, {"enabled": _flag})


def _field_value(value: Any, path: str) -> None:
    if isinstance(value, list):
        for index, item in enumerate(value):
            _text(item, f"{path}[{index}]")
    elif not isinstance(value, str | bool):
        _fail(path, "text, true/false or a list of text", value)


_field_copy = _shape(
    "a conflict copy",
    {"field": _key_text, "value": _field_value},
    {"updated": _text},
)
check_form = _shape(
    "a form's fields",
    {"fields": _keyed(_field_value)},
    {"updated": _text, "conflicts": _list_of(_field_copy, "conflict copies")},
)

_set_aside = _shape("a set-aside copy", {"raw": _text, "reason": _text}, {"set_aside": _text})
check_quarantine = _list_of(_set_aside, "set-aside copies")


KINDS: dict[str, RecordKind] = {
    "notes:prompts": RecordKind("notes", "Private notes", "note", "notes", check_notes),
    "constellation": RecordKind(
        "people", "Competence-constellation map", "person", "people", check_constellation
    ),
    "day-plan": RecordKind("items", "Day plan", "item", "items", check_day_plan),
    "checkins": RecordKind(
        "takes", "Relationships check-ins", "check-in take", "check-in takes", check_checkins
    ),
    "gift-scenarios": RecordKind(
        "responses", "Gift vignette responses", "response", "responses", check_gift_scenarios
    ),
    "offline": RecordKind(
        "preferences", "Offline reading setting", "setting", "settings", check_preferences
    ),
    "case-worksheet": RecordKind(
        "form", "Case preparation worksheet", "field", "fields", check_form
    ),
    "prep-packet": RecordKind("form", "Supervision prep packet", "field", "fields", check_form),
}
PREFIXED_KINDS: dict[str, RecordKind] = {
    "attempts:": RecordKind(
        "answers", "Answers to a self-check", "answer", "answers", check_answers
    ),
    "flashcards:": RecordKind("answers", "Flashcard progress", "card", "cards", check_answers),
    "quarantine:": RecordKind(
        "quarantine", "Set aside: could not be read", "copy", "copies", check_quarantine
    ),
}


def kind_of(name: str) -> RecordKind | None:
    """The kind of a record by its name, or None for a name this site never writes."""
    if name in KINDS:
        return KINDS[name]
    for prefix, kind in PREFIXED_KINDS.items():
        rest = name[len(prefix) :]
        if name.startswith(prefix):
            if prefix == "quarantine:":
                # A copy set aside is kept whatever it was, even a record unknown here.
                return (
                    kind
                    if SUFFIX.fullmatch(rest.replace(":", ".")) and not rest.startswith(prefix)
                    else None
                )
            return kind if SUFFIX.fullmatch(rest) else None
    return None


def record_label(name: str) -> str:
    """What a record is, in words a reader knows (never its internal name)."""
    kind = kind_of(name)
    if kind is None:
        return "A record this site does not know"
    if kind.kind == "quarantine":
        return f"{kind.label} ({record_label(name.removeprefix('quarantine:'))})"
    prefix = next((prefix for prefix in PREFIXED_KINDS if name.startswith(prefix)), None)
    if prefix:
        return f"{kind.label} ({name.removeprefix(prefix).replace('-', ' ')})"
    return kind.label


def check_record(name: str, value: Any) -> RecordKind:
    """Check one record against its kind's schema; raises SavedDataError naming the path."""
    kind = kind_of(name)
    if kind is None:
        raise SavedDataError(f"The file names a record {name[:40]!r} that this site never writes.")
    kind.check(value, name)
    return kind
