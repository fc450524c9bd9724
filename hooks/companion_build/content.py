"""Load a chapter's content file and report every problem with file, line, path and fix."""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from exercises.model import SCHEMA_VERSION, ChapterContent

Location = tuple[str | int, ...]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_PATTERN = re.compile(r"^(?:p\. \d+|pp\. \d+(?:–\d+)?)$")

_ADAPTER: TypeAdapter[ChapterContent] = TypeAdapter(ChapterContent)


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, phrased for the person who edits it."""

    file: str
    line: int | None
    location: Location
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        path = format_location(self.location) or "(top level)"
        return f"{place}: {path}: {self.message}"


class ContentError(Exception):
    """A content file is not usable; `problems` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the chapter content:"
        super().__init__("\n".join([heading, *(f"  - {problem}" for problem in problems)]))


def format_location(location: Location) -> str:
    """Render ('takeaways', 3, 'prompts', 1, 'id') as takeaways[3].prompts[1].id."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors can use; generated from the same dataclasses."""
    schema = _ADAPTER.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Chapter content for the course companion"
    return schema


def load_chapter(path: Path, display_name: str | None = None) -> ChapterContent:
    """Read, parse and validate one content file, or raise ContentError."""
    name = display_name or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(name, None, (), "file not found.")]) from None
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text (byte {error.start}). Save the file as UTF-8."
        raise ContentError([Problem(name, None, (), message)]) from None
    return parse_chapter(text, name)


def parse_chapter(text: str, name: str) -> ChapterContent:
    """Parse YAML text and validate it; `name` is how messages refer to the file."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        message = (
            f"is not valid YAML ({reason}). Check the indentation and quoting on this line "
            "and the one before it."
        )
        raise ContentError([Problem(name, line, (), message)]) from None
    lines = _LineFinder(root)
    if not isinstance(data, dict):
        message = "should be a mapping with schema_version, chapter, glossary, takeaways, prompts."
        raise ContentError([Problem(name, 1, (), message)])
    try:
        content = _ADAPTER.validate_python(data)
    except ValidationError as error:
        problems = [_structural_problem(name, lines, detail) for detail in error.errors()]
        raise ContentError(problems) from None
    problems = [
        Problem(name, lines.line_of(location), location, message)
        for location, message in check_rules(content)
    ]
    if problems:
        raise ContentError(problems)
    return content


def check_rules(content: ChapterContent) -> Iterator[tuple[Location, str]]:
    """The rules a well-typed file must still follow: ids, references, formats, text."""
    if content.schema_version != SCHEMA_VERSION:
        yield (
            ("schema_version",),
            f"is {content.schema_version}, but this site reads version {SCHEMA_VERSION}. "
            "Update the file to the current schema (see content/chapter.schema.json).",
        )
    yield from _check_text(content, ())
    for key in ("glossary", "takeaways", "prompts"):
        if not getattr(content, key):
            yield (key,), "is empty. The chapter needs at least one entry here."

    glossary_ids = [term.id for term in content.glossary]
    takeaway_ids = [item.id for item in content.takeaways]
    yield from _check_ids("glossary", glossary_ids, ID_PATTERN, "lowercase-words-with-dashes")
    yield from _check_ids("takeaways", takeaway_ids, ID_PATTERN, "lowercase-words-with-dashes")
    number = content.chapter.number
    prompt_pattern = re.compile(rf"^{number}\.\d{{2}}$")
    yield from _check_ids(
        "prompts", [p.id for p in content.prompts], prompt_pattern, f'"{number}.07", in quotes'
    )

    for index, term in enumerate(content.glossary):
        for position, other in enumerate(term.see_also):
            where: Location = ("glossary", index, "see_also", position)
            if other == term.id:
                yield where, f"names the term itself ({other!r}). Remove it."
            elif other not in glossary_ids:
                yield where, _unknown("glossary term", other, glossary_ids)

    for index, item in enumerate(content.takeaways):
        if item.number != index + 1:
            yield (
                ("takeaways", index, "number"),
                f"is {item.number}, but this is takeaway {index + 1} in the list. "
                "Number the takeaways 1, 2, 3 … in order.",
            )
        if item.text is None and item.quote is None:
            yield ("takeaways", index), "has neither text nor quote. Give it at least one."

    for location, quote in _quotes(content):
        if quote.page is not None and not PAGE_PATTERN.match(quote.page):
            yield (
                (*location, "page"),
                f"is {quote.page!r}, not a page reference. Write it as 'p. 77', "
                "'pp. 82' or 'pp. 82–83'.",
            )

    for index, prompt in enumerate(content.prompts):
        if prompt.takeaway not in takeaway_ids:
            yield ("prompts", index, "takeaway"), _unknown("takeaway", prompt.takeaway, takeaway_ids)
        if not prompt.uses:
            yield (
                ("prompts", index, "uses"),
                "is empty. Tag the prompt with at least one of: "
                "self-reflection, class-discussion, supervision.",
            )
        if len(set(prompt.uses)) != len(prompt.uses):
            yield ("prompts", index, "uses"), "lists a use twice. Keep each use once."
        if prompt.personal and prompt.alternative is None:
            yield (
                ("prompts", index, "alternative"),
                "is missing. A prompt marked personal: true needs a non-personal "
                "alternative wording (a vignette or the literature).",
            )
        if not prompt.personal and prompt.alternative is not None:
            yield (
                ("prompts", index, "personal"),
                "is false, but the prompt has an alternative. Set personal: true "
                "or remove the alternative.",
            )

    for location, source in _sources(content):
        if source.url is not None and not source.url.startswith("https://"):
            yield (*location, "url"), f"is {source.url!r}. Links must start with https://."


def _check_ids(
    key: str, ids: list[str], pattern: re.Pattern[str], example: str
) -> Iterator[tuple[Location, str]]:
    first_seen: dict[str, int] = {}
    for index, identifier in enumerate(ids):
        if not pattern.match(identifier):
            yield (
                (key, index, "id"),
                f"is {identifier!r}, which is not a valid id here. Write it like {example}.",
            )
        if identifier in first_seen:
            yield (
                (key, index, "id"),
                f"{identifier!r} is already used by {key}[{first_seen[identifier]}]. "
                "Ids must be unique: give this entry its own id.",
            )
        else:
            first_seen[identifier] = index


def _unknown(kind: str, value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else f" Known: {', '.join(known)}."
    return f"names the {kind} {value!r}, which does not exist.{hint}"


def _check_text(value: object, location: Location) -> Iterator[tuple[Location, str]]:
    """Every text field must say something: blank strings are mistakes, not content."""
    if isinstance(value, str):
        if not value.strip():
            yield location, "is empty. Write the text, or remove the field if it is optional."
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _check_text(item, (*location, index))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _check_text(getattr(value, field.name), (*location, field.name))


def _quotes(content: ChapterContent) -> Iterator[tuple[Location, Any]]:
    yield ("chapter", "epigraph"), content.chapter.epigraph
    for index, item in enumerate(content.takeaways):
        if item.quote is not None:
            yield ("takeaways", index, "quote"), item.quote


def _sources(content: ChapterContent) -> Iterator[tuple[Location, Any]]:
    notes: list[tuple[Location, Any]] = [
        (("glossary", index, "editor_note"), term.editor_note)
        for index, term in enumerate(content.glossary)
    ]
    notes += [
        (("takeaways", index, "background"), item.background)
        for index, item in enumerate(content.takeaways)
    ]
    for location, note in notes:
        if note is not None:
            for position, source in enumerate(note.sources):
                yield (*location, "sources", position), source


# --- structural errors from pydantic, rewritten for an editor -------------------------------

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "dataclass_type": "a mapping of fields (key: value lines)",
}

_MISSING_HINTS = {
    "takeaway": "is missing: every prompt belongs to a takeaway. Add takeaway: with a takeaway id.",
    "id": "is missing. Every entry needs a stable id: add id:.",
}


def _structural_problem(name: str, lines: _LineFinder, detail: ErrorDetails) -> Problem:
    location: Location = tuple(detail["loc"])
    kind = detail["type"]
    given = detail.get("input")
    if kind == "missing":
        field = str(location[-1])
        message = _MISSING_HINTS.get(field, f"is missing. Add {field}: to this entry.")
        return Problem(name, lines.line_of(location[:-1]), location, message)
    if kind == "extra_forbidden" or kind == "unexpected_keyword_argument":
        known = _known_fields(location[:-1])
        close = difflib.get_close_matches(str(location[-1]), known, n=1)
        hint = f"Did you mean {close[0]!r}?" if close else f"Known fields: {', '.join(known)}."
        message = f"is not a field here. Remove it or fix its spelling. {hint}"
        return Problem(name, lines.line_of(location), location, message)
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        message = f"is {given!r}; it should be one of {expected}."
        return Problem(name, lines.line_of(location), location, message)
    if kind in _TYPE_WORDS:
        message = f"should be {_TYPE_WORDS[kind]}, not {_describe(given)}."
        if kind == "string_type" and isinstance(given, int | float) and location[-1] == "id":
            message += f' Put the id in quotes: id: "{given}".'
        return Problem(name, lines.line_of(location), location, message)
    return Problem(name, lines.line_of(location), location, f"{detail['msg']}.")


def _describe(value: object) -> str:
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
            current = typing.get_type_hints(current)[part]
    current = _unwrap(current)
    if dataclasses.is_dataclass(current):
        return [field.name for field in dataclasses.fields(current)]
    return []


def _unwrap(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return members[0] if len(members) == 1 else annotation
    return annotation


class _LineFinder:
    """Maps a location inside the parsed YAML back to a line number in the file."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def line_of(self, location: Location) -> int | None:
        node = self.root
        if node is None:
            return None
        best = node.start_mark.line + 1
        for part in location:
            child = self._child(node, part)
            if child is None:
                break
            node = child
            best = node.start_mark.line + 1
        return best

    @staticmethod
    def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    # Point at the key for scalars and at the first line of blocks.
                    return key if isinstance(value, yaml.ScalarNode) else value
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                child: yaml.Node = node.value[part]
                return child
        return None
