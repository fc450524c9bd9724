"""What the SCORM package reports, from graded answers: exercises.scorm_report."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion_build.content import load_chapter
from exercises import bridge
from exercises.convert import to_data
from exercises.model import ChapterContent
from exercises.scorm_report import SUSPEND_LIMIT, longest_suspend_data


@pytest.fixture(scope="module")
def chapter(root: Any) -> ChapterContent:
    return load_chapter(root / "content/chapter-05.yml")


def _call(name: str, payload: Any) -> Any:
    result = json.loads(bridge.call(name, json.dumps(payload)))
    assert result["ok"], result
    return result["value"]


def _payload(chapter: ChapterContent, version: str, answers: dict[str, list[str]]) -> Any:
    return {
        "version": version,
        "items": [to_data(item) for item in chapter.self_check],
        "cards": [term.id for term in chapter.glossary],
        "answers": answers,
        "order": [],
        "changed": list(answers),
        "mastery": 0.8,
        "timestamp": "2026-12-01T08:00:00.000Z",
        "match": None,
        "deck": None,
    }


def _restore(chapter: ChapterContent, payload: Any, suspend_data: str) -> Any:
    """What the package gets back on relaunch from the suspend data of a report on `payload`."""
    return _call(
        "scorm_restore",
        {
            "suspend_data": suspend_data,
            "items": payload["items"],
            "terms": [to_data(term) for term in chapter.glossary],
            "cards": payload["cards"],
        },
    )


def _right(chapter: ChapterContent) -> dict[str, list[str]]:
    return {item.id: sorted(item.correct_ids()) for item in chapter.self_check}


@pytest.mark.parametrize("version", ["2004", "1.2"])
def test_all_right_passes_and_completes(chapter: ChapterContent, version: str) -> None:
    report = _call("scorm_report", _payload(chapter, version, _right(chapter)))
    values = dict(report["values"])
    if version == "2004":
        assert values["cmi.score.scaled"] == "1"
        assert values["cmi.completion_status"] == "completed"
        assert values["cmi.success_status"] == "passed"
    else:
        assert values["cmi.core.score.raw"] == "100"
        assert values["cmi.core.lesson_status"] == "passed"
    ids = [value for key, value in report["values"] if key.endswith(".id")]
    assert ids == [item.id for item in chapter.self_check]


def test_a_partial_attempt_is_incomplete_with_unknown_success(chapter: ChapterContent) -> None:
    first = chapter.self_check[0]
    wrong = next(option.id for option in first.options if not option.correct)
    values = dict(_call("scorm_report", _payload(chapter, "2004", {first.id: [wrong]}))["values"])
    assert values["cmi.completion_status"] == "incomplete"
    assert values["cmi.success_status"] == "unknown"
    assert values["cmi.interactions.0.result"] == "incorrect"
    assert values["cmi.score.raw"] == "0"


def test_below_the_mastery_score_fails(chapter: ChapterContent) -> None:
    answers = _right(chapter)
    for item in chapter.self_check[:5]:
        answers[item.id] = [next(o.id for o in item.options if not o.correct)]
    values = dict(_call("scorm_report", _payload(chapter, "1.2", answers))["values"])
    assert values["cmi.core.lesson_status"] == "failed"
    assert pytest.approx(float(values["cmi.core.score.raw"]), abs=0.01) == 100 * 18 / 23


def test_only_changed_questions_are_written_and_keep_their_index(chapter: ChapterContent) -> None:
    answers = _right(chapter)
    payload = _payload(chapter, "2004", answers)
    payload["order"] = [item.id for item in reversed(chapter.self_check)]
    payload["changed"] = [chapter.self_check[0].id]
    values = dict(_call("scorm_report", payload)["values"])
    last = len(chapter.self_check) - 1
    assert values[f"cmi.interactions.{last}.id"] == chapter.self_check[0].id
    assert not [key for key in values if key.startswith("cmi.interactions.0.")]


def test_suspend_data_restores_the_answers_regraded(chapter: ChapterContent) -> None:
    answers = _right(chapter)
    payload = _payload(chapter, "2004", answers)
    payload["match"] = {chapter.glossary[0].id: chapter.glossary[1].id}
    report = _call("scorm_report", payload)
    restored = _restore(chapter, payload, report["suspend_data"])
    assert restored["problem"] is None
    assert {k: v["chosen"] for k, v in restored["attempts"].items()} == answers
    assert all(v["result"]["correct"] for v in restored["attempts"].values())
    assert restored["order"] == [item.id for item in chapter.self_check]
    assert restored["match"]["answers"][chapter.glossary[0].id] == chapter.glossary[1].id
    assert restored["match"]["result"]["correct"] == 0


def test_unreadable_suspend_data_restores_nothing_and_says_why(chapter: ChapterContent) -> None:
    restored = _call(
        "scorm_restore",
        {
            "suspend_data": "not json",
            "items": [to_data(item) for item in chapter.self_check],
            "terms": [to_data(term) for term in chapter.glossary],
            "cards": [],
        },
    )
    assert restored["attempts"] == {} and "could not be read" in restored["problem"]


def test_the_longest_attempt_fits_scorm_12(chapter: ChapterContent) -> None:
    assert len(longest_suspend_data(chapter.self_check, chapter.glossary)) <= SUSPEND_LIMIT


def test_a_bad_mastery_score_is_refused(chapter: ChapterContent) -> None:
    payload = _payload(chapter, "2004", {})
    payload["mastery"] = 1.5
    result = json.loads(bridge.call("scorm_report", json.dumps(payload)))
    assert result["ok"] is False and "mastery" in result["error"]["message"]


@settings(deadline=None, max_examples=25)
@given(data=st.data())
def test_any_attempt_round_trips_through_suspend_data_within_scorm_12s_limit(
    chapter: ChapterContent, data: st.DataObject
) -> None:
    items = chapter.self_check
    answered = data.draw(st.lists(st.sampled_from(items), unique_by=lambda item: item.id))
    answers = {
        item.id: data.draw(
            st.lists(st.sampled_from([o.id for o in item.options]), min_size=1, unique=True)
            if item.kind == "multiple"
            else st.sampled_from([o.id for o in item.options]).map(lambda option: [option])
        )
        for item in answered
    }
    payload = _payload(chapter, data.draw(st.sampled_from(["2004", "1.2"])), answers)
    report = _call("scorm_report", payload)
    assert len(report["suspend_data"]) <= SUSPEND_LIMIT
    restored = _restore(chapter, payload, report["suspend_data"])
    option_order = {item.id: [o.id for o in item.options] for item in items}
    assert {
        k: sorted(v["chosen"], key=option_order[k].index) for k, v in restored["attempts"].items()
    } == {k: sorted(v, key=option_order[k].index) for k, v in answers.items()}
    values = dict(report["values"])
    raw = values.get("cmi.score.raw", values.get("cmi.core.score.raw"))
    assert raw is not None, "the report has no score"
    right = sum(sorted(answers[i.id]) == sorted(i.correct_ids()) for i in answered)
    assert float(raw) == pytest.approx(100 * right / len(items), abs=0.01)
