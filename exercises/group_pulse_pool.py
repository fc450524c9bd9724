"""Group pulse for the pages: make a member's code and its words, pool codes, export the aggregate.

The bridge functions here take the content the page holds (the check-in, the
takeaway-check items) and return plain dicts. A refused code is a result with
its message, not an error: the facilitator's page shows it and goes on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from exercises.checkin import CheckinError
from exercises.convert import ConversionError, from_data
from exercises.grading import grade_choice
from exercises.group_pulse import (
    CHECKIN_STATES,
    DEFAULT_THRESHOLD,
    KIND_NAMES,
    MINIMUM_THRESHOLD,
    TRUTHFUL,
    Kind,
    Layout,
    PulseCodeError,
    Summary,
    band_labels,
    checkin_layout,
    checkin_summary,
    decode,
    encode,
    new_session_code,
    normalise_session,
    pooled,
    quiz_layout,
    quiz_summary,
    state_counts,
    validate_threshold,
)
from exercises.model import Checkin, CheckItem


def describe_summary(
    summary: Summary, checkin: Checkin | None, items: Sequence[CheckItem]
) -> list[str]:
    """The summary in words, line by line: exactly what its code holds."""
    lines = [f"Session {summary.session}, {KIND_NAMES[summary.kind]} summary."]
    if summary.kind == "checkin" and checkin is not None:
        words = band_labels(checkin)
        for area, state in zip(checkin.areas, summary.answers, strict=True):
            name = CHECKIN_STATES[state]
            lines.append(f"{area.title}: {'skipped' if state == 0 else words[name]}")
        if summary.deniable:
            lines.append(f"Plausible deniability is on: {deniability_sentence()}")
    else:
        right = [n for n, s in enumerate(summary.answers, start=1) if s == 1]
        missed = [n for n, s in enumerate(summary.answers, start=1) if s == 2]
        blank = [n for n, s in enumerate(summary.answers, start=1) if s == 0]
        line = f"{len(right)} of {len(items)} questions right"
        line += f"; missed: {_numbers(missed)}" if missed else "; none missed"
        if blank:
            line += f"; not answered: {_numbers(blank)}"
        lines.append(line + ".")
    lines.append("Also in the code: a random number, so that it is counted once. Nothing else.")
    return lines


def aggregate(
    summaries: Sequence[Summary],
    checkin: Checkin,
    items: Sequence[CheckItem],
    takeaways: dict[str, dict[str, Any]],
    threshold: int = DEFAULT_THRESHOLD,
) -> dict[str, Any]:
    """Per kind: how many are in and, from `threshold` on, the pooled picture; below it, nothing."""
    threshold = validate_threshold(threshold)
    kept = pooled(summaries)
    result: dict[str, Any] = {"threshold": threshold}
    for kind, layout in (("checkin", checkin_layout(checkin)), ("quiz", quiz_layout(items))):
        of_kind = [summary for summary in kept if summary.kind == kind]
        section: dict[str, Any] = {
            "count": len(of_kind),
            "revealed": len(of_kind) >= threshold,
            "needed": max(0, threshold - len(of_kind)),
        }
        if section["revealed"]:
            counts = state_counts(of_kind, layout)
            if kind == "checkin":
                section.update(_checkin_section(of_kind, counts, checkin))
            else:
                section["questions"] = _quiz_rows(counts, items, takeaways)
        result[kind] = section
    result["markdown"] = aggregate_markdown(result) if _any_revealed(result) else None
    result["csv"] = aggregate_csv(result) if _any_revealed(result) else None
    return result


def _checkin_section(
    summaries: Sequence[Summary], counts: list[list[float]], checkin: Checkin
) -> dict[str, Any]:
    deniable = sum(1 for summary in summaries if summary.deniable)
    words = band_labels(checkin)
    return {
        "deniable": deniable,
        "estimated": deniable > 0,
        "states": [
            {"id": state, "label": "Skipped" if state == "skipped" else words[state]}
            for state in CHECKIN_STATES
        ],
        "areas": [
            {
                "area": area.id,
                "title": area.title,
                "counts": [round(count, 1) for count in row],
            }
            for area, row in zip(checkin.areas, counts, strict=True)
        ],
    }


def _quiz_rows(
    counts: list[list[float]], items: Sequence[CheckItem], takeaways: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    rows = []
    for number, (item, row) in enumerate(zip(items, counts, strict=True), start=1):
        blank, right, missed = (int(count) for count in row)
        answered = right + missed
        takeaway = takeaways.get(item.takeaway, {})
        rows.append(
            {
                "id": item.id,
                "number": number,
                "question": item.question,
                "takeaway": item.takeaway,
                "takeaway_number": takeaway.get("number"),
                "takeaway_title": takeaway.get("title", item.takeaway),
                "page": takeaway.get("page"),
                "right": right,
                "missed": missed,
                "not_answered": blank,
                "share_right": round(right / answered, 3) if answered else None,
                "share_missed": round(missed / answered, 3) if answered else None,
            }
        )
    # Most missed first; questions nobody answered last; ties in the content's order.
    rows.sort(key=lambda r: (r["share_missed"] is None, -(r["share_missed"] or 0), r["number"]))
    return rows


def _any_revealed(result: dict[str, Any]) -> bool:
    return bool(result["checkin"]["revealed"] or result["quiz"]["revealed"])


def _numbers(numbers: Sequence[int]) -> str:
    return ", ".join(str(number) for number in numbers)


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def _count(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def aggregate_markdown(result: dict[str, Any]) -> str:
    """The aggregate only, as Markdown tables: no code, no nonce, no single summary."""
    blocks = ["# Group pulse", f"Shown from {result['threshold']} summaries of a kind on."]
    checkin = result["checkin"]
    if checkin["revealed"]:
        states = [state["label"] for state in checkin["states"]]
        note = " (estimated: plausible deniability was on for some)" if checkin["estimated"] else ""
        rows = ["| Area | " + " | ".join(states) + " |", "|---" * (len(states) + 1) + "|"]
        rows += [
            f"| {area['title']} | " + " | ".join(_count(c) for c in area["counts"]) + " |"
            for area in checkin["areas"]
        ]
        blocks += [f"## Check-in: {checkin['count']} summaries{note}", "\n".join(rows)]
    quiz = result["quiz"]
    if quiz["revealed"]:
        rows = [
            "| Question | Takeaway | Page | Right | Missed | Not answered | Share missed |",
            "|---|---|---|---|---|---|---|",
        ]
        rows += [
            f"| {q['number']} | {q['takeaway_title']} | {q['page'] or ''} | {q['right']} | "
            f"{q['missed']} | {q['not_answered']} | {_percent(q['share_missed'])} |"
            for q in quiz["questions"]
        ]
        blocks += [f"## Takeaway check: {quiz['count']} summaries", "\n".join(rows)]
    return "\n\n".join(blocks) + "\n"


def aggregate_csv(result: dict[str, Any]) -> str:
    """The aggregate only, one row per area and state or per question."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "row", "takeaway", "page", "column", "value"])
    checkin = result["checkin"]
    if checkin["revealed"]:
        for area in checkin["areas"]:
            for state, count in zip(checkin["states"], area["counts"], strict=True):
                writer.writerow(["check-in", area["title"], "", "", state["label"], _count(count)])
    quiz = result["quiz"]
    if quiz["revealed"]:
        for q in quiz["questions"]:
            for column in ("right", "missed", "not_answered"):
                writer.writerow(
                    [
                        "takeaway check",
                        f"question {q['number']}",
                        q["takeaway_title"],
                        q["page"] or "",
                        column.replace("_", " "),
                        q[column],
                    ]
                )
    return out.getvalue()


# The bridge's payload functions.


def _field(payload: Any, name: str) -> Any:
    if not isinstance(payload, dict) or name not in payload:
        raise ConversionError(f"payload: missing {name!r}")
    return payload[name]


def _seed(payload: Any) -> int:
    seed = _field(payload, "seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ConversionError("payload.seed: expected a whole number")
    return seed


def _content(payload: Any) -> tuple[Checkin, list[CheckItem]]:
    checkin = from_data(Checkin, _field(payload, "checkin"), "checkin")
    raw = _field(payload, "items")
    if not isinstance(raw, list):
        raise ConversionError("payload.items: expected a list")
    return checkin, [from_data(CheckItem, data, f"items[{i}]") for i, data in enumerate(raw)]


def deniability_sentence() -> str:
    """The one sentence that explains plausible deniability, with its probability."""
    return (
        f"each area is reported as you answered it with probability {TRUTHFUL.numerator} in "
        f"{TRUTHFUL.denominator}, otherwise as one of its {len(CHECKIN_STATES)} answers "
        "(skipped included) picked at random, so no single answer is certain; the group's "
        "picture corrects for it."
    )


def terms_payload(payload: Any) -> dict[str, Any]:
    """What the pages say about the group pulse's rules, from the constants that enforce them."""
    return {
        "deniability": deniability_sentence(),
        "threshold": DEFAULT_THRESHOLD,
        "minimumThreshold": MINIMUM_THRESHOLD,
    }


def session_payload(payload: Any) -> dict[str, str]:
    """{"seed": int} → {"session": a new session code}."""
    return {"session": new_session_code(_seed(payload))}


def share_payload(payload: Any) -> dict[str, Any]:
    """A member's code and its words.

    {"kind": "checkin", "checkin", "answers": {item: n|null}, "session", "seed", "deniable"}
    or {"kind": "quiz", "items", "answers": {item: [option ids]}, "session", "seed"}.
    A session code that does not fit is a result {"ok": false, "message"}.
    """
    kind = _field(payload, "kind")
    session = _field(payload, "session")
    answers = _field(payload, "answers")
    if not isinstance(session, str) or not isinstance(answers, dict):
        raise ConversionError("payload: session must be text and answers an object")
    try:
        if kind == "checkin":
            checkin = from_data(Checkin, _field(payload, "checkin"), "checkin")
            deniable = payload.get("deniable", False) is True
            summary = checkin_summary(checkin, answers, session, _seed(payload), deniable)
            layout, items = checkin_layout(checkin), []
            described = describe_summary(summary, checkin, [])
        elif kind == "quiz":
            raw = _field(payload, "items")
            if not isinstance(raw, list):
                raise ConversionError("payload.items: expected a list")
            items = [from_data(CheckItem, data, f"items[{i}]") for i, data in enumerate(raw)]
            by_id = {item.id: item for item in items}
            results = {
                item_id: grade_choice(by_id[item_id], chosen).correct
                for item_id, chosen in answers.items()
                if item_id in by_id and isinstance(chosen, list) and chosen
            }
            summary = quiz_summary(items, results, session, _seed(payload))
            layout = quiz_layout(items)
            described = describe_summary(summary, None, items)
        else:
            raise ConversionError("payload.kind: expected 'checkin' or 'quiz'")
    except PulseCodeError as error:
        return {"ok": False, "reason": error.reason, "message": str(error)}
    except CheckinError as error:
        raise ConversionError(str(error)) from None
    code = encode(summary, layout)
    return {"ok": True, "code": code, "words": described, "characters": layout.code_length}


def _layouts(checkin: Checkin, items: Sequence[CheckItem]) -> dict[Kind, Layout]:
    return {"checkin": checkin_layout(checkin), "quiz": quiz_layout(items)}


def add_payload(payload: Any) -> dict[str, Any]:
    """{"checkin", "items", "session", "code", "codes": [accepted codes]} → accepted or refused.

    Accepted: {"ok": true, "code": normalised, "kind", "duplicate"}; refused:
    {"ok": false, "reason", "message"}. Nothing about the summary's answers comes back.
    """
    checkin, items = _content(payload)
    layouts = _layouts(checkin, items)
    session, code, codes = (_field(payload, name) for name in ("session", "code", "codes"))
    if not isinstance(code, str) or not isinstance(codes, list) or not isinstance(session, str):
        raise ConversionError("payload: code and session must be text, codes a list")
    try:
        summary = decode(code, layouts, normalise_session(session))
    except PulseCodeError as error:
        return {"ok": False, "reason": error.reason, "message": str(error)}
    known = {decode(old, layouts).nonce for old in codes if isinstance(old, str)}
    return {
        "ok": True,
        "code": encode(summary, layouts[summary.kind]),
        "kind": summary.kind,
        "duplicate": summary.nonce in known,
    }


def aggregate_payload(payload: Any) -> dict[str, Any]:
    """{"checkin", "items", "takeaways": {id: {number, title, page}}, "session", "codes",
    "threshold"} → the aggregate (see `aggregate`)."""
    checkin, items = _content(payload)
    layouts = _layouts(checkin, items)
    codes, takeaways = _field(payload, "codes"), payload.get("takeaways", {})
    session = _field(payload, "session")
    if not isinstance(codes, list) or not isinstance(takeaways, dict):
        raise ConversionError("payload: codes must be a list, takeaways an object")
    threshold = payload.get("threshold", DEFAULT_THRESHOLD)
    try:
        session = normalise_session(str(session))
        summaries = [decode(str(code), layouts, session) for code in codes]
        return aggregate(summaries, checkin, items, takeaways, validate_threshold(threshold))
    except PulseCodeError as error:
        raise ConversionError(f"A pooled code is refused: {error}") from None
    except ValueError as error:
        raise ConversionError(str(error)) from None
