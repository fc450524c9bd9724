"""MkDocs hooks: a thin dispatcher from MkDocs's events to the build's packages.

One `BuildState` carries what the build knows from hook to hook. The work is in
`companion_build`: `content` loads the chapter, `pages` and `widgets` render it,
`runtime` makes the site's Python, `exports` writes the downloads and LMS packages,
and `delivery` minifies, protects and lists the site for offline use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from companion_build.content import ContentError, load_chapter
from companion_build.contract import widget_modules
from companion_build.delivery.host_headers import warn_without_site_url
from companion_build.delivery.minify import minify_assets
from companion_build.delivery.precache import TEMPLATE
from companion_build.delivery.qr_libraries import copy_qr_libraries
from companion_build.delivery.site_files import deliver
from companion_build.exports import EXPORT_DIRECTORY, site_exports, write_exports
from companion_build.exports.lms import LmsSetup, configure, lms_exports, write_lms_exports
from companion_build.exports.scorm import check_content, mastery_score
from companion_build.pages.html_fixes import label_search_dialog
from companion_build.pages.links import Links
from companion_build.pages.shortcodes import ShortcodeExtension
from companion_build.runtime.bridge_samples import kept_sample_payloads
from companion_build.runtime.site_python import page_config, prepare_python, write_python
from companion_build.state import BuildState

STATE = BuildState()
CONTENT_CACHE = Path("build") / "content"
MINIFY_CACHE = Path("build") / "minified"
TEMPLATE_CACHE = Path("build") / "templates"


def on_startup(command: str, dirty: bool) -> None:
    STATE.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    STATE.root = root = Path(config.config_file_path).parent
    warn_without_site_url(config.site_url)
    relative = config.extra.get("content_file")
    if not isinstance(relative, str):
        raise PluginError("mkdocs.yml: set extra.content_file to the chapter's content file.")
    try:
        content = load_chapter(root / relative, relative, root / CONTENT_CACHE)
    except ContentError as error:
        raise PluginError(str(error)) from None
    STATE.load(content)
    # Markdown accepts extension instances as well as names; MkDocs types the list as names.
    config.markdown_extensions.append(ShortcodeExtension(STATE))  # type: ignore[arg-type]
    # The LMS packages' settings and needs, before the slow Python steps: bad input stops
    # the build at once, with nothing written.
    mastery = mastery_score(config.extra, Path(config.config_file_path))
    check_content(content, relative)
    # After the content: its mistakes are the likelier ones, and checking them is quick.
    STATE.python = prepare_python(root, kept_sample_payloads(content))
    config.extra["nr_python"] = page_config(STATE.python)
    config.extra["nr_widgets"] = widget_modules()
    configure(LmsSetup(content, STATE.python, root, mastery, config.site_url or ""))
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # The theme's templates, compiled once and kept (Jinja checks each against its source):
    # compiling Material's 45 templates was a quarter of a build.
    cache = STATE.root / TEMPLATE_CACHE
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    STATE.enter_page(page.file.src_uri, Links(files, page.url))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return STATE.link_terms(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return label_search_dialog(output, f"docs/{page.file.src_uri}")


def on_post_build(config: MkDocsConfig) -> None:
    content, python = STATE.built()
    STATE.keep_linked_pages()
    site_dir = Path(config.site_dir)
    if not STATE.serving:
        # `mkdocs serve` keeps the sources readable for whoever is working on them.
        minify_assets(STATE.root, site_dir, {TEMPLATE}, STATE.root / MINIFY_CACHE)
    write_python(python, site_dir)
    copy_qr_libraries(STATE.root, site_dir)
    write_exports(site_exports(content), site_dir)
    write_lms_exports(site_dir)
    # The LMS packages (megabytes each) are for instructors to download, not for offline use.
    packages = [f"{EXPORT_DIRECTORY}/{package.filename}" for package in lms_exports()]
    deliver(site_dir, python, config.site_url, packages, serving=STATE.serving)
