"""Group pulse: anonymous check-in and takeaway-check summaries as short codes, pooled in the room.

A member's summary holds only a format (kind, scheme version, a mark of the
content's layout), the facilitator's session code, a random nonce, each area's
band (or each question's right / missed / not answered) and whether plausible
deniability was on. It travels as a short typed code in Crockford's base-32
alphabet (also the QR code's text) ending in two check characters: the whole
code read as a base-32 number, modulo the prime 1021. Any one changed
character, and any swap of two neighbours, changes that remainder.

The facilitator's page pools codes: duplicates (same nonce) count once, codes
of another session, format or layout are refused, and nothing is shown for a
kind until at least `threshold` summaries of it are in (5 unless raised,
never below 3). Randomness comes in as seeds from the page: nothing hidden.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from exercises.checkin import score_checkin
from exercises.model import Checkin, CheckItem

Kind = Literal["checkin", "quiz"]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
# Read as the digits they look like, so a member's O for 0 is not an error.
LOOKALIKES = {"O": "0", "I": "1", "L": "1"}
SEPARATORS = " -\t\n"
KIND_SYMBOLS: dict[Kind, str] = {"checkin": "C", "quiz": "Q"}
KIND_NAMES: dict[Kind, str] = {"checkin": "check-in", "quiz": "takeaway check"}
SCHEME_VERSION = 1
SESSION_LENGTH = 4
NONCE_LENGTH = 5
CHECK_MODULUS = 1021  # prime, below 32 ** CHECK_LENGTH
CHECK_LENGTH = 2
HEADER_LENGTH = 3  # kind, scheme version, layout mark

DEFAULT_THRESHOLD = 5
MINIMUM_THRESHOLD = 3
# Plausible deniability: each area is reported truthfully with this probability,
# otherwise as one of the four states (skipped included) picked at random.
TRUTHFUL = Fraction(3, 4)

CHECKIN_STATES = ("skipped", "lower", "middle", "upper")
QUIZ_STATES = ("not answered", "right", "missed")
STATES: dict[Kind, tuple[str, ...]] = {"checkin": CHECKIN_STATES, "quiz": QUIZ_STATES}


class PulseCodeError(ValueError):
    """A code cannot be pooled; `reason` names why and the message says what to do."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Layout:
    """What a summary's answers stand for: the areas or questions, in the content's order."""

    kind: Kind
    keys: tuple[str, ...]

    @property
    def states(self) -> tuple[str, ...]:
        return STATES[self.kind]

    @property
    def mark(self) -> str:
        """One symbol derived from the keys: a site built from other content refuses the code."""
        digest = hashlib.sha256(f"{self.kind}:{','.join(self.keys)}".encode()).digest()
        return ALPHABET[digest[0] % len(ALPHABET)]

    @property
    def body_length(self) -> int:
        capacity = len(self.states) ** len(self.keys) * 2  # and the deniability flag
        length = 1
        while len(ALPHABET) ** length < capacity:
            length += 1
        return length

    @property
    def code_length(self) -> int:
        """Symbols in a code, separators left out."""
        return HEADER_LENGTH + SESSION_LENGTH + NONCE_LENGTH + self.body_length + CHECK_LENGTH


@dataclass(frozen=True)
class Summary:
    """Everything a shared summary holds: state indexes into the layout's states, one per key."""

    kind: Kind
    session: str
    nonce: str
    answers: tuple[int, ...]
    deniable: bool = False


def checkin_layout(checkin: Checkin) -> Layout:
    return Layout("checkin", tuple(area.id for area in checkin.areas))


def quiz_layout(items: Sequence[CheckItem]) -> Layout:
    return Layout("quiz", tuple(item.id for item in items))


def random_symbols(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def new_session_code(seed: int) -> str:
    """A session code of four symbols, drawn from the page's seed."""
    return random_symbols(random.Random(seed), SESSION_LENGTH)


def normalise(text: str) -> str:
    """Upper case, separators dropped, look-alike letters read as digits."""
    return "".join(
        LOOKALIKES.get(character, character)
        for character in text.upper()
        if character not in SEPARATORS
    )


def normalise_session(text: str) -> str:
    """The session code as the member typed it, checked; raises PulseCodeError."""
    session = normalise(text)
    _check_characters(session)
    if len(session) != SESSION_LENGTH:
        raise PulseCodeError(
            "session",
            f"A session code has {SESSION_LENGTH} characters, like the one on the "
            f"facilitator's screen; this one has {len(session)}.",
        )
    return session


def band(checkin: Checkin, position: float | None) -> int:
    """The state index of an area's position: its nearest labelled point's third of the scale."""
    if position is None:
        return 0
    values = [point.value for point in checkin.responses]
    nearest = min(range(len(values)), key=lambda i: (abs(values[i] - position), values[i]))
    # Below the scale's centre, at it, above it: with five points, the lowest two,
    # the middle one and the highest two.
    doubled, centre = 2 * nearest, len(values) - 1
    return 1 if doubled < centre else (2 if doubled == centre else 3)


def band_labels(checkin: Checkin) -> dict[str, str]:
    """Each band in words: the response labels it gathers."""
    labels: dict[str, list[str]] = {state: [] for state in CHECKIN_STATES[1:]}
    for point in checkin.responses:
        labels[CHECKIN_STATES[band(checkin, point.value)]].append(point.label)
    return {state: " or ".join(words) for state, words in labels.items()}


def checkin_summary(
    checkin: Checkin,
    answers: dict[str, int | None],
    session: str,
    seed: int,
    deniable: bool = False,
) -> Summary:
    """A member's check-in summary; with `deniable`, each area may be replaced at random."""
    rng = random.Random(seed)
    nonce = random_symbols(rng, NONCE_LENGTH)
    profile = score_checkin(checkin, answers)
    states = [band(checkin, area.position) for area in profile.areas]
    if deniable:
        states = [
            state if rng.random() < TRUTHFUL else rng.randrange(len(CHECKIN_STATES))
            for state in states
        ]
    return Summary("checkin", normalise_session(session), nonce, tuple(states), deniable)


def quiz_summary(
    items: Sequence[CheckItem], results: dict[str, bool], session: str, seed: int
) -> Summary:
    """A member's takeaway-check summary: per question right, missed or not answered."""
    nonce = random_symbols(random.Random(seed), NONCE_LENGTH)
    states = tuple(
        0 if item.id not in results else (1 if results[item.id] else 2) for item in items
    )
    return Summary("quiz", normalise_session(session), nonce, states)


def encode(summary: Summary, layout: Layout) -> str:
    """The typed code, in groups: header, session, nonce, answers (in fours), check."""
    if summary.kind != layout.kind or len(summary.answers) != len(layout.keys):
        raise ValueError("the summary does not fit the layout")
    if summary.kind == "quiz" and summary.deniable:
        raise ValueError("plausible deniability is offered for the check-in only")
    radix = len(layout.states)
    number = 0
    for state in reversed(summary.answers):
        if not 0 <= state < radix:
            raise ValueError(f"state {state} is outside 0..{radix - 1}")
        number = number * radix + state
    number = number * 2 + int(summary.deniable)
    body = _to_symbols(number, layout.body_length)
    header = KIND_SYMBOLS[summary.kind] + ALPHABET[SCHEME_VERSION] + layout.mark
    symbols = header + summary.session + summary.nonce + body
    check = _to_symbols(_check_value(symbols), CHECK_LENGTH)
    groups = [header, summary.session, summary.nonce]
    groups += [body[i : i + 4] for i in range(0, len(body), 4)]
    return "-".join([*groups, check])


def decode(text: str, layouts: dict[Kind, Layout], session: str | None = None) -> Summary:
    """The summary a typed or scanned code holds; PulseCodeError says why one is refused."""
    symbols = normalise(text)
    if not symbols:
        raise PulseCodeError("empty", "Type or paste a member's code first.")
    _check_characters(symbols)
    kind = next((k for k, symbol in KIND_SYMBOLS.items() if symbol == symbols[0]), None)
    if kind is None or kind not in layouts:
        starts = " or ".join(KIND_SYMBOLS[k] for k in layouts)
        raise PulseCodeError(
            "format", f"This is not a group pulse code from this site: those start with {starts}."
        )
    layout = layouts[kind]
    if len(symbols) != layout.code_length:
        raise PulseCodeError(
            "length",
            f"A {KIND_NAMES[kind]} code has {layout.code_length} characters (not counting "
            f"dashes); this one has {len(symbols)}. A character may be missing or doubled.",
        )
    head = symbols[:-CHECK_LENGTH]
    if not checksum_ok(symbols):
        raise PulseCodeError(
            "checksum",
            "This code does not add up: a character is mistyped. Compare it with the "
            "member's screen, character by character.",
        )
    if symbols[1] != ALPHABET[SCHEME_VERSION] or symbols[2] != layout.mark:
        raise PulseCodeError(
            "version",
            "This code was made by another version of the site, with other questions. "
            "Ask the member to make it again on the same site as this page.",
        )
    start = HEADER_LENGTH
    code_session = symbols[start : start + SESSION_LENGTH]
    nonce = symbols[start + SESSION_LENGTH : start + SESSION_LENGTH + NONCE_LENGTH]
    number = _from_symbols(head[start + SESSION_LENGTH + NONCE_LENGTH :])
    radix = len(layout.states)
    if number >= radix ** len(layout.keys) * 2:
        raise PulseCodeError("invalid", "This code holds no valid summary. Ask for it again.")
    deniable, number = bool(number % 2), number // 2
    answers = []
    for _ in layout.keys:
        number, state = divmod(number, radix)
        answers.append(state)
    if kind == "quiz" and deniable:
        raise PulseCodeError("invalid", "This code holds no valid summary. Ask for it again.")
    if session is not None and code_session != session:
        raise PulseCodeError(
            "session",
            f"This code was made for session {code_session}, not this session ({session}). "
            "Ask the member to type the code shown on this screen and share again.",
        )
    return Summary(kind, code_session, nonce, tuple(answers), deniable)


def checksum_ok(text: str) -> bool:
    """Whether a code's last two symbols are the check of the rest (nothing else is checked)."""
    symbols = normalise(text)
    if len(symbols) <= CHECK_LENGTH or any(c not in ALPHABET for c in symbols):
        return False
    return _from_symbols(symbols[-CHECK_LENGTH:]) == _check_value(symbols[:-CHECK_LENGTH])


def validate_threshold(threshold: int) -> int:
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise ValueError("The threshold must be a whole number.")
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(
            f"The threshold can be raised, never set below {MINIMUM_THRESHOLD}: with fewer "
            "summaries, a member's answers could be told from the total."
        )
    return threshold


def pooled(summaries: Sequence[Summary]) -> list[Summary]:
    """Each nonce once, the first seen kept."""
    seen: set[str] = set()
    kept = []
    for summary in summaries:
        if summary.nonce not in seen:
            seen.add(summary.nonce)
            kept.append(summary)
    return kept


def state_counts(summaries: Sequence[Summary], layout: Layout) -> list[list[float]]:
    """Per key, the count in each state; deniable summaries corrected to an unbiased estimate.

    A deniable report is true with probability p, else uniform over K states, so
    observed = p * true + (1 - p) * n / K, and true = (observed - (1 - p) * n / K) / p.
    """
    radix = len(layout.states)
    truthful = [s for s in summaries if s.kind == layout.kind and not s.deniable]
    deniable = [s for s in summaries if s.kind == layout.kind and s.deniable]
    counts: list[list[float]] = []
    for index in range(len(layout.keys)):
        row = [0.0] * radix
        for summary in truthful:
            row[summary.answers[index]] += 1
        if deniable:
            observed = [0] * radix
            for summary in deniable:
                observed[summary.answers[index]] += 1
            noise = (1 - TRUTHFUL) * len(deniable) / radix
            estimates = [max(Fraction(0), (count - noise) / TRUTHFUL) for count in observed]
            total = sum(estimates)
            # Clipped at zero, then scaled back to the number of summaries.
            scale = Fraction(len(deniable)) / total if total else Fraction(0)
            for state, estimate in enumerate(estimates):
                row[state] += float(estimate * scale)
        counts.append(row)
    return counts


def _check_characters(symbols: str) -> None:
    wrong = sorted({character for character in symbols if character not in ALPHABET})
    if wrong:
        shown = ", ".join(f"“{character}”" for character in wrong)
        raise PulseCodeError(
            "characters",
            f"These codes use digits and the letters A–Z without I, L, O and U; {shown} "
            "cannot be part of one. Check the character on the member's screen.",
        )


def _to_symbols(number: int, length: int) -> str:
    symbols = []
    for _ in range(length):
        number, digit = divmod(number, len(ALPHABET))
        symbols.append(ALPHABET[digit])
    if number:
        raise ValueError("the number does not fit in the symbols")
    return "".join(reversed(symbols))


def _from_symbols(symbols: str) -> int:
    number = 0
    for symbol in symbols:
        number = number * len(ALPHABET) + ALPHABET.index(symbol)
    return number


def _check_value(symbols: str) -> int:
    """The code so far as one base-32 number, modulo a prime above any one symbol's change."""
    return _from_symbols(symbols) % CHECK_MODULUS
