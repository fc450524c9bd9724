"""What the SCORM package tells the LMS: score, statuses, interactions and suspend data.

The package's page grades every answer with `grading` (as the site does) and
asks this module, through the bridge, which SCORM data-model values to set.
Nothing here reads a clock or a browser: the page passes the timestamp in.

Only the self-check's answers reach the LMS. The suspend data is one compact
JSON text (format 1) that fits SCORM 1.2's 4,096 characters:

    {"v": 1,
     "t": {"check-01": "a", "check-05": "a,c"},    takeaway check: chosen option ids
     "i": ["check-01", "check-05"],                 interaction index of each question
     "m": {"balint-group": "support"},              glossary match: term → chosen term
     "f": [3, [[1, 2], [4, 3]]]}                    flashcards: session, [box, last] per card
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from exercises.convert import ConversionError, from_data, to_data
from exercises.flashcards import CardState, Deck
from exercises.grading import grade_choice, grade_match, score_set
from exercises.model import CheckItem, GlossaryTerm

ScormVersion = Literal["2004", "1.2"]
SUSPEND_FORMAT = 1
# SCORM 1.2's cmi.suspend_data holds 4,096 characters (2004: 64,000); we keep to the smaller.
SUSPEND_LIMIT = 4096
DESCRIPTION_LIMIT = (
    250  # cmi.interactions.n.description (SCORM 2004: localized_string_type, SPM 250)
)


def scorm_report_payload(payload: Any) -> dict[str, Any]:
    """{version, items, answers, order, changed, mastery, timestamp, match, deck, cards}
    → {"values": [[element, value], ...], "suspend_data": str, "order": [...], "score": {...}}."""
    version = _version(payload)
    items = _items(payload)
    answers = _answers(_field(payload, "answers"), items)
    order = [item_id for item_id in _strings(payload.get("order", []), "order") if item_id in items]
    for item_id in answers:
        if item_id not in order:
            order.append(item_id)
    changed = set(_strings(payload.get("changed", []), "changed"))
    mastery = _fraction(_field(payload, "mastery"), "mastery")
    timestamp = _field(payload, "timestamp")
    if not isinstance(timestamp, str):
        raise ConversionError("payload.timestamp: expected an ISO 8601 date and time")
    results = {item_id: grade_choice(items[item_id], chosen) for item_id, chosen in answers.items()}
    score = score_set(list(items.values()), list(results.values()))
    values: list[list[str]] = []
    for index, item_id in enumerate(order):
        if item_id in changed and item_id in answers:
            values += _interaction(
                version,
                index,
                items[item_id],
                answers[item_id],
                results[item_id].correct,
                timestamp,
            )
    values += _score_values(version, score.correct, score.answered, score.total, mastery)
    suspend = suspend_data(
        answers, order, _match_answers(payload.get("match")), _deck(payload.get("deck"), payload)
    )
    values.append(["cmi.suspend_data", suspend])
    return {"values": values, "suspend_data": suspend, "order": order, "score": to_data(score)}


def scorm_restore_payload(payload: Any) -> dict[str, Any]:
    """{suspend_data, items, terms, cards} → the saved answers regraded, as the widgets keep them.

    {"attempts": {item id: {chosen, result}}, "order": [...], "match": {answers, result} | null,
     "deck": Deck | null, "problem": text | null}. Suspend data this format cannot read gives
    empty answers and says why in "problem": nothing is reported from it.
    """
    items = _items(payload)
    terms = [
        from_data(GlossaryTerm, data, f"terms[{i}]")
        for i, data in enumerate(_list(_field(payload, "terms"), "terms"))
    ]
    cards = _strings(_field(payload, "cards"), "cards")
    empty: dict[str, Any] = {"attempts": {}, "order": [], "match": None, "deck": None}
    text = _field(payload, "suspend_data")
    if not isinstance(text, str) or not text:
        return {**empty, "problem": None}
    try:
        saved = json.loads(text)
        if not isinstance(saved, dict) or saved.get("v") != SUSPEND_FORMAT:
            raise ValueError(f"not format {SUSPEND_FORMAT}")
        answers = _answers(
            {key: value.split(",") for key, value in dict(saved.get("t", {})).items()}, items
        )
        match = {str(k): str(v) for k, v in dict(saved.get("m", {})).items()}
        deck = _unpack_deck(saved.get("f"), cards)
        order = [str(item_id) for item_id in saved.get("i", []) if item_id in items]
        attempts = {
            item_id: {"chosen": chosen, "result": to_data(grade_choice(items[item_id], chosen))}
            for item_id, chosen in answers.items()
        }
    except (ValueError, TypeError, AttributeError, ConversionError) as error:
        return {**empty, "problem": f"the saved attempt could not be read ({error})"}
    known_terms = {term.id for term in terms}
    match = {term: choice for term, choice in match.items() if term in known_terms}
    match_record = None
    if match:
        all_answers = {term.id: match.get(term.id) for term in terms}
        match_record = {"answers": all_answers, "result": to_data(grade_match(terms, all_answers))}
    return {
        "attempts": attempts,
        "order": order,
        "match": match_record,
        "deck": None if deck is None else to_data(deck),
        "problem": None,
    }


def suspend_data(
    answers: Mapping[str, Sequence[str]],
    order: Sequence[str],
    match: Mapping[str, str],
    deck: Sequence[Any] | None,
) -> str:
    saved: dict[str, Any] = {"v": SUSPEND_FORMAT, "t": {k: ",".join(v) for k, v in answers.items()}}
    saved["i"] = list(order)
    if match:
        saved["m"] = dict(match)
    if deck is not None:
        saved["f"] = deck
    return json.dumps(saved, separators=(",", ":"), ensure_ascii=False)


def longest_suspend_data(items: Sequence[CheckItem], terms: Sequence[GlossaryTerm]) -> str:
    """The suspend data at its largest for this content: every question answered with every
    option, every term matched to the longest id, every card deep in its box."""
    answers = {item.id: [option.id for option in item.options] for item in items}
    longest_term = max((term.id for term in terms), key=len, default="")
    match = {term.id: longest_term for term in terms}
    deck = [99999, [[5, 99999] for _ in terms]]
    return suspend_data(answers, [item.id for item in items], match, deck)


def _interaction(
    version: ScormVersion,
    index: int,
    item: CheckItem,
    chosen: Sequence[str],
    correct: bool,
    timestamp: str,
) -> list[list[str]]:
    prefix = f"cmi.interactions.{index}."
    kind = "true-false" if item.kind == "true-false" else "choice"
    right = [option.id for option in item.options if option.correct]
    response = _response(version, item, chosen)
    pattern = _response(version, item, right)
    if version == "2004":
        return [
            [prefix + "id", item.id],
            [prefix + "type", kind],
            [prefix + "description", _shorten(item.question, DESCRIPTION_LIMIT)],
            [prefix + "weighting", "1"],
            [prefix + "learner_response", response],
            [prefix + "result", "correct" if correct else "incorrect"],
            [prefix + "correct_responses.0.pattern", pattern],
            [prefix + "timestamp", timestamp[:19]],
        ]
    return [
        [prefix + "id", item.id],
        [prefix + "type", kind],
        [prefix + "weighting", "1"],
        [prefix + "student_response", response],
        [prefix + "result", "correct" if correct else "wrong"],
        [prefix + "correct_responses.0.pattern", pattern],
        [prefix + "time", timestamp[11:19]],
    ]


def _response(version: ScormVersion, item: CheckItem, option_ids: Sequence[str]) -> str:
    if item.kind == "true-false":
        value = option_ids[0] if option_ids else ""
        return value if version == "2004" else value[:1]  # SCORM 1.2 writes t or f
    ordered = [option.id for option in item.options if option.id in set(option_ids)]
    return ("[,]" if version == "2004" else ",").join(ordered)


def _score_values(
    version: ScormVersion, correct: int, answered: int, total: int, mastery: float
) -> list[list[str]]:
    scaled = correct / total if total else 0.0
    # Raw as a percentage: Moodle grades SCORM by the raw score out of 100.
    raw = _number(round(100 * scaled, 2))
    done = total > 0 and answered == total
    success = ("passed" if scaled >= mastery else "failed") if done else "unknown"
    if version == "2004":
        return [
            ["cmi.score.min", "0"],
            ["cmi.score.max", "100"],
            ["cmi.score.raw", raw],
            ["cmi.score.scaled", _number(round(scaled, 4))],
            ["cmi.progress_measure", _number(round(answered / total, 4) if total else 0.0)],
            ["cmi.completion_status", "completed" if done else "incomplete"],
            ["cmi.success_status", success],
        ]
    return [
        ["cmi.core.score.min", "0"],
        ["cmi.core.score.max", "100"],
        ["cmi.core.score.raw", raw],
        ["cmi.core.lesson_status", success if done else "incomplete"],
    ]


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _version(payload: Any) -> ScormVersion:
    version = _field(payload, "version")
    if version not in ("2004", "1.2"):
        raise ConversionError('payload.version: expected "2004" or "1.2"')
    return "2004" if version == "2004" else "1.2"


def _items(payload: Any) -> dict[str, CheckItem]:
    raw = _list(_field(payload, "items"), "items")
    items = [from_data(CheckItem, data, f"items[{i}]") for i, data in enumerate(raw)]
    return {item.id: item for item in items}


def _answers(raw: Any, items: Mapping[str, CheckItem]) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        raise ConversionError("payload.answers: expected an object of option id lists")
    answers: dict[str, list[str]] = {}
    for item_id, chosen in raw.items():
        options = [value for value in _strings(chosen, f"answers.{item_id}") if value]
        if item_id in items and options:
            answers[item_id] = options
    return answers


def _match_answers(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConversionError("payload.match: expected an object of term ids")
    return {str(term): str(choice) for term, choice in raw.items() if choice}


def _deck(raw: Any, payload: Any) -> list[Any] | None:
    if raw is None:
        return None
    deck = from_data(Deck, raw, "deck")
    by_id = {card.card_id: card for card in deck.cards}
    cards = _strings(_field(payload, "cards"), "cards")
    return [
        deck.session,
        [[by_id[c].box, by_id[c].last_session] if c in by_id else [1, 0] for c in cards],
    ]


def _unpack_deck(raw: Any, cards: Sequence[str]) -> Deck | None:
    if raw is None:
        return None
    session, states = raw
    if not isinstance(session, int) or len(states) != len(cards):
        raise ValueError("the flashcards do not match this package's cards")
    return Deck(
        session=session,
        cards=tuple(
            CardState(card, int(box), int(last))
            for card, (box, last) in zip(cards, states, strict=True)
        ),
    )


def _fraction(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConversionError(f"payload.{name}: expected a number from 0 to 1")
    return float(value)


def _field(payload: Any, name: str) -> Any:
    if not isinstance(payload, dict) or name not in payload:
        raise ConversionError(f"payload.{name}: missing")
    return payload[name]


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise ConversionError(f"payload.{name}: expected a list")
    return value


def _strings(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
        raise ConversionError(f"payload.{name}: expected a list of text")
    return list(value)
