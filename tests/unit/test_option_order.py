"""The self-check's option order: a seeded permutation, stable for a seed, new on request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import hypothesis
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.model import CheckItem, CheckOption
from exercises.option_order import OrderError, shuffle_check_set, shuffle_options
from exercises.widgets import shuffle_choices

ids_strategy = st.lists(
    st.text(alphabet="abcdefghij", min_size=1, max_size=3), min_size=1, max_size=8, unique=True
)
two_or_more_ids = st.lists(
    st.text(alphabet="abcdefghij", min_size=1, max_size=3), min_size=2, max_size=8, unique=True
)
# Inside Pyodide a stand-in replaces hypothesis (its given() skips); it has no settings.
no_deadline: Callable[[Any], Any] = (
    hypothesis.settings(deadline=None) if hasattr(hypothesis, "settings") else (lambda test: test)
)
seeds = st.integers(min_value=0, max_value=2**32 - 1) | st.text(max_size=20)


@no_deadline
@given(ids=ids_strategy, seed=seeds)
def test_an_order_is_a_permutation_and_the_same_for_the_same_seed(
    ids: list[str], seed: int | str
) -> None:
    order = shuffle_options(ids, seed)
    assert sorted(order) == sorted(ids)
    assert shuffle_options(ids, seed) == order


@no_deadline
@given(ids=two_or_more_ids, seed=seeds, data=st.data())
def test_an_order_to_avoid_is_never_given_back(
    ids: list[str], seed: int | str, data: st.DataObject
) -> None:
    previous = data.draw(st.permutations(ids))
    order = shuffle_options(ids, seed, avoid=previous)
    assert sorted(order) == sorted(ids)
    assert order != list(previous)


def test_different_seeds_give_different_orders() -> None:
    ids = list("abcde")
    orders = {tuple(shuffle_options(ids, seed)) for seed in range(40)}
    assert len(orders) > 20, "40 seeds gave only a few orders"


def test_repeated_ids_and_foreign_orders_are_refused() -> None:
    with pytest.raises(OrderError, match="repeat"):
        shuffle_options(["a", "a"], 1)
    with pytest.raises(OrderError, match="not an order"):
        shuffle_options(["a", "b"], 1, avoid=["a", "c"])


def _item(item_id: str, options: int, kind: str = "single") -> CheckItem:
    return CheckItem(
        id=item_id,
        takeaway="t",
        kind=kind,  # type: ignore[arg-type]
        question="?",
        options=tuple(
            CheckOption(id=chr(97 + i), text=f"option {i}", feedback="", correct=i == 0)
            for i in range(options)
        ),
    )


@no_deadline
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_a_set_spreads_the_right_answer_over_the_places(seed: int) -> None:
    items = [_item(f"q{n}", 4) for n in range(12)]
    orders = shuffle_check_set(items, seed)
    assert set(orders) == {item.id for item in items}
    places = [orders[item.id].index("a") for item in items]
    # Twelve four-option items: each place holds the right answer exactly three times.
    assert sorted(places) == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert shuffle_check_set(items, seed) == orders


def test_a_set_with_orders_to_avoid_moves_every_item_but_true_false() -> None:
    items = [_item(f"q{n}", 3) for n in range(7)] + [_item("m", 4, "multiple")]
    true_false = _item("tf", 2, "true-false")
    first = shuffle_check_set([*items, true_false], 7)
    second = shuffle_check_set([*items, true_false], 8, avoid=first)
    assert all(second[item.id] != first[item.id] for item in items)
    assert first["tf"] == second["tf"] == ["a", "b"], "True/false keeps True before False"


def test_the_bridge_function_returns_an_order_per_item_and_checks_its_seed() -> None:
    item = {
        "id": "q1",
        "takeaway": "t",
        "kind": "single",
        "question": "?",
        "options": [
            {"id": "a", "text": "A", "feedback": "", "correct": True},
            {"id": "b", "text": "B", "feedback": ""},
            {"id": "c", "text": "C", "feedback": ""},
        ],
    }
    reply = shuffle_choices({"items": [item], "seed": 5, "avoid": {"q1": ["a", "b", "c"]}})
    assert sorted(reply["orders"]["q1"]) == ["a", "b", "c"]
    assert reply["orders"]["q1"] != ["a", "b", "c"]
    with pytest.raises(ValueError, match="seed"):
        shuffle_choices({"items": [item], "seed": "five"})
