"""Load a chapter's content file and report every problem with file, line, path and fix."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import stat
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

import yaml

import exercises
from companion_build.build_cache import cached_result, inputs_key
from exercises import sessions
from exercises.model import CONSIDERATION_KINDS, CONTENT_SCHEMA_VERSION, ChapterContent, CheckItem

Location = tuple[str | int, ...]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_PATTERN = re.compile(r"^(?:p\. \d+|pp\. \d+(?:–\d+)?)$")
# The chapter file is about 50 KB; a file twenty times that is not a chapter.
MAX_CONTENT_BYTES = 1024 * 1024

if TYPE_CHECKING:
    from pydantic import TypeAdapter
    from pydantic_core import ErrorDetails


@functools.cache
def _adapter() -> TypeAdapter[ChapterContent]:
    # Imported on first use: pydantic takes a tenth of a second to import, which a
    # rebuild of unchanged content (load_chapter's cache) does not need.
    from pydantic import TypeAdapter

    return TypeAdapter(ChapterContent)


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
    sources = [Path(__file__), *sorted(Path(exercises.__file__).parent.glob("*.py"))]
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
        raise ContentError([_character_problem(name, text, error)]) from None
    except yaml.YAMLError as error:
        raise ContentError([_syntax_problem(name, error)]) from None
    except RecursionError:
        message = "is nested too deeply to read. Check the brackets and the indentation."
        raise ContentError([Problem(name, None, (), message)]) from None
    lines = _LineFinder(root)
    if not isinstance(data, dict):
        message = (
            "is empty. Start from an existing chapter file."
            if data is None
            else f"should be a mapping with the keys schema_version, chapter, glossary, "
            f"takeaways and prompts, not {_describe(data)}. Start from an existing chapter file."
        )
        raise ContentError([Problem(name, 1, (), message)])
    # YAML keeps the last of two equal keys without a word; the first value would vanish.
    problems = [
        Problem(name, line, location, message) for location, line, message in _duplicate_keys(root)
    ]
    # pydantic reads true as 1 where a number is wanted: `schema_version: true` would pass.
    problems += [
        Problem(
            name, lines.line_of(location), location, _wrong_type("int_type", True, location, lines)
        )
        for location in _booleans_for_numbers(data, ChapterContent, ())
    ]
    from pydantic import ValidationError

    try:
        content = _adapter().validate_python(data)
    except ValidationError as error:
        problems += [_structural_problem(name, lines, detail) for detail in error.errors()]
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


_SYNTAX_FIXES = {
    "mapping values are not allowed": (
        "A colon and a space inside a value start a new key: put the whole value in quotes."
    ),
    "'\\t'": "Indent with spaces; YAML does not allow tabs.",
    "another document": "Remove the '---' line: one file holds one chapter.",
    "undefined alias": "A value that starts with * needs quotes.",
    "constructor for the tag": "A value that starts with ! needs quotes.",
}


def _character_problem(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
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


def _syntax_problem(name: str, error: yaml.YAMLError) -> Problem:
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


def check_rules(content: ChapterContent) -> Iterator[tuple[Location, str]]:
    """The rules a well-typed file must still follow: ids, references, formats, text."""
    if content.schema_version != CONTENT_SCHEMA_VERSION:
        yield (
            ("schema_version",),
            f"is {content.schema_version}, but this site reads version {CONTENT_SCHEMA_VERSION}. "
            "Update the file to the current schema (see content/chapter.schema.json).",
        )
    yield from _check_text(content, ())
    for key in ("glossary", "takeaways", "prompts", "self_check"):
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

    yield from _check_glossary_names(content)
    for index, term in enumerate(content.glossary):
        for position, other in enumerate(term.see_also):
            where: Location = ("glossary", index, "see_also", position)
            if other == term.id:
                yield where, f"names the term itself ({other!r}). Remove it."
            elif other not in glossary_ids:
                yield where, _unknown("glossary term", other, glossary_ids)
            elif other in term.see_also[:position]:
                yield where, f"lists {other!r} a second time. Keep each term once."

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
            yield (
                ("prompts", index, "takeaway"),
                _unknown("takeaway", prompt.takeaway, takeaway_ids),
            )
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

    yield from _check_self_check(content, takeaway_ids)
    yield from _check_checkin(content, takeaway_ids)
    yield from _check_gift_scenarios(content)
    yield from _check_group_supervision(content)
    yield from _check_true_false_options(content)


def _check_glossary_names(content: ChapterContent) -> Iterator[tuple[Location, str]]:
    """Each word in the text links to one term: no two entries share a term or an alias.

    Compared without case, as the glossary linker matches them.
    """
    owner: dict[str, int] = {}  # a name, lowercased -> the first entry that has it
    for index, term in enumerate(content.glossary):
        names = [(("glossary", index, "term"), term.term)] + [
            (("glossary", index, "also_matches", position), alias)
            for position, alias in enumerate(term.also_matches)
        ]
        own: set[str] = set()
        for where, name in names:
            key = name.strip().lower()
            if key in own:
                yield where, f"repeats {name!r}, which this entry already matches. Remove it."
                continue
            own.add(key)
            first = owner.setdefault(key, index)
            if first == index:
                continue
            other = content.glossary[first]
            if where[-1] == "term" and other.term.strip().lower() == key:
                yield (
                    where,
                    f"{name!r} is already the term of glossary[{first}]. Each term has one "
                    "entry: merge the two, or rename one.",
                )
            else:
                yield (
                    where,
                    f"{name!r} also stands for glossary[{first}] ({other.term!r}), but a word "
                    "in the text links to one term only. Keep it under one of the two.",
                )


def _check_self_check(
    content: ChapterContent, takeaway_ids: list[str]
) -> Iterator[tuple[Location, str]]:
    """Self-check items must point at a takeaway and have an answer a reader can find."""
    check_ids = [item.id for item in content.self_check]
    yield from _check_ids("self_check", check_ids, ID_PATTERN, "lowercase-words-with-dashes")
    for index, item in enumerate(content.self_check):
        if item.takeaway not in takeaway_ids:
            yield (
                ("self_check", index, "takeaway"),
                _unknown("takeaway", item.takeaway, takeaway_ids),
            )
        option_ids = [option.id for option in item.options]
        for position, option_id in enumerate(option_ids):
            first = option_ids.index(option_id)
            if first < position:
                yield (
                    ("self_check", index, "options", position, "id"),
                    f"{option_id!r} is already used by options[{first}]. "
                    "Give each option of a question its own id.",
                )
        yield from _check_answer_count(item, ("self_check", index, "options"))


CHECKIN_ITEM_COUNT = range(12, 21)
MIN_GIFT_SCENARIOS = 6


def _check_checkin(
    content: ChapterContent, takeaway_ids: list[str]
) -> Iterator[tuple[Location, str]]:
    """A check-in labels every point, covers every area, and points at real takeaways."""
    checkin = content.checkin
    if checkin is None:
        return
    values = [point.value for point in checkin.responses]
    if len(values) < 3 or values != list(range(1, len(values) + 1)):
        yield (
            ("checkin", "responses"),
            f"has the values {values}. Number the response points 1, 2, 3 … in order "
            "(at least three), each with its own label.",
        )
    area_ids = [area.id for area in checkin.areas]
    prompt_ids = [prompt.id for prompt in content.prompts]
    yield from _check_ids(("checkin", "areas"), area_ids, ID_PATTERN, "lowercase-words-with-dashes")
    yield from _check_ids(
        ("checkin", "items"), [item.id for item in checkin.items], ID_PATTERN, "ci-01"
    )
    for index, area in enumerate(checkin.areas):
        if not area.takeaways:
            yield (
                ("checkin", "areas", index, "takeaways"),
                "is empty. Name at least one takeaway that speaks to this area.",
            )
        for position, takeaway in enumerate(area.takeaways):
            if takeaway not in takeaway_ids:
                yield (
                    ("checkin", "areas", index, "takeaways", position),
                    _unknown("takeaway", takeaway, takeaway_ids),
                )
        for position, prompt_id in enumerate(area.prompts):
            if prompt_id not in prompt_ids:
                yield (
                    ("checkin", "areas", index, "prompts", position),
                    _unknown("prompt", prompt_id, prompt_ids),
                )
        if not any(item.area == area.id for item in checkin.items):
            yield ("checkin", "areas", index), "has no items. Add an item with this area."
    for index, item in enumerate(checkin.items):
        if item.area not in area_ids:
            yield ("checkin", "items", index, "area"), _unknown("area", item.area, area_ids)
    count = len(checkin.items)
    if count not in CHECKIN_ITEM_COUNT:
        yield (
            ("checkin", "items"),
            f"has {count} items. A check-in has {CHECKIN_ITEM_COUNT.start} to "
            f"{CHECKIN_ITEM_COUNT.stop - 1}: short enough to finish, long enough to cover "
            "every area.",
        )
    if count and not any(item.reverse for item in checkin.items):
        yield (
            ("checkin", "items"),
            "has no reverse-worded item. Word at least one item the other way round "
            "and mark it reverse: true.",
        )


def _check_gift_scenarios(content: ChapterContent) -> Iterator[tuple[Location, str]]:
    """Each vignette speaks to all four considerations, once each."""
    scenarios = content.gift_scenarios
    if not scenarios:
        return
    yield from _check_ids(
        ("gift_scenarios",), [s.id for s in scenarios], ID_PATTERN, "lowercase-words-with-dashes"
    )
    if len(scenarios) < MIN_GIFT_SCENARIOS:
        yield (
            ("gift_scenarios",),
            f"has {len(scenarios)} vignettes. Write at least {MIN_GIFT_SCENARIOS}, so "
            "a group has a range of situations to discuss.",
        )
    for index, scenario in enumerate(scenarios):
        kinds = [consideration.kind for consideration in scenario.considerations]
        missing = [kind for kind in CONSIDERATION_KINDS if kind not in kinds]
        twice = sorted({kind for kind in kinds if kinds.count(kind) > 1})
        if missing or twice:
            problems = []
            if missing:
                problems.append(f"lacks {', '.join(missing)}")
            if twice:
                problems.append(f"names {', '.join(twice)} more than once")
            yield (
                ("gift_scenarios", index, "considerations"),
                f"{' and '.join(problems)}. Give exactly one consideration of each kind: "
                f"{', '.join(CONSIDERATION_KINDS)}.",
            )


def _check_true_false_options(content: ChapterContent) -> Iterator[tuple[Location, str]]:
    """The LMS exports read a true/false answer from its option ids, so they must be true, false."""
    for index, item in enumerate(content.self_check):
        ids = sorted(option.id for option in item.options)
        if item.kind == "true-false" and ids != ["false", "true"]:
            yield (
                ("self_check", index, "options"),
                f"has the option ids {', '.join(repr(i) for i in ids)}, but a true/false "
                'question has exactly two options with the ids "true" and "false" (in quotes).',
            )


def _check_group_supervision(content: ChapterContent) -> Iterator[tuple[Location, str]]:
    """Session formats must name known phases and fill their meeting exactly."""
    group = content.group_supervision
    if group is None:
        return
    base: Location = ("group_supervision",)
    phase_ids = [phase.id for phase in group.phases]
    for key, ids in (
        ("phases", phase_ids),
        ("formats", [item.id for item in group.formats]),
        ("ground_rules", [item.id for item in group.ground_rules]),
        ("consultation_formats", [item.id for item in group.consultation_formats]),
    ):
        for location, message in _check_ids(key, ids, ID_PATTERN, "lowercase-words-with-dashes"):
            yield (*base, *location), message
    for index, session_format in enumerate(group.formats):
        where: Location = (*base, "formats", index)
        unknown = False
        for position, timing in enumerate(session_format.timings):
            if timing.phase not in phase_ids:
                unknown = True
                yield (
                    (*where, "timings", position, "phase"),
                    _unknown("session phase", timing.phase, phase_ids),
                )
        if unknown:
            continue
        requests = sessions.format_requests(group, session_format)
        meeting = session_format.minutes * 60
        for problem in sessions.check_session_plan(meeting, requests):
            yield (*where, "timings"), f"{problem} (Times are in whole minutes here.)"
        planned = sum(timing.minutes for timing in session_format.timings)
        if planned < session_format.minutes:
            yield (
                (*where, "minutes"),
                f"is {session_format.minutes}, but the timings add up to {planned}. "
                "A default format fills its meeting: lengthen a phase or shorten the meeting.",
            )
    notes = [((*base, "sources"), group.sources)] + [
        ((*base, "consultation_formats", index, "sources"), item.sources)
        for index, item in enumerate(group.consultation_formats)
    ]
    for location, sources in notes:
        for position, source in enumerate(sources):
            if source.url is not None and not source.url.startswith("https://"):
                yield (
                    (*location, position, "url"),
                    f"is {source.url!r}. Links must start with https://.",
                )


_KIND_LABELS = {
    "single": "single-choice",
    "multiple": "multiple-choice",
    "true-false": "true/false",
}


def _check_answer_count(item: CheckItem, where: Location) -> Iterator[tuple[Location, str]]:
    correct = sum(option.correct for option in item.options)
    question = f"a {_KIND_LABELS[item.kind]} question"
    if correct == 0:
        wanted = "at least one" if item.kind == "multiple" else "exactly one"
        yield (
            where,
            f"has no option marked correct: true, but {question} needs {wanted}. "
            "Add correct: true to the right answer.",
        )
    elif correct > 1 and item.kind != "multiple":
        yield (
            where,
            f"has {correct} options marked correct: true, but {question} needs exactly one. "
            "Keep correct: true on the right answer only.",
        )


def _check_ids(
    key: str | Location, ids: list[str], pattern: re.Pattern[str], example: str
) -> Iterator[tuple[Location, str]]:
    prefix: Location = (key,) if isinstance(key, str) else key
    first_seen: dict[str, int] = {}
    for index, identifier in enumerate(ids):
        if not pattern.match(identifier):
            yield (
                (*prefix, index, "id"),
                f"is {identifier!r}, which is not a valid id here. Write it like {example}.",
            )
        if identifier in first_seen:
            yield (
                (*prefix, index, "id"),
                f"{identifier!r} is already used by "
                f"{format_location((*prefix, first_seen[identifier]))}. "
                "Ids must be unique: give this entry its own id.",
            )
        else:
            first_seen[identifier] = index


def _unknown(kind: str, value: str, known: list[str]) -> str:
    hint = _did_you_mean(value, known) or f"Known: {', '.join(known)}."
    return f"names the {kind} {value!r}, which does not exist. {hint}"


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


def _structural_problem(name: str, lines: _LineFinder, detail: ErrorDetails) -> Problem:
    location: Location = tuple(detail["loc"])
    kind = detail["type"]
    given = detail.get("input")
    if kind == "missing":
        field = str(location[-1])
        where = "to this entry" if len(location) > 1 else "to the file"
        message = _MISSING_HINTS.get(field, f"is missing. Add {field}: {where}.")
        return Problem(name, lines.line_of(location[:-1]), location, message)
    if kind == "invalid_key":
        message = f"has a key that is not text ({_describe(given)}). Keys are field names."
        return Problem(name, lines.line_of(location[:-1]), location[:-1], message)
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        known = _known_fields(location[:-1])
        hint = _did_you_mean(str(location[-1]), known) or f"Known fields: {', '.join(known)}."
        message = f"is not a field here. Remove it or fix its spelling. {hint}"
        return Problem(name, lines.line_of(location), location, message)
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",")]
        hint = _did_you_mean(str(given), choices) if isinstance(given, str) else ""
        message = f"is {given!r}, which is not one of {expected}. {hint or 'Use one of those.'}"
        return Problem(name, lines.line_of(location), location, message)
    if kind in _EXPECTED:
        return Problem(
            name, lines.line_of(location), location, _wrong_type(kind, given, location, lines)
        )
    return Problem(name, lines.line_of(location), location, f"{detail['msg']}.")


def _wrong_type(kind: str, given: object, location: Location, lines: _LineFinder) -> str:
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
            return f"should be text, but YAML reads {written} as {_describe(given)}. {fix}"
    return f"should be {expected}, not {_describe(given)}. {fix}"


def _booleans_for_numbers(data: object, annotation: Any, location: Location) -> Iterator[Location]:
    """Where the data has true or false for a field typed as a whole number."""
    annotation = _unwrap(annotation)
    if annotation is int:
        if isinstance(data, bool):
            yield location
    elif dataclasses.is_dataclass(annotation) and isinstance(data, dict):
        hints = typing.get_type_hints(annotation)
        for key, value in data.items():
            if isinstance(key, str) and key in hints:
                yield from _booleans_for_numbers(value, hints[key], (*location, key))
    elif typing.get_origin(annotation) is tuple and isinstance(data, list):
        item = typing.get_args(annotation)[0]
        for index, value in enumerate(data):
            yield from _booleans_for_numbers(value, item, (*location, index))


def _did_you_mean(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    return f"Did you mean {close[0]!r}?" if close else ""


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


# --- where things are in the YAML file ----------------------------------------------------


def _duplicate_keys(root: yaml.Node | None) -> Iterator[tuple[Location, int, str]]:
    """Every key that appears twice in one mapping, at its second appearance."""
    seen_nodes: set[int] = set()  # anchors and aliases can make the node graph cyclic
    pending: list[tuple[yaml.Node, Location]] = [(root, ())] if root is not None else []
    while pending:
        node, location = pending.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first_lines: dict[str, int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                line = key.start_mark.line + 1
                if key.value in first_lines:
                    yield (
                        (*location, key.value),
                        line,
                        f"appears twice in this entry (also on line {first_lines[key.value]}), "
                        "and YAML keeps only the last one. Delete the one you do not mean.",
                    )
                else:
                    first_lines[key.value] = line
                pending.append((value, (*location, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            pending += [(item, (*location, index)) for index, item in enumerate(node.value)]


class _LineFinder:
    """Maps a location inside the parsed YAML back to its node and line in the file."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def line_of(self, location: Location) -> int | None:
        """The line of the deepest part of `location` that exists; keys for scalar values."""
        node = self.root
        if node is None:
            return None
        best = node.start_mark.line + 1
        for part in location:
            entry = self._child(node, part)
            if entry is None:
                break
            key, node = entry
            # Point at the key for scalars and at the first line of blocks.
            shown = key if key is not None and isinstance(node, yaml.ScalarNode) else node
            best = shown.start_mark.line + 1
        return best

    def scalar_text(self, location: Location) -> str | None:
        """The value at `location` exactly as typed, before YAML turned it into a number."""
        node = self.root
        for part in location:
            entry = None if node is None else self._child(node, part)
            if entry is None:
                return None
            node = entry[1]
        return str(node.value) if isinstance(node, yaml.ScalarNode) else None

    @staticmethod
    def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
        """(key node or None, value node) for one step of a location."""
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            # With a key given twice, YAML uses the last one, so that is where to point.
            matches = [(key, value) for key, value in node.value if key.value == part]
            if matches:
                return matches[-1]
        in_sequence = isinstance(node, yaml.SequenceNode) and isinstance(part, int)
        if in_sequence and 0 <= int(part) < len(node.value):
            return None, node.value[int(part)]
        return None
