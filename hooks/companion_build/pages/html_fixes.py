"""Small, checked fixes to Material's page HTML that its templates offer no option for."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def label_search_dialog(html: str, page: str) -> str:
    """Give the search dialog an accessible name (axe: aria-dialog-name)."""
    if SEARCH_DIALOG not in html:
        raise PluginError(
            f"{page}: Material's search dialog markup changed; update "
            "hooks/companion_build/pages/html_fixes.py so the dialog keeps its label."
        )
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
