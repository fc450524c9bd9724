"""Parse a content file's YAML once and validate it: every problem, in an editor's words."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import yaml

from companion_build.content.line_map import LineFinder, duplicate_keys
from companion_build.content.messages import (
    booleans_for_numbers,
    character_problem,
    describe,
    structural_problem,
    syntax_problem,
    wrong_type,
)
from companion_build.content.problems import ContentError, Problem
from companion_build.content.rules import check_rules
from exercises.model import ChapterContent

if TYPE_CHECKING:
    from pydantic import TypeAdapter


@functools.cache
def _adapter() -> TypeAdapter[ChapterContent]:
    # Imported on first use: pydantic takes a tenth of a second to import, which a
    # rebuild of unchanged content (load_chapter's cache) does not need.
    from pydantic import TypeAdapter

    return TypeAdapter(ChapterContent)


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors can use; generated from the same dataclasses."""
    schema = _adapter().json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Chapter content for the course companion"
    return schema


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree (for line numbers) and the data built from it.

    A file libyaml refuses is read again by PyYAML's own parser, whose wording the
    messages (and their tests) are written around.
    """
    try:
        return _parse_with(_LOADER, text)
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
        return _parse_with(yaml.SafeLoader, text)


def _parse_with(loader_class: Any, text: str) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


def parse_chapter(text: str, name: str) -> ChapterContent:
    """Parse YAML text and validate it; `name` is how messages refer to the file."""
    try:
        root, data = _read_yaml(text)
    except yaml.reader.ReaderError as error:
        raise ContentError([character_problem(name, text, error)]) from None
    except yaml.YAMLError as error:
        raise ContentError([syntax_problem(name, error)]) from None
    except RecursionError:
        message = "is nested too deeply to read. Check the brackets and the indentation."
        raise ContentError([Problem(name, None, (), message)]) from None
    lines = LineFinder(root)
    if not isinstance(data, dict):
        message = (
            "is empty. Start from an existing chapter file."
            if data is None
            else f"should be a mapping with the keys schema_version, chapter, glossary, "
            f"takeaways and prompts, not {describe(data)}. Start from an existing chapter file."
        )
        raise ContentError([Problem(name, 1, (), message)])
    # YAML keeps the last of two equal keys without a word; the first value would vanish.
    problems = [
        Problem(name, line, location, message) for location, line, message in duplicate_keys(root)
    ]
    # pydantic reads true as 1 where a number is wanted: `schema_version: true` would pass.
    problems += [
        Problem(
            name, lines.line_of(location), location, wrong_type("int_type", True, location, lines)
        )
        for location in booleans_for_numbers(data, ChapterContent, ())
    ]
    from pydantic import ValidationError

    try:
        content = _adapter().validate_python(data)
    except ValidationError as error:
        problems += [structural_problem(name, lines, detail) for detail in error.errors()]
        raise ContentError(_in_file_order(problems)) from None
    problems += [
        Problem(name, lines.line_of(location), location, message)
        for location, message in check_rules(content)
    ]
    if problems:
        raise ContentError(_in_file_order(problems))
    return content


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """An editor fixes a file top to bottom, so list its problems that way."""
    return sorted(problems, key=lambda problem: problem.line or 0)
