"""Fixtures shared by every kind of test: the repository root and the built, served site.

The site is built once per run. Run alone, the first test that needs it builds
and serves it. Run in parallel (`pytest -n 2`, as `make test` does), the
controller builds it once before the workers start and serves it for the whole
run; each worker is told its directory and origin, so no worker builds again.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

import tests.unit.hypothesis_profile  # noqa: F401  (no deadline, for every kind of test)
from tools.site_server import ROOT, BuildFailed, BuiltSite, built_and_served

__all__ = ["BuiltSite"]

SHARED_SITE = "nr_built_site"  # the key in each worker's input
NO_SITE_FOLDERS = ("tests/unit", "tests/content")  # tests that never read the built site


def _needs_site(config: pytest.Config) -> bool:
    """Whether the run's paths reach beyond the tests that never read the site."""
    paths = [str(arg).split("::")[0] for arg in config.args] or ["tests"]
    for path in paths:
        relative = Path(path).resolve()
        try:
            relative = relative.relative_to(ROOT)
        except ValueError:
            return True
        if not any(relative.as_posix().startswith(folder) for folder in NO_SITE_FOLDERS):
            return True
    return False


def _is_parallel_controller(config: pytest.Config) -> bool:
    return (
        not hasattr(config, "workerinput")
        and config.pluginmanager.hasplugin("xdist")
        and bool(getattr(config.option, "numprocesses", None))
        and not getattr(config.option, "collectonly", False)
    )


_SHARED_KEY = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """xdist's controller, before its workers start: build and serve the site for all of them."""
    config = session.config
    if not _is_parallel_controller(config) or not _needs_site(config):
        return
    stack = ExitStack()
    config.add_cleanup(stack.close)
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nr-site-")))
    try:
        site = stack.enter_context(built_and_served(folder / "site"))
    except BuildFailed as error:  # every test that needs the site fails with the build's output
        config.stash[_SHARED_KEY] = json.dumps({"failed": str(error)})
    else:
        config.stash[_SHARED_KEY] = json.dumps(
            {"directory": str(site.directory), "origin": site.origin, "output": site.build_output}
        )


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: hand each worker the controller's built site, if it built one."""
    shared = node.config.stash.get(_SHARED_KEY, None)
    if shared is not None:
        node.workerinput[SHARED_SITE] = shared


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BuiltSite]:
    shared = getattr(request.config, "workerinput", {}).get(SHARED_SITE)
    if shared:
        site = json.loads(shared)
        if "failed" in site:
            pytest.fail(site["failed"])
        yield BuiltSite(Path(site["directory"]), site["origin"], site["output"])
        return
    try:
        with built_and_served(tmp_path_factory.mktemp("site")) as site:
            yield site
    except BuildFailed as error:
        pytest.fail(str(error))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep a module's tests on one worker when they share a module-scoped fixture (a browser
    page with Python started, a built package), so a parallel run starts it once, not per worker.
    Run with `--dist loadgroup`; every other test goes to whichever worker is free."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        definitions = getattr(info, "name2fixturedefs", {})
        shared = any(
            definition.scope == "module"
            for name in getattr(item, "fixturenames", ())
            for definition in definitions.get(name, ())
        )
        if shared and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
