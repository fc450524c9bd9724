"""Expand `<!-- nr:name -->` shortcodes in Markdown into content-derived blocks.

It runs as a Markdown preprocessor just after markdown-include, so a shortcode
works in included fragments too. An unknown shortcode fails the build.

Every module of `pages`, `widgets` and `exports` that renders shortcodes names them in
its own `SHORTCODES` mapping; this module finds them, so a new one is listed nowhere else.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

from companion_build.pages.chapter import Renderer
from companion_build.state import BuildState

# The packages whose modules may render shortcodes.
SHORTCODE_PACKAGES = ("companion_build.pages", "companion_build.widgets", "companion_build.exports")

SHORTCODE = re.compile(r"<!--\s*nr:(?P<name>[\w-]+)\s*-->")
# markdown-include registers at 101; html_block (which would hide comments) at 20.
PRIORITY = 100


@functools.cache
def all_shortcodes() -> dict[str, Renderer]:
    """Every shortcode by name, from each module's `SHORTCODES`; a name used twice is a bug."""
    found: dict[str, Renderer] = {}
    owners: dict[str, str] = {}
    for package_name in SHORTCODE_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__, package_name + "."):
            module = importlib.import_module(info.name)
            for name, renderer in getattr(module, "SHORTCODES", {}).items():
                if name in found:
                    raise PluginError(
                        f"The shortcode nr:{name} is in SHORTCODES of both {owners[name]} and "
                        f"{info.name}. Rename one of them."
                    )
                found[name] = renderer
                owners[name] = info.name
    return found


class ShortcodePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, state: BuildState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "nr:" not in text:
            return lines
        return SHORTCODE.sub(self._expand, text).split("\n")

    def _expand(self, match: re.Match[str]) -> str:
        name = match.group("name")
        state = self.state
        renderer = all_shortcodes().get(name)
        if renderer is None:
            known = ", ".join(f"<!-- nr:{known} -->" for known in sorted(all_shortcodes()))
            raise PluginError(
                f"docs/{state.page_source}: unknown shortcode {match.group(0)}. "
                f"Use one of: {known}."
            )
        if state.content is None or state.links is None:
            raise PluginError(f"docs/{state.page_source}: shortcode used before content loaded.")
        state.used.setdefault(state.page_source, set()).add(name)
        return "\n\n" + renderer(state.content, state.links) + "\n\n"


class ShortcodeExtension(Extension):
    def __init__(self, state: BuildState) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(ShortcodePreprocessor(md, self.state), "nr_shortcodes", PRIORITY)
