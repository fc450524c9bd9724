"""What an editor reads when a content file is wrong: the exact message, file and line.

Each malformed file is fixtures/valid-minimal.yml with one thing broken, written
from its change in content_fixtures.py (its first line says what). The messages
are asserted in full, so a change in wording or a wrong line number fails here
before it reaches an editor.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion_build.content import MAX_CONTENT_BYTES, ContentError, load_chapter
from exercises.model import ChapterContent
from tests.unit.content_fixtures import BASE, CASES, fixture_text, write_fixture

FIXTURES = Path(__file__).parent / "fixtures"
SHOWN_AS = "tests/unit/fixtures"  # how the messages name the fixtures, as the build names files


def problems_in(fixture: str, directory: Path) -> list[str]:
    """Load a fixture the way the build does and return what the editor would read."""
    with pytest.raises(ContentError) as caught:
        load_chapter(write_fixture(fixture, directory), f"{SHOWN_AS}/{fixture}")
    return [str(problem) for problem in caught.value.problems]


def test_the_minimal_valid_fixture_loads() -> None:
    content = load_chapter(BASE)

    assert isinstance(content, ChapterContent)
    assert [term.term for term in content.glossary] == ["Nurturance", "Support"]
    assert [item.number for item in content.takeaways] == [1, 2]
    assert [prompt.id for prompt in content.prompts] == ["5.01", "5.02"]
    assert [item.id for item in content.self_check] == ["check-01"]


# (fixture, every message it must produce, in the order the editor sees them)
MALFORMED = [
    pytest.param(
        "missing-field.yml",
        [
            "missing-field.yml:25: glossary[1].definition: is missing. "
            "Add definition: to this entry."
        ],
        id="missing field",
    ),
    pytest.param(
        "wrong-type.yml",
        [
            "wrong-type.yml:12: chapter.book.year: should be a whole number, "
            "not the text 'twenty eighteen'. Write it with digits only."
        ],
        id="wrong type",
    ),
    pytest.param(
        "duplicate-id.yml",
        [
            "duplicate-id.yml:53: prompts[1].id: '5.01' is already used by prompts[0]. "
            "Ids must be unique: give this entry its own id."
        ],
        id="duplicate id",
    ),
    pytest.param(
        "duplicate-key.yml",
        [
            "duplicate-key.yml:24: glossary[0].definition: appears twice in this entry "
            "(also on line 23), and YAML keeps only the last one. "
            "Delete the one you do not mean."
        ],
        id="duplicate key, which YAML alone would drop silently",
    ),
    pytest.param(
        "dangling-prompt-takeaway.yml",
        [
            "dangling-prompt-takeaway.yml:54: prompts[1].takeaway: names the takeaway "
            "'healer-roll', which does not exist. Did you mean 'healer-role'?"
        ],
        id="prompt names a takeaway that does not exist",
    ),
    pytest.param(
        "dangling-see-also.yml",
        [
            "dangling-see-also.yml:24: glossary[0].see_also[0]: names the glossary term "
            "'suport', which does not exist. Did you mean 'support'?"
        ],
        id="see_also names a term that does not exist",
    ),
    pytest.param(
        "empty-definition.yml",
        [
            "empty-definition.yml:23: glossary[0].definition: is empty. "
            "Write the text, or remove the field if it is optional."
        ],
        id="empty definition in quotes",
    ),
    pytest.param(
        "blank-definition.yml",
        [
            "blank-definition.yml:23: glossary[0].definition: should be text, "
            "but it is empty. Write the value after the colon."
        ],
        id="definition key with nothing after it",
    ),
    pytest.param(
        "prompt-without-takeaway.yml",
        [
            "prompt-without-takeaway.yml:53: prompts[1].takeaway: is missing: every prompt "
            "belongs to a takeaway. Add takeaway: with a takeaway id."
        ],
        id="prompt without takeaway",
    ),
    pytest.param(
        "bad-page-reference.yml",
        [
            "bad-page-reference.yml:41: takeaways[0].quote.page: is 'page 77', "
            "not a page reference. Write it as 'p. 77', 'pp. 82' or 'pp. 82–83'."
        ],
        id="bad page reference",
    ),
    pytest.param(
        "unknown-key.yml",
        [
            "unknown-key.yml:24: glossary[0].see_allso: is not a field here. "
            "Remove it or fix its spelling. Did you mean 'see_also'?"
        ],
        id="unknown key with a spelling suggestion",
    ),
    pytest.param(
        "unclosed-quote.yml",
        [
            # The parser only gets stuck at the next quote (line 47), so the message
            # also names where the entry holding the real mistake (line 44) begins.
            "unclosed-quote.yml:47: is not valid YAML (expected <block end>, but found "
            "'<scalar>'). Look from line 42 down to here. Check the indentation, and that "
            "every quote and bracket you open is closed."
        ],
        id="bad YAML syntax: unclosed quote",
    ),
    pytest.param(
        "colon-in-value.yml",
        [
            "colon-in-value.yml:44: is not valid YAML (mapping values are not allowed here). "
            "A colon and a space inside a value start a new key: "
            "put the whole value in quotes."
        ],
        id="bad YAML syntax: colon inside a value",
    ),
    pytest.param(
        "prompt-id-number.yml",
        [
            "prompt-id-number.yml:53: prompts[1].id: should be text, not the number 5.02. "
            'Put the id in quotes: id: "5.02".'
        ],
        id="prompt id not quoted",
    ),
    pytest.param(
        "prompt-id-ten.yml",
        [
            # The fix must quote what the editor typed (5.10), not what YAML made of it.
            "prompt-id-ten.yml:53: prompts[1].id: should be text, but YAML reads 5.10 "
            'as the number 5.1. Put the id in quotes: id: "5.10".'
        ],
        id="prompt id 5.10 not quoted",
    ),
    pytest.param(
        "term-read-as-boolean.yml",
        [
            "term-read-as-boolean.yml:26: glossary[1].term: should be text, but YAML reads "
            'yes as the boolean true. Put the term in quotes: term: "yes".'
        ],
        id="text that YAML reads as a boolean",
    ),
    pytest.param(
        "personal-without-alternative.yml",
        [
            "personal-without-alternative.yml:47: prompts[0].alternative: is missing. "
            "A prompt marked personal: true needs a non-personal alternative wording "
            "(a vignette or the literature)."
        ],
        id="personal prompt without alternative",
    ),
    pytest.param(
        "wrong-schema-version.yml",
        [
            "wrong-schema-version.yml:2: schema_version: is 2, but this site reads version 1. "
            "Update the file to the current schema (see content/chapter.schema.json)."
        ],
        id="wrong schema_version",
    ),
    pytest.param(
        "takeaways-out-of-order.yml",
        [
            "takeaways-out-of-order.yml:36: takeaways[0].number: is 2, but this is takeaway 1 "
            "in the list. Number the takeaways 1, 2, 3 … in order.",
            "takeaways-out-of-order.yml:43: takeaways[1].number: is 1, but this is takeaway 2 "
            "in the list. Number the takeaways 1, 2, 3 … in order.",
        ],
        id="takeaway numbers out of order",
    ),
    pytest.param(
        "non-https-url.yml",
        [
            "non-https-url.yml:33: glossary[1].editor_note.sources[0].url: "
            "is 'http://example.org/source'. Links must start with https://."
        ],
        id="source url without https",
    ),
    pytest.param(
        "bad-use.yml",
        [
            "bad-use.yml:56: prompts[1].uses[0]: is 'discussion', which is not one of "
            "'self-reflection', 'class-discussion' or 'supervision'. "
            "Did you mean 'class-discussion'?"
        ],
        id="prompt use that does not exist",
    ),
    pytest.param(
        "self-check-problems.yml",
        [
            "self-check-problems.yml:59: self_check[0].takeaway: names the takeaway "
            "'healer-roll', which does not exist. Did you mean 'healer-role'?",
            "self-check-problems.yml:63: self_check[0].options: has no option marked "
            "correct: true, but a single-choice question needs exactly one. "
            "Add correct: true to the right answer.",
            "self-check-problems.yml:67: self_check[0].options[1].id: 'a' is already used by "
            "options[0]. Give each option of a question its own id.",
        ],
        id="self-check item with a bad takeaway, a reused option id and no right answer",
    ),
    pytest.param(
        "several-rule-problems.yml",
        [
            "several-rule-problems.yml:24: glossary[0].see_also[0]: names the glossary term "
            "'suport', which does not exist. Did you mean 'support'?",
            "several-rule-problems.yml:33: glossary[1].editor_note.sources[0].url: "
            "is 'http://example.org/source'. Links must start with https://.",
            "several-rule-problems.yml:41: takeaways[0].quote.page: is 'p.77', "
            "not a page reference. Write it as 'p. 77', 'pp. 82' or 'pp. 82–83'.",
            "several-rule-problems.yml:53: prompts[1].id: '5.01' is already used by "
            "prompts[0]. Ids must be unique: give this entry its own id.",
        ],
        id="several rule problems, all reported top to bottom",
    ),
    pytest.param(
        "several-structure-problems.yml",
        [
            "several-structure-problems.yml:12: chapter.book.year: should be a whole number, "
            "not the text 'twenty eighteen'. Write it with digits only.",
            "several-structure-problems.yml:25: glossary[1].definition: is missing. "
            "Add definition: to this entry.",
            "several-structure-problems.yml:52: prompts[1].id: should be text, "
            'not the number 5.02. Put the id in quotes: id: "5.02".',
        ],
        id="several structure problems, all reported top to bottom",
    ),
    pytest.param(
        "duplicate-term.yml",
        [
            "duplicate-term.yml:26: glossary[1].term: 'Nurturance' is already the term of "
            "glossary[0]. Each term has one entry: merge the two, or rename one."
        ],
        id="two glossary entries with the same term",
    ),
    pytest.param(
        "shared-alias.yml",
        [
            "shared-alias.yml:29: glossary[1].also_matches[0]: 'Caring' also stands for "
            "glossary[0] ('Nurturance'), but a word in the text links to one term only. "
            "Keep it under one of the two."
        ],
        id="one alias shared by two terms, compared without case",
    ),
    pytest.param(
        "repeated-see-also.yml",
        [
            "repeated-see-also.yml:24: glossary[0].see_also[1]: lists 'support' a second "
            "time. Keep each term once."
        ],
        id="a see_also that lists a term twice",
    ),
    pytest.param(
        "schema-version-boolean.yml",
        [
            "schema-version-boolean.yml:2: schema_version: should be a whole number, "
            "not the boolean true. Write it with digits only."
        ],
        id="schema_version: true, which pydantic alone reads as 1",
    ),
    pytest.param(
        "empty-self-check.yml",
        [
            "empty-self-check.yml:57: self_check: is empty. "
            "The chapter needs at least one entry here."
        ],
        id="self_check: [], a message instead of the Canvas export's traceback",
    ),
    pytest.param(
        "nul-byte.yml",
        [
            "nul-byte.yml:44: contains a NUL character (U+0000) at column 26, which YAML "
            "does not allow. Delete it: it is invisible in most editors, and often comes "
            "from pasting."
        ],
        id="a NUL byte, with its line and column",
    ),
]


@pytest.mark.parametrize(("fixture", "expected"), MALFORMED)
def test_a_malformed_file_gets_exact_messages(
    fixture: str, expected: list[str], tmp_path: Path
) -> None:
    assert problems_in(fixture, tmp_path) == [f"{SHOWN_AS}/{message}" for message in expected]


def test_every_fixture_is_used() -> None:
    # A case nobody loads tests nothing; a renamed one would otherwise go unnoticed.
    assert sorted(CASES) == sorted(str(param.values[0]) for param in MALFORMED)
    assert [path.name for path in FIXTURES.glob("*.yml")] == ["valid-minimal.yml"]


def test_the_build_error_lists_every_problem_under_a_count(tmp_path: Path) -> None:
    # This text is what `mkdocs build` prints when the content is wrong.
    with pytest.raises(ContentError) as caught:
        load_chapter(write_fixture("takeaways-out-of-order.yml", tmp_path), "chapter.yml")

    assert str(caught.value) == (
        "2 problems in the chapter content:\n"
        "  - chapter.yml:36: takeaways[0].number: is 2, but this is takeaway 1 in the list. "
        "Number the takeaways 1, 2, 3 … in order.\n"
        "  - chapter.yml:43: takeaways[1].number: is 1, but this is takeaway 2 in the list. "
        "Number the takeaways 1, 2, 3 … in order."
    )


def test_a_missing_file_says_where_it_was_looked_for(tmp_path: Path) -> None:
    missing = tmp_path / "chapter-99.yml"

    with pytest.raises(ContentError) as caught:
        load_chapter(missing, "content/chapter-99.yml")

    assert [str(problem) for problem in caught.value.problems] == [
        f"content/chapter-99.yml: does not exist (looked for {missing.resolve()}). "
        "Create it, or correct the path that names it."
    ]


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "chapter.yml"
    empty.write_text("# only a comment\n", encoding="utf-8")

    with pytest.raises(ContentError) as caught:
        load_chapter(empty, "chapter.yml")

    assert [str(problem) for problem in caught.value.problems] == [
        "chapter.yml:1: is empty. Start from an existing chapter file."
    ]


def test_a_file_that_is_not_utf8_says_how_to_save_it(tmp_path: Path) -> None:
    latin1 = tmp_path / "chapter.yml"
    latin1.write_bytes("schema_version: 1\nsummary: café\n".encode("latin-1"))

    with pytest.raises(ContentError) as caught:
        load_chapter(latin1, "chapter.yml")

    assert [str(problem) for problem in caught.value.problems] == [
        "chapter.yml: is not UTF-8 text (byte 30). Save the file as UTF-8."
    ]


def test_a_link_to_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    # A content file linked to /dev/zero would otherwise be read until memory ran out.
    link = tmp_path / "chapter.yml"
    link.symlink_to("/dev/zero")

    with pytest.raises(ContentError) as caught:
        load_chapter(link, "content/chapter.yml")

    assert [str(problem) for problem in caught.value.problems] == [
        "content/chapter.yml: is not a regular file (a character device), so it is not "
        "read. Point extra.content_file at the chapter's YAML file."
    ]


def test_a_named_pipe_and_a_folder_are_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yml"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.yml"
    folder.mkdir()
    messages = []
    for path in (pipe, folder):
        with pytest.raises(ContentError) as caught:
            load_chapter(path, path.name)
        messages += [str(problem) for problem in caught.value.problems]

    assert messages == [
        f"{name}: is not a regular file ({kind}), so it is not read. "
        "Point extra.content_file at the chapter's YAML file."
        for name, kind in (("pipe.yml", "a named pipe"), ("folder.yml", "a folder"))
    ]


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "chapter.yml"
    text = BASE.read_text(encoding="utf-8")
    huge.write_text(text + "#" * (MAX_CONTENT_BYTES - len(text.encode()) + 1), encoding="utf-8")

    with pytest.raises(ContentError) as caught:
        load_chapter(huge, "chapter.yml")

    assert [str(problem) for problem in caught.value.problems] == [
        "chapter.yml: is larger than 1 MiB, far more than a chapter needs, so it is not "
        "read. Check that this is the chapter's YAML file."
    ]
    # One byte less is a (long) chapter file like any other.
    huge.write_text(text + "#" * (MAX_CONTENT_BYTES - len(text.encode())), encoding="utf-8")
    assert isinstance(load_chapter(huge, "chapter.yml"), ChapterContent)


# ---------------------------------------------------------------- the build's cache


def test_the_cache_keeps_what_passed_and_never_hides_a_problem(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    content_file = tmp_path / "chapter.yml"
    valid = BASE.read_text(encoding="utf-8")
    content_file.write_text(valid, encoding="utf-8")

    first = load_chapter(content_file, "chapter.yml", cache)
    again = load_chapter(content_file, "chapter.yml", cache)
    assert again == first
    assert len(list(cache.iterdir())) == 1, "the content that passed is kept"

    content_file.write_text(valid.replace("Nurturance", "Nurturing"), encoding="utf-8")
    changed = load_chapter(content_file, "chapter.yml", cache)
    assert changed.glossary[0].term == "Nurturing", "an edit is seen, not the kept copy"

    broken = fixture_text("duplicate-id.yml")
    content_file.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError):
        load_chapter(content_file, "chapter.yml", cache)
    with pytest.raises(ContentError):
        load_chapter(content_file, "chapter.yml", cache)


def test_a_damaged_cache_entry_is_made_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_chapter(BASE, None, cache)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"not a pickle")

    content = load_chapter(BASE, None, cache)

    assert [term.term for term in content.glossary] == ["Nurturance", "Support"]
    assert entry.read_bytes() != b"not a pickle"
