"""IMS Common Cartridge 1.1 files: discussion topics, web links, the manifest and the zip.

Moodle imports Common Cartridge 1.1 and Canvas 1.1 to 1.3, so everything here is
1.1. Discussion topics are read by Moodle as `/topic/title` and `/topic/text`
and by Canvas the same way; a resource whose metadata names the Instructor role
is imported unpublished by Canvas. Used at build time for the course cartridge
and in the reader's browser (through the bridge) for an assignment's cartridge.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from exercises.convert import ConversionError, from_data
from exercises.model import Prompt, Takeaway

CP_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
TOPIC_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"
WEBLINK_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
MANIFEST_LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
RESOURCE_LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
TOPIC_TYPE = "imsdt_xmlv1p1"
WEBLINK_TYPE = "imswl_xmlv1p1"
ASSESSMENT_TYPE = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
WEBCONTENT_TYPE = "webcontent"
# The earliest time a zip entry can carry: the same cartridge gives the same bytes.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
TITLE_WORDS = 9
# Characters an attribute value escapes beyond text's: kept as written (XML normalises them).
ATTRIBUTE_ESCAPES = (("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;"))


def escape(text: str) -> str:
    """Text for XML character data: what xml.sax.saxutils.escape gives, without importing it
    (it imports urllib.request, http.client and email: about 250 KB of the browser's library)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """A quoted XML attribute value, as xml.sax.saxutils.quoteattr gives it."""
    text = escape(text)
    for character, reference in ATTRIBUTE_ESCAPES:
        text = text.replace(character, reference)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


@dataclass(frozen=True)
class Resource:
    """One resource of the cartridge: its files (path → text) and who it is for."""

    identifier: str
    type: str
    files: Mapping[str, str]
    href: str | None = None
    instructor_only: bool = False


@dataclass(frozen=True)
class Group:
    """A folder of the organisation (a Moodle section, a Canvas module) and its items."""

    identifier: str
    title: str
    items: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (title, resource id)


def topic_title(prompt: Prompt) -> str:
    """ "5.07 · How do you …": the prompt's number and its first words."""
    words = prompt.text.split()
    start = " ".join(words[:TITLE_WORDS])
    return f"{prompt.id} · {start}{' …' if len(words) > TITLE_WORDS else ''}"


def topic_html(prompt: Prompt, takeaway: Takeaway, instructions: str = "") -> str:
    """The topic's text: the prompt, its takeaway and quote, and its non-personal alternative."""
    parts = []
    if instructions:
        parts.append(f"<p>{escape(instructions)}</p>")
    parts.append(f"<p><strong>{escape(prompt.id)}.</strong> {escape(prompt.text)}</p>")
    parts.append(f"<p>From takeaway {takeaway.number}: {escape(takeaway.title)}</p>")
    if takeaway.quote:
        page = f" ({escape(takeaway.quote.page)})" if takeaway.quote.page else ""
        parts.append(
            f"<blockquote><p>{escape(takeaway.quote.text)}</p>"
            f"<p>{escape(takeaway.quote.attribution)}{page}</p></blockquote>"
        )
    if prompt.alternative:
        parts.append(
            "<p><strong>If you prefer not to share personal experience:</strong> "
            f"{escape(prompt.alternative)}</p>"
        )
    return "".join(parts)


def topic_xml(title: str, html: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<topic xmlns="{TOPIC_NAMESPACE}"><title>{escape(title)}</title>'
        f'<text texttype="text/html">{escape(html)}</text></topic>\n'
    )


def weblink_xml(title: str, url: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<webLink xmlns="{WEBLINK_NAMESPACE}"><title>{escape(title)}</title>'
        f'<url href={quoteattr(url)} target="_blank"/></webLink>\n'
    )


def prompt_topic(prompt: Prompt, takeaway: Takeaway, instructions: str = "") -> Resource:
    identifier = "topic-" + prompt.id.replace(".", "-")
    path = f"{identifier}/topic.xml"
    xml = topic_xml(topic_title(prompt), topic_html(prompt, takeaway, instructions))
    return Resource(identifier, TOPIC_TYPE, {path: xml})


def manifest_xml(
    identifier: str, title: str, groups: Sequence[Group], resources: Sequence[Resource]
) -> str:
    items = "".join(
        f"<item identifier={quoteattr(group.identifier)}><title>{escape(group.title)}</title>"
        + "".join(
            f'<item identifier="item-{escape(ref)}" identifierref={quoteattr(ref)}>'
            f"<title>{escape(item_title)}</title></item>"
            for item_title, ref in group.items
        )
        + "</item>"
        for group in groups
    )
    listed = "".join(_resource_xml(resource) for resource in resources)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier={quoteattr(identifier)} xmlns="{CP_NAMESPACE}" '
        f'xmlns:lomimscc="{MANIFEST_LOM}" xmlns:lom="{RESOURCE_LOM}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{CP_NAMESPACE} '
        "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
        f"{MANIFEST_LOM} "
        "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd "
        f'{RESOURCE_LOM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd">'
        "<metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion>"
        "<lomimscc:lom><lomimscc:general><lomimscc:title>"
        f'<lomimscc:string language="en">{escape(title)}</lomimscc:string>'
        "</lomimscc:title></lomimscc:general></lomimscc:lom></metadata>"
        '<organizations><organization identifier="organization" structure="rooted-hierarchy">'
        f'<item identifier="root">{items}</item></organization></organizations>'
        f"<resources>{listed}</resources></manifest>\n"
    )


def _resource_xml(resource: Resource) -> str:
    href = f" href={quoteattr(resource.href)}" if resource.href else ""
    metadata = (
        "<metadata><lom:lom><lom:educational><lom:intendedEndUserRole>"
        "<lom:source>IMSGLC_CC_Rolesv1p1</lom:source><lom:value>Instructor</lom:value>"
        "</lom:intendedEndUserRole></lom:educational></lom:lom></metadata>"
        if resource.instructor_only
        else ""
    )
    files = "".join(f"<file href={quoteattr(path)}/>" for path in resource.files)
    return (
        f"<resource identifier={quoteattr(resource.identifier)} type={quoteattr(resource.type)}"
        f"{href}>{metadata}{files}</resource>"
    )


def cartridge_zip(
    identifier: str, title: str, groups: Sequence[Group], resources: Sequence[Resource]
) -> bytes:
    """The .imscc: the manifest first, then each resource's files, with fixed times."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = [("imsmanifest.xml", manifest_xml(identifier, title, groups, resources))]
        entries += [(path, text) for resource in resources for path, text in resource.files.items()]
        for path, text in entries:
            info = zipfile.ZipInfo(path, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return output.getvalue()


def assignment_cartridge(
    title: str,
    prompts: Sequence[Prompt],
    takeaways: Sequence[Takeaway],
    instructions: str = "",
    due: str = "",
) -> bytes:
    """A small cartridge of one assignment: a discussion topic per chosen prompt."""
    if not prompts:
        raise ConversionError("Choose at least one prompt for the assignment first.")
    by_id = {takeaway.id: takeaway for takeaway in takeaways}
    missing = sorted({prompt.takeaway for prompt in prompts} - set(by_id))
    if missing:
        raise ConversionError(f"payload.takeaways: no takeaway {', '.join(missing)}")
    note = " ".join(part for part in (instructions.strip(), f"Due: {due}." if due else "") if part)
    resources = [prompt_topic(prompt, by_id[prompt.takeaway], note) for prompt in prompts]
    group = Group(
        "assignment",
        title,
        tuple((topic_title(p), r.identifier) for p, r in zip(prompts, resources, strict=True)),
    )
    return cartridge_zip("assignment-cartridge", title, [group], resources)


def assignment_cartridge_payload(payload: Any) -> dict[str, Any]:
    """{title, prompts: [Prompt], takeaways: [Takeaway], instructions, due}
    → {"filename": ..., "base64": the .imscc's bytes, "topics": how many}."""
    if not isinstance(payload, dict):
        raise ConversionError("payload: expected an object")
    raw_prompts = payload.get("prompts")
    raw_takeaways = payload.get("takeaways")
    if not isinstance(raw_prompts, list) or not isinstance(raw_takeaways, list):
        raise ConversionError("payload.prompts and payload.takeaways: expected lists")
    prompts = [from_data(Prompt, data, f"prompts[{i}]") for i, data in enumerate(raw_prompts)]
    takeaways = [
        from_data(Takeaway, data, f"takeaways[{i}]") for i, data in enumerate(raw_takeaways)
    ]
    texts = {key: payload.get(key, "") for key in ("title", "instructions", "due")}
    if not all(isinstance(value, str) for value in texts.values()):
        raise ConversionError("payload.title, instructions and due: expected text")
    title = texts["title"].strip() or "Discussion assignment"
    data = assignment_cartridge(title, prompts, takeaways, texts["instructions"], texts["due"])
    return {
        "filename": "assignment-discussions.imscc",
        "base64": base64.b64encode(data).decode("ascii"),
        "topics": len(prompts),
    }
