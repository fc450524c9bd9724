"""Read a content file safely and keep what passed validation, so a rebuild need not validate.

Parsing and validating (`parsing`) is imported only when the cache has nothing for
the file's text: with its messages and rules, that is code a rebuild of unchanged
content never runs.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TypeGuard

import exercises
from companion_build.build_cache import cached_result, inputs_key
from companion_build.content.problems import ContentError, Problem
from exercises.model import ChapterContent

# The chapter file is about 50 KB; a file twenty times that is not a chapter.
MAX_CONTENT_BYTES = 1024 * 1024


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
        return _parsed(text, name)
    # Everything that decides whether the text passes, and what it becomes.
    sources = [
        *sorted(Path(__file__).parent.glob("*.py")),
        *sorted(Path(exercises.__file__).parent.glob("*.py")),
    ]
    key = inputs_key(text, sources, ["pydantic"])
    return cached_result(cache, key, lambda: _parsed(text, name), _is_content)


def _parsed(text: str, name: str) -> ChapterContent:
    from companion_build.content.parsing import parse_chapter

    return parse_chapter(text, name)


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
