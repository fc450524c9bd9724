"""Leitner-box scheduling for glossary flashcards: which card to show next. Seeded, pure."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

BOXES = 5


@dataclass(frozen=True)
class CardState:
    """Where one card stands: its box (1 = learn now … 5 = well known), last session seen."""

    card_id: str
    box: int = 1
    last_session: int = 0


@dataclass(frozen=True)
class Deck:
    session: int
    cards: tuple[CardState, ...]


def new_deck(card_ids: Sequence[str]) -> Deck:
    if len(set(card_ids)) != len(card_ids):
        raise ValueError("Card ids must be unique.")
    return Deck(session=1, cards=tuple(CardState(card_id) for card_id in card_ids))


def interval(box: int) -> int:
    """Sessions between reviews: box 1 every session, box 2 every 2nd, box 3 every 4th …"""
    return int(2 ** (box - 1))


def is_due(card: CardState, session: int) -> bool:
    return card.last_session == 0 or session - card.last_session >= interval(card.box)


def next_cards(deck: Deck, seed: int) -> list[str]:
    """The cards to show this session: lower boxes first, shuffled within a box by `seed`.

    When nothing is due, the whole deck is offered, weakest first, so practice never
    dead-ends.
    """
    due = [card for card in deck.cards if is_due(card, deck.session)] or list(deck.cards)
    rng = random.Random(seed)
    order: list[str] = []
    for box in range(1, BOXES + 1):
        group = [card.card_id for card in due if card.box == box]
        rng.shuffle(group)
        order += group
    return order


def review(deck: Deck, card_id: str, knew_it: bool) -> Deck:
    """Record a self-rating: a known card moves up a box, a missed one back to box 1."""
    cards = list(deck.cards)
    for index, card in enumerate(cards):
        if card.card_id == card_id:
            box = min(card.box + 1, BOXES) if knew_it else 1
            cards[index] = replace(card, box=box, last_session=deck.session)
            return replace(deck, cards=tuple(cards))
    raise ValueError(f"No card {card_id!r} in this deck.")


def start_session(deck: Deck) -> Deck:
    return replace(deck, session=deck.session + 1)


def sync_deck(deck: Deck, card_ids: Sequence[str]) -> Deck:
    """Keep a saved deck in step with the glossary: add new cards, drop removed ones."""
    known = {card.card_id: card for card in deck.cards}
    cards = tuple(known.get(card_id, CardState(card_id)) for card_id in card_ids)
    return replace(deck, cards=cards)
