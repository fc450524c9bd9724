"""What is wrong with a content file, phrased for the person who edits it."""

from __future__ import annotations

import dataclasses

Location = tuple[str | int, ...]


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, phrased for the person who edits it."""

    file: str
    line: int | None
    location: Location
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        if not self.location:
            # The file itself is the subject: "chapter.yml:12: is not valid YAML ..."
            return f"{place}: {self.message}"
        return f"{place}: {format_location(self.location)}: {self.message}"


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
