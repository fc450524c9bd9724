"""The build minifies our JS and CSS with the pinned esbuild, and says what to do without it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from companion_build.delivery.minify import minify_assets
from tools.site_server import ROOT

SOURCES = ROOT / "overrides" / "assets"


def copy_assets(site: Path) -> None:
    shutil.copytree(SOURCES / "js", site / "assets" / "js")
    shutil.copytree(SOURCES / "css", site / "assets" / "css")


def test_every_own_script_and_style_gets_smaller_and_keeps_its_imports(tmp_path: Path) -> None:
    site = tmp_path / "site"
    copy_assets(site)
    left_out = "assets/js/offline/sw.js"

    count = minify_assets(ROOT, site, {left_out})

    sources = [p for p in SOURCES.rglob("*") if p.suffix in {".js", ".css"}]
    assert count == len(sources) - 1
    for source in sources:
        relative = source.relative_to(SOURCES)
        minified = (site / "assets" / relative).read_text(encoding="utf-8")
        original = source.read_text(encoding="utf-8")
        if relative.as_posix() == left_out.removeprefix("assets/"):
            assert minified == original, "the service worker template must stay as it is"
            continue
        assert len(minified) < len(original), relative
        assert "/**" not in minified, f"{relative} still has its comments"
        # Only the code's imports: a JSDoc type names a module without importing it.
        code = re.sub(r"/\*.*?\*/", "", original, flags=re.DOTALL)
        for target in re.findall(r'(?:from |import\()"([^"]+)"', code):
            assert f'"{target}"' in minified, f"{relative} lost its import of {target}"


def test_without_esbuild_the_build_says_how_to_install_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    copy_assets(site)

    with pytest.raises(PluginError, match=r"npm ci"):
        minify_assets(tmp_path, site, set())


def test_minified_files_kept_in_a_cache_are_the_same_as_esbuilds(tmp_path: Path) -> None:
    made, from_cache, plain = tmp_path / "made", tmp_path / "from-cache", tmp_path / "plain"
    for site in (made, from_cache, plain):
        copy_assets(site)
    cache = tmp_path / "cache"

    minify_assets(ROOT, plain, set())
    minify_assets(ROOT, made, set(), cache)
    minify_assets(ROOT, from_cache, set(), cache)

    expected = {p.relative_to(plain): p.read_bytes() for p in plain.rglob("*") if p.is_file()}
    for site in (made, from_cache):
        assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == (
            expected
        )
    assert len(list(cache.iterdir())) == 1


def test_a_changed_script_is_minified_again_not_taken_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, second = tmp_path / "first", tmp_path / "second"
    copy_assets(first)
    copy_assets(second)
    app = Path("assets/js/app.js")
    (second / app).write_text(
        (second / app).read_text(encoding="utf-8") + "\nexport const addedForTheTest = 1;\n",
        encoding="utf-8",
    )

    minify_assets(ROOT, first, set(), cache)
    minify_assets(ROOT, second, set(), cache)

    assert "addedForTheTest" in (second / app).read_text(encoding="utf-8")
    assert "addedForTheTest" not in (first / app).read_text(encoding="utf-8")
