"""Check, migrate and merge a file of the reader's saved data before it touches their browser.

An export is `{"format": FORMAT, "version": n, "exported": iso, "records": {name: value}}`.
Import refuses anything that is not exactly that (or an older version it can
migrate), anything carrying markup or script in its text, and names the reason
in words a reader can act on. It never returns half a result: the browser
writes nothing unless this module accepted the whole file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from exercises.convert import ConversionError, to_data

FORMAT = "nurturing-relationships-companion"
CURRENT_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
MAX_RECORDS = 500
MAX_DEPTH = 32
RECORD_NAME = re.compile(r"^[a-z0-9][a-z0-9:._-]{0,99}$")
# Tags, comments, doctypes and script URLs: text the site never writes itself.
MARKUP = re.compile(r"</?[a-z][a-z0-9-]*[\s/>]|<[!?]|javascript\s*:", re.IGNORECASE)

Migration = Callable[[dict[str, Any]], dict[str, Any]]
# MIGRATIONS[n] turns a version-n export into a version-(n + 1) one. Version 1
# is the first, so nothing is here yet; the next schema change adds an entry.
MIGRATIONS: dict[int, Migration] = {}

RECORD_LABELS: tuple[tuple[str, str], ...] = (
    ("attempts:", "Answers to a self-check"),
    ("flashcards:", "Flashcard progress"),
    ("checkins", "Relationships check-ins"),
    ("gift-scenarios", "Gift vignette responses"),
    ("notes:", "Private notes"),
    ("constellation", "Competence-constellation map"),
    ("day-plan", "Day plan"),
)

Status = Literal["new", "replaces", "unchanged"]


class SavedDataError(ConversionError):
    """The file cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class RecordPreview:
    name: str
    label: str
    size: int
    status: Status


def record_label(name: str) -> str:
    """What a record is, for a reader: 'Private notes', or its name when unknown."""
    return next((label for prefix, label in RECORD_LABELS if name.startswith(prefix)), name)


def migrate(
    data: dict[str, Any], migrations: Mapping[int, Migration] = MIGRATIONS
) -> dict[str, Any]:
    """Bring an export of an older version up to CURRENT_VERSION, one step at a time."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise SavedDataError("The file has no valid version number. Nothing was imported.")
    if version > CURRENT_VERSION:
        raise SavedDataError(
            f"The file comes from a newer version of this site (data version {version}; this "
            f"site reads up to {CURRENT_VERSION}). Nothing was imported."
        )
    while version < CURRENT_VERSION:
        step = migrations.get(version)
        if step is None:
            raise SavedDataError(
                f"Data version {version} cannot be brought up to date. Nothing was imported."
            )
        data = step(data)
        if data.get("version") != version + 1:
            raise SavedDataError(f"Updating data version {version} failed. Nothing was imported.")
        version += 1
    return data


def check_export(data: Any) -> dict[str, Any]:
    """The file's records, migrated and checked; raises SavedDataError with the reason."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SavedDataError(
            "This is not a file exported from this site's My data page. Nothing was imported."
        )
    data = migrate(data)
    records = data.get("records")
    if not isinstance(records, dict):
        raise SavedDataError("The file has no records section. Nothing was imported.")
    if len(records) > MAX_RECORDS:
        raise SavedDataError(
            f"The file holds more than {MAX_RECORDS} records. Nothing was imported."
        )
    for name, value in records.items():
        if not isinstance(name, str) or not RECORD_NAME.fullmatch(name):
            raise SavedDataError(
                f"The file names a record {str(name)[:40]!r} that this site never writes. "
                "Nothing was imported."
            )
        _check_value(value, name, 0)
    return dict(records)


def _check_value(value: Any, name: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise SavedDataError(f"The record {name!r} is nested too deeply. Nothing was imported.")
    if isinstance(value, str):
        _check_text(value, name)
    elif isinstance(value, list):
        for item in value:
            _check_value(item, name, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(str(key), name)
            _check_value(item, name, depth + 1)
    elif not (value is None or isinstance(value, bool | int | float)):
        raise SavedDataError(
            f"The record {name!r} holds something that is not JSON. Nothing was imported."
        )


def _check_text(text: str, name: str) -> None:
    found = MARKUP.search(text)
    if found:
        sample = text[found.start() : found.start() + 30]
        raise SavedDataError(
            f"The record {name!r} ({record_label(name)}) contains markup or script "
            f"({sample!r}). Files with HTML or script are refused, so nothing was imported. "
            "If that text is yours, remove the angle brackets in the file and import it again."
        )


def merge_records(current: Mapping[str, Any], incoming: Mapping[str, Any]) -> dict[str, Any]:
    """Current records with the incoming ones merged in; the incoming side wins a tie."""
    merged = dict(current)
    for name, value in incoming.items():
        merged[name] = _merge_value(merged[name], value) if name in merged else value
    return merged


def _merge_value(mine: Any, theirs: Any) -> Any:
    # Encrypted notes cannot be combined without the passphrase: the file's copy wins.
    if not isinstance(mine, dict) or not isinstance(theirs, dict):
        return theirs
    if mine.get("encrypted") or theirs.get("encrypted"):
        return theirs
    merged = {**mine, **theirs}
    takes_mine, takes_theirs = mine.get("takes"), theirs.get("takes")
    if isinstance(takes_mine, list) and isinstance(takes_theirs, list):
        by_date: dict[str, Any] = {}
        for take in [*takes_mine, *takes_theirs]:
            key = str(take.get("date")) if isinstance(take, dict) else repr(take)
            by_date[key] = take
        merged["takes"] = [by_date[key] for key in sorted(by_date)]
    return merged


def preview_import(
    current: Mapping[str, Any], incoming: Mapping[str, Any]
) -> tuple[RecordPreview, ...]:
    """What importing would do to each record in the file."""
    previews = []
    for name in sorted(incoming):
        value = incoming[name]
        status: Status = (
            "new"
            if name not in current
            else ("unchanged" if current[name] == value else "replaces")
        )
        size = len(json.dumps(value, ensure_ascii=False))
        previews.append(RecordPreview(name, record_label(name), size, status))
    return tuple(previews)


def import_payload(payload: Any) -> dict[str, Any]:
    """{"file": parsed JSON, "current": {name: value}} → preview, merged and replacing records."""
    if not isinstance(payload, dict) or not isinstance(payload.get("current"), dict):
        raise ConversionError("payload: expected file and current")
    incoming = check_export(payload.get("file"))
    current = payload["current"]
    return {
        "preview": to_data(preview_import(current, incoming)),
        "merged": merge_records(current, incoming),
        "replaced": incoming,
    }
