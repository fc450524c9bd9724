"""The built pages say only what companion_build.contract lists (tests/unit/test_contract.py)."""

from __future__ import annotations

import json
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


def test_every_page_gives_app_js_the_contracts_widget_modules(built_site: BuiltSite) -> None:
    island = re.compile(
        r'<script type="application/json" id="nr-widget-modules">(.*?)</script>', re.S
    )
    pages = sorted(built_site.directory.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        found = island.search(page.read_text(encoding="utf-8"))
        assert found, f"{page.relative_to(built_site.directory)} has no widget module list"
        listed = json.loads(found.group(1))
        assert listed == contract.widget_modules(), page.relative_to(built_site.directory)
        for path, _mount in listed.values():
            assert (built_site.directory / "assets" / "js" / path).is_file(), path
