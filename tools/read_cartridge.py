"""Read a Common Cartridge's discussion topics the way Moodle's and Canvas's importers do.

Moodle registers the topic's namespace and reads `/topic/title` and `/topic/text`
(a missing title becomes "Untitled Topic"); Canvas drops the namespaces and reads
the first `title` and `text`. Both start from the manifest's resources of the
discussion-topic type. The tests use this on every cartridge the site makes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

MANIFEST_NAMESPACES = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
TOPIC_NAMESPACES = {"dt": "http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"}
TOPIC_TYPE = "imsdt_xmlv1p1"


@dataclass(frozen=True)
class Topic:
    identifier: str
    title: str
    text: str  # HTML


def read_topics(data: bytes) -> list[Topic]:
    """The cartridge's topics in manifest order, checked to read the same in both LMSs."""
    cartridge = zipfile.ZipFile(io.BytesIO(data))
    manifest = etree.fromstring(cartridge.read("imsmanifest.xml"))
    topics = []
    for resource in manifest.xpath(
        f"//cp:resource[@type='{TOPIC_TYPE}']", namespaces=MANIFEST_NAMESPACES
    ):
        (path,) = resource.xpath("cp:file/@href", namespaces=MANIFEST_NAMESPACES)
        xml = cartridge.read(path)
        moodle = etree.fromstring(xml)
        title = moodle.xpath("string(/dt:topic/dt:title)", namespaces=TOPIC_NAMESPACES)
        text = moodle.xpath("string(/dt:topic/dt:text)", namespaces=TOPIC_NAMESPACES)
        canvas = etree.fromstring(re.sub(rb'\sxmlns(:\w+)?="[^"]+"', b"", xml))
        if (canvas.findtext("title"), canvas.findtext("text")) != (title, text):
            raise ValueError(f"{path}: Moodle and Canvas would read different topics")
        topics.append(Topic(resource.get("identifier"), title or "Untitled Topic", text))
    return topics
