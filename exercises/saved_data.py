"""Check, migrate and merge a file of the reader's saved data before it touches their browser.

An export is `{"format": FORMAT, "version": n, "exported": iso, "records": {name: value}}`.
Import refuses what is structurally wrong (not this format, a version it cannot
migrate, a record name this site never writes, a record of the wrong shape
for its kind, too many records or too deep), naming the record and the path
in words a reader can act on. It never refuses text for looking like markup:
the site shows the reader's text as text only. It never returns half a
result: the browser writes nothing unless this module accepted the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from exercises.convert import ConversionError, to_data
from exercises.saved_merge import count_items, describe_tally, merge_record
from exercises.saved_schemas import (
    KINDS,
    MAX_DEPTH,
    PREFIXED_KINDS,
    SavedDataError,
    check_record,
    is_sealed,
    kind_of,
    record_label,
)

__all__ = [
    "CURRENT_VERSION",
    "FORMAT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "RECORD_LABELS",
    "SavedDataError",
    "check_export",
    "check_stored_payload",
    "import_payload",
    "merge_opened_payload",
    "merge_records",
    "migrate",
    "preview_import",
    "record_label",
]

FORMAT = "nurturing-relationships-companion"
CURRENT_VERSION = 1
# Decimal megabytes, so "5 MB" in a message means exactly 5,000,000 bytes.
MAX_BYTES = 5_000_000
MAX_RECORDS = 500

Migration = Callable[[dict[str, Any]], dict[str, Any]]
# MIGRATIONS[n] turns a version-n export into a version-(n + 1) one. Version 1
# is the first, so nothing is here yet; the next schema change adds an entry.
MIGRATIONS: dict[int, Migration] = {}

# Labels by record name or name prefix, for the browser (derived from the schemas).
RECORD_LABELS: tuple[tuple[str, str], ...] = tuple(
    [(name, kind.label) for name, kind in KINDS.items()]
    + [(prefix, kind.label) for prefix, kind in PREFIXED_KINDS.items()]
)

Status = Literal["new", "merges", "unchanged", "protected"]


@dataclass(frozen=True)
class RecordPreview:
    name: str
    label: str
    size: int
    status: Status
    effect: str


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
        try:
            check_record(name, value)
        except SavedDataError as error:
            raise SavedDataError(f"{error} ({record_label(name)}). Nothing was imported.") from None
    return dict(records)


def check_stored_payload(payload: Any) -> dict[str, Any]:
    """{"name", "value"} of a record read from storage → {"ok": true} or {"ok": false, "why"}."""
    if not isinstance(payload, dict) or not isinstance(payload.get("name"), str):
        raise ConversionError("payload: expected name and value")
    try:
        check_record(payload["name"], payload.get("value"))
    except SavedDataError as error:
        return {"ok": False, "why": str(error)}
    return {"ok": True}


def merge_records(
    current: Mapping[str, Any], incoming: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, list[str]], list[str]]:
    """Merged records, what the merge did per record in words, and records needing a passphrase.

    Protected notes on either side are left exactly as this browser has them
    until the reader gives the passphrase (the browser then opens both sides
    and merges them through `merge_records` again).
    """
    merged = dict(current)
    effects: dict[str, list[str]] = {}
    locked: list[str] = []
    for name, value in incoming.items():
        kind = kind_of(name)
        assert kind is not None, name
        if name not in merged:
            merged[name] = value
            count = count_items(kind, value)
            noun = kind.singular if count == 1 else kind.plural
            effects[name] = [f"{count} {noun} added" if count else "added"]
            continue
        mine = merged[name]
        if json.dumps(mine, sort_keys=True) == json.dumps(value, sort_keys=True):
            effects[name] = []
            continue
        if is_sealed(mine) or is_sealed(value):
            locked.append(name)
            effects[name] = ["needs your passphrase to merge"]
            continue
        try:
            check_record(name, mine)
        except SavedDataError:
            merged[name] = value
            merged[f"quarantine:{name}"] = [
                *merged.get(f"quarantine:{name}", []),
                {"raw": json.dumps(mine, ensure_ascii=False), "reason": "could not be read"},
            ]
            effects[name] = ["yours could not be read: it was set aside, the file's is used"]
            continue
        merged[name], tally = merge_record(name, mine, value)
        effects[name] = describe_tally(kind, tally)
    return merged, effects, locked


def preview_import(
    current: Mapping[str, Any], incoming: Mapping[str, Any]
) -> tuple[tuple[RecordPreview, ...], str]:
    """What merging the file would do to each record, and in one sentence."""
    _, effects, locked = merge_records(current, incoming)
    previews = []
    for name in sorted(incoming):
        status: Status = (
            "new"
            if name not in current
            else "protected"
            if name in locked
            else "merges"
            if effects[name]
            else "unchanged"
        )
        size = len(json.dumps(incoming[name], ensure_ascii=False).encode())
        effect = ", ".join(effects[name]) or "already here, nothing changes"
        previews.append(RecordPreview(name, record_label(name), size, status, effect))
    parts = [part for name in sorted(incoming) if name not in locked for part in effects[name]]
    parts += [f"{record_label(name)} {effects[name][0]}" for name in locked]
    summary = ", ".join([*parts, "nothing removed"]) if parts else "nothing changes"
    return tuple(previews), summary[0].upper() + summary[1:] + "."


def import_payload(payload: Any) -> dict[str, Any]:
    """{"file": parsed JSON, "current": {name: value}} → preview, merged and replacing records."""
    if not isinstance(payload, dict) or not isinstance(payload.get("current"), dict):
        raise ConversionError("payload: expected file and current")
    incoming = check_export(payload.get("file"))
    current = payload["current"]
    merged, _, locked = merge_records(current, incoming)
    previews, summary = preview_import(current, incoming)
    return {
        "preview": to_data(previews),
        "summary": summary,
        "merged": merged,
        "replaced": incoming,
        "locked": locked,
    }


def merge_opened_payload(payload: Any) -> dict[str, Any]:
    """{"name", "current", "incoming"}: two opened (unprotected) versions of a record, merged."""
    if not isinstance(payload, dict) or not isinstance(payload.get("name"), str):
        raise ConversionError("payload: expected name, current and incoming")
    name = payload["name"]
    for side in ("current", "incoming"):
        try:
            check_record(name, payload.get(side))
        except SavedDataError as error:
            raise SavedDataError(f"{error}. Nothing was imported.") from None
    merged, tally = merge_record(name, payload["current"], payload["incoming"])
    kind = kind_of(name)
    assert kind is not None
    return {"merged": merged, "effect": ", ".join(describe_tally(kind, tally))}
