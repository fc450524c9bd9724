"""The course as an IMS Common Cartridge 1.1 (.imscc) that Moodle and Canvas import.

It holds a discussion topic per prompt, grouped by takeaway; the takeaway check
as the cartridge's QTI assessment (only the Common Cartridge profile's item
types: multiple choice, multiple response, true/false), with feedback; the
overview, takeaways and glossary as plain HTML; web links to the deployed site
when SITE_URL is set; and a facilitator's guide for instructors only.
"""

from __future__ import annotations

from html import escape

from exercises.cartridge import (
    ASSESSMENT_TYPE,
    WEBCONTENT_TYPE,
    WEBLINK_TYPE,
    Group,
    Resource,
    cartridge_zip,
    prompt_topic,
    topic_title,
    weblink_xml,
)
from exercises.model import ChapterContent, CheckItem

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
# The Common Cartridge QTI profile's item types, by our question kinds.
CC_PROFILES = {
    "single": "cc.multiple_choice.v0p1",
    "multiple": "cc.multiple_response.v0p1",
    "true-false": "cc.true_false.v0p1",
}
# Pages of the site the web links point to: (title, path below SITE_URL).
SITE_PAGES = (
    ("The companion site: chapter overview", "overview/"),
    ("The companion site: key takeaways", "takeaways/"),
    ("The companion site: glossary", "glossary/"),
    ("The companion site: discussion prompts", "prompts/"),
    ("The companion site: check your understanding", "self-check/"),
)


def cartridge_filename(content: ChapterContent) -> str:
    return f"chapter-{content.chapter.number:02d}-course.imscc"


def write_course_cartridge(content: ChapterContent, site_url: str | None) -> bytes:
    chapter = content.chapter
    title = f"Chapter {chapter.number}: {chapter.title}"
    groups: list[Group] = []
    resources: list[Resource] = []

    pages = [
        ("overview", "Chapter overview", _overview_html(content)),
        ("takeaways", "Key takeaways", _takeaways_html(content)),
        ("glossary", "Glossary", _glossary_html(content)),
    ]
    for identifier, _, html in pages:
        path = f"web_resources/{identifier}.html"
        resources.append(Resource(identifier, WEBCONTENT_TYPE, {path: html}, href=path))
    materials = [(page_title, identifier) for identifier, page_title, _ in pages]
    if site_url:
        base = site_url.rstrip("/") + "/"
        for number, (link_title, path) in enumerate(SITE_PAGES, start=1):
            identifier = f"link-{number:02d}"
            resources.append(
                Resource(
                    identifier,
                    WEBLINK_TYPE,
                    {f"{identifier}/link.xml": weblink_xml(link_title, base + path)},
                )
            )
            materials.append((link_title, identifier))
    groups.append(Group("materials", "Chapter materials", tuple(materials)))

    for takeaway in content.takeaways:
        prompts = content.prompts_for(takeaway.id)
        if not prompts:
            continue
        topics = [prompt_topic(prompt, takeaway) for prompt in prompts]
        resources += topics
        groups.append(
            Group(
                f"discussions-{takeaway.id}",
                f"Discussions: {takeaway.number}. {takeaway.title}",
                tuple((topic_title(p), t.identifier) for p, t in zip(prompts, topics, strict=True)),
            )
        )

    quiz = "takeaway-check"
    resources.append(
        Resource(quiz, ASSESSMENT_TYPE, {f"{quiz}/assessment.xml": assessment_xml(content)})
    )
    groups.append(Group("self-check", "Self-check", (("Takeaway check", quiz),)))

    guide = "facilitator-guide"
    guide_path = f"web_resources/{guide}.html"
    resources.append(
        Resource(
            guide,
            WEBCONTENT_TYPE,
            {guide_path: _facilitator_html(content)},
            href=guide_path,
            instructor_only=True,
        )
    )
    groups.append(
        Group(
            "facilitators",
            "For facilitators",
            (("Facilitator's guide: Balint and peer groups", guide),),
        )
    )
    return cartridge_zip(f"nr-chapter-{chapter.number:02d}-course", title, groups, resources)


# --- the QTI assessment -----------------------------------------------------------------


def assessment_xml(content: ChapterContent) -> str:
    items = "".join(_item_xml(item) for item in content.self_check)
    chapter = content.chapter
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<questestinterop xmlns="{QTI_NAMESPACE}">'
        '<assessment ident="takeaway-check" '
        f'title="{escape(f"Chapter {chapter.number}: takeaway check")}">'
        "<qtimetadata>"
        + _field("cc_profile", "cc.exam.v0p1")
        + _field("qmd_assessmenttype", "Examination")
        + _field("cc_maxattempts", "unlimited")
        + '</qtimetadata><section ident="root_section">'
        f"{items}</section></assessment></questestinterop>\n"
    )


def _field(label: str, entry: str) -> str:
    return (
        f"<qtimetadatafield><fieldlabel>{label}</fieldlabel>"
        f"<fieldentry>{entry}</fieldentry></qtimetadatafield>"
    )


def _item_xml(item: CheckItem) -> str:
    cardinality = "Multiple" if item.kind == "multiple" else "Single"
    labels = "".join(
        f'<response_label ident="{option.id}"><material>'
        f'<mattext texttype="text/plain">{escape(option.text)}</mattext></material>'
        "</response_label>"
        for option in item.options
    )
    feedback_conditions = "".join(
        f'<respcondition continue="Yes"><conditionvar><varequal respident="response1">'
        f"{option.id}</varequal></conditionvar>"
        f'<displayfeedback feedbacktype="Response" linkrefid="{option.id}_fb"/></respcondition>'
        for option in item.options
    )
    right = [option.id for option in item.options if option.correct]
    if item.kind == "multiple":
        tests = "".join(
            f'<varequal respident="response1">{option.id}</varequal>'
            if option.correct
            else f'<not><varequal respident="response1">{option.id}</varequal></not>'
            for option in item.options
        )
        condition = f"<and>{tests}</and>"
    else:
        condition = f'<varequal respident="response1">{right[0]}</varequal>'
    feedback = "".join(
        f'<itemfeedback ident="{option.id}_fb"><flow_mat><material>'
        f'<mattext texttype="text/plain">{escape(option.feedback)}</mattext>'
        "</material></flow_mat></itemfeedback>"
        for option in item.options
    )
    return (
        f'<item ident="{item.id}" title="{escape(item.id)}"><itemmetadata><qtimetadata>'
        + _field("cc_profile", CC_PROFILES[item.kind])
        + _field("cc_weighting", "1")
        + "</qtimetadata></itemmetadata><presentation><material>"
        f'<mattext texttype="text/plain">{escape(item.question)}</mattext></material>'
        f'<response_lid ident="response1" rcardinality="{cardinality}"><render_choice>'
        f"{labels}</render_choice></response_lid></presentation>"
        '<resprocessing><outcomes><decvar varname="SCORE" vartype="Decimal" minvalue="0" '
        'maxvalue="100"/></outcomes>'
        f"{feedback_conditions}"
        f'<respcondition continue="No"><conditionvar>{condition}</conditionvar>'
        '<setvar action="Set" varname="SCORE">100</setvar></respcondition></resprocessing>'
        f"{feedback}</item>"
    )


# --- plain HTML pages -------------------------------------------------------------------


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>{body}</body></html>\n"
    )


def _citation(content: ChapterContent) -> str:
    book = content.chapter.book
    guide = content.chapter.study_guide
    return (
        f"<p>Companion to {escape(' & '.join(book.authors))}, <cite>{escape(book.title)}: "
        f"{escape(book.subtitle)}</cite> ({escape(book.edition)} ed., {escape(book.publisher)}, "
        f"{book.year}), chapter {content.chapter.number}. From the study guide by "
        f"{escape(' & '.join(guide.authors))}.</p>"
    )


def _overview_html(content: ChapterContent) -> str:
    chapter = content.chapter
    epigraph = chapter.epigraph
    takeaways = "".join(f"<li>{escape(t.title)}</li>" for t in content.takeaways)
    return _page(
        f"Chapter {chapter.number}: {chapter.title}",
        f"<blockquote><p>{escape(epigraph.text)}</p><p>{escape(epigraph.attribution)}</p>"
        f"</blockquote><p>{escape(chapter.summary)}</p><h2>The key takeaways</h2>"
        f"<ol>{takeaways}</ol>{_citation(content)}",
    )


def _takeaways_html(content: ChapterContent) -> str:
    blocks = []
    for takeaway in content.takeaways:
        block = f"<h2>{takeaway.number}. {escape(takeaway.title)}</h2>"
        if takeaway.quote:
            page = f" ({escape(takeaway.quote.page)})" if takeaway.quote.page else ""
            block += (
                f"<blockquote><p>{escape(takeaway.quote.text)}</p>"
                f"<p>{escape(takeaway.quote.attribution)}{page}</p></blockquote>"
            )
        if takeaway.text:
            block += f"<p>{escape(takeaway.text)}</p>"
        blocks.append(block)
    return _page("Key takeaways", "".join(blocks) + _citation(content))


def _glossary_html(content: ChapterContent) -> str:
    terms = "".join(
        f"<dt>{escape(term.term)}</dt><dd>{escape(term.definition)}</dd>"
        for term in content.glossary
    )
    return _page("Glossary", f"<dl>{terms}</dl>{_citation(content)}")


def _facilitator_html(content: ChapterContent) -> str:
    group = content.group_supervision
    if group is None:
        return _page(
            "Facilitator's guide", "<p>This chapter has no group supervision material.</p>"
        )
    phases = "".join(
        f"<dt>{escape(phase.name)}</dt><dd>{escape(phase.description)}</dd>"
        for phase in group.phases
    )
    formats = "".join(
        f"<h3>{escape(f.name)} ({f.minutes} minutes)</h3><p>{escape(f.summary)}</p><ul>"
        + "".join(
            f"<li>{escape(group.phase(t.phase).name)}"
            f"{f' (case {t.case})' if t.case else ''}: {t.minutes} minutes</li>"
            for t in f.timings
        )
        + "</ul>"
        for f in group.formats
    )
    rules = "".join(
        f"<li><strong>{escape(r.title)}.</strong> {escape(r.text)}</li>" for r in group.ground_rules
    )
    peer = "".join(
        f"<h3>{escape(c.name)}</h3><p>{escape(c.purpose)}</p><p>Size: {escape(c.size)}</p>"
        f"<p>{escape(c.structure)}</p><p>{escape(c.advice)}</p>"
        for c in group.consultation_formats
    )
    deidentify = ""
    if group.case_preparation:
        deidentify = (
            "<h2>Before a case is presented</h2><ul>"
            + "".join(f"<li>{escape(step)}</li>" for step in group.case_preparation.deidentify)
            + "</ul>"
        )
    sources = "".join(f"<li>{escape(s.citation)}</li>" for s in group.sources)
    return _page(
        "Facilitator's guide: Balint and peer groups",
        "<p>For instructors and group leaders; students do not see this page.</p>"
        f"<h2>Ground rules</h2><ul>{rules}</ul>"
        f"<h2>Balint group phases</h2><dl>{phases}</dl>"
        f"<h2>Meeting formats</h2><p>{escape(group.timing_note)}</p>{formats}"
        f"<h2>Peer consultation formats</h2>{peer}{deidentify}"
        f"<h2>Sources</h2><ul>{sources}</ul>",
    )
