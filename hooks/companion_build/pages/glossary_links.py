"""Turn every use of a glossary term in a page's running text into a term with a tooltip.

The term becomes a link to its glossary entry, described by a tooltip that
shows on hover and keyboard focus (CSS) and on a first tap (app.js). Headings,
links, code, form controls and widgets are left exactly as they are.
"""

from __future__ import annotations

import re
import sys
from html import escape
from pathlib import Path

from companion_build.pages import chapter
from companion_build.pages.chapter import term_pattern
from exercises.model import ChapterContent, GlossaryTerm

SKIP_TAGS = frozenset(
    {
        "a", "button", "code", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
        "legend", "option", "pre", "script", "select", "style", "svg", "textarea", "title",
        "summary", "cite", "template",
    }
)  # fmt: skip
SKIP_ATTRIBUTES = ("data-nr-widget", "data-nr-no-terms")
# Comments, declarations and tags (attribute values may hold ">" inside quotes); the
# text between them is what terms are looked for in. Markdown and the theme write
# well-formed HTML, and raw-text elements (script, style) are skipped as a whole.
MARKUP = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>"
    r"|<(?P<end>/)?(?P<name>[a-zA-Z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
# Character references (&amp;, &#38;, &#x26;) are markup too: a term named "amp" must
# never be linked inside one.
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
CLASS_ATTRIBUTE = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
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
        if not self.pattern.search(html):
            return html  # no term anywhere: nothing to parse
        linking = _PageLinking(self, glossary_url)
        out: list[str] = []
        position = 0
        for token in MARKUP.finditer(html):
            start = token.start()
            if start > position:
                out.append(linking.text(html[position:start]))
            text, name, end = token.group(0, "name", "end")
            out.append(text)
            if name:
                linking.tag(name.lower(), text, bool(end))
            position = token.end()
        out.append(linking.text(html[position:]))
        return "".join(out)

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


def linking_inputs(content: ChapterContent) -> str:
    """Everything but a page's HTML and the glossary's address that decides what `link` gives:
    the glossary, this code and the module whose `term_pattern` it uses, and Python's (`re`,
    `html.escape`)."""
    code = "".join(
        Path(module.__file__ or "").read_text(encoding="utf-8")
        for module in (sys.modules[__name__], chapter)
    )
    return f"{content.glossary!r}\0{sys.version}\0{code}"


class _PageLinking:
    """Which elements the scan is inside, and the tooltips numbered so far, for one page."""

    def __init__(self, linker: GlossaryLinker, glossary_url: str) -> None:
        self.linker = linker
        self.glossary_url = glossary_url
        self.stack: list[tuple[str, bool]] = []
        # How many of each element are open: an end tag of none of them is ignored, and
        # looking that up here is quicker than searching the stack for every end tag.
        self.open: dict[str, int] = {}
        self.skipping = 0
        self.count = 0

    def tag(self, name: str, text: str, is_end: bool) -> None:
        if is_end:
            if not self.open.get(name):
                return
            while self.stack:
                open_tag, skip = self.stack.pop()
                self.open[open_tag] -= 1
                self.skipping -= skip
                if open_tag == name:
                    break
            return
        if name in VOID_TAGS or text.endswith("/>"):
            return
        skip = name in SKIP_TAGS or any(attribute in text for attribute in SKIP_ATTRIBUTES)
        if not skip and "class" in text:  # most tags have none: no need to look for it
            found = CLASS_ATTRIBUTE.search(text)
            class_names = next(filter(None, found.groups()), "").split() if found else []
            skip = "nr-term" in class_names or "headerlink" in class_names
        self.stack.append((name, skip))
        self.open[name] = self.open.get(name, 0) + 1
        self.skipping += skip

    def text(self, data: str) -> str:
        if self.skipping:
            return data
        out: list[str] = []
        position = 0
        for reference in CHARACTER_REFERENCE.finditer(data):
            out.append(self.linker.pattern.sub(self._replace, data[position : reference.start()]))
            out.append(reference.group(0))
            position = reference.end()
        out.append(self.linker.pattern.sub(self._replace, data[position:]))
        return "".join(out)

    def _replace(self, match: re.Match[str]) -> str:
        self.count += 1
        return self.linker.replacement(match.group(0), self.glossary_url, self.count)


__all__ = ["GlossaryLinker", "linking_inputs", "term_pattern"]
