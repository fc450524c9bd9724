"""The self-checks as one SCORM SCO (2004 4th Edition and 1.2): the site's widgets and Python.

The package holds one page with the glossary match, the flashcards and the
takeaway check, rendered by the site's own renderers; the site's widget code,
Python worker and client, the pinned Pyodide runtime, the precompiled standard
library and the exercises wheel; `sco.js`, which talks to the LMS, and a
storage module that keeps the attempt in `cmi.suspend_data`. Nothing in it asks
for a file outside the package, and there is no service worker.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import quoteattr

from mkdocs.exceptions import PluginError

from companion_build.delivery.minify import minify_assets
from companion_build.exports.reproducible_zip import FIXED_TIME
from companion_build.runtime.python_start import START_MANIFEST, STDLIB_FILE
from companion_build.runtime.python_wheel import MANIFEST_NAME, SITE_DIRECTORY
from companion_build.runtime.site_python import PythonFiles
from companion_build.widgets.self_check import (
    render_flashcards,
    render_glossary_match,
    render_takeaway_check,
)
from exercises.model import ChapterContent
from exercises.scorm_report import SUSPEND_LIMIT, longest_suspend_data

ScormVersion = Literal["2004", "1.2"]
VERSIONS: tuple[ScormVersion, ...] = ("2004", "1.2")
LAUNCH = "index.html"
HERE = Path(__file__).parent
# The site's modules the page uses, from overrides/assets/js; storage.js is the package's own.
SITE_SCRIPTS = (
    "lib/islands.js",
    "lib/ask-python.js",
    "python/client.js",
    "python/worker.js",
    "python/snapshot.js",
    "widgets/choice-set.js",
    "widgets/match.js",
    "widgets/flashcards.js",
    "widgets/python-status.js",
)
# The runtime files Pyodide loads. It starts on the precompiled library; its own full standard
# library is there for a module the precompiled one lacks, so nothing is fetched from outside.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide-lock.json",
    "python_stdlib.zip",
)
# What a first launch downloads: everything but the full library, kept for the rare miss.
FIRST_LAUNCH_FILES = RUNTIME_FILES[:-1]
IMPORT = re.compile(r"""(?:^|[;\s])(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']""", re.M)


def package_filename(content: ChapterContent, version: ScormVersion) -> str:
    suffix = "scorm2004" if version == "2004" else "scorm12"
    return f"chapter-{content.chapter.number:02d}-self-check-{suffix}.zip"


def package_sources(root: Path) -> list[Path]:
    """Every file of ours a package is made from, for the build cache's key."""
    scripts = root / "overrides" / "assets" / "js"
    return [
        *(scripts / name for name in (*SITE_SCRIPTS, "storage.js")),
        root / "overrides" / "assets" / "css" / "companion.css",
        *sorted((HERE / "sco").glob("*.js")),
        Path(__file__),
        HERE.parent / "widgets" / "self_check.py",
        HERE.parent / "widgets" / "markup.py",
    ]


def check_content(content: ChapterContent, source: str) -> None:
    """Refuse content the package cannot report on, before anything is written."""
    if not content.self_check:
        raise PluginError(
            f"{source}: self_check is empty, so the SCORM package would have nothing to grade "
            "or report. Add at least one question under self_check."
        )
    longest = longest_suspend_data(content.self_check, content.glossary)
    if len(longest) > SUSPEND_LIMIT:
        raise PluginError(
            f"{source}: a full attempt at the self-checks would need {len(longest)} characters "
            f"of SCORM suspend data, more than SCORM 1.2's {SUSPEND_LIMIT}. Shorten the ids of "
            "self_check questions, options or glossary terms."
        )


def build_packages(
    content: ChapterContent, python: PythonFiles, root: Path, mastery: float
) -> dict[ScormVersion, bytes]:
    """Both packages' zips, made from one set of files."""
    files = package_files(content, python, root)
    return {
        version: package_zip(
            {
                **files,
                LAUNCH: render_sco_page(content, python, version, mastery).encode("utf-8"),
            },
            content,
            version,
            mastery,
        )
        for version in VERSIONS
    }


def package_files(content: ChapterContent, python: PythonFiles, root: Path) -> dict[str, bytes]:
    """Everything but the page and the manifest, by path inside the package."""
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="nr-sco-") as folder:
        staged = Path(folder)
        own = {f"assets/js/{name}": root / "overrides/assets/js" / name for name in SITE_SCRIPTS}
        own["assets/js/site-storage.js"] = root / "overrides/assets/js/storage.js"
        own["assets/js/storage.js"] = HERE / "sco" / "storage.js"
        own["assets/js/sco.js"] = HERE / "sco" / "sco.js"
        own["assets/css/companion.css"] = root / "overrides/assets/css/companion.css"
        for name, source in own.items():
            (staged / name).parent.mkdir(parents=True, exist_ok=True)
            (staged / name).write_bytes(source.read_bytes())
        _check_imports(staged / "assets" / "js")
        minify_assets(root, staged, set())
        for name in own:
            files[name] = (staged / name).read_bytes()
    for stylesheet in _material_stylesheets():
        files[f"assets/stylesheets/{stylesheet.name}"] = stylesheet.read_bytes()
    runtime = f"assets/pyodide/{python.runtime.version}/"
    for name in RUNTIME_FILES:
        files[runtime + name] = (python.runtime.source / name).read_bytes()
    files[SITE_DIRECTORY + MANIFEST_NAME] = python.wheel_manifest.to_json().encode("utf-8")
    files[SITE_DIRECTORY + python.wheel_manifest.url] = python.wheel.read_bytes()
    files[SITE_DIRECTORY + START_MANIFEST] = python.start.to_json().encode("utf-8")
    files[SITE_DIRECTORY + python.start.stdlib] = (python.start_files / STDLIB_FILE).read_bytes()
    return files


def _check_imports(scripts: Path) -> None:
    """Every module a script imports must be in the package, or the SCO breaks in the LMS."""
    for script in sorted(scripts.rglob("*.js")):
        for target in IMPORT.findall(script.read_text(encoding="utf-8")):
            if target.startswith(".") and not (script.parent / target).resolve().is_file():
                raise PluginError(
                    f"The SCORM package's {script.relative_to(scripts)} imports {target}, which "
                    "the package does not hold: add it to SITE_SCRIPTS in "
                    "hooks/companion_build/exports/scorm.py."
                )


def _material_stylesheets() -> list[Path]:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    found = sorted(folder.glob("main.*.min.css")) + sorted(folder.glob("palette.*.min.css"))
    if len(found) != 2:
        raise PluginError(f"Material's stylesheets were not found in {folder}.")
    return found


class _PackageLinks:
    """Links from the package's page: to its own takeaway list, never to the site."""

    from_url = LAUNCH

    def to(self, page: str, anchor: str = "") -> str:
        return f"#{anchor}"


def render_sco_page(
    content: ChapterContent, python: PythonFiles, version: ScormVersion, mastery: float
) -> str:
    links = _PackageLinks()
    chapter = content.chapter
    title = f"Chapter {chapter.number}, {chapter.title}: self-check"
    python_config = {
        "worker": "assets/js/python/worker.js",
        "pyodide": f"assets/pyodide/{python.runtime.version}/pyodide.mjs",
        "manifest": SITE_DIRECTORY + MANIFEST_NAME,
        "start": SITE_DIRECTORY + START_MANIFEST,
        "pyodideVersion": python.runtime.version,
        "downloadBytes": sum(
            (python.runtime.source / name).stat().st_size for name in FIRST_LAUNCH_FILES
        )
        + (python.start_files / STDLIB_FILE).stat().st_size,
    }
    sco_config = {"scorm": version, "mastery": mastery}
    takeaways = "".join(
        f'<li id="{t.id}"><strong>{escape(t.title)}</strong>'
        + (
            f"<br>“{escape(t.quote.text)}” ({escape(t.quote.page)})"
            if t.quote and t.quote.page
            else ""
        )
        + "</li>"
        for t in content.takeaways
    )
    book = chapter.book
    stylesheets = "".join(
        f'<link rel="stylesheet" href="assets/stylesheets/{sheet.name}">'
        for sheet in _material_stylesheets()
    )
    # The widgets' renderers take the site's Links; this page's stand-in has the one method used.
    body = (
        f"<h1>{escape(title)}</h1>"
        f"<p>Self-checks on chapter {chapter.number} of <cite>{escape(book.title)}</cite> "
        f"({escape(book.edition)} ed., {book.year}). Every answer is checked by Python "
        "running in your browser.</p>"
        '<p class="nr-sco__status" data-nr-lms-status role="status">Connecting…</p>'
        '<h2 id="check-the-takeaways">Takeaway check</h2>'
        "<p>This is the part your course records: one point per question.</p>"
        f"{render_takeaway_check(content, links)}"  # type: ignore[arg-type]
        '<h2 id="match-the-terms">Glossary match</h2>'
        "<p>Practice: kept with your attempt, not graded.</p>"
        f"{render_glossary_match(content, links)}"  # type: ignore[arg-type]
        '<h2 id="practise-with-flashcards">Glossary flashcards</h2>'
        "<p>Practice: kept with your attempt, not graded.</p>"
        f"{render_flashcards(content, links)}"  # type: ignore[arg-type]
        f'<h2 id="takeaways">The key takeaways</h2><ol class="nr-sco__takeaways">{takeaways}</ol>'
    )
    policy = (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
        "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        # No icon of its own: opened outside an LMS frame, it would ask the host for /favicon.ico.
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title>{stylesheets}"
        '<link rel="stylesheet" href="assets/css/companion.css"></head>'
        '<body data-md-color-scheme="default" data-md-color-primary="indigo" '
        'data-md-color-accent="indigo"><div class="md-container"><main class="md-main">'
        '<div class="md-main__inner md-grid"><div class="md-content">'
        f'<article class="md-content__inner md-typeset">{body}</article></div></div></main></div>'
        f'<script type="application/json" id="nr-python-config">{_script_json(python_config)}'
        "</script>"
        f'<script type="application/json" id="nr-sco-config">{_script_json(sco_config)}</script>'
        '<script type="module" src="assets/js/sco.js"></script></body></html>'
    )


def _script_json(data: object) -> str:
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")


def package_zip(
    files: dict[str, bytes], content: ChapterContent, version: ScormVersion, mastery: float
) -> bytes:
    """The zip: the manifest first, then every file in name order, all with a fixed time."""
    manifest = render_manifest(content, version, mastery, sorted(files))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("imsmanifest.xml", manifest.encode("utf-8")), *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=9)
    return output.getvalue()


def render_manifest(
    content: ChapterContent, version: ScormVersion, mastery: float, names: Iterable[str]
) -> str:
    chapter = content.chapter
    title = escape(f"Chapter {chapter.number}, {chapter.title}: self-check")
    identifier = f"nr-chapter-{chapter.number:02d}-self-check"
    file_list = "".join(f"<file href={quoteattr(name)}/>" for name in names)
    if version == "2004":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<manifest identifier="{identifier}-2004" version="1" '
            'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
            'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
            'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
            'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" '
            'xmlns:imsss="http://www.imsglobal.org/xsd/imsss" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd '
            "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
            'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">'
            "<metadata><schema>ADL SCORM</schema>"
            "<schemaversion>2004 4th Edition</schemaversion></metadata>"
            '<organizations default="organization">'
            f'<organization identifier="organization"><title>{title}</title>'
            '<item identifier="self-check" identifierref="self-check-page">'
            f"<title>{title}</title>"
            "<imsss:sequencing><imsss:objectives>"
            '<imsss:primaryObjective objectiveID="takeaway-check" satisfiedByMeasure="true">'
            f"<imsss:minNormalizedMeasure>{mastery}</imsss:minNormalizedMeasure>"
            "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>"
            "</item></organization></organizations>"
            '<resources><resource identifier="self-check-page" type="webcontent" '
            f'adlcp:scormType="sco" href="{LAUNCH}">{file_list}</resource></resources>'
            "</manifest>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier="{identifier}-12" version="1.2" '
        'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 '
        "imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 "
        'imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">'
        "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
        '<organizations default="organization">'
        f'<organization identifier="organization"><title>{title}</title>'
        '<item identifier="self-check" identifierref="self-check-page" isvisible="true">'
        f"<title>{title}</title>"
        f"<adlcp:masteryscore>{round(mastery * 100)}</adlcp:masteryscore>"
        "</item></organization></organizations>"
        '<resources><resource identifier="self-check-page" type="webcontent" '
        f'adlcp:scormtype="sco" href="{LAUNCH}">{file_list}</resource></resources>'
        "</manifest>\n"
    )


def mastery_score(extra: Mapping[str, Any], config_file: Path) -> float:
    """extra.lms.mastery_score from mkdocs.yml (default 0.8), checked to be from 0 to 1."""
    lms = extra.get("lms") or {}
    value = lms.get("mastery_score", 0.8) if isinstance(lms, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        line = _line_of(config_file, "mastery_score")
        raise PluginError(
            f"{config_file.name}:{line}: extra.lms.mastery_score is {value!r}; it must be a "
            "number from 0 to 1, the share of the takeaway check a student must get right to "
            "pass in the LMS (for example 0.8)."
        )
    return float(value)


def _line_of(config_file: Path, key: str) -> int:
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(key)), 1)
