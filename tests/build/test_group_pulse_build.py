"""The group pulse page: built from the content, in the nav, its QR libraries shipped with it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import PluginError

from companion_build.delivery.qr_libraries import LIBRARIES, SITE_FOLDER, copy_qr_libraries
from exercises.model import ChapterContent
from tools.site_server import ROOT


def test_the_page_is_in_the_nav_for_instructors_and_groups() -> None:
    config = yaml.safe_load(
        re.sub(r"!\w+[^\n]*", "null", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    )
    section = next(
        entry["For instructors and groups"]
        for entry in config["nav"]
        if isinstance(entry, dict) and "For instructors and groups" in entry
    )
    assert {"Group pulse": "group-pulse.md"} in section


def test_the_widget_carries_the_content_in_its_order(soup_of: Any, chapter: ChapterContent) -> None:
    widget = soup_of("group-pulse").select_one("[data-nr-widget=group-pulse]")
    assert widget is not None
    island = json.loads(widget.select_one("template[data-nr-widget-data]").decode_contents())
    assert [item["id"] for item in island["items"]] == [item.id for item in chapter.self_check]
    assert chapter.checkin is not None
    assert [area["id"] for area in island["checkin"]["areas"]] == [
        area.id for area in chapter.checkin.areas
    ]
    for takeaway in chapter.takeaways:
        assert island["takeaways"][takeaway.id]["title"] == takeaway.title
    assert (island["threshold"], island["minimumThreshold"]) == (5, 3)
    rules = soup_of("group-pulse").select_one(".admonition.note").get_text(" ")
    assert "Nothing is shown until at least 5 summaries of a kind are in" in rules
    assert "never set it below 3" in rules


def test_the_qr_libraries_are_copied_and_stored_for_offline_use(built_site: Any) -> None:
    worker = (built_site.directory / "sw.js").read_text(encoding="utf-8")
    for package, inside, name in LIBRARIES:
        shipped = built_site.directory / SITE_FOLDER / name
        assert shipped.read_bytes() == (ROOT / "node_modules" / package / inside).read_bytes()
        assert f'"{SITE_FOLDER}/{name}"' in worker


def test_a_missing_library_stops_the_build_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"node_modules/uqr/dist/index.mjs was not found.*npm ci"):
        copy_qr_libraries(tmp_path, tmp_path / "site")
