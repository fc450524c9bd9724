"""A sample payload for every bridge function, made from the chapter: run in Pyodide at build.

The precompiled library ships only the modules a start and the bridge
functions really import. To find them, `python_start.mjs` calls every
registered function once under Node with the payload given here and records
`sys.modules`. A function registered in `exercises/bridge.py` without a sample
here stops the build: its imports would otherwise go unseen, and a reader's
first call would have to fetch the full library.

Each sample must be accepted (an `ok` result): a refused payload stops early
and would not import what the real call does.

Making them runs `exercises` code (the group pulse's codes most of all), so
`kept_sample_payloads` keeps them in `build/bridge-samples/` until the content,
the registered functions or the code that makes them changes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard

from mkdocs.exceptions import PluginError

import exercises
from companion_build.build_cache import cached_result, inputs_key
from companion_build.exports import lms_samples
from companion_build.exports.lms_samples import LMS_SAMPLES
from exercises import bridge, saved_data
from exercises.convert import to_data
from exercises.model import ChapterContent

Sample = Callable[[ChapterContent], Any]

CACHE = Path(__file__).resolve().parents[3] / "build" / "bridge-samples"


def _check_item(content: ChapterContent) -> dict[str, Any]:
    return dict(to_data(content.self_check[0]))


def _first_option(content: ChapterContent) -> list[str]:
    return [content.self_check[0].options[0].id]


def _checkin(content: ChapterContent) -> dict[str, Any]:
    assert content.checkin is not None, "the chapter has no check-in"
    checkin = content.checkin
    first, *rest = (item.id for item in checkin.items)
    return {
        "checkin": to_data(checkin),
        "answers": {first: 4, **dict.fromkeys(rest[:2], 2)},
        "previous": {first: 2},
    }


def _flashcards_review(content: ChapterContent) -> dict[str, Any]:
    from exercises import flashcards

    cards = [term.id for term in content.glossary]
    return {"deck": to_data(flashcards.new_deck(cards)), "card": cards[0], "knew_it": True}


def _scenario(content: ChapterContent) -> dict[str, Any]:
    from exercises.scenarios import DECISION_LABELS

    return {
        "scenario": to_data(content.gift_scenarios[0]),
        "decision": next(iter(DECISION_LABELS)),
        "explanation": "I would thank them and talk about what the gift means.",
        "position": "The relationship comes first.",
    }


def _saved_data(content: ChapterContent) -> dict[str, Any]:
    note = {"notes": {content.prompts[0].id: {"text": "Bring to class", "updated": "2026-11-01"}}}
    exported = {
        "format": saved_data.FORMAT,
        "version": saved_data.CURRENT_VERSION,
        "exported": "2026-11-26",
        "records": {"notes:prompts": note},
    }
    return {"file": exported, "current": {"checkins": {"takes": []}}}


def _plan_session(content: ChapterContent) -> dict[str, Any]:
    assert content.group_supervision is not None, "the chapter has no group supervision"
    phases = content.group_supervision.phases
    return {
        "meeting_minutes": 45,
        "phases": [{"phase": phase.id, "name": phase.name, "minutes": 5} for phase in phases],
    }


def _notes_record(content: ChapterContent) -> dict[str, Any]:
    return {"notes": {content.prompts[0].id: {"text": "Bring to class", "updated": "2026-11-01"}}}


def _quiz_answers(content: ChapterContent) -> dict[str, Any]:
    return {item.id: [item.options[0].id] for item in content.self_check[:3]}


def _pulse_content(content: ChapterContent) -> dict[str, Any]:
    assert content.checkin is not None, "the chapter has no check-in"
    return {
        "checkin": to_data(content.checkin),
        "items": [to_data(item) for item in content.self_check],
    }


def _pulse_session() -> str:
    from exercises import group_pulse_pool

    return str(group_pulse_pool.session_payload({"seed": 11})["session"])


def _pulse_share(content: ChapterContent, seed: int) -> dict[str, Any]:
    return {
        "kind": "quiz",
        "items": [to_data(item) for item in content.self_check],
        "answers": _quiz_answers(content),
        "session": _pulse_session(),
        "seed": seed,
    }


def _pulse_code(content: ChapterContent, seed: int) -> str:
    from exercises import group_pulse_pool

    shared = group_pulse_pool.share_payload(_pulse_share(content, seed))
    assert shared["ok"], shared
    return str(shared["code"])


def _pulse_add(content: ChapterContent) -> dict[str, Any]:
    return {
        **_pulse_content(content),
        "session": _pulse_session(),
        "code": _pulse_code(content, 1),
        "codes": [_pulse_code(content, 2)],
    }


def _pulse_aggregate(content: ChapterContent) -> dict[str, Any]:
    takeaways = {
        takeaway.id: {"number": index, "title": takeaway.title, "page": ""}
        for index, takeaway in enumerate(content.takeaways, start=1)
    }
    return {
        **_pulse_content(content),
        "takeaways": takeaways,
        "session": _pulse_session(),
        "codes": [_pulse_code(content, seed) for seed in range(1, 7)],
        "threshold": 5,
    }


SAMPLES: dict[str, Sample] = {
    "version": lambda content: {},
    "ping": lambda content: {"text": "partner, family, chosen family"},
    "check_choice": lambda content: {
        "item": _check_item(content),
        "chosen": _first_option(content),
    },
    "score_choices": lambda content: {
        "items": [to_data(item) for item in content.self_check],
        "answers": {content.self_check[0].id: _first_option(content)},
    },
    "check_match": lambda content: {
        "terms": [to_data(term) for term in content.glossary[:4]],
        "answers": {term.id: term.id for term in content.glossary[:4]},
    },
    "flashcards_next": lambda content: {
        "cards": [term.id for term in content.glossary],
        "deck": None,
        "seed": 7,
    },
    "flashcards_review": _flashcards_review,
    "checkin_profile": _checkin,
    "scenario_feedback": _scenario,
    "saved_data_import": _saved_data,
    "constellation_map": lambda content: {
        "people": [
            {"label": "J.", "role": "family", "contact": "weekly"},
            {"label": "Sam", "role": "peer", "contact": "monthly"},
        ]
    },
    "plan_day": lambda content: {
        "items": [
            {"id": "a", "label": "Intake", "kind": "session", "energy": "draining", "minutes": 50},
            {"id": "b", "label": "Walk", "kind": "break", "energy": "replenishing", "minutes": 15},
        ],
        "day_start": "09:00",
        "day_end": "11:00",
    },
    "prep_packet": lambda content: {
        "title": "Supervision prep",
        "date": "2026-11-26",
        "prompts": [{"id": content.prompts[0].id, "text": content.prompts[0].text, "note": "A"}],
    },
    "plan_session": _plan_session,
    "shuffle_choices": lambda content: {
        "items": [to_data(item) for item in content.self_check],
        "seed": 7,
    },
    "saved_data_check": lambda content: {"name": "notes:prompts", "value": _notes_record(content)},
    "saved_data_merge_opened": lambda content: {
        "name": "notes:prompts",
        "current": _notes_record(content),
        "incoming": {"notes": {}},
    },
    "group_pulse_terms": lambda content: {},
    "group_pulse_session": lambda content: {"seed": 11},
    "group_pulse_share": lambda content: _pulse_share(content, 3),
    "group_pulse_add": _pulse_add,
    "group_pulse_aggregate": _pulse_aggregate,
    **LMS_SAMPLES,
}


def sample_payloads(content: ChapterContent) -> dict[str, str]:
    """The JSON payload for every registered bridge function; stops the build if one has none."""
    missing = sorted(set(bridge.REGISTRY) - set(SAMPLES))
    if missing:
        raise PluginError(
            "hooks/companion_build/runtime/bridge_samples.py: no sample payload for the bridge "
            f"function{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} "
            "(registered in exercises/bridge.py). Add one to SAMPLES, a payload it accepts, "
            "so the build can find what it imports and ship it."
        )
    payloads = {}
    for name in sorted(bridge.REGISTRY):
        try:
            payloads[name] = json.dumps(SAMPLES[name](content), sort_keys=True)
        except (AssertionError, IndexError, AttributeError) as error:
            raise PluginError(
                "hooks/companion_build/runtime/bridge_samples.py: the sample for "
                f"{name!r} could not be made from the chapter's content "
                f"({type(error).__name__}: {error}); "
                "make it from something the content file has."
            ) from None
    return payloads


def kept_sample_payloads(content: ChapterContent, cache: Path = CACHE) -> dict[str, str]:
    """`sample_payloads(content)`, from the cache when nothing it is made from changed."""
    # exercises/*.py decide which functions are registered, so which samples are made (the
    # bridge, which imports all of exercises, is imported only to make them); Python's
    # version, the seeded random choices inside the group pulse's codes.
    sources = [
        Path(__file__),
        Path(lms_samples.__file__),
        *sorted(Path(exercises.__file__).parent.glob("*.py")),
    ]
    key = inputs_key(f"{content!r}|{sys.version}", sources)
    return cached_result(cache, key, lambda: sample_payloads(content), _is_payloads)


def _is_payloads(value: object) -> TypeGuard[dict[str, str]]:
    return isinstance(value, dict) and all(
        isinstance(name, str) and isinstance(payload, str) for name, payload in value.items()
    )


def refused_samples(payloads: dict[str, str]) -> dict[str, str]:
    """Samples the bridge refuses under CPython, with its message: each must be fixed."""
    refused = {}
    for name, payload in payloads.items():
        result = json.loads(bridge.call(name, payload))
        if not result["ok"]:
            refused[name] = result["error"]["message"]
    return refused
