"""The table of downloadable files (name, format, contents, where to use it, size) on Downloads."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Protocol

from mkdocs.utils import get_relative_url

from companion_build.exports import EXPORT_DIRECTORY
from companion_build.pages.links import Links


class Download(Protocol):
    """What a row of the table shows: an Export, or an LMS package kept in the build's cache."""

    @property
    def filename(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def holds(self) -> str: ...
    @property
    def use(self) -> str: ...
    @property
    def size(self) -> int: ...


def describe_size(size: int) -> str:
    """A file's size as a reader reads it: bytes, KB or MB (of 1,024)."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"


def breakable(filename: str) -> str:
    """A file name that may wrap before a dot and after a dash, never mid-word."""
    text = escape(filename).replace(".", "<wbr>.").replace("-", "-<wbr>")
    return text.replace("_", "_<wbr>")


def render_download_table(
    exports: Iterable[Download], links: Links, *, table_class: str, caption: str, use_heading: str
) -> str:
    """The files as a table in a focusable, labelled region: on a phone it scrolls inside it."""
    rows = "".join(
        f'<tr><td><a href="{get_relative_url(f"{EXPORT_DIRECTORY}/{e.filename}", links.from_url)}'
        f'" download>{breakable(e.filename)}</a></td><td>{escape(e.title)}</td>'
        f"<td>{escape(e.holds)}</td><td>{escape(e.use)}</td>"
        f'<td class="nr-nowrap">{describe_size(e.size)}</td></tr>'
        for e in exports
    )
    caption_id = f"{table_class}-caption"
    return (
        f'<section class="nr-table-scroll" tabindex="0" aria-labelledby="{caption_id}">'
        f'<table class="{table_class}" data-nr-no-terms><caption id="{caption_id}">'
        f'{escape(caption)}</caption><thead><tr><th scope="col">File</th>'
        '<th scope="col">Format</th><th scope="col">Holds</th>'
        f'<th scope="col">{escape(use_heading)}</th>'
        f'<th scope="col">Size</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )
