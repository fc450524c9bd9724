"""The build's caches: kept files come back as they were made, and placing one never alters it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TypeGuard

from companion_build.build_cache import (
    FILE_LIST,
    KEPT_ENTRIES,
    KeptTexts,
    cached_files,
    cached_result,
    place,
)

FILES = {"a.zip": b"package", "js/app.js": b"minified"}


def test_kept_files_are_made_once_and_come_back_with_their_bytes(tmp_path: Path) -> None:
    calls: list[int] = []

    def make() -> dict[str, bytes]:
        calls.append(1)
        return FILES

    first = cached_files(tmp_path, "k" * 64, make)
    again = cached_files(tmp_path, "k" * 64, make)
    assert len(calls) == 1
    assert first == again
    assert {name: path.read_bytes() for name, path in again.items()} == FILES


def test_a_new_key_adds_an_entry_and_the_folder_keeps_only_the_ones_used_last(
    tmp_path: Path,
) -> None:
    first = cached_files(tmp_path, "a" * 64, lambda: FILES)
    changed = cached_files(tmp_path, "b" * 64, lambda: {"a.zip": b"other"})
    assert changed["a.zip"].read_bytes() == b"other"
    assert first["a.zip"].read_bytes() == b"package", (
        "another build, for another address, may still be placing the first entry's files"
    )
    os.utime(first["a.zip"].parent, (1, 1))  # used long ago
    for key in "cdef"[: KEPT_ENTRIES - 1]:
        cached_files(tmp_path, key * 64, lambda: FILES)
    assert len(list(tmp_path.iterdir())) == KEPT_ENTRIES
    assert not first["a.zip"].exists(), "the entry used least recently goes first"
    assert changed["a.zip"].exists()


def test_an_entry_found_again_counts_as_just_used(tmp_path: Path) -> None:
    first = cached_files(tmp_path, "a" * 64, lambda: FILES)
    os.utime(first["a.zip"].parent, (1, 1))
    for key in "bcd"[: KEPT_ENTRIES - 1]:
        cached_files(tmp_path, key * 64, lambda: FILES)
    cached_files(tmp_path, "a" * 64, lambda: {})  # found: nothing is made
    cached_files(tmp_path, "z" * 64, lambda: FILES)
    assert first["a.zip"].exists()
    assert len(list(tmp_path.iterdir())) == KEPT_ENTRIES


def test_an_unfinished_or_damaged_entry_is_made_again(tmp_path: Path) -> None:
    kept = cached_files(tmp_path, "c" * 64, lambda: FILES)
    entry = kept["a.zip"].parent
    (entry / FILE_LIST).write_text(json.dumps(["../outside"]), encoding="utf-8")
    calls: list[int] = []

    def make() -> dict[str, bytes]:
        calls.append(1)
        return FILES

    again = cached_files(tmp_path, "c" * 64, make)
    assert calls == [1], "a list that points outside the entry is not trusted"
    (again["a.zip"].parent / FILE_LIST).unlink()
    cached_files(tmp_path, "c" * 64, make)
    assert calls == [1, 1], "an entry without its list was never finished"


def test_placing_a_kept_file_gives_its_bytes_and_replaces_an_earlier_link(
    tmp_path: Path,
) -> None:
    old, new = tmp_path / "old.zip", tmp_path / "new.zip"
    old.write_bytes(b"old package")
    new.write_bytes(b"new package")
    site = tmp_path / "site"
    site.mkdir()
    target = site / "package.zip"

    place(old, target)
    place(new, target)

    assert target.read_bytes() == b"new package"
    assert old.read_bytes() == b"old package", "the earlier kept file was written through"
    assert os.stat(target).st_mtime_ns == os.stat(new).st_mtime_ns
    assert [path.name for path in site.iterdir()] == ["package.zip"]


def test_kept_texts_come_from_the_last_build_only_for_the_same_input_and_salt(
    tmp_path: Path,
) -> None:
    file = tmp_path / "kept" / "pages.pickle"
    made: list[str] = []

    def linked(text: str) -> str:
        made.append(text)
        return text.upper()

    first = KeptTexts(file, "glossary v1")
    assert first.get("a", lambda: linked("a")) == "A"
    assert first.get("b", lambda: linked("b")) == "B"
    first.save()

    second = KeptTexts(file, "glossary v1")
    assert second.get("a", lambda: linked("a")) == "A"
    assert second.get("c", lambda: linked("c")) == "C"
    assert made == ["a", "b", "c"], "an unchanged page is taken from the last build"
    second.save()

    other_salt = KeptTexts(file, "glossary v2")
    assert other_salt.get("a", lambda: linked("a")) == "A"
    assert made[-1] == "a", "another glossary or code makes every page again"
    assert KeptTexts(file, "glossary v1").get("b", lambda: linked("b")) == "B"
    assert made[-1] == "b", "a page the last build did not use is not kept"


def test_unreadable_kept_texts_are_made_again(tmp_path: Path) -> None:
    file = tmp_path / "pages.pickle"
    file.write_bytes(b"not a pickle")
    assert KeptTexts(file, "salt").get("a", lambda: "made") == "made"


def test_keeping_a_result_leaves_another_builds_unfinished_one_alone(tmp_path: Path) -> None:
    def is_text(value: object) -> TypeGuard[str]:
        return isinstance(value, str)

    unfinished = tmp_path / "tmp-another-build"
    unfinished.write_bytes(b"half a pickle")
    assert cached_result(tmp_path, "a" * 64, lambda: "first", is_text) == "first"
    assert cached_result(tmp_path, "b" * 64, lambda: "second", is_text) == "second"
    assert unfinished.read_bytes() == b"half a pickle"
    assert [path.suffix for path in tmp_path.glob("*.pickle")] == [".pickle"]
