"""The LMS packages on the Downloads page: SCORM 2004 and 1.2, and the Common Cartridge.

`configure` runs when the build loads its settings, after hooks/main.py checked
the mastery score and the content (scorm.mastery_score, scorm.check_content),
so bad input stops the build before anything is written. The packages are made
once, when the Downloads page lists them (with their sizes), kept as files in
`build/lms/` until something they are made from changes, and linked (or
copied) into `site/exports/` after the build, each whole under a temporary
name and then renamed (build_cache.place).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from companion_build.build_cache import cached_files, inputs_key, place
from companion_build.exports import EXPORT_DIRECTORY
from companion_build.exports.cartridge import cartridge_filename, write_course_cartridge
from companion_build.exports.scorm import (
    VERSIONS,
    build_packages,
    package_filename,
    package_sources,
)
from companion_build.pages.download_table import render_download_table
from companion_build.pages.links import Links
from companion_build.runtime.site_python import PythonFiles
from exercises.model import ChapterContent

CACHE = Path(__file__).resolve().parents[3] / "build" / "lms"


@dataclass(frozen=True)
class Package:
    """One LMS package as the Downloads page lists it; its bytes stay in the build's cache.

    Megabytes each: the build copies the kept file into the site and never reads it.
    """

    filename: str
    title: str
    holds: str
    use: str
    kept: Path

    @property
    def size(self) -> int:
        return self.kept.stat().st_size


@dataclass(frozen=True)
class LmsSetup:
    content: ChapterContent
    python: PythonFiles
    root: Path
    mastery: float
    site_url: str


_SETUP: list[LmsSetup] = []
_MADE: list[tuple[Package, ...]] = []  # this build's


def configure(setup: LmsSetup) -> None:
    # The cartridge links to the deployed site only when the build was told where it lives.
    _SETUP[:] = [replace(setup, site_url=setup.site_url if os.environ.get("SITE_URL") else "")]
    _MADE.clear()


def lms_exports() -> tuple[Package, ...]:
    """The packages for the configured build, from the cache when nothing changed."""
    # Made once per build (configure() starts a new one): hashing what they are made of
    # is most of the work of a build whose packages come from the cache.
    if not _SETUP:
        raise RuntimeError("lms.configure() was not called before the packages were needed")
    if not _MADE:
        setup = _SETUP[0]
        kept = cached_files(CACHE / "packages", _key(setup), lambda: _package_files(setup))
        _MADE.append(_describe(setup, kept))
    return _MADE[0]


def _key(setup: LmsSetup) -> str:
    # The site's Python by the fingerprints it already has (runtime, wheel, precompiled
    # library): reading its 13 MB again would cost more than the rest of the key.
    python = setup.python
    fingerprints = f"{python.start.to_json()}|{python.wheel_manifest.to_json()}"
    sources = [
        *package_sources(setup.root),
        Path(__file__),
        Path(__file__).with_name("cartridge.py"),
        setup.root / "exercises" / "cartridge.py",
    ]
    return inputs_key(
        f"{setup.content!r}|{setup.mastery}|{setup.site_url}|{fingerprints}",
        sources,
        ("mkdocs-material",),
    )


def _package_files(setup: LmsSetup) -> dict[str, bytes]:
    packages = build_packages(setup.content, setup.python, setup.root, setup.mastery)
    return {
        cartridge_filename(setup.content): write_course_cartridge(
            setup.content, setup.site_url or None
        ),
        **{package_filename(setup.content, version): packages[version] for version in VERSIONS},
    }


def _describe(setup: LmsSetup, kept: dict[str, Path]) -> tuple[Package, ...]:
    names = {"2004": "SCORM 2004 4th Edition", "1.2": "SCORM 1.2"}
    pass_mark = f"{round(setup.mastery * 100)} %"
    content = setup.content
    cartridge = Package(
        cartridge_filename(content),
        "Common Cartridge 1.1",
        f"{len(content.prompts)} discussion topics grouped by takeaway, the "
        f"{len(content.self_check)} self-check questions as a quiz with feedback, the overview, "
        "takeaways and glossary as pages"
        + (", links to this site" if setup.site_url else "")
        + ", and a facilitator's guide that only instructors see",
        "Moodle: Site or course administration → Restore, upload the file (Moodle reads "
        "Common Cartridge 1.1). Canvas: Settings → Import course content → Common Cartridge "
        "1.x Package.",
        kept[cartridge_filename(content)],
    )
    return (
        cartridge,
        *(
            Package(
                package_filename(setup.content, version),
                names[version],
                f"The glossary match, flashcards and takeaway check as one activity that reports "
                f"the takeaway check's score to the gradebook (pass mark {pass_mark}), graded by "
                "the site's Python; includes the Python runtime",
                "Moodle: Add an activity or resource → SCORM package, upload the zip as it is. "
                "Canvas: in a course where your institution has turned on the SCORM tool, open "
                "SCORM in the course menu, upload the zip and choose to grade it."
                if version == "2004"
                else "Only for an LMS that does not take SCORM 2004; the same steps in Moodle "
                "and Canvas.",
                kept[package_filename(setup.content, version)],
            )
            for version in VERSIONS
        ),
    )


def render_lms_downloads(content: ChapterContent, links: Links) -> str:
    return render_download_table(
        lms_exports(),
        links,
        table_class="nr-lms-downloads",
        caption="Packages for a learning management system",
        use_heading="How to upload",
    )


def write_lms_exports(site_dir: Path) -> None:
    folder = site_dir / EXPORT_DIRECTORY
    folder.mkdir(parents=True, exist_ok=True)
    for package in lms_exports():
        place(package.kept, folder / package.filename)


SHORTCODES = {"lms-downloads": render_lms_downloads}
