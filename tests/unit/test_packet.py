"""The supervision prep packet's Markdown: what the reader chose, quoted, with a reminder."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from exercises.bridge import call
from exercises.packet import REMINDER, PacketPrompt, packet_markdown

PROFILE = {
    "areas": [
        {"title": "Friends", "position": 4, "nearest_label": "Often true"},
        {"title": "Groups", "position": None},
    ]
}
MAP = {
    "layers": [{"title": "Close", "people": [{"label": "JM"}]}, {"title": "Wider", "people": []}],
    "gaps": [{"text": "No peers.", "suggestion": "Join a group."}],
}


def test_the_packet_holds_prompts_notes_summaries_and_the_reminder() -> None:
    text = packet_markdown(
        "Supervision prep",
        "26 Nov 2026",
        [PacketPrompt("5.07", "Mentors?", "Ask about\nJM")],
        PROFILE,
        MAP,
    )

    assert "### 5.07: Mentors?" in text
    assert "> Ask about\n> JM" in text
    assert "- Friends: 4 (nearest: Often true)" in text
    assert "- Groups: all skipped" in text
    assert "no total, no cut-offs" in text
    assert "- Close: JM" in text and "- Wider: no one yet" in text
    assert "- No peers. Join a group." in text
    assert text.rstrip().endswith(REMINDER)


def test_a_prompt_without_a_note_says_so() -> None:
    assert "(No note.)" in packet_markdown("P", "d", [PacketPrompt("5.01", "Q", "  ")])


@given(st.text(max_size=200))
def test_a_note_never_escapes_its_quote(note: str) -> None:
    text = packet_markdown("P", "d", [PacketPrompt("5.01", "Q", note)])

    section = text.split("### 5.01: Q\n\n", 1)[1].split("\n---\n", 1)[0]
    body = [line for line in section.splitlines() if line]
    assert body == ["(No note.)"] or all(line.startswith(">") for line in body)


def test_the_bridge_asks_for_something_to_put_in() -> None:
    payload = {"title": "P", "date": "d", "prompts": []}

    reply = json.loads(call("prep_packet", json.dumps(payload)))

    assert reply["error"]["message"] == "Choose at least one prompt or summary for your packet."
