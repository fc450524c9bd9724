"""Expand `<!-- nr:name -->` shortcodes in Markdown into content-derived blocks.

It runs as a Markdown preprocessor just after markdown-include, so a shortcode
works in included fragments too. An unknown shortcode fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.exceptions import PluginError

from companion_build.data_widgets import DATA_WIDGET_RENDERERS
from companion_build.exports.lms import LMS_RENDERERS
from companion_build.group_pulse_page import GROUP_PULSE_RENDERERS
from companion_build.instructor_pages import INSTRUCTOR_RENDERERS
from companion_build.links import Links
from companion_build.packet_widget import PACKET_WIDGET_RENDERERS
from companion_build.planning_widgets import PLANNING_WIDGET_RENDERERS
from companion_build.reflection_widgets import REFLECTION_WIDGET_RENDERERS
from companion_build.render import RENDERERS
from companion_build.session_pages import SESSION_RENDERERS
from companion_build.widgets import WIDGET_RENDERERS
from exercises.model import ChapterContent

SHORTCODE = re.compile(r"<!--\s*nr:(?P<name>[\w-]+)\s*-->")
# markdown-include registers at 101; html_block (which would hide comments) at 20.
PRIORITY = 100
ALL_RENDERERS = {
    **RENDERERS,
    **WIDGET_RENDERERS,
    **INSTRUCTOR_RENDERERS,
    **SESSION_RENDERERS,
    **REFLECTION_WIDGET_RENDERERS,
    **DATA_WIDGET_RENDERERS,
    **PLANNING_WIDGET_RENDERERS,
    **PACKET_WIDGET_RENDERERS,
    **LMS_RENDERERS,
    **GROUP_PULSE_RENDERERS,
}


@dataclass
class BuildState:
    """What the shortcodes need about the build in progress: content and current page."""

    content: ChapterContent | None = None
    links: Links | None = None
    page_source: str = ""
    used: dict[str, set[str]] = field(default_factory=dict)


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
        renderer = ALL_RENDERERS.get(name)
        if renderer is None:
            known = ", ".join(f"<!-- nr:{known} -->" for known in sorted(ALL_RENDERERS))
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
