"""The one object a build carries from hook to hook (hooks/main.py dispatches to it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from companion_build.build_cache import KeptTexts
from companion_build.pages.glossary_links import GlossaryLinker, linking_inputs
from companion_build.pages.links import Links
from companion_build.runtime.site_python import PythonFiles
from exercises.model import ChapterContent

# Each page's HTML with its terms linked, from the last build: most pages do not change.
LINKED_CACHE = Path("build") / "linked-terms" / "pages.pickle"


@dataclass
class BuildState:
    """What the build knows so far: the content, the page in hand, the site's Python."""

    content: ChapterContent | None = None
    linker: GlossaryLinker | None = None
    linked: KeptTexts | None = None
    python: PythonFiles | None = None
    # The page being rendered: its source (for messages) and its links to other pages.
    page_source: str = ""
    links: Links | None = None
    # Which shortcodes each page used.
    used: dict[str, set[str]] = field(default_factory=dict)
    # `mkdocs serve` keeps sources readable and never serves stale pages.
    serving: bool = False
    root: Path = Path()

    def load(self, content: ChapterContent) -> None:
        self.content = content
        self.linker = GlossaryLinker(content)
        self.linked = KeptTexts(self.root / LINKED_CACHE, linking_inputs(content))
        self.used.clear()

    def enter_page(self, source: str, links: Links) -> None:
        self.page_source = source
        self.links = links

    def link_terms(self, html: str) -> str:
        """Link the glossary's terms in a page's HTML, to the glossary page."""
        linker, linked = self.linker, self.linked
        assert linker is not None and linked is not None and self.links is not None
        glossary_url = self.links.to("glossary").split("#")[0]
        glossary_url = "" if glossary_url == "./" else glossary_url
        return linked.get(f"{glossary_url}\0{html}", lambda: linker.link(html, glossary_url))

    def keep_linked_pages(self) -> None:
        """Keep this build's linked pages for the next build (after the last page)."""
        if self.linked is not None:
            self.linked.save()

    def built(self) -> tuple[ChapterContent, PythonFiles]:
        """The content and the Python, which every step after the configuration needs."""
        assert self.content is not None and self.python is not None
        return self.content, self.python
