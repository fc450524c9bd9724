"""The built pages say only what companion_build.contract lists (tests/unit/test_contract.py)."""

from __future__ import annotations

import re

from companion_build import contract
from tools.site_server import BuiltSite

ATTRIBUTE = re.compile(r"\sdata-nr-([a-z0-9-]+)")
WIDGET = re.compile(r'\sdata-nr-widget="([^"]*)"')


def test_built_pages_use_only_the_contracts_widget_kinds_and_attributes(
    built_site: BuiltSite,
) -> None:
    kinds: dict[str, str] = {}
    attributes: dict[str, str] = {}
    for page in sorted(built_site.directory.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(built_site.directory).as_posix()
        kinds.update({kind: where for kind in WIDGET.findall(html)})
        attributes.update({name: where for name in ATTRIBUTE.findall(html)})
    unknown = {kind: where for kind, where in kinds.items() if kind not in contract.WIDGET_KINDS}
    assert not unknown, f"pages carry widget kinds app.js cannot mount: {unknown}"
    assert sorted(kinds) == sorted(contract.WIDGET_KINDS), "a widget kind is on no page"
    stray = {name: where for name, where in attributes.items()}
    for name in contract.RENDERED_ATTRIBUTES:
        stray.pop(name, None)
    assert not stray, f"pages carry data-nr-* attributes the contract does not list: {stray}"
    assert {"widget", "widget-data", "python-status"} <= attributes.keys()
