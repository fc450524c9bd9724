"""Leitner scheduling of glossary flashcards (pure; also run inside Pyodide)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.flashcards import (
    BOXES,
    is_due,
    new_deck,
    next_cards,
    review,
    start_session,
    sync_deck,
)

CARDS = ["balint-group", "support", "nurturance", "cuddle-groups"]


def test_a_new_deck_shows_every_card_in_a_seeded_order() -> None:
    deck = new_deck(CARDS)
    first = next_cards(deck, seed=7)
    assert sorted(first) == sorted(CARDS)
    assert next_cards(deck, seed=7) == first
    assert {tuple(next_cards(deck, seed=s)) for s in range(20)} != {tuple(first)}


def test_known_cards_move_up_and_missed_cards_go_back_to_box_one() -> None:
    deck = review(new_deck(CARDS), "support", knew_it=True)
    deck = review(deck, "support", knew_it=True)
    assert deck.cards[1].box == 3
    deck = review(deck, "support", knew_it=False)
    assert deck.cards[1].box == 1


def test_cards_in_higher_boxes_wait_longer_and_weak_cards_come_first() -> None:
    deck = new_deck(CARDS)
    for card in CARDS[:2]:
        deck = review(deck, card, knew_it=True)  # box 2: due again in 2 sessions
    for card in CARDS[2:]:
        deck = review(deck, card, knew_it=False)  # box 1: every session
    deck = start_session(deck)
    assert sorted(next_cards(deck, seed=1)) == sorted(CARDS[2:])
    deck = start_session(deck)
    order = next_cards(deck, seed=1)
    assert sorted(order[:2]) == sorted(CARDS[2:]) and sorted(order[2:]) == sorted(CARDS[:2])


def test_when_nothing_is_due_the_whole_deck_is_offered() -> None:
    deck = new_deck(CARDS)
    for card in CARDS:
        deck = review(deck, card, knew_it=True)
    deck = start_session(deck)
    assert not any(is_due(card, deck.session) for card in deck.cards)
    assert sorted(next_cards(deck, seed=3)) == sorted(CARDS)


def test_sync_keeps_progress_and_follows_the_glossary() -> None:
    deck = review(new_deck(CARDS), "support", knew_it=True)
    synced = sync_deck(deck, ["support", "helping-relationships"])
    assert [(c.card_id, c.box) for c in synced.cards] == [
        ("support", 2),
        ("helping-relationships", 1),
    ]


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        new_deck(["a", "a"])
    with pytest.raises(ValueError, match="No card 'zzz'"):
        review(new_deck(CARDS), "zzz", knew_it=True)


@given(st.lists(st.tuples(st.sampled_from(CARDS), st.booleans(), st.booleans()), max_size=40))
def test_any_history_keeps_boxes_in_range_and_every_card_reachable(history) -> None:  # type: ignore[no-untyped-def]
    deck = new_deck(CARDS)
    for card, knew_it, next_session in history:
        deck = review(deck, card, knew_it)
        if next_session:
            deck = start_session(deck)
    assert all(1 <= card.box <= BOXES for card in deck.cards)
    order = next_cards(deck, seed=len(history))
    assert order and set(order) <= set(CARDS) and len(order) == len(set(order))
