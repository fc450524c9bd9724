"""Render the chapter's content as Markdown and HTML for the pages' shortcodes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape

from companion_build.pages.links import Links, prompt_anchor
from exercises.model import (
    USE_LABELS,
    USES,
    ChapterContent,
    EditorNote,
    GlossaryTerm,
    Prompt,
    Quote,
    Source,
)

Renderer = Callable[[ChapterContent, Links], str]


def _join(*blocks: str) -> str:
    """Markdown blocks separated by blank lines, so raw HTML stays raw."""
    return "\n\n".join(block for block in blocks if block) + "\n"


def _md(text: str) -> str:
    """Escape text for a Markdown heading or list item."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)


def _list(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def render_quote(quote: Quote, css_class: str = "nr-quote") -> str:
    page = f", {escape(quote.page)}" if quote.page else ""
    return (
        f'<blockquote class="{css_class}"><p>“{escape(quote.text)}”</p>'
        f"<footer>— <cite>{escape(quote.attribution)}</cite>{page}</footer></blockquote>"
    )


def render_epigraph(content: ChapterContent, links: Links) -> str:
    return render_quote(content.chapter.epigraph, "nr-quote nr-epigraph")


def render_summary(content: ChapterContent, links: Links) -> str:
    return f'<p class="nr-summary">{escape(content.chapter.summary)}</p>'


def render_takeaway_list(content: ChapterContent, links: Links) -> str:
    items = "".join(
        f'<li><a href="{links.to("takeaways", item.id)}">{escape(item.title)}</a>'
        f"{_prompt_count(content, item.id)}</li>"
        for item in content.takeaways
    )
    return f'<ol class="nr-takeaway-list">{items}</ol>'


def _prompt_count(content: ChapterContent, takeaway_id: str) -> str:
    count = len(content.prompts_for(takeaway_id))
    if not count:
        return ""
    return f' <span class="nr-muted">({count} prompt{"s" if count > 1 else ""})</span>'


def render_glossary_list(content: ChapterContent, links: Links) -> str:
    items = "".join(
        f'<li><a href="{links.to("glossary", term.id)}">{escape(term.term)}</a></li>'
        for term in content.glossary
    )
    return f'<ul class="nr-term-list">{items}</ul>'


def render_takeaways(content: ChapterContent, links: Links) -> str:
    blocks: list[str] = []
    for item in content.takeaways:
        blocks.append(f"## {item.number}. {_md(item.title)} {{ #{item.id} }}")
        if item.quote:
            blocks.append(render_quote(item.quote))
        if item.text:
            blocks.append(f'<p class="nr-takeaway__text">{escape(item.text)}</p>')
        prompts = content.prompts_for(item.id)
        if prompts:
            entries = "".join(
                _prompt_html(prompt, links, on_prompts_page=False) for prompt in prompts
            )
            blocks.append(
                f'<section class="nr-takeaway__prompts" aria-label="Discussion prompts for '
                f'takeaway {item.number}"><p class="nr-label">Discussion prompts</p>{entries}'
                "</section>"
            )
        if item.background:
            blocks.append(_editor_note(item.background, "Background"))
    return _join(*blocks)


def render_glossary(content: ChapterContent, links: Links) -> str:
    entries = "".join(_glossary_entry(content, term, links) for term in content.glossary)
    return f'<dl class="nr-glossary">{entries}</dl>'


def _glossary_entry(content: ChapterContent, term: GlossaryTerm, links: Links) -> str:
    parts = [f'<p class="nr-definition">{escape(term.definition)}</p>']
    uses = term_uses(content, term)
    if uses:
        places = [
            f'<a href="{links.to("takeaways", item_id)}">takeaway {number}</a>'
            for item_id, number in uses["takeaways"]
        ] + [
            f'<a href="{links.prompt(prompt_id)}">prompt {prompt_id}</a>'
            for prompt_id, _ in uses["prompts"]
        ]
        parts.append(f'<p class="nr-used-in">Used in {_list(places)}.</p>')
    else:
        parts.append('<p class="nr-used-in">Not used in the takeaways or prompts.</p>')
    if term.see_also:
        related = [
            f'<a href="#{other}">{escape(content.term(other).term)}</a>' for other in term.see_also
        ]
        parts.append(f'<p class="nr-see-also">See also {_list(related)}.</p>')
    if term.editor_note:
        parts.append(_editor_note(term.editor_note, "Editor’s note"))
    return f'<dt id="{term.id}">{escape(term.term)}</dt><dd>{"".join(parts)}</dd>'


def term_pattern(term: GlossaryTerm) -> re.Pattern[str]:
    """Matches the term (or a listed variant) as a whole word, in any case."""
    names = sorted({term.term, *term.also_matches}, key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def term_uses(content: ChapterContent, term: GlossaryTerm) -> dict[str, list[tuple[str, str]]]:
    """Which takeaways and prompts mention a term, for the glossary's "Used in"."""
    pattern = term_pattern(term)
    takeaways = [
        (item.id, str(item.number))
        for item in content.takeaways
        if any(pattern.search(text or "") for text in (item.text, item.quote and item.quote.text))
    ]
    prompts = [(p.id, p.id) for p in content.prompts if pattern.search(p.text)]
    return {"takeaways": takeaways, "prompts": prompts} if takeaways or prompts else {}


def _editor_note(note: EditorNote, label: str) -> str:
    sources = "".join(f"<li>{_source(source)}</li>" for source in note.sources)
    return (
        f'<div class="nr-editor-note" role="note"><p><strong>{label}</strong> '
        '<span class="nr-muted">(ours, not the study guide’s)</span>: '
        f'{escape(note.text)}</p><p class="nr-label">Sources</p><ul data-nr-no-terms>{sources}</ul>'
        "</div>"
    )


def _source(source: Source) -> str:
    if source.url:
        return f'{escape(source.citation)} <a href="{escape(source.url)}">{escape(source.url)}</a>'
    return escape(source.citation)


def _prompt_html(prompt: Prompt, links: Links, *, on_prompts_page: bool) -> str:
    anchor = prompt_anchor(prompt.id)
    tags = "".join(f'<li class="nr-tag">{USE_LABELS[use]}</li>' for use in prompt.uses)
    meta = f'<ul class="nr-tags" aria-label="Suggested uses">{tags}</ul>'
    if prompt.personal:
        meta += '<p class="nr-personal">Asks for personal reflection.</p>'
    alternative = ""
    if prompt.alternative:
        alternative = (
            '<p class="nr-prompt__alternative"><strong>Non-personal alternative</strong> '
            f'<span class="nr-muted">(ours)</span>: {escape(prompt.alternative)}</p>'
        )
    if on_prompts_page:
        head = (
            f'<a class="nr-prompt__id" href="#{anchor}" title="Permalink to prompt {prompt.id}">'
            f"{prompt.id}</a>"
        )
        copy = (
            f'<button type="button" class="nr-copy-link md-button" data-nr-copy="{anchor}" '
            'hidden>Copy link<span class="nr-visually-hidden"> to prompt '
            f"{prompt.id}</span></button>"
        )
        return (
            f'<div class="nr-prompt" id="{anchor}" data-uses="{" ".join(prompt.uses)}">'
            f'<p class="nr-prompt__text">{head} {escape(prompt.text)}</p>{alternative}'
            f'<div class="nr-prompt__meta">{meta}{copy}</div></div>'
        )
    head = f'<a class="nr-prompt__id" href="{links.prompt(prompt.id)}">{prompt.id}</a>'
    return (
        f'<div class="nr-prompt"><p class="nr-prompt__text">{head} {escape(prompt.text)}</p>'
        f'{alternative}<div class="nr-prompt__meta">{meta}</div></div>'
    )


def render_prompts(content: ChapterContent, links: Links) -> str:
    options = [("all", "All prompts")] + [(use, USE_LABELS[use]) for use in USES]
    radios = "".join(
        f'<label class="nr-filter__option"><input type="radio" name="nr-use" value="{value}"'
        f"{' checked' if value == 'all' else ''}> {label}</label>"
        for value, label in options
    )
    blocks = [
        f'<form class="nr-filter" data-nr-filter hidden><fieldset><legend>Show prompts for</legend>'
        f'{radios}</fieldset><p class="nr-filter__status" role="status" aria-live="polite">'
        f"</p></form>"
    ]
    for item in content.takeaways:
        prompts = content.prompts_for(item.id)
        if not prompts:
            continue
        blocks.append(f"## Takeaway {item.number}: {_md(item.title)} {{ #takeaway-{item.number} }}")
        blocks.append(
            f'<div class="nr-prompt-group" data-nr-group>'
            f'<p class="nr-muted"><a href="{links.to("takeaways", item.id)}">Read takeaway '
            f"{item.number}</a></p>"
            + "".join(_prompt_html(prompt, links, on_prompts_page=True) for prompt in prompts)
            + "</div>"
        )
    return _join(*blocks)


def render_citation(content: ChapterContent, links: Links) -> str:
    book = content.chapter.book
    guide = content.chapter.study_guide
    authors = _list(book.authors)
    return (
        '<div class="nr-citation" data-nr-no-terms>'
        f"<p><strong>The book</strong>: {escape(authors)} ({book.year}). <cite>"
        f"{escape(book.title)}: {escape(book.subtitle)}</cite> ({escape(book.edition)} ed.). "
        f"{escape(book.publisher)}. Chapter {content.chapter.number}, "
        f"“{escape(content.chapter.title)}”.</p>"
        f"<p><strong>The study guide</strong>: {escape(_list(guide.authors))}. "
        f"<cite>{escape(guide.title)}</cite>.</p></div>"
    )


def render_sources(content: ChapterContent, links: Links) -> str:
    items = [
        f'<li><a href="{links.to("glossary", term.id)}">{escape(term.term)}</a> (glossary): '
        f"{_sources_inline(term.editor_note)}</li>"
        for term in content.glossary
        if term.editor_note
    ] + [
        f'<li><a href="{links.to("takeaways", item.id)}">Takeaway {item.number}</a>: '
        f"{_sources_inline(item.background)}</li>"
        for item in content.takeaways
        if item.background
    ]
    return f'<ul class="nr-sources" data-nr-no-terms>{"".join(items)}</ul>'


def _sources_inline(note: EditorNote | None) -> str:
    return "; ".join(_source(source) for source in note.sources) if note else ""


SHORTCODES: dict[str, Renderer] = {
    "epigraph": render_epigraph,
    "summary": render_summary,
    "takeaway-list": render_takeaway_list,
    "glossary-list": render_glossary_list,
    "takeaways": render_takeaways,
    "glossary": render_glossary,
    "prompts": render_prompts,
    "citation": render_citation,
    "sources": render_sources,
}
