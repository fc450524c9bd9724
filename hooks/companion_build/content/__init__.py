"""The chapter's content file: load, parse and validate it, and phrase its problems.

`loading` reads and caches, `parsing` parses and validates (imported only when the
cache has nothing for the file), `line_map` finds lines in the YAML, `messages` turns
YAML's and pydantic's errors into an editor's words, `rules` holds what a well-typed
file must still follow, and `problems` is what they all report.
"""

from companion_build.content.loading import MAX_CONTENT_BYTES, load_chapter, read_content_file
from companion_build.content.problems import ContentError, Location, Problem, format_location

__all__ = [
    "MAX_CONTENT_BYTES",
    "ContentError",
    "Location",
    "Problem",
    "format_location",
    "load_chapter",
    "read_content_file",
]
