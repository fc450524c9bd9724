"""Put a self-check's options in an order that never gives the answer away. Seeded and pure.

The content lists the right answer first (that is how an editor writes it);
the page must not. The build orders each item's options from the item's id,
so the page reads the same without JavaScript on every build; the browser asks
for a new order for each attempt, with a seed it keeps with the attempt.
True/false items keep True before False, as readers expect: what keeps them
honest is that about half of them are false (a content rule, tested there).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from exercises.grading import GradingError
from exercises.model import CheckItem

Seed = int | str


class OrderError(GradingError):
    """Options that cannot be put in order; the message says what is wrong."""


def _random(seed: Seed, salt: str) -> random.Random:
    # A text seed: Random hashes it with SHA-512, the same on every Python and platform.
    return random.Random(f"{salt}:{seed}")


def shuffle_options(
    option_ids: Sequence[str], seed: Seed, avoid: Sequence[str] | None = None
) -> list[str]:
    """A permutation of `option_ids`, the same for the same seed. When `avoid` (an earlier
    order of the same options) is given and there are two or more options, the result
    differs from it, so a reader who tries again sees the options move."""
    ids = list(option_ids)
    if len(set(ids)) != len(ids):
        raise OrderError(f"The options {ids} repeat an id; each option needs its own.")
    if avoid is not None and sorted(avoid) != sorted(ids):
        raise OrderError(f"The order to avoid, {list(avoid)}, is not an order of {ids}.")
    rng = _random(seed, "options")
    order = ids[:]
    rng.shuffle(order)
    if avoid is not None and len(order) > 1 and order == list(avoid):
        # Rotating distinct options by a step that is not zero always moves every one.
        step = rng.randrange(1, len(order))
        order = order[step:] + order[:step]
    return order


def build_order(item: CheckItem) -> list[str]:
    """The fixed order the built page shows (and a reader without JavaScript sees)."""
    if item.kind == "true-false":
        return [option.id for option in item.options]
    return shuffle_options([option.id for option in item.options], f"build:{item.id}")


def shuffle_check_set(
    items: Sequence[CheckItem],
    seed: Seed,
    avoid: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, list[str]]:
    """An order for the options of every item, by item id. For items with one right
    answer the right answer's place is dealt out evenly over the places (the least used
    place so far, ties broken at random), so no place is right much more often than its
    share; the other options fill the other places in a seeded random order."""
    rng = _random(seed, "set")
    avoid = avoid or {}
    places_used: dict[tuple[str, int], list[int]] = {}
    orders: dict[str, list[str]] = {}
    dealing = list(items)
    rng.shuffle(dealing)  # who gets the first pick of a place must not follow the content
    for item in dealing:
        ids = [option.id for option in item.options]
        if item.kind == "true-false":
            orders[item.id] = ids
            continue
        previous = avoid.get(item.id)
        right = sorted(item.correct_ids())
        if item.kind == "multiple" or len(right) != 1:
            orders[item.id] = shuffle_options(ids, f"{seed}:{item.id}", previous)
            continue
        counts = places_used.setdefault((item.kind, len(ids)), [0] * len(ids))
        fewest = min(counts)
        place = rng.choice([index for index, used in enumerate(counts) if used == fewest])
        others = shuffle_options([i for i in ids if i != right[0]], f"{seed}:{item.id}")
        order = others[:place] + right + others[place:]
        if previous is not None and order == list(previous):
            order = shuffle_options(ids, f"{seed}:{item.id}", previous)
            place = order.index(right[0])
        counts[place] += 1
        orders[item.id] = order
    return {item.id: orders[item.id] for item in items}
