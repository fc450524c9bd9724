"""Malformed content files, each the minimal valid file plus the one change it tests.

`valid-minimal.yml` is the only content file kept here: a schema change touches it
and nothing else. Each case below names what it breaks and the exact text changes
(each old text must occur once in the base); `write_fixture` writes the result
under the case's name, so messages and their line numbers read as for a real file.
"""

from __future__ import annotations

from pathlib import Path

BASE = Path(__file__).parent / "fixtures" / "valid-minimal.yml"
BASE_TEXT = BASE.read_text(encoding="utf-8")
HEADER = BASE_TEXT.splitlines(keepends=True)[0]

Change = tuple[str, str]  # (old text, new text)

_PROMPT_TAKEAWAY = "    takeaway: healer-role\n    text: How realistic"
_CHECK_TAKEAWAY = "    takeaway: healer-role\n    kind: single"
_SECOND_DEFINITION = "    definition: Give assistance to; enable to function or act\n"
_SELF_CHECK = BASE_TEXT[BASE_TEXT.index("self_check:\n") :]

# name -> (what it breaks, the changes)
CASES: dict[str, tuple[str, tuple[Change, ...]]] = {
    "bad-page-reference.yml": (
        "a page reference written out as a word",
        (("      page: p. 77\n", "      page: page 77\n"),),
    ),
    "bad-use.yml": (
        "a prompt use that is not one of the three",
        (("    uses: [class-discussion]\n", "    uses: [discussion]\n"),),
    ),
    "blank-definition.yml": (
        "a definition key with no value after it",
        (
            (
                "    definition: Emotional and physical nourishment and care given to someone\n",
                "    definition:\n",
            ),
        ),
    ),
    "colon-in-value.yml": (
        "a colon and a space inside an unquoted title",
        (("    title: Relationships restore us\n", "    title: Relationships: they restore us\n"),),
    ),
    "dangling-prompt-takeaway.yml": (
        "a prompt naming a misspelt takeaway",
        ((_PROMPT_TAKEAWAY, _PROMPT_TAKEAWAY.replace("healer-role", "healer-roll")),),
    ),
    "dangling-see-also.yml": (
        "a see_also naming a misspelt glossary term",
        (("    see_also: [support]\n", "    see_also: [suport]\n"),),
    ),
    "duplicate-id.yml": (
        "the second prompt reusing the first prompt's id",
        (('  - id: "5.02"\n', '  - id: "5.01"\n'),),
    ),
    "duplicate-key.yml": (
        "a definition given twice in one term",
        (
            (
                "    term: Nurturance\n",
                "    term: Nurturance\n    definition: Emotional and physical nourishment\n",
            ),
        ),
    ),
    "empty-definition.yml": (
        "an empty definition in quotes",
        (
            (
                "    definition: Emotional and physical nourishment and care given to someone\n",
                '    definition: ""\n',
            ),
        ),
    ),
    "missing-field.yml": ("the second term's definition deleted", ((_SECOND_DEFINITION, ""),)),
    "non-https-url.yml": (
        "a source url on plain http",
        (("url: https://example.org/source", "url: http://example.org/source"),),
    ),
    "personal-without-alternative.yml": (
        "a personal prompt that lost its alternative",
        (("    alternative: Why might some clinicians find this hard?\n", ""),),
    ),
    "prompt-id-number.yml": (
        "a prompt id without quotes (YAML reads the number 5.02)",
        (('  - id: "5.02"\n', "  - id: 5.02\n"),),
    ),
    "prompt-id-ten.yml": (
        "the id 5.10 without quotes (YAML reads the number 5.1)",
        (('  - id: "5.02"\n', "  - id: 5.10\n"),),
    ),
    "prompt-without-takeaway.yml": (
        "the second prompt's takeaway deleted",
        ((_PROMPT_TAKEAWAY, "    text: How realistic"),),
    ),
    "self-check-problems.yml": (
        "a self-check item with a bad takeaway, a reused option id and no right answer",
        (
            (_CHECK_TAKEAWAY, _CHECK_TAKEAWAY.replace("healer-role", "healer-roll")),
            ("        correct: true\n", "        correct: false\n"),
            ("      - id: b\n", "      - id: a\n"),
        ),
    ),
    "several-rule-problems.yml": (
        "four rule problems at once",
        (
            ("    see_also: [support]\n", "    see_also: [suport]\n"),
            ("url: https://example.org/source", "url: http://example.org/source"),
            ("      page: p. 77\n", "      page: p.77\n"),
            ('  - id: "5.02"\n', '  - id: "5.01"\n'),
        ),
    ),
    "several-structure-problems.yml": (
        "three structure problems at once",
        (
            ("    year: 2018\n", "    year: twenty eighteen\n"),
            (_SECOND_DEFINITION, ""),
            ('  - id: "5.02"\n', "  - id: 5.02\n"),
        ),
    ),
    "takeaways-out-of-order.yml": (
        "the takeaways numbered 2, then 1",
        (
            ("    number: 1\n    title: The healer", "    number: 2\n    title: The healer"),
            ("    number: 2\n    title: Relationships", "    number: 1\n    title: Relationships"),
        ),
    ),
    "term-read-as-boolean.yml": (
        "a term YAML reads as the boolean true",
        (("    term: Support\n", "    term: yes\n"),),
    ),
    "unclosed-quote.yml": (
        "a quote that is opened and never closed",
        (("    title: Relationships restore us\n", '    title: "Relationships restore us\n'),),
    ),
    "unknown-key.yml": (
        "a misspelt optional key, see_allso",
        (("    see_also: [support]\n", "    see_allso: [support]\n"),),
    ),
    "wrong-schema-version.yml": (
        "a schema version this site does not read",
        (("schema_version: 1\n", "schema_version: 2\n"),),
    ),
    "wrong-type.yml": (
        "the book's year written in words",
        (("    year: 2018\n", "    year: twenty eighteen\n"),),
    ),
    # Found by an adversarial pass over the loader: each of these used to build or crash.
    "duplicate-term.yml": (
        "two entries with the same term",
        (("    term: Support\n", "    term: Nurturance\n"),),
    ),
    "shared-alias.yml": (
        "one alias shared by two terms",
        (
            ("    see_also: [support]\n", "    also_matches: [caring]\n    see_also: [support]\n"),
            (
                "    see_also: [nurturance]\n",
                "    also_matches: [Caring]\n    see_also: [nurturance]\n",
            ),
        ),
    ),
    "repeated-see-also.yml": (
        "a see_also that lists the same term twice",
        (("    see_also: [support]\n", "    see_also: [support, support]\n"),),
    ),
    "schema-version-boolean.yml": (
        "schema_version: true, which pydantic would read as 1",
        (("schema_version: 1\n", "schema_version: true\n"),),
    ),
    "empty-self-check.yml": (
        "self_check: [], which the Canvas export could not write",
        ((_SELF_CHECK, "self_check: []\n"),),
    ),
    "nul-byte.yml": (
        "a NUL byte inside a title",
        (("    title: Relationships restore us\n", "    title: Relationships \0restore us\n"),),
    ),
}


def fixture_text(name: str) -> str:
    """The base file with the case's changes, its first line saying what they break."""
    why, changes = CASES[name]
    text = BASE_TEXT.replace(HEADER, f"# valid-minimal.yml with {why}.\n", 1)
    for old, new in changes:
        count = text.count(old)
        if count != 1:
            raise AssertionError(f"{name}: {old!r} occurs {count} times in the base, not once")
        text = text.replace(old, new, 1)
    return text


def write_fixture(name: str, directory: Path) -> Path:
    path = directory / name
    path.write_text(fixture_text(name), encoding="utf-8")
    return path
