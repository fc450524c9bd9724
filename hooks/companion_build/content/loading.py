"""Read a content file safely, parse it once, validate it, and cache what passed."""

from __future__ import annotations

import functools
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

import yaml

import exercises
from companion_build.build_cache import cached_result, inputs_key
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

# The chapter file is about 50 KB; a file twenty times that is not a chapter.
MAX_CONTENT_BYTES = 1024 * 1024

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


def load_chapter(
    path: Path, display_name: str | None = None, cache: Path | None = None
) -> ChapterContent:
    """Read, parse and validate one content file, or raise ContentError.

    With a `cache` folder, content that passed once is kept there (pickled), under a
    key made of the file's text and every source that validates it, so a rebuild
    of unchanged content skips the work; a file with problems is never kept.
    """
    name = display_name or path.as_posix()
    text = read_content_file(path, name)
    if cache is None:
        return parse_chapter(text, name)
    # Everything that decides whether the text passes, and what it becomes.
    sources = [
        *sorted(Path(__file__).parent.glob("*.py")),
        *sorted(Path(exercises.__file__).parent.glob("*.py")),
    ]
    key = inputs_key(text, sources, ["pydantic"])
    return cached_result(cache, key, lambda: parse_chapter(text, name), _is_content)


def read_content_file(path: Path, name: str) -> str:
    """The file's text, or ContentError: only a regular UTF-8 file of at most MAX_CONTENT_BYTES.

    A link to a device (/dev/zero) or a pipe would never end, and a huge file would fill
    the memory before YAML said a word about it, so both are refused before reading.
    """
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            message = (
                f"is not a regular file ({_file_kind(status.st_mode)}), so it is not read. "
                "Point extra.content_file at the chapter's YAML file."
            )
            raise ContentError([Problem(name, None, (), message)])
        with path.open("rb") as file:
            data = file.read(MAX_CONTENT_BYTES + 1)
    except FileNotFoundError:
        message = (
            f"does not exist (looked for {path.resolve()}). "
            "Create it, or correct the path that names it."
        )
        raise ContentError([Problem(name, None, (), message)]) from None
    except OSError as error:
        message = f"cannot be read ({error.strerror}). Check that it is a file you may read."
        raise ContentError([Problem(name, None, (), message)]) from None
    if len(data) > MAX_CONTENT_BYTES:
        message = (
            f"is larger than {MAX_CONTENT_BYTES // 1024**2} MiB, far more than a chapter "
            "needs, so it is not read. Check that this is the chapter's YAML file."
        )
        raise ContentError([Problem(name, None, (), message)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text (byte {error.start}). Save the file as UTF-8."
        raise ContentError([Problem(name, None, (), message)]) from None


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((kind for test, kind in kinds if test(mode)), "not a plain file")


def _is_content(value: object) -> TypeGuard[ChapterContent]:
    return isinstance(value, ChapterContent)


# libyaml when PyYAML has it: the build reads the chapter on every rebuild.
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
