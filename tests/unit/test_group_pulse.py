"""Group pulse: codes round-trip, typos are caught, pooling adds up, small groups see nothing."""

from __future__ import annotations

import json
import random
from dataclasses import fields
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.bridge import call
from exercises.convert import to_data
from exercises.group_pulse import (
    ALPHABET,
    CHECKIN_STATES,
    LOOKALIKES,
    MINIMUM_THRESHOLD,
    NONCE_LENGTH,
    SESSION_LENGTH,
    TRUTHFUL,
    Kind,
    Layout,
    PulseCodeError,
    Summary,
    checkin_layout,
    checkin_summary,
    checksum_ok,
    decode,
    encode,
    normalise,
    quiz_layout,
    state_counts,
)
from exercises.group_pulse_pool import aggregate
from exercises.model import CheckItem, CheckOption
from tests.unit.small_checkin import CHECKIN

ITEMS = tuple(
    CheckItem(
        f"q-{n}",
        "civilian-friends" if n % 2 else "structured-peer-groups",
        "single",
        f"Question {n}?",
        (CheckOption("a", "Yes", "Because.", correct=True), CheckOption("b", "No", "Not so.")),
    )
    for n in range(1, 24)
)
LAYOUTS: dict[Kind, Layout] = {"checkin": checkin_layout(CHECKIN), "quiz": quiz_layout(ITEMS)}
TAKEAWAYS = {
    "civilian-friends": {"number": 4, "title": "Civilian friends", "page": "p. 80"},
    "structured-peer-groups": {"number": 7, "title": "Peer groups", "page": "p. 82"},
}

symbols = st.sampled_from(ALPHABET)
sessions = st.text(symbols, min_size=SESSION_LENGTH, max_size=SESSION_LENGTH)
nonces = st.text(symbols, min_size=NONCE_LENGTH, max_size=NONCE_LENGTH)


@st.composite
def summaries(draw: st.DrawFn, session: str | None = None) -> Summary:
    kind: Kind = draw(st.sampled_from(["checkin", "quiz"]))
    layout = LAYOUTS[kind]
    answers = draw(
        st.lists(
            st.integers(0, len(layout.states) - 1),
            min_size=len(layout.keys),
            max_size=len(layout.keys),
        )
    )
    deniable = kind == "checkin" and draw(st.booleans())
    return Summary(kind, session or draw(sessions), draw(nonces), tuple(answers), deniable)


def test_a_summary_holds_only_the_listed_fields() -> None:
    assert [field.name for field in fields(Summary)] == [
        "kind",
        "session",
        "nonce",
        "answers",
        "deniable",
    ]


def test_code_lengths() -> None:
    # kind + version + layout mark, session, nonce, answers, check
    assert LAYOUTS["checkin"].code_length == 3 + 4 + 5 + 2 + 2
    assert LAYOUTS["quiz"].code_length == 3 + 4 + 5 + 8 + 2


@settings(deadline=None)
@given(summaries())
def test_encode_then_decode_returns_the_summary(summary: Summary) -> None:
    code = encode(summary, LAYOUTS[summary.kind])
    assert decode(code, LAYOUTS, summary.session) == summary
    assert decode(code.lower().replace("-", " "), LAYOUTS) == summary


@settings(deadline=None)
@given(summaries(), st.data())
def test_any_one_character_change_fails_the_checksum(summary: Summary, data: st.DataObject) -> None:
    code = normalise(encode(summary, LAYOUTS[summary.kind]))
    position = data.draw(st.integers(0, len(code) - 1))
    replacement = data.draw(st.sampled_from(ALPHABET.replace(code[position], "")))
    changed = code[:position] + replacement + code[position + 1 :]
    assert not checksum_ok(changed)
    with pytest.raises(PulseCodeError) as refused:
        decode(changed, LAYOUTS)
    if position > 0:  # a changed first symbol can be another kind, refused for its length first
        assert refused.value.reason == "checksum"


def test_every_single_change_of_one_code_is_refused() -> None:
    code = normalise(
        encode(Summary("checkin", "K7M2", "ABCDE", (1, 2, 3), True), LAYOUTS["checkin"])
    )
    for position, original in enumerate(code):
        for replacement in ALPHABET + "U!":
            if replacement == original:
                continue
            changed = code[:position] + replacement + code[position + 1 :]
            assert not checksum_ok(changed), (position, replacement)
            with pytest.raises(PulseCodeError):
                decode(changed, LAYOUTS)


def test_neighbouring_swaps_are_caught() -> None:
    code = normalise(encode(Summary("quiz", "K7M2", "ABCDE", (1, 2) * 11 + (0,)), LAYOUTS["quiz"]))
    for position in range(len(code) - 1):
        if code[position] != code[position + 1]:
            swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
            assert not checksum_ok(swapped)


def test_lookalike_letters_read_as_digits() -> None:
    summary = Summary("checkin", "K001", "11111", (0, 1, 2))
    code = encode(summary, LAYOUTS["checkin"])
    typed = code.replace("0", "O").replace("1", "l")
    assert set(LOOKALIKES) & set(typed.upper())
    assert decode(typed, LAYOUTS) == summary


CODE = encode(Summary("checkin", "K7M2", "ABCDE", (1, 2, 3)), LAYOUTS["checkin"])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("X" + CODE[1:], "format"),
        (CODE[:-1], "length"),
        (CODE[:-1] + "U", "characters"),
    ],
)
def test_refusals_say_why(text: str, reason: str) -> None:
    with pytest.raises(PulseCodeError) as refused:
        decode(text, LAYOUTS)
    assert refused.value.reason == reason
    assert str(refused.value).endswith(".")


def test_a_code_from_another_session_is_refused() -> None:
    code = encode(Summary("checkin", "AAAA", "ABCDE", (1, 2, 3)), LAYOUTS["checkin"])
    with pytest.raises(PulseCodeError, match="session AAAA, not this session \\(BBBB\\)"):
        decode(code, LAYOUTS, "BBBB")


def test_a_code_made_from_other_content_is_refused() -> None:
    other = {"checkin": checkin_layout(CHECKIN), "quiz": quiz_layout(ITEMS[1:] + ITEMS[:1])}
    code = encode(Summary("quiz", "AAAA", "ABCDE", (1,) * 23), other["quiz"])
    with pytest.raises(PulseCodeError) as refused:
        decode(code, LAYOUTS)
    assert refused.value.reason == "version"


@settings(deadline=None)
@given(st.lists(summaries(session="K7M2"), max_size=12))
def test_the_aggregate_equals_sums_by_hand(pool: list[Summary]) -> None:
    pool = [summary for summary in pool if not summary.deniable]
    result = aggregate(pool, CHECKIN, ITEMS, TAKEAWAYS, threshold=3)
    unique = list({summary.nonce: summary for summary in reversed(pool)}.values())
    for kind in ("checkin", "quiz"):
        of_kind = [summary for summary in unique if summary.kind == kind]
        assert result[kind]["count"] == len(of_kind)
        assert result[kind]["revealed"] == (len(of_kind) >= 3)
    if result["checkin"]["revealed"]:
        checkins = [s for s in unique if s.kind == "checkin"]
        for index, area in enumerate(result["checkin"]["areas"]):
            by_hand = [sum(1 for s in checkins if s.answers[index] == state) for state in range(4)]
            assert area["counts"] == by_hand
    if result["quiz"]["revealed"]:
        quizzes = [s for s in unique if s.kind == "quiz"]
        for row in result["quiz"]["questions"]:
            index = row["number"] - 1
            assert row["right"] == sum(1 for s in quizzes if s.answers[index] == 1)
            assert row["missed"] == sum(1 for s in quizzes if s.answers[index] == 2)
            assert row["not_answered"] == sum(1 for s in quizzes if s.answers[index] == 0)
        shares = [row["share_missed"] for row in result["quiz"]["questions"]]
        answered = [share for share in shares if share is not None]
        assert answered == sorted(answered, reverse=True)


@settings(deadline=None)
@given(st.integers(MINIMUM_THRESHOLD, 9), st.data())
def test_below_the_threshold_the_aggregate_reveals_nothing(
    threshold: int, data: st.DataObject
) -> None:
    count = data.draw(st.integers(0, threshold - 1))
    pool = [Summary("checkin", "K7M2", f"N{n:04d}", (1, 2, 3), False) for n in range(count)] + [
        Summary("quiz", "K7M2", f"M{n:04d}", (1,) * 23) for n in range(count)
    ]
    result = aggregate(pool, CHECKIN, ITEMS, TAKEAWAYS, threshold=threshold)
    for kind in ("checkin", "quiz"):
        assert result[kind] == {"count": count, "revealed": False, "needed": threshold - count}
    assert result["markdown"] is None and result["csv"] is None


def test_repeated_codes_count_once_and_the_threshold_never_goes_below_three() -> None:
    one = Summary("checkin", "K7M2", "AAAAA", (1, 2, 3))
    pool = [one, one, one, one, one]
    assert aggregate(pool, CHECKIN, ITEMS, TAKEAWAYS, threshold=3)["checkin"]["count"] == 1
    with pytest.raises(ValueError, match="never set below 3"):
        aggregate(pool, CHECKIN, ITEMS, TAKEAWAYS, threshold=2)


def test_exports_hold_the_aggregate_only() -> None:
    pool = [Summary("quiz", "K7M2", f"N{n:04d}", (1, 2) * 11 + (n % 3,)) for n in range(5)]
    result = aggregate(pool, CHECKIN, ITEMS, TAKEAWAYS)
    assert result["quiz"]["questions"][0]["share_missed"] == 1.0
    for text in (result["markdown"], result["csv"]):
        assert "K7M2" not in text and "N0000" not in text
    assert "| 2 | Peer groups | p. 82 | 0 | 5 | 0 | 100 % |" in result["markdown"]
    assert "takeaway check,question 2,Peer groups,p. 82,missed,5" in result["csv"]


TOLERANCE = 0.05  # of the group's share in each state; about five standard errors at n = 3000


@settings(deadline=None, max_examples=4)
@given(
    st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4),
    st.integers(0, 2**32),
)
def test_deniability_is_corrected_within_tolerance_for_a_large_group(
    weights: list[float], seed: int
) -> None:
    rng = random.Random(seed)
    size = 3000
    values = [None, 1, 3, 5]  # skipped, lower, middle, upper for a one-item area
    truth = rng.choices(range(4), weights=weights, k=size)
    reported = [
        checkin_summary(
            CHECKIN,
            {"ci-01": values[state], "ci-02": None, "ci-03": values[state], "ci-04": None},
            "K7M2",
            seed=rng.getrandbits(48),
            deniable=True,
        )
        for state in truth
    ]
    counts = state_counts(reported, LAYOUTS["checkin"])
    for area in (1, 2):  # groups (ci-03) follows truth; alone (ci-04) is always skipped
        expected = [truth.count(state) / size for state in range(4)] if area == 1 else [1, 0, 0, 0]
        for state in range(4):
            assert abs(counts[area][state] / size - expected[state]) < TOLERANCE
    assert float(TRUTHFUL) == 0.75
    assert len(CHECKIN_STATES) == 4


def _payload(function: str, payload: dict[str, Any]) -> dict[str, Any]:
    reply = json.loads(call(function, json.dumps(payload)))
    assert reply["ok"], reply
    value: dict[str, Any] = reply["value"]
    return value


def test_the_bridge_shares_pools_and_refuses() -> None:
    content = {"checkin": to_data(CHECKIN), "items": to_data(ITEMS)}
    session = _payload("group_pulse_session", {"seed": 7})["session"]
    codes: list[str] = []
    for seed in range(6):
        shared = _payload(
            "group_pulse_share",
            {
                "kind": "quiz",
                "items": content["items"],
                "session": session.lower(),
                "seed": seed,
                "answers": {"q-1": ["a"], "q-2": ["b"], "q-4": []},
            },
        )
        not_answered = ", ".join(str(n) for n in range(3, 24))
        assert (
            shared["words"][1]
            == f"1 of 23 questions right; missed: 2; not answered: {not_answered}."
        )
        added = _payload(
            "group_pulse_add",
            {**content, "session": session, "code": shared["code"], "codes": codes},
        )
        assert added == {"ok": True, "code": shared["code"], "kind": "quiz", "duplicate": False}
        codes.append(added["code"])
    again = _payload(
        "group_pulse_add", {**content, "session": session, "code": codes[0], "codes": codes}
    )
    assert again["duplicate"] is True
    other = _payload(
        "group_pulse_add", {**content, "session": "ZZZZ", "code": codes[0], "codes": []}
    )
    assert other["ok"] is False and other["reason"] == "session"
    pooled = _payload(
        "group_pulse_aggregate", {**content, "session": session, "codes": codes + codes[:1]}
    )
    assert pooled["quiz"]["count"] == 6 and pooled["quiz"]["revealed"]
    four = _payload("group_pulse_aggregate", {**content, "session": session, "codes": codes[:4]})
    assert four["quiz"] == {"count": 4, "revealed": False, "needed": 1}
    low = json.loads(
        call(
            "group_pulse_aggregate",
            json.dumps({**content, "session": session, "codes": [], "threshold": 2}),
        )
    )
    assert low["ok"] is False and "never set below 3" in low["error"]["message"]
