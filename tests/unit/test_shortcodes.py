"""Shortcodes are found from each module's SHORTCODES: every one, and each name once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from companion_build.exports import lms
from companion_build.pages import chapter, group_pulse, instructor, sessions, shortcodes
from companion_build.widgets import my_data, planning, prep_packet, reflection, self_check


@pytest.fixture
def fresh_discovery() -> Iterator[None]:
    shortcodes.all_shortcodes.cache_clear()
    yield
    shortcodes.all_shortcodes.cache_clear()


def test_every_renderer_module_s_shortcodes_are_found() -> None:
    found = shortcodes.all_shortcodes()
    modules = [
        chapter,
        group_pulse,
        instructor,
        sessions,
        my_data,
        planning,
        prep_packet,
        reflection,
        self_check,
        lms,
    ]
    for module in modules:
        assert module.SHORTCODES, f"{module.__name__} renders no shortcode"
        for name, renderer in module.SHORTCODES.items():
            assert found.get(name) is renderer, f"nr:{name} of {module.__name__} is not found"


def test_a_name_in_two_modules_stops_the_build_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_discovery: None
) -> None:
    package = tmp_path / "twin_pages"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in ("first", "second"):
        (package / f"{name}.py").write_text("SHORTCODES = {'glossary': print}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(shortcodes, "SHORTCODE_PACKAGES", ("twin_pages",))

    with pytest.raises(PluginError) as raised:
        shortcodes.all_shortcodes()

    assert str(raised.value) == (
        "The shortcode nr:glossary is in SHORTCODES of both twin_pages.first and "
        "twin_pages.second. Rename one of them."
    )
