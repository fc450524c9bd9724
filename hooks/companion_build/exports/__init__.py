"""The downloads: LMS and study files derived from the content file, made once per build.

`build_exports` makes every file in memory (the Downloads page shows their
sizes); `write_exports` puts them in the built site under `exports/`.
`site_exports` is what the build uses: the same files, kept in `build/exports/`
and made again only when the content or the code that writes them changed, so
an unchanged rebuild neither imports the writers' libraries nor runs them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from companion_build.build_cache import cached_result, inputs_key

# The writers import their libraries (text2qti, genanki) only as they write: an unchanged
# rebuild, served by site_exports' cache, does not pay for importing them.
from companion_build.exports.anki_deck import write_anki_deck
from companion_build.exports.canvas_qti import write_canvas_qti
from companion_build.exports.gift import write_gift
from companion_build.exports.moodle_xml import write_moodle_xml
from companion_build.exports.prompts_markdown import write_prompts_markdown
from companion_build.exports.tables import (
    write_glossary_csv,
    write_glossary_tsv,
    write_prompts_csv,
)
from exercises.model import ChapterContent

EXPORT_DIRECTORY = "exports"


@dataclass(frozen=True)
class Export:
    """One downloadable file: its name, what it holds, what to do with it, and its bytes."""

    filename: str
    title: str
    holds: str
    use: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


CACHE = Path(__file__).resolve().parents[3] / "build" / "exports"
# Libraries whose output lands in the files: a new version means new files.
WRITER_LIBRARIES = ("genanki", "text2qti")


@functools.lru_cache(maxsize=2)
def site_exports(content: ChapterContent, cache: Path = CACHE) -> tuple[Export, ...]:
    """The exports for this content, from the cache when nothing they depend on changed."""
    sources = sorted(Path(__file__).parent.glob("*.py"))
    key = inputs_key(repr(content), sources, WRITER_LIBRARIES)
    return cached_result(cache, key, lambda: build_exports(content), _is_exports)


def _is_exports(value: object) -> TypeGuard[tuple[Export, ...]]:
    return isinstance(value, tuple) and all(isinstance(export, Export) for export in value)


@functools.lru_cache(maxsize=2)
def build_exports(content: ChapterContent) -> tuple[Export, ...]:
    prefix = f"chapter-{content.chapter.number:02d}"
    questions = f"{len(content.self_check)} self-check questions with feedback"
    terms = f"{len(content.glossary)} glossary terms"
    prompts = f"{len(content.prompts)} discussion prompts"
    return (
        Export(
            f"{prefix}-self-check-gift.txt",
            "GIFT (Moodle)",
            questions,
            "Moodle: Question bank → Import → GIFT format.",
            write_gift(content).encode("utf-8"),
        ),
        Export(
            f"{prefix}-self-check-moodle.xml",
            "Moodle XML",
            questions,
            "Moodle: Question bank → Import → Moodle XML format. Keeps each question's id number.",
            write_moodle_xml(content),
        ),
        Export(
            f"{prefix}-self-check-canvas-qti.zip",
            "QTI 1.2 package (Canvas)",
            questions + ", as one quiz",
            "Canvas: Settings → Import course content → QTI .zip file. Do not unzip it.",
            write_canvas_qti(content),
        ),
        Export(
            f"{prefix}-glossary.apkg",
            "Anki deck",
            terms,
            "Anki: File → Import. Importing a newer copy updates the same cards.",
            write_anki_deck(content),
        ),
        Export(
            f"{prefix}-glossary.csv",
            "Flashcards, CSV",
            terms + ", with a header row (term, definition)",
            "Spreadsheets, and flashcard apps that import CSV.",
            write_glossary_csv(content).encode("utf-8"),
        ),
        Export(
            f"{prefix}-glossary.tsv",
            "Flashcards, tab-separated",
            terms + ", one per line, no header",
            "Quizlet: Create → Import, paste the file's text; between term and definition: Tab.",
            write_glossary_tsv(content).encode("utf-8"),
        ),
        Export(
            f"{prefix}-prompts.md",
            "Discussion prompts, Markdown",
            prompts + ", grouped by takeaway, with non-personal alternatives",
            "Handouts, notes, course pages; opens in any text editor.",
            write_prompts_markdown(content).encode("utf-8"),
        ),
        Export(
            f"{prefix}-prompts.csv",
            "Discussion prompts, CSV",
            prompts + ", one row each, with uses and alternatives",
            "Spreadsheets, LMS discussion boards, planning a term.",
            write_prompts_csv(content).encode("utf-8"),
        ),
    )


def write_exports(exports: tuple[Export, ...], site_dir: Path) -> None:
    folder = site_dir / EXPORT_DIRECTORY
    folder.mkdir(parents=True, exist_ok=True)
    for export in exports:
        (folder / export.filename).write_bytes(export.data)
