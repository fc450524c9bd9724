"""exercises.bridge: JSON in, JSON out, and every failure comes back as a result."""

from __future__ import annotations

import json
import math
import platform
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import exercises
from exercises import bridge
from exercises.convert import to_data
from exercises.model import CheckItem, CheckOption


def call(function_name: Any, payload: Any) -> dict[str, Any]:
    """Call through the bridge as the worker does, with a JSON-encoded payload."""
    text = bridge.call(function_name, json.dumps(payload))
    result: dict[str, Any] = json.loads(text)
    return result


def error_kind(result: dict[str, Any]) -> str:
    assert result["ok"] is False, result
    assert set(result["error"]) == {"kind", "message"}
    assert result["error"]["message"]
    kind: str = result["error"]["kind"]
    return kind


@pytest.fixture
def temporary_function() -> Iterator[str]:
    """Leave the registry as it was, whatever a test registers."""
    before = dict(bridge.REGISTRY)
    yield "temporary_function"
    bridge.REGISTRY.clear()
    bridge.REGISTRY.update(before)


def test_version_is_the_package_version() -> None:
    result = call("version", {})
    assert result["ok"] is True
    assert result["value"]["version"] == exercises.__version__
    assert bridge.__version__ == exercises.__version__
    assert result["value"]["python"] == platform.python_version()


@pytest.mark.parametrize(
    "payload",
    [{}, {"text": "partner, family, chosen family"}, [1, 2.5, None, True], "é ✓", 0, None],
)
def test_ping_returns_the_payload_unchanged(payload: Any) -> None:
    assert call("ping", payload) == {"ok": True, "value": payload}


def test_results_are_compact_json_strings() -> None:
    text = bridge.call("ping", '{"a": [1, 2]}')
    assert text == '{"ok":true,"value":{"a":[1,2]}}'


def test_unknown_function_lists_the_known_ones() -> None:
    result = call("grade_everything", {})
    assert error_kind(result) == "unknown-function"
    assert "grade_everything" in result["error"]["message"]
    assert "ping" in result["error"]["message"]
    assert "version" in result["error"]["message"]


@pytest.mark.parametrize("payload_json", ["", "{", "{'a': 1}", "NaN", '{"a": Infinity}'])
def test_payload_that_is_not_json_is_a_bad_request(payload_json: str) -> None:
    result = json.loads(bridge.call("ping", payload_json))
    assert error_kind(result) == "bad-request"


@pytest.mark.parametrize(("function_name", "payload_json"), [(None, "{}"), ("ping", None)])
def test_wrong_argument_types_are_a_bad_request(function_name: Any, payload_json: Any) -> None:
    result = json.loads(bridge.call(function_name, payload_json))
    assert error_kind(result) == "bad-request"


def test_payload_error_is_reported_as_invalid_payload(temporary_function: str) -> None:
    def needs_answers(payload: Any) -> Any:
        if not isinstance(payload, dict) or "answers" not in payload:
            raise bridge.PayloadError("expected an object with 'answers'")
        return len(payload["answers"])

    bridge.register(temporary_function, needs_answers)
    assert call(temporary_function, {"answers": [1, 2]}) == {"ok": True, "value": 2}
    result = call(temporary_function, [])
    assert error_kind(result) == "invalid-payload"
    assert "expected an object with 'answers'" in result["error"]["message"]


def test_an_unexpected_exception_is_an_internal_error_not_a_raise(temporary_function: str) -> None:
    def broken(payload: Any) -> Any:
        return payload["missing"]

    bridge.register(temporary_function, broken)
    result = call(temporary_function, {})
    assert error_kind(result) == "internal"
    assert "KeyError" in result["error"]["message"]
    assert temporary_function in result["error"]["message"]


@pytest.mark.parametrize("value", [math.nan, math.inf, {1, 2}, object()])
def test_a_value_json_cannot_carry_is_an_internal_error(
    temporary_function: str, value: Any
) -> None:
    bridge.register(temporary_function, lambda payload: value)
    assert error_kind(call(temporary_function, {})) == "internal"


def nested(depth: int, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


@pytest.mark.parametrize(
    "payload_json", [nested(100_000), nested(65), '{"a":' * 65 + "1" + "}" * 65]
)
def test_payload_nested_too_deeply_is_a_bad_request(payload_json: str) -> None:
    # Under Pyodide this depth would overflow the JavaScript stack: a fatal, uncatchable error.
    result = json.loads(bridge.call("ping", payload_json))
    assert error_kind(result) == "bad-request"
    assert "nests deeper" in result["error"]["message"]


def test_payload_nested_to_the_limit_is_accepted() -> None:
    payload_json = nested(bridge.MAX_NESTING)
    assert json.loads(bridge.call("ping", payload_json))["ok"] is True


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = "[" * 200 + '\\"{'
    assert call("ping", {"note": text}) == {"ok": True, "value": {"note": text}}


def test_registering_is_one_line_and_returns_the_function(temporary_function: str) -> None:
    def double(payload: Any) -> Any:
        return payload * 2

    assert bridge.register(temporary_function, double) is double
    assert call(temporary_function, 21) == {"ok": True, "value": 42}


def test_a_name_cannot_be_registered_twice(temporary_function: str) -> None:
    bridge.register(temporary_function, bridge.ping)
    with pytest.raises(ValueError, match="registered twice"):
        bridge.register(temporary_function, bridge.ping)


@pytest.mark.parametrize("name", ["", "Grade", "grade-match", "1st", "grade match"])
def test_names_must_be_snake_case(name: str) -> None:
    with pytest.raises(ValueError, match="snake_case"):
        bridge.register(name, bridge.ping)


def test_every_registered_function_answers_without_raising() -> None:
    for name in bridge.REGISTRY:
        result = json.loads(bridge.call(name, "{}"))
        assert result["ok"] in (True, False)


def test_every_registered_function_loads_and_can_be_called() -> None:
    loaded = bridge.load_all()
    assert sorted(loaded) == sorted(bridge.REGISTRY)
    assert all(callable(function) for function in loaded.values())


@pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide starts no processes")
def test_importing_the_bridge_imports_none_of_the_functions_modules() -> None:
    # A page's Python is ready once the bridge is imported; each call imports its own module.
    script = (
        "import json, sys, exercises.bridge; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('exercises'))))"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(found) == ["exercises", "exercises.bridge", "exercises.convert"]


def test_a_grading_error_reaches_the_reader_as_it_is() -> None:
    item = CheckItem(
        id="check-01",
        takeaway="healer-role",
        kind="single",
        question="Which?",
        options=(CheckOption("a", "Right", "Yes.", correct=True), CheckOption("b", "Wrong", "No.")),
    )
    result = call("check_choice", {"item": to_data(item), "chosen": []})
    assert error_kind(result) == "invalid-payload"
    assert result["error"]["message"] == "Choose an answer first."
