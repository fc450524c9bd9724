"""Turn every use of a glossary term in a page's running text into a term with a tooltip.

The term becomes a link to its glossary entry, described by a tooltip that
shows on hover and keyboard focus (CSS) and on a first tap (app.js). Headings,
links, code, form controls and widgets are left exactly as they are.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from companion_build.render import term_pattern
from exercises.model import ChapterContent, GlossaryTerm

SKIP_TAGS = frozenset(
    {
        "a", "button", "code", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
        "legend", "option", "pre", "script", "select", "style", "svg", "textarea", "title",
        "summary", "cite", "template",
    }
)  # fmt: skip
SKIP_ATTRIBUTES = ("data-nr-widget", "data-nr-no-terms")
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class GlossaryLinker:
    """Links terms in one page's HTML; one instance per build, `link` per page."""

    def __init__(self, content: ChapterContent) -> None:
        self.terms = {term.id: term for term in content.glossary}
        names: list[tuple[str, str]] = []
        for term in content.glossary:
            names += [(name, term.id) for name in {term.term, *term.also_matches}]
        names.sort(key=lambda pair: len(pair[0]), reverse=True)
        self.term_for_name = {name.lower(): term_id for name, term_id in names}
        alternatives = "|".join(re.escape(name) for name, _ in names)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def link(self, html: str, glossary_url: str) -> str:
        parser = _TermParser(self, glossary_url)
        parser.feed(html)
        parser.close()
        return "".join(parser.out)

    def replacement(self, matched: str, glossary_url: str, number: int) -> str:
        term = self.terms[self.term_for_name[matched.lower()]]
        tip_id = f"nr-tip-{number}"
        return (
            f'<span class="nr-term"><a class="nr-term__link" href="{glossary_url}#{term.id}" '
            f'aria-describedby="{tip_id}">{matched}</a><span class="nr-term__tip" role="tooltip" '
            f'id="{tip_id}" data-search-exclude>{_tip_text(term)}</span></span>'
        )


def _tip_text(term: GlossaryTerm) -> str:
    return f"<strong>{escape(term.term)}</strong>: {escape(term.definition)}"


class _TermParser(HTMLParser):
    def __init__(self, linker: GlossaryLinker, glossary_url: str) -> None:
        super().__init__(convert_charrefs=False)
        self.linker = linker
        self.glossary_url = glossary_url
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.skipping = 0
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in VOID_TAGS:
            return
        names = {name for name, _ in attrs}
        classes = (dict(attrs).get("class") or "").split()
        skip = (
            tag in SKIP_TAGS
            or any(name in names for name in SKIP_ATTRIBUTES)
            or "nr-term" in classes
            or "headerlink" in classes
        )
        self.stack.append((tag, skip))
        self.skipping += skip

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return
        while self.stack:
            open_tag, skip = self.stack.pop()
            self.skipping -= skip
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping:
            self.out.append(data)
        else:
            self.out.append(self.linker.pattern.sub(self._replace, data))

    def _replace(self, match: re.Match[str]) -> str:
        self.count += 1
        return self.linker.replacement(match.group(0), self.glossary_url, self.count)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


__all__ = ["GlossaryLinker", "term_pattern"]
