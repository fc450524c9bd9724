"""Content rules for the check-in and the gift vignettes: what an editor reads when one breaks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from companion_build.content import ContentError
from companion_build.content.parsing import parse_chapter

CONTENT = Path(__file__).resolve().parents[2] / "content" / "chapter-05.yml"


def problems_after(change: Callable[[dict[str, Any]], None]) -> list[str]:
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(ContentError) as caught:
        parse_chapter(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "chapter.yml")
    return [problem.message for problem in caught.value.problems]


def test_the_real_content_passes() -> None:
    content = parse_chapter(CONTENT.read_text(encoding="utf-8"), "chapter.yml")

    assert content.checkin is not None
    assert 12 <= len(content.checkin.items) <= 20
    assert any(item.reverse for item in content.checkin.items)
    assert len(content.gift_scenarios) >= 6


def test_an_item_in_an_unknown_area_is_named() -> None:
    def change(data: dict[str, Any]) -> None:
        data["checkin"]["items"][0]["area"] = "close-relationship"

    assert any("names the area 'close-relationship'" in p for p in problems_after(change))


def test_response_points_must_run_1_2_3() -> None:
    def change(data: dict[str, Any]) -> None:
        data["checkin"]["responses"][2]["value"] = 7

    assert any("Number the response points 1, 2, 3" in p for p in problems_after(change))


def test_too_few_items_is_refused() -> None:
    def change(data: dict[str, Any]) -> None:
        data["checkin"]["items"] = data["checkin"]["items"][:11]

    assert any("has 11 items. A check-in has 12 to 20" in p for p in problems_after(change))


def test_a_checkin_without_a_reverse_item_is_refused() -> None:
    def change(data: dict[str, Any]) -> None:
        for item in data["checkin"]["items"]:
            item.pop("reverse", None)

    assert any("has no reverse-worded item" in p for p in problems_after(change))


def test_an_area_must_point_at_real_takeaways_and_prompts() -> None:
    def change(data: dict[str, Any]) -> None:
        data["checkin"]["areas"][0]["takeaways"] = ["partner-family"]
        data["checkin"]["areas"][0]["prompts"] = ["5.99"]

    found = problems_after(change)
    assert any("names the takeaway 'partner-family'" in p for p in found)
    assert any("names the prompt '5.99'" in p for p in found)


def test_a_vignette_needs_each_consideration_once() -> None:
    def change(data: dict[str, Any]) -> None:
        data["gift_scenarios"][0]["considerations"][3]["kind"] = "value"

    assert any(
        "lacks therapist-motive and names value more than once" in p for p in problems_after(change)
    )


def test_fewer_than_six_vignettes_is_refused() -> None:
    def change(data: dict[str, Any]) -> None:
        data["gift_scenarios"] = data["gift_scenarios"][:5]

    assert any("has 5 vignettes. Write at least 6" in p for p in problems_after(change))
