"""A broken content file, shortcode or include stops the build with a message that helps."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.site_server import BuiltSite

# Everything the build reads. Linked, not copied: node_modules (the Pyodide runtime) and
# build/, the caches of the wheel and the fast-start files, so a broken page fails in
# seconds instead of first making Python's start files again (a minute each, cold).
COPIED = (
    "mkdocs.yml",
    "docs",
    "hooks",
    "overrides",
    "content",
    "exercises",
    "pyproject.toml",
    "README.md",
    "package.json",
    "package-lock.json",
)


@pytest.fixture
def project(root: Path, tmp_path: Path, built_site: BuiltSite) -> Path:
    """A copy of the project to break. After the session's site build, whose caches it uses."""
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    for linked in ("node_modules", "build"):
        (tmp_path / linked).symlink_to(root / linked, target_is_directory=True)
    return tmp_path


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_content_fails_with_file_line_path_and_fix(project: Path) -> None:
    content = project / "content/chapter-05.yml"
    _replace(
        content, "see_also: [competence-constellations,", "see_also: [competence-constelations,"
    )
    _replace(
        content, "    takeaway: structured-peer-groups\n", "    takeaway: structured-peer-group\n"
    )
    result = _build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "2 problems in the chapter content" in output
    assert "content/chapter-05.yml:" in output
    assert (
        "prompts[2].takeaway: names the takeaway 'structured-peer-group', which does not "
        "exist. Did you mean 'structured-peer-groups'?"
    ) in output
    assert "glossary[0].see_also[0]: names the glossary term 'competence-constelations'" in output
    assert "Traceback" not in output
    assert not (project / "out/index.html").exists()


def test_unknown_shortcode_fails_the_build(project: Path) -> None:
    _replace(project / "docs/glossary.md", "<!-- nr:glossary -->", "<!-- nr:glosary -->")
    output = "".join(_build(project).__dict__[key] for key in ("stdout", "stderr"))
    assert "docs/glossary.md: unknown shortcode <!-- nr:glosary -->. Use one of:" in output
    assert "<!-- nr:glossary -->" in output


def test_missing_include_fails_the_build(project: Path) -> None:
    (project / "docs/includes/privacy-note.md").unlink()
    result = _build(project)
    assert result.returncode != 0
    assert "privacy-note.md" in result.stdout + result.stderr
