"""Fixtures shared by every kind of test: the repository root and the built, served site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import tests.unit.hypothesis_profile  # noqa: F401  (no deadline, for every kind of test)
from tools.site_server import ROOT, BuildFailed, BuiltSite, built_and_served

__all__ = ["BuiltSite"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    try:
        with built_and_served(tmp_path_factory.mktemp("site")) as site:
            yield site
    except BuildFailed as error:
        pytest.fail(str(error))
