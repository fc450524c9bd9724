"""Helpers for the browser tests: the site's pages, axe-core, and what a reader can see."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Locator, Page, expect

if TYPE_CHECKING:
    from tests.browser.guarded_page import GuardedPage

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# How long a reader might reasonably wait for something the page does by itself.
UI_TIMEOUT_MS = 5_000
# Python downloads and starts in the worker; on a loaded 2-core machine that can take 20 s.
PYTHON_TIMEOUT_MS = 60_000
# Material's search builds its index in a web worker: allow it plenty of time.
SEARCH_TIMEOUT_MS = 30_000

# The colour schemes every widget is checked in.
Preference = Literal["light", "dark"]


@dataclass(frozen=True)
class SitePage:
    """One page of the nav: its nav title, its path below the origin, and its H1."""

    title: str
    path: str  # "" for home, "glossary/" for docs/glossary.md
    h1: str

    def __str__(self) -> str:
        return self.path or "home"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV and !relative tags."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _nav_files(entries: list[Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for entry in entries:
        if isinstance(entry, str):
            pairs.append((entry, entry))
            continue
        for title, value in entry.items():
            if isinstance(value, list):
                pairs += _nav_files(value)
            elif isinstance(value, str) and value.endswith(".md"):
                pairs.append((title, value))
    return pairs


def _page_path(markdown_file: str) -> str:
    stem = markdown_file.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _first_h1(markdown_file: Path) -> str:
    for line in markdown_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{markdown_file} has no '# ' heading, so its page has no H1")


def site_pages() -> list[SitePage]:
    """Every page in mkdocs.yml's nav, with the H1 its Markdown source gives it."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _TolerantLoader)
    return [
        SitePage(title, _page_path(file), _first_h1(ROOT / "docs" / file))
        for title, file in _nav_files(config["nav"])
    ]


def origin_of(url: str) -> str | None:
    """scheme://host:port of a network URL; None for URLs that never touch the network."""
    if url.startswith("blob:"):
        url = url[len("blob:") :]
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return None
    return f"{parts.scheme}://{parts.netloc}"


# ---------------------------------------------------------------- the security policy

# An init script: records every content security policy violation in window.__violations.
RECORD_POLICY_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


# ---------------------------------------------------------------- axe-core


@functools.cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core's default rules on the page as it is now; return its violations."""
    if not AXE_SCRIPT.is_file():
        raise AssertionError(
            f"axe-core is missing at {AXE_SCRIPT}: run `npm ci` in {ROOT} (it is pinned in "
            "package.json)."
        )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated, not added as a <script>: the site's content security policy blocks
        # inline scripts it does not list, but not what the test harness evaluates.
        page.evaluate(_axe_source())
    result = page.evaluate(
        """async () => {
            const results = await window.axe.run(document, {resultTypes: ['violations']});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target.map(String),
                    html: n.html,
                    summary: n.failureSummary,
                })),
            }));
        }"""
    )
    return list(result)


def assert_no_axe_violations(page: Page, state: str) -> None:
    """Fail with axe's readable report when the page, in `state`, has any violation."""
    violations = run_axe(page)
    assert not violations, f"axe-core, {state}:\n{describe_violations(violations)}"


def use_scheme(page: Page, scheme: Preference) -> None:
    """Switch the reader's colour-scheme preference and wait until Material has followed it."""
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function(
        "(dark) => (document.body.getAttribute('data-md-color-scheme') === 'slate') === dark",
        arg=scheme == "dark",
    )


def assert_no_axe_violations_in_both_schemes(page: Page, state: str) -> None:
    """axe on this one load in light, then in dark (the page is left in dark): a widget
    behaves the same in either scheme, so one run of a flow is audited in both."""
    for scheme in ("light", "dark"):
        use_scheme(page, scheme)
        assert_no_axe_violations(page, f"{state}, {scheme}")


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """A readable report: rule id, impact, help text, and each offending element."""
    lines: list[str] = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}  "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    target {' > '.join(node['target'])}")
            lines.append(f"      html {node['html'][:160]}")
            summary = " ".join((node["summary"] or "").split())
            if summary:
                lines.append(f"      why  {summary[:300]}")
    return "\n".join(lines)


# ---------------------------------------------------------------- what a reader sees

# How visible an element really is to a sighted reader, 0 (not at all) to 1: it
# counts display, visibility, opacity up the tree, a zero or 1px box, the
# visually-hidden clip pattern and boxes pushed off screen. Playwright's own
# visibility check ignores opacity and clipping, which tooltips often use.
_VISIBILITY_JS = """(el) => {
    if (!el || !el.isConnected || el.closest('[hidden]')) return 0;
    let opacity = 1;
    for (let node = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.display === 'none') return 0;
        opacity *= parseFloat(style.opacity);
    }
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') return 0;
    if (/^rect\\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\\)$/.test(style.clip)) return 0;
    if (style.clipPath.startsWith('inset(50%')) return 0;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) return 0;
    const onScreen = box.right > 0 && box.bottom > 0
        && box.left < document.documentElement.scrollWidth
        && box.top < document.documentElement.scrollHeight;
    return onScreen ? opacity : 0;
}"""


def visibility(locator: Locator) -> float:
    """How visible the element is right now, 0 to 1 (see _VISIBILITY_JS)."""
    return float(locator.evaluate(_VISIBILITY_JS))


def wait_until_shown(page: Page, locator: Locator, why: str) -> None:
    """Wait until a reader can see the element (it may fade in); fail saying `why`."""
    handle = locator.element_handle(timeout=UI_TIMEOUT_MS)
    try:
        page.wait_for_function(
            f"(el) => ({_VISIBILITY_JS})(el) > 0.5", arg=handle, timeout=UI_TIMEOUT_MS
        )
    except Exception as error:  # Playwright's TimeoutError
        raise AssertionError(
            f"{why}: still not visible after {UI_TIMEOUT_MS} ms "
            f"(visibility {visibility(locator):.2f})"
        ) from error


def wait_until_hidden(page: Page, locator: Locator, why: str) -> None:
    """Wait until a reader can no longer see the element; fail saying `why`."""
    handle = locator.element_handle(timeout=UI_TIMEOUT_MS)
    try:
        page.wait_for_function(
            f"(el) => ({_VISIBILITY_JS})(el) < 0.05", arg=handle, timeout=UI_TIMEOUT_MS
        )
    except Exception as error:
        raise AssertionError(
            f"{why}: still visible after {UI_TIMEOUT_MS} ms (visibility {visibility(locator):.2f})"
        ) from error


def heading_text(locator: Locator) -> str:
    """A heading's text without Material's permalink mark (¶)."""
    return str(
        locator.evaluate(
            """(el) => {
                const copy = el.cloneNode(true);
                copy.querySelectorAll('.headerlink').forEach((link) => link.remove());
                return copy.textContent.replace(/\\s+/g, ' ').trim();
            }"""
        )
    )


def normalised(text: str | None) -> str:
    return " ".join((text or "").split())


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def choose_by_keyboard(page: Page, option_text: str) -> None:
    """In the focused, closed <select>, move with Home and the arrow keys to the first option
    whose text starts with `option_text`, as a keyboard user can. Not by typing the text: a
    select's type-ahead starts again after a second between keys, which a loaded machine
    can take, and the choice then lands on another option."""
    starts = "(t) => document.activeElement.selectedOptions[0]?.text.trim().startsWith(t)"
    if page.evaluate("() => document.activeElement?.tagName") != "SELECT":
        raise AssertionError(f"no select has the focus to choose {option_text!r} in")
    page.keyboard.press("Home")
    for _ in range(page.evaluate("() => document.activeElement.options.length")):
        if page.evaluate(starts, option_text):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the focused select has no option starting with {option_text!r}")


def open_widget(site_page: GuardedPage, path: str, widget: str, scheme: Preference) -> Locator:
    """Open a page in a colour scheme and wait until its widget is mounted; return the widget."""
    site_page.page.emulate_media(color_scheme=scheme)
    site_page.goto(path)
    located = site_page.page.locator(f"[data-nr-widget={widget}]")
    expect(located).to_have_attribute("data-nr-mounted", "")
    return located
