"""Material's script, as it starts, does not restyle the whole page for two marks the page
sets before there is anything to restyle (overrides/main.html): the root's
`js-focus-visible` class (its focus-visible polyfill) and the body's
`data-md-color-switching` (its palette). Either, set by Material once the page is parsed,
had the browser restyle every element again (20–40 ms on the self-check, on a desktop).
"""

from __future__ import annotations

import pytest

from tests.browser.guarded_page import GuardedPage

pytestmark = pytest.mark.browser

LOAD_TIMEOUT_MS = 30_000  # a page load, when the machine is busy
FEW_ELEMENTS = 40  # the <head> and the body's first few elements, before the page's content

# Every change of the two marks, with how many elements the document held at that moment.
# Setting a mark that is already there changes nothing, and is not recorded.
RECORD_MARKS = """
window.__nrMarks = [];
const elements = () => document.getElementsByTagName("*").length;
const add = DOMTokenList.prototype.add;
DOMTokenList.prototype.add = function (...tokens) {
  const before = this.value;
  add.apply(this, tokens);
  if (this === document.documentElement.classList && this.value !== before) {
    window.__nrMarks.push({ mark: `root class ${tokens.join(" ")}`, elements: elements() });
  }
};
const setAttribute = Element.prototype.setAttribute;
Element.prototype.setAttribute = function (name, value) {
  const changes = this.getAttribute(name) !== String(value);
  setAttribute.call(this, name, value);
  if (this === document.body && name === "data-md-color-switching" && changes) {
    window.__nrMarks.push({ mark: `body ${name}`, elements: elements() });
  }
};
"""
# Material's palette takes the body's mark away once its colours are set: its script ran.
PALETTE_SET = """() => document.readyState === "complete"
    && !document.body.hasAttribute("data-md-color-switching")"""


@pytest.mark.parametrize("path", ["", "glossary/", "self-check/"])
def test_material_starts_without_restyling_the_page_for_marks_set_before_it(
    site_page: GuardedPage, path: str
) -> None:
    page = site_page.page
    page.add_init_script(RECORD_MARKS)
    site_page.goto(path)
    page.wait_for_function(PALETTE_SET, timeout=LOAD_TIMEOUT_MS)
    marks = page.evaluate("window.__nrMarks")
    assert page.evaluate("document.documentElement.classList.contains('js-focus-visible')")
    assert {mark["mark"] for mark in marks} == {
        "root class js-focus-visible",
        "body data-md-color-switching",
    }, f"/{path}: each mark is set once, by the page itself: {marks}"
    late = [mark for mark in marks if mark["elements"] > FEW_ELEMENTS]
    assert not late, f"/{path}: set with the page's content there, so all of it restyles: {late}"
    assert site_page.problems() == []
