"""MkDocs hooks: load and validate the chapter, expand shortcodes, link glossary terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from companion_build.content import ContentError, load_chapter
from companion_build.glossary_links import GlossaryLinker
from companion_build.html_fixes import label_search_dialog
from companion_build.links import Links
from companion_build.shortcodes import BuildState, ShortcodeExtension

STATE = BuildState()
_LINKER: list[GlossaryLinker] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    relative = config.extra.get("content_file")
    if not isinstance(relative, str):
        raise PluginError("mkdocs.yml: set extra.content_file to the chapter's content file.")
    try:
        STATE.content = load_chapter(root / relative, relative)
    except ContentError as error:
        raise PluginError(str(error)) from None
    STATE.used.clear()
    _LINKER[:] = [GlossaryLinker(STATE.content)]
    # Markdown accepts extension instances as well as names; MkDocs types the list as names.
    config.markdown_extensions.append(ShortcodeExtension(STATE))  # type: ignore[arg-type]
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    STATE.page_source = page.file.src_uri
    STATE.links = Links(files, page.url)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert STATE.links is not None
    glossary_url = STATE.links.to("glossary").split("#")[0]
    if glossary_url == "./":
        glossary_url = ""
    return _LINKER[0].link(html, glossary_url)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return label_search_dialog(output, f"docs/{page.file.src_uri}")
