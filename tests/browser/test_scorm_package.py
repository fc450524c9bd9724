"""The SCORM packages in a browser, with scorm-again as the LMS on a loopback page.

The test LMS page holds scorm-again's API (the LMS side of SCORM, recording every
call, committing nowhere) and launches the package's index.html in an iframe,
as Moodle and Canvas do. Each package is unpacked from the built site's
exports/ into its own folder, so a request outside that folder is visible.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, FrameLocator, expect

from companion_build.content import load_chapter
from exercises.model import ChapterContent, CheckItem
from tests.browser.browser_helpers import PYTHON_TIMEOUT_MS, ROOT, run_axe
from tests.browser.guarded_page import GuardedPage, guarded_pages
from tools.site_server import QuietHandler, serving

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist"
VERSIONS = {
    "2004": ("scorm2004", "Scorm2004API", "API_1484_11"),
    "1.2": ("scorm12", "Scorm12API", "API"),
}
# What the check-in, notes, map, plan and packet keep in the browser: none of it may reach the LMS.
REFLECTION_RECORDS = ("checkins", "constellation", "day-plan", "prep-packet", "notes:5.01")
REFLECTION_TEXT = "my-private-reflection-text"

# A question's result line once Python graded it.
GRADED = re.compile(r"^(?!Checking…$).+")
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<link rel="icon" href="data:,">
<script src="scorm-again.js"></script>
<script>
  const settings = {autocommit: false, logLevel: 5};
  const api = new %(constructor)s(settings);
  const initial = JSON.parse(new URLSearchParams(location.search).get("cmi") || "{}");
  if (Object.keys(initial).length) api.loadFromJSON(initial);
  window.calls = [];
  for (const name of %(methods)s) {
    api.on(name, (element, value) => window.calls.push([name, element ?? null, value ?? null]));
  }
  window.%(global)s = api;
  window.lmsApi = api;
  addEventListener("DOMContentLoaded", () => {
    document.querySelector("iframe").src = "package/index.html";
  });
</script></head><body><main><h1>Test LMS</h1>
<iframe title="Self-check" style="width: 1200px; height: 900px"></iframe></main></body></html>
"""
METHODS = {
    "2004": ["Initialize", "SetValue.cmi.*", "Commit", "Terminate"],
    "1.2": ["LMSInitialize", "LMSSetValue.cmi.*", "LMSCommit", "LMSFinish"],
}


@dataclass(frozen=True)
class Lms:
    version: str
    origin: str  # the LMS's own server: it serves the package as unzipped, without our _headers
    folder: str  # below the origin, with a trailing slash

    def url(self, cmi: dict[str, Any] | None = None) -> str:
        query = f"?cmi={quote(json.dumps(cmi))}" if cmi else ""
        return f"{self.folder}lms.html{query}"


@pytest.fixture(scope="module")
def content() -> ChapterContent:
    return load_chapter(ROOT / "content" / "chapter-05.yml")


@pytest.fixture(scope="module", params=list(VERSIONS))
def lms(
    request: pytest.FixtureRequest, built_site: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Lms]:
    version = request.param
    stem, constructor, global_name = VERSIONS[version]
    served = tmp_path_factory.mktemp(f"lms-{stem}")
    folder = served / f"test-lms-{stem}"
    (folder / "package").mkdir(parents=True)
    archive = next((Path(built_site.directory) / "exports").glob(f"*-self-check-{stem}.zip"))
    with zipfile.ZipFile(archive) as package:
        package.extractall(folder / "package")
    shutil.copyfile(SCORM_AGAIN / f"{stem}.min.js", folder / "scorm-again.js")
    page = LMS_PAGE % {
        "constructor": constructor,
        "global": global_name,
        "methods": json.dumps(METHODS[version]),
    }
    (folder / "lms.html").write_text(page, encoding="utf-8")
    (folder / "blank.html").write_text(
        '<!doctype html><html lang="en"><title>Blank</title><link rel="icon" href="data:,"></html>',
        encoding="utf-8",
    )
    with serving(served, QuietHandler) as origin:
        yield Lms(version, origin, f"test-lms-{stem}/")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def open_lms_page(browser: Browser, lms: Lms) -> Iterator[Callable[..., GuardedPage]]:
    """Factory: a page in a fresh context on the LMS's origin, every request to elsewhere
    listed (and failing the test)."""
    with guarded_pages(browser, lms.origin, GuardedPage) as open_page:
        yield open_page


def _answers(content: ChapterContent, wrong_every: int) -> dict[str, tuple[list[str], bool]]:
    """Chosen options per question: right ones, except every `wrong_every`-th question."""
    chosen = {}
    for number, item in enumerate(content.self_check):
        right = [option.id for option in item.options if option.correct]
        if number % wrong_every == 0:
            wrong = next(option.id for option in item.options if not option.correct)
            chosen[item.id] = ([wrong], False)
        else:
            chosen[item.id] = (right, True)
    return chosen


def _formatted(version: str, item: CheckItem, option_ids: list[str]) -> str:
    """A response as SCORM writes it: 2004 "a[,]c" or "true"; 1.2 "a,c" or "t"."""
    if item.kind == "true-false":
        return option_ids[0] if version == "2004" else option_ids[0][0]
    return ("[,]" if version == "2004" else ",").join(option_ids)


def _answer(frame: FrameLocator, item: CheckItem, options: list[str]) -> None:
    form = frame.locator(f'form[data-nr-item="{item.id}"]')
    for option in options:
        form.locator(f'input[value="{option}"]').check()
    form.get_by_role("button", name="Check").click()
    expect(form.locator("[data-nr-result]")).to_have_text(GRADED, timeout=PYTHON_TIMEOUT_MS)


def _launch(page: GuardedPage, lms: Lms, cmi: dict[str, Any] | None = None) -> FrameLocator:
    page.goto(lms.url(cmi))
    frame = page.page.frame_locator("iframe")
    expect(frame.locator("[data-nr-lms-status]")).not_to_have_text(
        re.compile(r"^(Connecting|Restoring)"), timeout=PYTHON_TIMEOUT_MS
    )
    return frame


def _seed_reflections(page: GuardedPage, lms: Lms) -> None:
    """The site's and the package's reflection records, as a reader who used both would have."""
    page.goto(f"{lms.folder}blank.html")
    page.page.evaluate(
        """([names, text, scopes]) => {
            for (const name of names) {
                for (const scope of scopes) {
                    localStorage.setItem(`nr:v1:${scope}:${name}`, JSON.stringify({text}));
                }
            }
        }""",
        [list(REFLECTION_RECORDS), REFLECTION_TEXT, ["/", f"/{lms.folder}package/"]],
    )


def _wait_for_report(page: GuardedPage, interactions: int) -> None:
    """The LMS holds `interactions` interactions, and the package committed after the last one."""
    page.page.wait_for_function(
        """(count) => window.lmsApi.cmi.interactions.childArray.length === count
            && window.calls.at(-1)?.[0].endsWith("Commit")""",
        arg=interactions,
        timeout=PYTHON_TIMEOUT_MS,
    )


def _calls(page: GuardedPage) -> list[list[Any]]:
    calls: list[list[Any]] = page.page.evaluate("() => window.calls")
    return calls


def _set_values(calls: list[list[Any]]) -> dict[str, str]:
    return {element: value for name, element, value in calls if "SetValue" in name}


def _interactions(page: GuardedPage, version: str) -> list[dict[str, Any]]:
    """The interactions as the runtime received them (SCORM 1.2 keeps them write-only)."""
    fields: dict[int, dict[str, str]] = {}
    for element, value in _set_values(_calls(page)).items():
        match = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", element)
        if match:
            fields.setdefault(int(match[1]), {})[match[2]] = value
    response = "learner_response" if version == "2004" else "student_response"
    return [
        {
            "id": entry["id"],
            "type": entry["type"],
            "result": entry["result"],
            "response": entry[response],
            "pattern": entry["correct_responses.0.pattern"],
            "description": entry.get("description"),
        }
        for _, entry in sorted(fields.items())
    ]


def _leave(page: GuardedPage, version: str) -> None:
    """Take the package away as an LMS does when the student leaves: its pagehide runs."""
    page.page.evaluate("() => { document.querySelector('iframe').src = 'about:blank'; }")
    terminate = "Terminate" if version == "2004" else "LMSFinish"
    page.page.wait_for_function(
        "(name) => window.calls.some(([called]) => called === name)", arg=terminate
    )


def test_an_attempt_is_reported_resumed_and_reviewed(
    open_lms_page: Callable[..., GuardedPage], lms: Lms, content: ChapterContent
) -> None:
    page = open_lms_page(viewport={"width": 1280, "height": 1000})
    _seed_reflections(page, lms)
    frame = _launch(page, lms)
    expect(frame.locator("[data-nr-lms-status]")).to_contain_text("recording this self-check")

    # 2004: every third question wrong (fails the 80 % pass mark); 1.2: every eighth (passes).
    wrong_every = 3 if lms.version == "2004" else 8
    chosen = _answers(content, wrong_every)
    answered = content.self_check[:5]
    for item in answered:
        _answer(frame, item, chosen[item.id][0])
    _wait_for_report(page, len(answered))
    values = _set_values(_calls(page))
    status = "cmi.completion_status" if lms.version == "2004" else "cmi.core.lesson_status"
    assert values[status] == "incomplete"
    assert len(_interactions(page, lms.version)) == len(answered)

    for item in content.self_check[5:]:
        _answer(frame, item, chosen[item.id][0])
    _wait_for_report(page, len(content.self_check))
    calls = _calls(page)
    values = _set_values(calls)
    right = sum(correct for _, correct in chosen.values())
    total = len(content.self_check)
    scaled = right / total
    passed = scaled >= 0.8
    if lms.version == "2004":
        assert float(values["cmi.score.scaled"]) == pytest.approx(scaled, abs=1e-4)
        assert float(values["cmi.score.raw"]) == pytest.approx(100 * scaled, abs=0.01)
        assert (values["cmi.score.min"], values["cmi.score.max"]) == ("0", "100")
        assert values["cmi.completion_status"] == "completed"
        assert values["cmi.success_status"] == ("passed" if passed else "failed")
        assert not passed
    else:
        assert float(values["cmi.core.score.raw"]) == pytest.approx(100 * scaled, abs=0.01)
        assert values["cmi.core.lesson_status"] == ("passed" if passed else "failed")
        assert passed
    assert any(name in ("Commit", "LMSCommit") for name, _, _ in calls)

    interactions = _interactions(page, lms.version)
    assert [i["id"] for i in interactions] == [item.id for item in content.self_check]
    wrong_word = "incorrect" if lms.version == "2004" else "wrong"
    by_id = {item.id: item for item in content.self_check}
    for interaction in interactions:
        item = by_id[interaction["id"]]
        options, correct = chosen[item.id]
        assert interaction["result"] == ("correct" if correct else wrong_word)
        assert interaction["type"] == ("true-false" if item.kind == "true-false" else "choice")
        right_ids = [option.id for option in item.options if option.correct]
        assert interaction["pattern"] == _formatted(lms.version, item, right_ids)
        assert interaction["response"] == _formatted(lms.version, item, options)
        if lms.version == "2004":
            assert interaction["description"].startswith(item.question.split()[0])

    suspend = values["cmi.suspend_data"]
    assert len(suspend) <= 4096
    recorded = json.dumps(calls)
    assert REFLECTION_TEXT not in recorded
    assert "nr:v1:" not in recorded  # no stored record's key either

    _leave(page, lms.version)
    exit_element = "cmi.exit" if lms.version == "2004" else "cmi.core.exit"
    assert _set_values(_calls(page))[exit_element] == "suspend"
    package = urlsplit(page.url(lms.folder + "package/")).path
    outside = [
        url
        for url in page.page_requests
        if not urlsplit(url).path.startswith(package)
        and urlsplit(url).path
        not in {f"/{lms.folder}{name}" for name in ("lms.html", "scorm-again.js", "blank.html")}
    ]
    assert not outside, outside
    assert not page.problems(), page.problems()

    # Relaunch with what the LMS stored: the answers and their results come back.
    mode = {"entry": "resume", "suspend_data": suspend}
    cmi = mode if lms.version == "2004" else {"core": {"entry": "resume"}, "suspend_data": suspend}
    frame = _launch(page, lms, cmi)
    for item in content.self_check:
        form = frame.locator(f'form[data-nr-item="{item.id}"]')
        for option in chosen[item.id][0]:
            expect(form.locator(f'input[value="{option}"]')).to_be_checked()
        expect(form.locator("[data-nr-result]")).not_to_be_empty()
    expect(frame.locator("[data-nr-score]")).to_contain_text(f"{right} of {total}")

    # Review mode: the same answers, read-only, and nothing written to the LMS.
    if lms.version == "2004":
        cmi = {"mode": "review", "suspend_data": suspend}
    else:
        cmi = {"core": {"lesson_mode": "review"}, "suspend_data": suspend}
    frame = _launch(page, lms, cmi)
    expect(frame.locator("[data-nr-lms-status]")).to_contain_text("Review")
    first = content.self_check[0]
    form = frame.locator(f'form[data-nr-item="{first.id}"]')
    expect(form.locator(f'input[value="{chosen[first.id][0][0]}"]')).to_be_checked()
    expect(form.locator("input").first).to_be_disabled()
    expect(form.get_by_role("button", name="Try again")).to_be_disabled()
    _leave(page, lms.version)
    assert not _set_values(_calls(page))
    assert not [name for name, _, _ in _calls(page) if "Commit" in name]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_without_an_lms_the_package_says_it_is_not_reporting(
    open_lms_page: Callable[..., GuardedPage], lms: Lms, content: ChapterContent, scheme: str
) -> None:
    page = open_lms_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(f"{lms.folder}package/index.html")
    status = page.page.locator("[data-nr-lms-status]")
    expect(status).to_contain_text("nothing is reported")
    item = content.self_check[0]
    right = [option.id for option in item.options if option.correct]
    form = page.page.locator(f'form[data-nr-item="{item.id}"]')
    for option in right:
        form.locator(f'input[value="{option}"]').check()
    form.get_by_role("button", name="Check").click()
    expect(form.locator("[data-nr-result]")).to_have_text("Correct.", timeout=PYTHON_TIMEOUT_MS)
    assert run_axe(page.page) == []
    assert not page.problems(), page.problems()


def test_the_lms_pass_mark_wins_over_the_packages_own(
    open_lms_page: Callable[..., GuardedPage], lms: Lms, content: ChapterContent
) -> None:
    """An LMS that sets its own pass mark (from the manifest or the teacher) is obeyed."""
    page = open_lms_page(viewport={"width": 1280, "height": 1000})
    if lms.version == "2004":
        cmi: dict[str, Any] = {"scaled_passing_score": "0.6"}  # 65 % now passes
        wrong_every, status, expected = 3, "cmi.success_status", "passed"
    else:
        cmi = {"student_data": {"mastery_score": "90"}}  # 87 % now fails
        wrong_every, status, expected = 8, "cmi.core.lesson_status", "failed"
    frame = _launch(page, lms, cmi)
    expect(frame.locator("[data-nr-lms-status]")).to_contain_text(
        "60 % to pass" if lms.version == "2004" else "90 % to pass"
    )
    chosen = _answers(content, wrong_every)
    for item in content.self_check:
        _answer(frame, item, chosen[item.id][0])
    _wait_for_report(page, len(content.self_check))
    assert _set_values(_calls(page))[status] == expected
