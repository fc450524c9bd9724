"""Assemble a supervision prep packet as Markdown from what the reader chose to bring.

The reader picks prompts (with their private notes), and may add their latest
check-in profile or constellation summary. Nothing is sent: the page offers the
result to print or download.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from exercises.convert import ConversionError

REMINDER = (
    "Before sharing: de-identify any client you mention, and leave out anything you "
    "would rather keep private. This packet was made on your device and went nowhere."
)


@dataclass(frozen=True)
class PacketPrompt:
    id: str
    text: str
    note: str


def _quoted(text: str) -> list[str]:
    # Each line quoted, so the reader's text cannot start a heading or a list of its own.
    return [f"> {line}" if line.strip() else ">" for line in text.strip().splitlines()]


def packet_markdown(
    title: str,
    date: str,
    prompts: list[PacketPrompt],
    profile: dict[str, Any] | None = None,
    constellation: dict[str, Any] | None = None,
) -> str:
    """The packet as Markdown: prompts and notes, then the optional summaries, then a reminder."""
    lines = [f"# {title}", "", f"Prepared {date}.", ""]
    if prompts:
        lines += ["## Prompts I want to bring", ""]
        for prompt in prompts:
            lines += [f"### {prompt.id}: {prompt.text}", ""]
            lines += [*_quoted(prompt.note), ""] if prompt.note.strip() else ["(No note.)", ""]
    if profile is not None:
        lines += ["## My latest relationships check-in", ""]
        lines += ["A reflective check-in: no total, no cut-offs, no labels.", ""]
        for area in profile.get("areas", []):
            where = (
                "all skipped"
                if area.get("position") is None
                else f"{area['position']} (nearest: {area.get('nearest_label')})"
            )
            lines.append(f"- {area.get('title')}: {where}")
        lines.append("")
    if constellation is not None:
        lines += ["## My competence constellation", ""]
        for layer in constellation.get("layers", []):
            people = ", ".join(str(person.get("label")) for person in layer.get("people", []))
            lines.append(f"- {layer.get('title')}: {people or 'no one yet'}")
        gaps = constellation.get("gaps", [])
        if gaps:
            lines += ["", "Not on my map yet:", ""]
            lines += [f"- {gap.get('text')} {gap.get('suggestion')}" for gap in gaps]
        lines.append("")
    lines += ["---", "", REMINDER, ""]
    return "\n".join(lines)


def packet_payload(payload: Any) -> dict[str, str]:
    """{"title", "date", "prompts": [{id, text, note}], "profile"?, "constellation"?} → markdown."""
    if not isinstance(payload, dict):
        raise ConversionError("payload: expected an object")
    raw = payload.get("prompts")
    if not isinstance(raw, list) or not all(
        isinstance(p, dict) and all(isinstance(p.get(k), str) for k in ("id", "text", "note"))
        for p in raw
    ):
        raise ConversionError("payload.prompts: expected prompts with id, text and note")
    if not raw and payload.get("profile") is None and payload.get("constellation") is None:
        raise ConversionError("Choose at least one prompt or summary for your packet.")
    title, date = payload.get("title"), payload.get("date")
    if not isinstance(title, str) or not isinstance(date, str):
        raise ConversionError("payload: title and date must be text")
    profile, constellation = payload.get("profile"), payload.get("constellation")
    for name, value in (("profile", profile), ("constellation", constellation)):
        if value is not None and not isinstance(value, dict):
            raise ConversionError(f"payload.{name}: expected an object")
    prompts = [PacketPrompt(p["id"], p["text"], p["note"]) for p in raw]
    return {"markdown": packet_markdown(title, date, prompts, profile, constellation)}
