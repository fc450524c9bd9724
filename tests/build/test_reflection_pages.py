"""The reflection pages carry everything from the content, the ethics notes, and no total."""

from __future__ import annotations

import json

from exercises.model import CONSIDERATION_LABELS, ChapterContent
from tests.build.html_reading import SoupOf, found, text_of


def lower(text: str) -> str:
    return " ".join(text.split()).lower()


CRISIS_LINES = ("988", "116 123", "findahelpline.com")


def test_every_checkin_item_shows_with_every_labelled_point_and_a_skip(
    chapter: ChapterContent, soup_of: SoupOf
) -> None:
    assert chapter.checkin is not None
    soup = soup_of("checkin")
    for item in chapter.checkin.items:
        group = soup.find("fieldset", attrs={"data-nr-item": item.id})
        assert group is not None, f"check-in item {item.id} is missing"
        assert lower(item.text) in text_of(group.legend).lower()
        labels = [text_of(label).lower() for label in group.find_all("label")]
        assert labels == [lower(p.label) for p in chapter.checkin.responses] + ["skip this one"]


def test_the_checkin_says_it_is_not_diagnostic_and_shows_crisis_resources(soup_of: SoupOf) -> None:
    soup = soup_of("checkin")
    text = text_of(soup.find("article")).lower()
    assert "no total, no cut-offs and no risk labels" in text
    assert "content note" in text or "before you start" in text
    crisis = soup.select_one("[data-nr-widget=checkin] .nr-crisis")
    assert crisis is not None, "crisis resources must sit with the check-in"
    for line in CRISIS_LINES:
        assert line in " ".join(crisis.get_text(" ").split()), "a non-breaking space counts as one"


def test_the_checkin_island_has_no_totals_or_cutoffs(soup_of: SoupOf) -> None:
    island = found(
        soup_of("checkin").select_one("[data-nr-widget=checkin] template[data-nr-widget-data]"),
        "check-in data island",
    )
    data = json.loads(island.get_text())
    words = json.dumps(data).lower()
    assert "cut" not in words and "total" not in words and "risk" not in words
    assert set(data["links"]) == {area["id"] for area in data["checkin"]["areas"]}


def test_every_vignette_shows_with_its_considerations(
    chapter: ChapterContent, soup_of: SoupOf
) -> None:
    soup = soup_of("gifts")
    for scenario in chapter.gift_scenarios:
        form = soup.find("form", attrs={"data-nr-scenario": scenario.id})
        assert form is not None, f"vignette {scenario.id} is missing"
        text = text_of(form).lower()
        assert lower(scenario.text) in text
        for consideration in scenario.considerations:
            assert lower(CONSIDERATION_LABELS[consideration.kind]) in text
            assert lower(consideration.text) in text
        assert "does not seek nurturance from clients" in text


def test_my_data_warns_about_shared_computers(soup_of: SoupOf) -> None:
    text = text_of(soup_of("my-data").find("article")).lower()
    assert "shared or public computer" in text
    assert "nothing is sent anywhere" in text or "nothing is sent" in text


def test_the_constellation_page_advises_initials_not_full_names(soup_of: SoupOf) -> None:
    text = text_of(soup_of("constellation").find("article")).lower()
    assert "by initials or a nickname, not full names" in text


def test_the_packet_page_reminds_to_de_identify(soup_of: SoupOf) -> None:
    text = text_of(soup_of("packet").find("article")).lower()
    assert "de-identify" in text
