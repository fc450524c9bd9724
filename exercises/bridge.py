"""The one browser-facing surface of `exercises`: call a registered function, JSON in, JSON out.

The Web Worker calls `call(function_name, payload_json)` and gets a JSON string
back, always: a result `{"ok": true, "value": ...}` or an error result
`{"ok": false, "error": {"kind": ..., "message": ...}}`. Nothing here raises into
JavaScript, imports `js` or `pyodide`, or does I/O, so the same code runs under
CPython in the tests and under Pyodide in the reader's browser.

To expose a function, add one line at the bottom of this module:

    register("grade_match", deferred("exercises.grading", "grade_match_payload"))

`deferred` imports the function's module on its first call, not with this module: a
page's Python is ready sooner, and imports only what its widgets call (the self-checks
need about half of the package).

A function receives the decoded JSON payload and returns something
`json.dumps` accepts. It raises `PayloadError` when the payload is not what it
needs; any other exception is reported as an internal error.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections.abc import Callable
from typing import Any, Literal, TypeAlias

from exercises import __version__
from exercises.convert import ConversionError

__all__ = [
    "REGISTRY",
    "BridgeFunction",
    "ErrorKind",
    "PayloadError",
    "__version__",
    "call",
    "deferred",
    "load_all",
    "register",
]

BridgeFunction: TypeAlias = Callable[[Any], Any]
ErrorKind = Literal["bad-request", "unknown-function", "invalid-payload", "internal"]

FUNCTION_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Deeper JSON overflows the JavaScript stack under Pyodide, a fatal error that no
# `except` can catch (tests/pyodide runs these tests there). Real payloads nest a few levels.
MAX_NESTING = 64
REGISTRY: dict[str, BridgeFunction] = {}


class PayloadError(ValueError):
    """The payload is valid JSON but not what the function needs; the message says what is."""


def register(name: str, function: BridgeFunction) -> BridgeFunction:
    """Expose `function` to the browser as `name`; returns it unchanged."""
    if not FUNCTION_NAME.fullmatch(name):
        raise ValueError(f"bridge function name {name!r} must be snake_case, like 'grade_match'")
    if name in REGISTRY:
        raise ValueError(f"bridge function {name!r} is registered twice")
    REGISTRY[name] = function
    return function


class _Deferred:
    """A function of another module of the package, imported on its first call."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        self.function: BridgeFunction | None = None

    def load(self) -> BridgeFunction:
        if self.function is None:
            self.function = getattr(importlib.import_module(self.module), self.name)
        return self.function

    def __call__(self, payload: Any) -> Any:
        return self.load()(payload)

    def __repr__(self) -> str:
        return f"deferred({self.module!r}, {self.name!r})"


def deferred(module: str, name: str) -> BridgeFunction:
    """`module.name`, imported when it is first called."""
    return _Deferred(module, name)


def load_all() -> dict[str, BridgeFunction]:
    """Every registered function, its module imported now (for a check, or a snapshot)."""
    return {
        name: function.load() if isinstance(function, _Deferred) else function
        for name, function in REGISTRY.items()
    }


def call(function_name: str, payload_json: str) -> str:
    """Run the registered function on the JSON payload; return its result or an error as JSON."""
    try:
        return _encode({"ok": True, "value": _run(function_name, payload_json)})
    except _CallError as error:
        return _error(error.kind, error.message)
    except Exception as error:  # the bridge must never raise into JavaScript
        return _error("internal", f"{function_name!s} failed: {type(error).__name__}: {error}")


class _CallError(Exception):
    def __init__(self, kind: ErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _run(function_name: object, payload_json: object) -> Any:
    if not isinstance(function_name, str):
        raise _CallError("bad-request", "the function name must be a string")
    function = REGISTRY.get(function_name)
    if function is None:
        known = ", ".join(sorted(REGISTRY))
        raise _CallError(
            "unknown-function", f"no bridge function named {function_name!r}; known: {known}"
        )
    if not isinstance(payload_json, str):
        raise _CallError("bad-request", "the payload must be a JSON string")
    if _nesting(payload_json) > MAX_NESTING:
        raise _CallError("bad-request", f"the payload nests deeper than {MAX_NESTING} levels")
    try:
        payload = json.loads(payload_json, parse_constant=_reject_constant)
    except ValueError as error:
        raise _CallError("bad-request", f"the payload is not valid JSON: {error}") from None
    try:
        value = function(payload)
    except PayloadError as error:
        raise _CallError("invalid-payload", f"{function_name}: {error}") from None
    except ValueError as error:
        if not _written_for_the_reader(error):
            raise
        # Written for the reader ("Choose an answer first."): passed on as it is.
        raise _CallError("invalid-payload", str(error)) from None
    try:
        _encode(value)
    except (TypeError, ValueError) as error:
        raise _CallError(
            "internal", f"{function_name} returned a value JSON cannot carry: {error}"
        ) from None
    return value


def _written_for_the_reader(error: ValueError) -> bool:
    if isinstance(error, ConversionError):
        return True
    # Only a loaded grading module can have raised its error: this does not import it.
    grading = sys.modules.get("exercises.grading")
    return grading is not None and isinstance(error, grading.GradingError)


def _nesting(text: str) -> int:
    """How deeply arrays and objects nest in JSON text, counting only outside strings."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return 0  # cannot be deeper; skips the scan for every ordinary payload
    depth = deepest = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_NESTING:
                    break
        elif character in "]}":
            depth -= 1
    return deepest


def _reject_constant(name: str) -> None:
    # NaN and Infinity are not JSON; JavaScript's JSON.parse would reject them.
    raise ValueError(f"{name} is not a JSON number")


def _encode(value: Any) -> str:
    return json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(",", ":"))


def _error(kind: ErrorKind, message: str) -> str:
    return _encode({"ok": False, "error": {"kind": kind, "message": message}})


def version(payload: Any) -> dict[str, str]:
    """The package and Python versions, which the page compares with the wheel it loaded."""
    # As platform.python_version() gives it, without shipping `platform` (20 KB) to the browser.
    python = ".".join(map(str, sys.version_info[:3]))
    return {"version": __version__, "python": python}


def ping(payload: Any) -> Any:
    """Return the payload unchanged: a round trip through the worker and back."""
    return payload


register("version", version)
register("ping", ping)
register("check_choice", deferred("exercises.widgets", "check_choice"))
register("score_choices", deferred("exercises.widgets", "score_choices"))
register("shuffle_choices", deferred("exercises.widgets", "shuffle_choices"))
register("check_match", deferred("exercises.widgets", "check_match"))
register("flashcards_next", deferred("exercises.widgets", "flashcards_next"))
register("flashcards_review", deferred("exercises.widgets", "flashcards_review"))
register("checkin_profile", deferred("exercises.checkin", "checkin_profile_payload"))
register("scenario_feedback", deferred("exercises.scenarios", "scenario_feedback_payload"))
register("saved_data_import", deferred("exercises.saved_data", "import_payload"))
register("saved_data_check", deferred("exercises.saved_data", "check_stored_payload"))
register("saved_data_merge_opened", deferred("exercises.saved_data", "merge_opened_payload"))
register("constellation_map", deferred("exercises.constellation", "constellation_payload"))
register("plan_day", deferred("exercises.planner", "plan_day_payload"))
register("prep_packet", deferred("exercises.packet", "packet_payload"))
register("plan_session", deferred("exercises.sessions", "plan_session_payload"))
register("scorm_report", deferred("exercises.scorm_report", "scorm_report_payload"))
register("scorm_restore", deferred("exercises.scorm_report", "scorm_restore_payload"))
register("assignment_cartridge", deferred("exercises.cartridge", "assignment_cartridge_payload"))
register("group_pulse_terms", deferred("exercises.group_pulse_pool", "terms_payload"))
register("group_pulse_session", deferred("exercises.group_pulse_pool", "session_payload"))
register("group_pulse_share", deferred("exercises.group_pulse_pool", "share_payload"))
register("group_pulse_add", deferred("exercises.group_pulse_pool", "add_payload"))
register("group_pulse_aggregate", deferred("exercises.group_pulse_pool", "aggregate_payload"))
