"""What the browser's widgets call through the bridge: JSON payloads in, JSON-ready dicts out.

Each function takes the item data the page already holds (from the build's JSON
island) plus the reader's answer, converts it to the model, and grades or plans
with the pure modules. A payload that does not fit raises ConversionError or
GradingError, whose message the bridge passes back to the reader.
"""

from __future__ import annotations

from typing import Any

from exercises.convert import ConversionError, from_data, to_data
from exercises.flashcards import Deck, new_deck, next_cards, review, start_session, sync_deck
from exercises.grading import grade_choice, grade_match, score_set
from exercises.model import CheckItem, GlossaryTerm
from exercises.option_order import shuffle_check_set


def _field(payload: Any, name: str) -> Any:
    if not isinstance(payload, dict) or name not in payload:
        raise ConversionError(f"payload: missing {name!r}")
    return payload[name]


def _strings(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConversionError(f"payload.{name}: expected a list of text")
    return value


def check_choice(payload: Any) -> dict[str, Any]:
    """{"item": CheckItem, "chosen": [option ids]} → the graded result with per-option feedback."""
    item = from_data(CheckItem, _field(payload, "item"), "item")
    result = grade_choice(item, _strings(_field(payload, "chosen"), "chosen"))
    return dict(to_data(result))


def shuffle_choices(payload: Any) -> dict[str, Any]:
    """{"items": [CheckItem], "seed": int, "avoid": {item id: [option ids]} or absent}
    → {"orders": {item id: [option ids]}}: a new order for each item's options."""
    items = [
        from_data(CheckItem, data, f"items[{i}]") for i, data in enumerate(_field(payload, "items"))
    ]
    seed = _field(payload, "seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ConversionError("payload.seed: expected a whole number")
    avoid = payload.get("avoid") or {}
    if not isinstance(avoid, dict):
        raise ConversionError("payload.avoid: expected an object of option orders")
    known = {item.id: {option.id for option in item.options} for item in items}
    previous = {
        item_id: _strings(order, f"avoid.{item_id}")
        for item_id, order in avoid.items()
        if item_id in known and set(_strings(order, f"avoid.{item_id}")) == known[item_id]
    }
    return {"orders": shuffle_check_set(items, seed, previous)}


def score_choices(payload: Any) -> dict[str, Any]:
    """{"items": [CheckItem], "answers": {item id: [option ids]}} → answered, correct, total."""
    items = [
        from_data(CheckItem, data, f"items[{i}]") for i, data in enumerate(_field(payload, "items"))
    ]
    answers = _field(payload, "answers")
    if not isinstance(answers, dict):
        raise ConversionError("payload.answers: expected an object")
    by_id = {item.id: item for item in items}
    results = [
        grade_choice(by_id[item_id], _strings(chosen, f"answers.{item_id}"))
        for item_id, chosen in answers.items()
        if item_id in by_id and chosen
    ]
    return dict(to_data(score_set(items, results)))


def check_match(payload: Any) -> dict[str, Any]:
    """{"terms": [GlossaryTerm], "answers": {term id: term id or null}} → per-pair feedback."""
    raw_terms = _field(payload, "terms")
    if not isinstance(raw_terms, list):
        raise ConversionError("payload.terms: expected a list")
    terms = [from_data(GlossaryTerm, data, f"terms[{i}]") for i, data in enumerate(raw_terms)]
    answers = _field(payload, "answers")
    if not isinstance(answers, dict) or not all(
        isinstance(value, str | None) for value in answers.values()
    ):
        raise ConversionError("payload.answers: expected an object of term ids")
    return dict(to_data(grade_match(terms, answers)))


def flashcards_next(payload: Any) -> dict[str, Any]:
    """{"cards": [ids], "deck": Deck or null, "seed": int} → a new session's deck and order."""
    card_ids = _strings(_field(payload, "cards"), "cards")
    seed = _field(payload, "seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ConversionError("payload.seed: expected a whole number")
    saved = payload.get("deck")
    deck = new_deck(card_ids) if saved is None else start_session(from_data(Deck, saved, "deck"))
    deck = sync_deck(deck, card_ids)
    return {"deck": to_data(deck), "order": next_cards(deck, seed)}


def flashcards_review(payload: Any) -> dict[str, Any]:
    """{"deck": Deck, "card": id, "knew_it": bool} → the deck after the reader's self-rating."""
    deck = from_data(Deck, _field(payload, "deck"), "deck")
    card = _field(payload, "card")
    knew_it = _field(payload, "knew_it")
    if not isinstance(card, str) or not isinstance(knew_it, bool):
        raise ConversionError("payload: card must be text and knew_it true or false")
    return {"deck": to_data(review(deck, card, knew_it))}
