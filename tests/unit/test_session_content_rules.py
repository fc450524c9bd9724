"""Session formats in a content file: unknown phases and timings that do not fit fail the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion_build.content import ContentError
from companion_build.content.parsing import parse_chapter

MINIMAL = Path(__file__).parent / "fixtures" / "valid-minimal.yml"


def with_group_supervision(formats: str) -> str:
    return MINIMAL.read_text(encoding="utf-8") + (
        "group_supervision:\n"
        "  timing_note: One common format.\n"
        "  sources: []\n"
        "  ground_rules: []\n"
        "  phases:\n"
        "    - {id: reflection, name: Reflection, description: The group reflects.}\n"
        "    - {id: return, name: Return, description: The presenter returns.}\n"
        "  formats:\n" + formats
    )


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_chapter(text, "chapter.yml")
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_format_loads() -> None:
    text = with_group_supervision(
        "    - id: short\n      name: Short\n      minutes: 10\n      summary: A short one.\n"
        "      timings: [{phase: reflection, minutes: 6}, {phase: return, minutes: 4}]\n"
    )
    content = parse_chapter(text, "chapter.yml")
    assert content.group_supervision is not None
    assert [f.id for f in content.group_supervision.formats] == ["short"]


def test_an_unknown_phase_is_named_with_a_suggestion() -> None:
    text = with_group_supervision(
        "    - id: short\n      name: Short\n      minutes: 10\n      summary: A short one.\n"
        "      timings: [{phase: reflections, minutes: 10}]\n"
    )
    [problem] = problems(text)
    assert problem.endswith(
        "group_supervision.formats[0].timings[0].phase: names the session phase "
        "'reflections', which does not exist. Did you mean 'reflection'?"
    )


def test_timings_that_overrun_or_underfill_the_meeting_say_so() -> None:
    overrun = with_group_supervision(
        "    - id: short\n      name: Short\n      minutes: 10\n      summary: A short one.\n"
        "      timings: [{phase: reflection, minutes: 8}, {phase: return, minutes: 4}]\n"
    )
    assert [p.split(": ", 2)[-1] for p in problems(overrun)] == [
        "The phases add up to 12 minutes, 2 minutes more than the meeting's 10 minutes. "
        "Shorten a phase or lengthen the meeting. (Times are in whole minutes here.)"
    ]
    short = with_group_supervision(
        "    - id: short\n      name: Short\n      minutes: 10\n      summary: A short one.\n"
        "      timings: [{phase: reflection, minutes: 0}, {phase: return, minutes: 4}]\n"
    )
    messages = [p.split(": ", 2)[-1] for p in problems(short)]
    assert messages == [
        "is 10, but the timings add up to 4. A default format fills its meeting: "
        "lengthen a phase or shorten the meeting.",
        "Phase 1, Reflection, has no time. Give it some minutes, or leave it out. "
        "(Times are in whole minutes here.)",
    ]


def test_a_true_false_question_needs_the_option_ids_true_and_false() -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    assert "kind: single" in text, "valid-minimal.yml's self-check item changed"
    start = text.index("self_check:")
    broken = text[:start] + (
        "self_check:\n"
        "  - id: check-01\n"
        "    takeaway: " + _first_takeaway(text) + "\n"
        "    kind: true-false\n"
        "    question: Is it so?\n"
        "    options:\n"
        "      - {id: 'yes', text: 'Yes', feedback: Right., correct: true}\n"
        "      - {id: 'no', text: 'No', feedback: Wrong.}\n"
    )
    [problem] = problems(broken)
    assert problem.endswith(
        "self_check[0].options: has the option ids 'no', 'yes', but a true/false question has "
        'exactly two options with the ids "true" and "false" (in quotes).'
    )


def _first_takeaway(text: str) -> str:
    after = text[text.index("takeaways:") :]
    return after.split("- id:", 1)[1].split("\n", 1)[0].strip()
