"""MkDocs hooks: load the chapter, expand shortcodes, link terms, ship the Python runtime."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from companion_build.bridge_samples import sample_payloads
from companion_build.content import ContentError, load_chapter
from companion_build.exports import EXPORT_DIRECTORY, site_exports, write_exports
from companion_build.exports.lms import LmsSetup, configure, lms_exports, write_lms_exports
from companion_build.exports.scorm import PythonFiles, check_content, mastery_score
from companion_build.glossary_links import GlossaryLinker
from companion_build.host_headers import (
    hashed_theme_files,
    render_headers,
    warn_without_site_url,
    write_headers,
)
from companion_build.html_fixes import label_search_dialog
from companion_build.links import Links
from companion_build.minify import minify_assets
from companion_build.precache import TEMPLATE, WORKER, precache_list, write_service_worker
from companion_build.pyodide_assets import PyodideRuntime, copy_runtime, find_runtime
from companion_build.python_start import (
    MODULES_FILE,
    START_MANIFEST,
    StartManifest,
    describe_start,
    ensure_python_start,
    first_visit_paths,
    write_python_start,
)
from companion_build.python_wheel import (
    MANIFEST_NAME,
    SITE_DIRECTORY,
    WheelManifest,
    describe,
    ensure_wheel,
    write_wheel,
)
from companion_build.qr_libraries import copy_qr_libraries
from companion_build.security_policy import apply_policy
from companion_build.shortcodes import BuildState, ShortcodeExtension

STATE = BuildState()
CONTENT_CACHE = Path("build") / "content"
_LINKER: list[GlossaryLinker] = []
_PYTHON: list[tuple[PyodideRuntime, Path, WheelManifest, Path, StartManifest]] = []
# `mkdocs serve` injects a live-reload script no build can hash, and must never serve stale pages.
_SERVING: list[bool] = [False]


def on_startup(command: str, dirty: bool) -> None:
    _SERVING[0] = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    warn_without_site_url(config.site_url)
    relative = config.extra.get("content_file")
    if not isinstance(relative, str):
        raise PluginError("mkdocs.yml: set extra.content_file to the chapter's content file.")
    try:
        STATE.content = load_chapter(root / relative, relative, root / CONTENT_CACHE)
    except ContentError as error:
        raise PluginError(str(error)) from None
    STATE.used.clear()
    _LINKER[:] = [GlossaryLinker(STATE.content)]
    # Markdown accepts extension instances as well as names; MkDocs types the list as names.
    config.markdown_extensions.append(ShortcodeExtension(STATE))  # type: ignore[arg-type]
    # The LMS packages' settings and needs, before the slow Python steps: bad input stops
    # the build at once, with nothing written.
    mastery = mastery_score(config.extra, Path(config.config_file_path))
    check_content(STATE.content, relative)
    # After the content: its mistakes are the likelier ones, and checking them is quick.
    config.extra["nr_python"] = _prepare_python(root, sample_payloads(STATE.content))
    runtime, wheel, manifest, start_files, start = _PYTHON[0]
    python = PythonFiles(runtime, wheel, manifest, start_files, start)
    lms = LmsSetup(STATE.content, python, root, mastery, config.site_url or "")
    configure(lms)
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


def on_post_build(config: MkDocsConfig) -> None:
    runtime, wheel, manifest, start_files, start = _PYTHON[0]
    site_dir = Path(config.site_dir)
    if not _SERVING[0]:
        # `mkdocs serve` keeps the sources readable for whoever is working on them.
        minify_assets(Path(config.config_file_path).parent, site_dir, {TEMPLATE})
    copy_runtime(runtime, site_dir)
    copy_qr_libraries(Path(config.config_file_path).parent, site_dir)
    write_wheel(wheel, manifest, site_dir)
    assert STATE.content is not None
    write_exports(site_exports(STATE.content), site_dir)
    write_lms_exports(site_dir)
    write_python_start(start_files, start, site_dir)
    policy = apply_policy(site_dir, allow_inline_scripts=_SERVING[0])
    # Folders whose name pins their content, with that version: immutable for browsers,
    # and not re-hashed for the service worker's list.
    versioned = {
        runtime.site_directory: runtime.version,
        SITE_DIRECTORY + manifest.url.rsplit("/", 1)[0] + "/": manifest.sha256[:16],
        SITE_DIRECTORY + start.stdlib.rsplit("/", 1)[0] + "/": start.stdlib.split("/")[-2],
    }
    immutable = [folder + "*" for folder in versioned] + hashed_theme_files(site_dir)
    base_path = urlsplit(config.site_url or "/").path
    write_headers(
        site_dir,
        render_headers(
            policy,
            base_path,
            immutable,
            [SITE_DIRECTORY + MANIFEST_NAME, SITE_DIRECTORY + START_MANIFEST, WORKER],
        ),
    )
    # Pyodide's own standard library is not used: the worker loads the precompiled one.
    # Nor what the build says it put in the precompiled library (for tests and the bench).
    modules = SITE_DIRECTORY + start.stdlib.rsplit("/", 1)[0] + "/" + MODULES_FILE
    unused = {runtime.site_directory + "python_stdlib.zip", modules}
    # The LMS packages (megabytes each) are for instructors to download, not for offline use.
    unused |= {f"{EXPORT_DIRECTORY}/{export.filename}" for export in lms_exports()}
    entries = [] if _SERVING[0] else precache_list(site_dir, unused, versioned)
    write_service_worker(site_dir, entries)


def _prepare_python(root: Path, samples: dict[str, str]) -> dict[str, object]:
    """Find the runtime and the wheel now, so pages can tell the browser where they are."""
    runtime = find_runtime(root)
    wheel = ensure_wheel(root)
    manifest = describe(wheel)
    start_files, inputs = ensure_python_start(root, runtime, wheel, samples)
    start = describe_start(start_files, inputs, runtime, manifest)
    _PYTHON[:] = [(runtime, wheel, manifest, start_files, start)]
    # Paths from the site root; overrides/main.html makes them page-relative with `| url`.
    return {
        "worker": "assets/js/python/worker.js",
        "pyodide": runtime.site_directory + "pyodide.mjs",
        "manifest": SITE_DIRECTORY + MANIFEST_NAME,
        "start": SITE_DIRECTORY + START_MANIFEST,
        "pyodide_version": runtime.version,
        # A first visit, compressed: the runtime and the precompiled library.
        "download_bytes": start.download_bytes,
        # After this long without a byte, the status line says the connection looks slow.
        "slow_after_seconds": 10,
        # What pages with widgets ask for in their <head>, before the worker does.
        "preload": first_visit_paths(start, runtime),
    }
