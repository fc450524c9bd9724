"""Merge two versions of one saved record item by item, never dropping an item either side has.

`merge_record(name, mine, theirs)` returns the merged value and a Tally of what
the merge did, which `describe_tally` turns into words for the preview
("3 notes added, 1 kept as a conflict copy"). The rules, per kind:

- notes: by prompt id. Same text: one note. Different texts: the newer (by
  `updated`) keeps the place, the other becomes a conflict copy on the note.
- people, planner items, check-in takes: by stable id. An item whose content
  is already there (under any id) is not added twice; one with a taken id and
  other content is added under a fresh id. The derived map or plan is cleared
  when items were added, so the reader re-runs it.
- vignette responses, form fields: by id; a differing answer of the other side
  is kept as a conflict copy.
- self-check answers, flashcards, settings: by key; where both differ, this
  browser's value stays ("kept yours"); neither side's keys are removed.
- set-aside copies: every distinct copy is kept.

Protected notes cannot be opened here; `saved_data` handles them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from exercises.saved_schemas import KINDS, RecordKind, kind_of


@dataclass
class Tally:
    added: int = 0
    conflicts: int = 0
    kept_yours: int = 0


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _without(value: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: item for key, item in value.items() if key not in keys}


# --- notes ------------------------------------------------------------------


def _copies(*notes: dict[str, Any]) -> list[dict[str, str]]:
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for note in notes:
        for copy in [note, *note.get("conflicts", [])]:
            seen.setdefault(
                (copy["updated"], copy["text"]), {"text": copy["text"], "updated": copy["updated"]}
            )
    return [seen[key] for key in sorted(seen)]


def merge_notes(mine: dict[str, Any], theirs: dict[str, Any], tally: Tally) -> dict[str, Any]:
    merged = dict(mine["notes"])
    for prompt, incoming in theirs["notes"].items():
        current = merged.get(prompt)
        if current is None:
            merged[prompt] = incoming
            tally.added += 1
            continue
        winner = incoming if incoming["updated"] > current["updated"] else current
        # One copy per distinct text (its newest), never the text that keeps the place.
        by_text: dict[str, dict[str, str]] = {}
        for copy in _copies(current, incoming):
            if copy["text"] != winner["text"]:
                by_text[copy["text"]] = copy
        note: dict[str, Any] = {"text": winner["text"], "updated": winner["updated"]}
        if by_text:
            note["conflicts"] = sorted(
                by_text.values(), key=lambda copy: (copy["updated"], copy["text"])
            )
        if note == current:
            continue
        merged[prompt] = note
        texts_before = {current["text"]} | {c["text"] for c in current.get("conflicts", [])}
        if {note["text"], *by_text} - texts_before:
            tally.conflicts += 1
    return {**mine, "notes": merged}


# --- lists of items with stable ids ------------------------------------------------


def item_id(prefix: str, item: dict[str, Any], taken: set[str]) -> str:
    """A stable id for an item saved before items had ids: from its content, unique in its list."""
    digest = hashlib.sha256(_canonical(_without(item, "id")).encode()).hexdigest()[:10]
    candidate, number = f"{prefix}-{digest}", 2
    while candidate in taken:
        candidate, number = f"{prefix}-{digest}~{number}", number + 1
    return candidate


def with_ids(prefix: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items, each with an id (old records had none); items with ids are unchanged."""
    taken = {item["id"] for item in items if "id" in item}
    result = []
    for item in items:
        if "id" not in item:
            new_id = item_id(prefix, item, taken)
            taken.add(new_id)
            item = {"id": new_id, **item}
        result.append(item)
    return result


def merge_items(
    prefix: str, mine: list[dict[str, Any]], theirs: list[dict[str, Any]], tally: Tally
) -> list[dict[str, Any]]:
    merged = with_ids(prefix, mine)
    contents = {_canonical(_without(item, "id")) for item in merged}
    taken = {item["id"] for item in merged}
    for item in with_ids(prefix, theirs):
        content = _canonical(_without(item, "id"))
        if content in contents:
            continue
        if item["id"] in taken:
            item = {**item, "id": item_id(prefix, item, taken)}
        merged.append(item)
        contents.add(content)
        taken.add(item["id"])
        tally.added += 1
    return merged


def merge_people(mine: dict[str, Any], theirs: dict[str, Any], tally: Tally) -> dict[str, Any]:
    before = tally.added
    people = merge_items("person", mine["people"], theirs["people"], tally)
    if tally.added == before:
        return mine
    return {**mine, "people": people, "map": None}


def merge_plan(mine: dict[str, Any], theirs: dict[str, Any], tally: Tally) -> dict[str, Any]:
    before = tally.added
    items = merge_items("item", mine["items"], theirs["items"], tally)
    if tally.added == before:
        return mine
    return {
        **theirs,
        **mine,
        "items": items,
        "plan": None,
        "next": max(mine.get("next", 1), theirs.get("next", 1)),
    }


def merge_takes(mine: dict[str, Any], theirs: dict[str, Any], tally: Tally) -> dict[str, Any]:
    before = tally.added
    takes = merge_items("take", mine["takes"], theirs["takes"], tally)
    if tally.added == before:
        return mine
    return {**mine, "takes": sorted(takes, key=lambda take: take["date"])}


# --- maps by id ------------------------------------------------------------------


def merge_responses(mine: dict[str, Any], theirs: dict[str, Any], tally: Tally) -> dict[str, Any]:
    merged = dict(mine)
    for key, incoming in theirs.items():
        current = merged.get(key)
        if current is None:
            merged[key] = incoming
            tally.added += 1
            continue
        answers = [
            {"decision": entry["decision"], "explanation": entry["explanation"]}
            for entry in [current, *current.get("conflicts", [])]
        ]
        fresh = [
            {"decision": entry["decision"], "explanation": entry["explanation"]}
            for entry in [incoming, *incoming.get("conflicts", [])]
        ]
        fresh = [entry for entry in fresh if entry not in answers]
        unique = [entry for index, entry in enumerate(fresh) if entry not in fresh[:index]]
        if unique:
            merged[key] = {**current, "conflicts": [*current.get("conflicts", []), *unique]}
            tally.conflicts += len(unique)
    return merged


def merge_form(mine: dict[str, Any], theirs: dict[str, Any], tally: Tally) -> dict[str, Any]:
    fields = dict(mine["fields"])
    conflicts = list(mine.get("conflicts", []))
    known = [(copy["field"], copy["value"]) for copy in conflicts]
    for key, value in theirs["fields"].items():
        if key not in fields:
            fields[key] = value
            tally.added += 1
            continue
        candidates = [(key, value)] + [
            (copy["field"], copy["value"])
            for copy in theirs.get("conflicts", [])
            if copy["field"] == key
        ]
        for field, other in candidates:
            if (
                other != fields[key]
                and (field, other) not in known
                and other not in ("", False, [])
            ):
                known.append((field, other))
                conflicts.append({"field": field, "value": other})
                tally.conflicts += 1
    if fields == mine["fields"] and len(conflicts) == len(mine.get("conflicts", [])):
        return mine
    merged = {**mine, "fields": fields}
    if conflicts:
        merged["conflicts"] = conflicts
    return merged


def merge_keys(mine: Any, theirs: Any, tally: Tally) -> Any:
    if mine is None:
        if theirs:
            tally.added += len(theirs)
        return theirs
    if theirs is None:
        return mine
    merged = dict(mine)
    for key, value in theirs.items():
        if key not in merged:
            merged[key] = value
            tally.added += 1
        elif merged[key] != value:
            tally.kept_yours += 1
    return merged


def merge_quarantine(mine: list[Any], theirs: list[Any], tally: Tally) -> list[Any]:
    raws = {copy["raw"] for copy in mine}
    fresh = [copy for copy in theirs if copy["raw"] not in raws]
    unique = [
        copy
        for index, copy in enumerate(fresh)
        if copy["raw"] not in {c["raw"] for c in fresh[:index]}
    ]
    tally.added += len(unique)
    return [*mine, *unique] if unique else mine


MERGERS: dict[str, Callable[[Any, Any, Tally], Any]] = {
    "notes": merge_notes,
    "people": merge_people,
    "items": merge_plan,
    "takes": merge_takes,
    "responses": merge_responses,
    "form": merge_form,
    "answers": merge_keys,
    "preferences": merge_keys,
    "quarantine": merge_quarantine,
}


def merge_record(name: str, mine: Any, theirs: Any) -> tuple[Any, Tally]:
    """One record merged item by item (both sides already checked against its kind)."""
    kind = kind_of(name)
    assert kind is not None, name
    tally = Tally()
    if _canonical(mine) == _canonical(theirs):
        return mine, tally
    return MERGERS[kind.kind](mine, theirs, tally), tally


def count_items(kind: RecordKind, value: Any) -> int:
    """How many items a whole record holds, in its kind's unit."""
    if kind.kind == "notes":
        return len(value.get("notes", {})) if isinstance(value, dict) else 0
    if kind.kind in {"people", "items", "takes"}:
        return len(value[kind.kind])
    if kind.kind == "form":
        return len(value["fields"])
    if isinstance(value, dict | list):
        return len(value)
    return 0


def describe_tally(kind: RecordKind, tally: Tally) -> list[str]:
    """The tally in words: ['3 notes added', '1 kept as a conflict copy']."""
    words = []
    if tally.added:
        noun = kind.singular if tally.added == 1 else kind.plural
        words.append(f"{tally.added} {noun} added")
    if tally.conflicts:
        words.append(
            f"{tally.conflicts} kept as a conflict cop{'y' if tally.conflicts == 1 else 'ies'}"
        )
    if tally.kept_yours:
        noun = kind.singular if tally.kept_yours == 1 else kind.plural
        words.append(f"{tally.kept_yours} {noun} differ, yours kept")
    return words


__all__ = ["KINDS", "Tally", "count_items", "describe_tally", "merge_record", "with_ids"]
