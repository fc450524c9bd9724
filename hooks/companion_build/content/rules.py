"""The rules a well-typed chapter must still follow: ids, references, formats, text."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from companion_build.content.messages import did_you_mean
from companion_build.content.problems import Location, format_location
from exercises import sessions
from exercises.model import CONSIDERATION_KINDS, CONTENT_SCHEMA_VERSION, ChapterContent, CheckItem

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_PATTERN = re.compile(r"^(?:p\. \d+|pp\. \d+(?:–\d+)?)$")


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
    hint = did_you_mean(value, known) or f"Known: {', '.join(known)}."
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
