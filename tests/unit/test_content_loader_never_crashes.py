"""Whatever an editor types, the build reports problems; it never dies with a traceback.

The loader must either return a ChapterContent or raise ContentError whose
problems each say something. Any other exception would reach the editor as a
Python traceback instead of a message with a file, a line and a fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion_build.content import ContentError
from companion_build.content.parsing import parse_chapter
from exercises.model import ChapterContent

VALID_TEXT = (Path(__file__).parent / "fixtures" / "valid-minimal.yml").read_text(encoding="utf-8")
VALID_LINES = VALID_TEXT.splitlines()
VALID_DATA: dict[str, Any] = yaml.safe_load(VALID_TEXT)

# Scalars YAML reads in surprising ways, and fragments that break its syntax.
TRICKY_SCALARS = [
    "",
    "~",
    "null",
    "yes",
    "no",
    "5.10",
    "5.01",
    "0x1F",
    "1e3",
    ".inf",
    "2018-01-01",
    "[]",
    "{}",
    "[a, b",
    '"unclosed',
    "'",
    "- item",
    "a: b",
    "&anchor [*anchor]",
    "*missing",
    "!!python/object:os.system x",
    "!!binary aGVsbG8=",
    "? [a]",
    "---",
    "\t",
    "|",
    ">-",
    "<<: {a: 1}",
]
YAML_ALPHABET = " \n\t-:[]{}\"'#&*!|>?,.%@`5ayen~"

scalars = st.one_of(
    st.sampled_from(TRICKY_SCALARS),
    st.text(alphabet=YAML_ALPHABET, max_size=12),
    st.text(max_size=12),
)

plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8) | st.integers(), children, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def edited_valid_file(draw: st.DrawFn) -> str:
    """The valid fixture with a few lines deleted, repeated, re-indented or given odd values."""
    lines = list(VALID_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "repeat", "indent", "dedent", "value", "insert"]))
        line = lines[index]
        if edit == "delete":
            del lines[index]
        elif edit == "repeat":
            lines.insert(index, line)
        elif edit == "indent":
            lines[index] = "  " + line
        elif edit == "dedent":
            lines[index] = line[2:]
        elif edit == "value":
            key, _, _ = line.partition(":")
            lines[index] = f"{key}: {draw(scalars)}"
        else:
            lines.insert(index, draw(scalars))
        if not lines:
            break
    return "\n".join(lines) + "\n"


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed file, from the root down to each leaf."""
    children: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            children += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            children += _paths(child, (*path, index))
    return [path, *children]


VALID_PATHS = _paths(VALID_DATA)  # the root () first


def _parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def valid_data_with_one_value_replaced(draw: st.DrawFn) -> str:
    """The valid fixture's data with one value, at any depth, swapped for arbitrary data."""
    data: Any = yaml.safe_load(VALID_TEXT)  # a fresh copy to change
    path = draw(st.sampled_from(VALID_PATHS))
    if not path:
        data = draw(plain_values)
    else:
        _parent_of(data, path)[path[-1]] = draw(plain_values | st.sampled_from(TRICKY_SCALARS))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for child in value.values() for text in _strings(child)]
    if isinstance(value, list):
        return [text for child in value for text in _strings(child)]
    return [value] if isinstance(value, str) else []


# Well-typed values that break the rules: ids that clash, blanks, bad pages and links.
RULE_BREAKING_STRINGS = [
    *sorted(set(_strings(VALID_DATA))),
    "",
    "  ",
    "p.77",
    "pp. 82–83",
    "http://example.org",
    "5.1",
    "Healer Role",
]


@st.composite
def valid_data_with_one_rule_broken(draw: st.DrawFn) -> str:
    """The valid fixture's data, still well typed, with one value swapped, dropped or doubled."""
    data: Any = yaml.safe_load(VALID_TEXT)
    path = draw(st.sampled_from(VALID_PATHS[1:]))
    parent = _parent_of(data, path)
    old = parent[path[-1]]
    action = draw(st.sampled_from(["swap", "drop", "double"]))
    if action == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "drop":
        parent.pop(path[-1])
    elif action == "double" and isinstance(parent, list):
        parent.insert(path[-1], old)
    elif isinstance(old, bool):
        parent[path[-1]] = not old
    elif isinstance(old, int):
        parent[path[-1]] = draw(st.integers(min_value=-2, max_value=12))
    elif isinstance(old, str):
        parent[path[-1]] = draw(st.sampled_from(RULE_BREAKING_STRINGS))
    elif isinstance(old, list):
        parent[path[-1]] = []
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


yaml_ish_text = st.one_of(
    st.text(),
    st.text(alphabet=YAML_ALPHABET, max_size=60),
    edited_valid_file(),
    valid_data_with_one_value_replaced(),
    valid_data_with_one_rule_broken(),
    plain_values.map(lambda value: yaml.safe_dump(value, allow_unicode=True)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_ish_text)
def test_the_loader_reports_problems_instead_of_crashing(text: str) -> None:
    try:
        content = parse_chapter(text, "chapter.yml")
    except ContentError as error:
        assert error.problems, "a ContentError must say what is wrong"
        for problem in error.problems:
            assert problem.message.strip(), f"empty message at {problem.location}"
            assert str(problem).startswith("chapter.yml")
    else:
        assert isinstance(content, ChapterContent)
