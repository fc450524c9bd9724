"""The build and the browser spell every shared name alike: companion_build.contract says
each once, and this reads the JavaScript, the renderers and `exercises` against it.

A failure names the file and the name, and what to change; without it the mismatch
would show only as a browser test waiting for something that never happens.
"""

from __future__ import annotations

import re
from pathlib import Path

from companion_build import contract

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "overrides" / "assets" / "js"
ATTRIBUTE = re.compile(r"data-nr-([a-z0-9]+(?:-[a-z0-9]+)*)")
DATASET = re.compile(r"\bdataset\.nr([A-Z][A-Za-z0-9]*)")
CONTRACT = "hooks/companion_build/contract.py"


def kebab(camel: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"-\1", camel).lower()


def sources(folder: Path, pattern: str) -> dict[str, str]:
    return {
        path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob(pattern))
    }


def attributes_in(texts: dict[str, str], with_dataset: bool = False) -> dict[str, set[str]]:
    """attribute name -> the files that use it."""
    found: dict[str, set[str]] = {}
    for name, text in texts.items():
        names = set(ATTRIBUTE.findall(text))
        if with_dataset:
            names |= {kebab(camel) for camel in DATASET.findall(text)}
        for attribute in names:
            found.setdefault(attribute, set()).add(name)
    return found


def javascript() -> dict[str, str]:
    return sources(JS, "*.js")


def renderers() -> dict[str, str]:
    found = sources(ROOT / "hooks", "*.py")
    found.pop(CONTRACT, None)
    return {**found, **sources(ROOT / "overrides", "*.html"), **sources(ROOT / "docs", "*.md")}


def unlisted(used: dict[str, set[str]], listed: frozenset[str]) -> list[str]:
    return sorted(
        f"data-nr-{name} (in {', '.join(sorted(used[name]))})" for name in used.keys() - listed
    )


def test_every_attribute_the_build_writes_is_in_the_contract() -> None:
    written = attributes_in(renderers())
    missing = unlisted(written, contract.RENDERED_ATTRIBUTES)
    assert not missing, f"add these to RENDERED_ATTRIBUTES in {CONTRACT}: {missing}"
    stale = sorted(contract.RENDERED_ATTRIBUTES - written.keys())
    assert not stale, f"no renderer writes these any more; remove them from {CONTRACT}: {stale}"


def test_every_attribute_the_browser_reads_or_makes_is_in_the_contract() -> None:
    used = attributes_in(javascript(), with_dataset=True)
    missing = unlisted(used, contract.ATTRIBUTES)
    assert not missing, (
        "the JavaScript uses attributes no renderer writes and the contract does not list "
        f"(a misspelling?): {missing}. If the browser makes them itself, add them to "
        f"BROWSER_ATTRIBUTES in {CONTRACT}."
    )
    unused = sorted(contract.BROWSER_ATTRIBUTES - used.keys())
    assert not unused, f"no JavaScript makes these; remove them from BROWSER_ATTRIBUTES: {unused}"
    both = sorted(contract.BROWSER_ATTRIBUTES & contract.RENDERED_ATTRIBUTES)
    assert not both, f"listed as both rendered and browser-made: {both}"


def test_the_tests_look_only_for_attributes_in_the_contract() -> None:
    used = attributes_in(sources(ROOT / "tests", "*.py"))
    missing = unlisted(used, contract.ATTRIBUTES)
    assert not missing, f"tests wait for attributes nothing writes: {missing}"


def test_every_widget_kind_s_module_exports_its_mount_and_app_js_lists_none() -> None:
    app = (JS / "app.js").read_text(encoding="utf-8")
    # The build writes the contract's list into every page; a second list would drift.
    named = sorted(kind for kind, module in contract.WIDGET_KINDS.items() if module.path in app)
    assert not named, f"app.js names the modules of {named} itself"
    for kind, (path, mount) in contract.WIDGET_KINDS.items():
        module = JS / path
        assert module.is_file(), f"widget {kind!r}: {module} does not exist"
        exported = rf"export (?:async )?function {mount}\("
        assert re.search(exported, module.read_text(encoding="utf-8")), (
            f"widget {kind!r}: {path} does not export {mount}()"
        )


def test_the_renderers_write_only_the_contracts_widget_kinds() -> None:
    kinds = {
        kind: name
        for name, text in renderers().items()
        for kind in re.findall(r'\bwidget_section\(\s*"([a-z-]+)"', text)
    }
    unknown = sorted(
        f"{kind} (in {name})" for kind, name in kinds.items() if kind not in contract.WIDGET_KINDS
    )
    assert not unknown, f"renderers write widget kinds app.js cannot mount: {unknown}"
    assert sorted(kinds) == sorted(contract.WIDGET_KINDS), "a kind in the contract has no renderer"


def test_the_javascript_calls_only_functions_the_bridge_registers() -> None:
    called = {
        function: name
        for name, text in javascript().items()
        for function in re.findall(r'\b(?:call|askPython)\(\s*"([A-Za-z_]+)"', text)
    }
    assert called, 'no call("…") found in the JavaScript: the reader of it is broken'
    assert {"check_choice", "plan_day"} <= set(called), "askPython's calls were not read"
    registered = contract.BRIDGE_FUNCTIONS
    unknown = sorted(
        f"{function} (in {name})" for function, name in called.items() if function not in registered
    )
    assert not unknown, f"the JavaScript calls bridge functions that do not exist: {unknown}"


def js_record_names() -> dict[str, str]:
    """Record names (or 'prefix:' for a family) the JavaScript reads and writes -> file."""
    constant = re.compile(r'\b(?:[A-Z_]+_RECORD|PREFERENCE)\s*=\s*"([^"]+)"')
    family = re.compile(r"\brecordName\s*=\s*`([a-z0-9-]+:)\$\{")
    return {
        record: name
        for name, text in javascript().items()
        for record in constant.findall(text) + family.findall(text)
    }


def listed(record: str) -> bool:
    for entry in contract.STORAGE_RECORDS:
        if record == entry.name or (entry.name.endswith(":") and record.startswith(entry.name)):
            return True
    return False


# Names with a schema that no page's code spells out: the set-aside copies get theirs from the
# record they hold (storage.js), and the case worksheet's name is kept for when it saves.
RESERVED_RECORDS = {"quarantine:", "case-worksheet"}


def test_every_storage_record_the_javascript_keeps_has_a_schema_in_the_contract() -> None:
    used = js_record_names()
    assert {"checkins", "attempts:", "notes:prompts"} <= set(used), used
    unknown = sorted(f"{record} (in {name})" for record, name in used.items() if not listed(record))
    assert not unknown, f"add these records to STORAGE_RECORDS in {CONTRACT}: {unknown}"
    unused = [
        entry.name
        for entry in contract.STORAGE_RECORDS
        if entry.name not in RESERVED_RECORDS
        and not any(record == entry.name or record.startswith(entry.name) for record in used)
    ]
    assert not unused, f"no JavaScript keeps these records; remove them: {unused}"
