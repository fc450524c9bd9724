"""YAML's and pydantic's errors, rewritten for an editor: what is wrong and how to fix it."""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import yaml

from companion_build.content.line_map import LineFinder
from companion_build.content.problems import Location, Problem
from exercises.model import ChapterContent

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


_SYNTAX_FIXES = {
    "mapping values are not allowed": (
        "A colon and a space inside a value start a new key: put the whole value in quotes."
    ),
    "'\\t'": "Indent with spaces; YAML does not allow tabs.",
    "another document": "Remove the '---' line: one file holds one chapter.",
    "undefined alias": "A value that starts with * needs quotes.",
    "constructor for the tag": "A value that starts with ! needs quotes.",
}


def character_problem(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML refuses to read (a NUL, say), with the line and column it is on."""
    position = error.position if 0 <= error.position <= len(text) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    what = "a NUL character" if code == 0 else "a control character"
    return Problem(
        name,
        line,
        (),
        f"contains {what} (U+{code:04X}) at column {column}, which YAML does not allow. "
        "Delete it: it is invisible in most editors, and often comes from pasting.",
    )


def syntax_problem(name: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else None
    reason = getattr(error, "problem", None) or str(error)
    fix = next(
        (fix for clue, fix in _SYNTAX_FIXES.items() if clue in reason),
        "Check the indentation, and that every quote and bracket you open is closed.",
    )
    # The parser notices a mistake where it gets stuck, often lines after the cause.
    context = getattr(error, "context_mark", None)
    if context is not None and line is not None and context.line + 1 < line:
        fix = f"Look from line {context.line + 1} down to here. {fix}"
    return Problem(name, line, (), f"is not valid YAML ({reason}). {fix}")


# What a field should be, and how to write it.
_EXPECTED = {
    "string_type": ("text", "Write the text after the colon."),
    "int_type": ("a whole number", "Write it with digits only."),
    "int_parsing": ("a whole number", "Write it with digits only."),
    "int_from_float": ("a whole number", "Write it with digits only."),
    "bool_type": ("true or false", "Write true or false."),
    "bool_parsing": ("true or false", "Write true or false."),
    "tuple_type": ("a list", "Write [first, second], or one '- item' line per entry."),
    "list_type": ("a list", "Write [first, second], or one '- item' line per entry."),
    "dataclass_type": (
        "a mapping of fields (key: value lines)",
        "Indent its key: value lines under it.",
    ),
}

_MISSING_HINTS = {
    "takeaway": "is missing: every prompt belongs to a takeaway. Add takeaway: with a takeaway id.",
    "id": "is missing. Every entry needs a stable id: add id:.",
}


def structural_problem(name: str, lines: LineFinder, detail: ErrorDetails) -> Problem:
    location: Location = tuple(detail["loc"])
    kind = detail["type"]
    given = detail.get("input")
    if kind == "missing":
        field = str(location[-1])
        where = "to this entry" if len(location) > 1 else "to the file"
        message = _MISSING_HINTS.get(field, f"is missing. Add {field}: {where}.")
        return Problem(name, lines.line_of(location[:-1]), location, message)
    if kind == "invalid_key":
        message = f"has a key that is not text ({describe(given)}). Keys are field names."
        return Problem(name, lines.line_of(location[:-1]), location[:-1], message)
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        known = _known_fields(location[:-1])
        hint = did_you_mean(str(location[-1]), known) or f"Known fields: {', '.join(known)}."
        message = f"is not a field here. Remove it or fix its spelling. {hint}"
        return Problem(name, lines.line_of(location), location, message)
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(given), choices) if isinstance(given, str) else ""
        message = f"is {given!r}, which is not one of {expected}. {hint or 'Use one of those.'}"
        return Problem(name, lines.line_of(location), location, message)
    if kind in _EXPECTED:
        return Problem(
            name, lines.line_of(location), location, wrong_type(kind, given, location, lines)
        )
    return Problem(name, lines.line_of(location), location, f"{detail['msg']}.")


def wrong_type(kind: str, given: object, location: Location, lines: LineFinder) -> str:
    expected, fix = _EXPECTED[kind]
    written = lines.scalar_text(location)
    if given is None:
        return f"should be {expected}, but it is empty. Write the value after the colon."
    if kind == "string_type" and isinstance(given, bool | int | float) and written is not None:
        # YAML turns unquoted 5.10 into 5.1 and yes into true; quoting keeps what was typed.
        field = location[-1]
        fix = (
            f'Put the {field} in quotes: {field}: "{written}".'
            if isinstance(field, str)
            else f'Put it in quotes: "{written}".'
        )
        if written != str(given) and written != str(given).lower():
            return f"should be text, but YAML reads {written} as {describe(given)}. {fix}"
    return f"should be {expected}, not {describe(given)}. {fix}"


def booleans_for_numbers(data: object, annotation: Any, location: Location) -> Iterator[Location]:
    """Where the data has true or false for a field typed as a whole number."""
    annotation = _unwrap(annotation)
    if annotation is int:
        if isinstance(data, bool):
            yield location
    elif dataclasses.is_dataclass(annotation) and isinstance(data, dict):
        hints = typing.get_type_hints(annotation)
        for key, value in data.items():
            if isinstance(key, str) and key in hints:
                yield from booleans_for_numbers(value, hints[key], (*location, key))
    elif typing.get_origin(annotation) is tuple and isinstance(data, list):
        item = typing.get_args(annotation)[0]
        for index, value in enumerate(data):
            yield from booleans_for_numbers(value, item, (*location, index))


def did_you_mean(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    return f"Did you mean {close[0]!r}?" if close else ""


def describe(value: object) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _known_fields(location: Location) -> list[str]:
    """The field names a dataclass at `location` accepts, for spelling suggestions."""
    current: Any = ChapterContent
    for part in location:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else current
        elif dataclasses.is_dataclass(current):
            current = typing.get_type_hints(current).get(part)
    current = _unwrap(current)
    if dataclasses.is_dataclass(current):
        return [field.name for field in dataclasses.fields(current)]
    return []


def _unwrap(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return members[0] if len(members) == 1 else annotation
    return annotation
