"""The chapter's content file: load it, map its lines, phrase its problems, check its rules.

`loading` reads and caches, `line_map` finds lines in the YAML, `messages` turns YAML's
and pydantic's errors into an editor's words, `rules` holds what a well-typed file must
still follow, and `problems` is what they all report.
"""

from companion_build.content.loading import (
    MAX_CONTENT_BYTES,
    json_schema,
    load_chapter,
    parse_chapter,
    read_content_file,
)
from companion_build.content.problems import ContentError, Location, Problem, format_location
from companion_build.content.rules import check_rules

__all__ = [
    "MAX_CONTENT_BYTES",
    "ContentError",
    "Location",
    "Problem",
    "check_rules",
    "format_location",
    "json_schema",
    "load_chapter",
    "parse_chapter",
    "read_content_file",
]
