"""Relative URLs between the site's pages, for HTML that MkDocs does not rewrite."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

# The pages that content-derived links point into; a missing one fails the build.
PAGES = {
    "takeaways": "takeaways.md",
    "glossary": "glossary.md",
    "prompts": "prompts.md",
    "about": "about.md",
}


@dataclass(frozen=True)
class Links:
    """Builds links from one page (`from_url`) to anchors on the site's other pages."""

    files: Files
    from_url: str

    def to(self, page: str, anchor: str = "") -> str:
        source = PAGES[page]
        file = self.files.get_file_from_path(source)
        if file is None:
            raise LookupError(f"docs/{source} is missing; content links point into it.")
        url = get_relative_url(file.url, self.from_url)
        if file.url == self.from_url:
            url = ""
        return f"{url}#{anchor}" if anchor else (url or "./")

    def prompt(self, prompt_id: str) -> str:
        return self.to("prompts", prompt_anchor(prompt_id))


def prompt_anchor(prompt_id: str) -> str:
    """The HTML id of a prompt: 5.07 becomes prompt-5-07 (dots trip CSS selectors)."""
    return "prompt-" + prompt_id.replace(".", "-")
