"""The one contract between the build (Python) and the browser (JavaScript).

Each name the two sides must spell alike is listed here once: the widget kinds and
the module that mounts each, the `data-nr-*` attributes, the names of the records a
reader's browser keeps (with the label the My data page shows), and the functions
`exercises.bridge` answers. `tests/unit/test_contract.py` reads the JavaScript, the
renderers, the built pages and `exercises` and fails, naming the file and the name,
when any side says something this module does not: a mismatch is a test that says
what to fix, not a browser test that times out.

Adding a widget: its kind in WIDGET_KINDS and its attributes below. Its record (if it
keeps one) comes from exercises.saved_schemas and its bridge functions from
exercises.bridge, where each is defined.
"""

from __future__ import annotations

from typing import NamedTuple

from exercises.bridge import REGISTRY
from exercises.saved_data import RECORD_LABELS


class WidgetModule(NamedTuple):
    """The ES module under overrides/assets/js/ that mounts a widget, and its export."""

    path: str
    mount: str


# data-nr-widget="<kind>" -> what app.js imports to mount it.
WIDGET_KINDS: dict[str, WidgetModule] = {
    "choice-set": WidgetModule("widgets/choice-set.js", "mountChoiceSet"),
    "match": WidgetModule("widgets/match.js", "mountMatch"),
    "flashcards": WidgetModule("widgets/flashcards.js", "mountFlashcards"),
    "checkin": WidgetModule("widgets/checkin.js", "mountCheckin"),
    "gift-scenarios": WidgetModule("widgets/gift-scenarios.js", "mountGiftScenarios"),
    "my-data": WidgetModule("widgets/my-data.js", "mountMyData"),
    "constellation": WidgetModule("widgets/constellation.js", "mountConstellation"),
    "day-planner": WidgetModule("widgets/day-planner.js", "mountDayPlanner"),
    "prep-packet": WidgetModule("widgets/prep-packet.js", "mountPrepPacket"),
    "session-timer": WidgetModule("widgets/session-timer.js", "mountSessionTimer"),
    "group-pulse": WidgetModule("widgets/group-pulse.js", "mountGroupPulse"),
}


def widget_modules() -> dict[str, list[str]]:
    """WIDGET_KINDS as every page gives it to app.js (`extra.nr_widgets`, main.html)."""
    return {kind: [module.path, module.mount] for kind, module in WIDGET_KINDS.items()}


# data-nr-<name> attributes the build writes into pages (renderers, overrides/main.html,
# the Markdown pages in docs/).
RENDERED_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "add-item",
        "add-person",
        "announcer",
        "area",
        "assignment-builder",
        "begin",
        "boxes",
        "builder-controls",
        "builder-data",
        "builder-status",
        "cancel-import",
        "card",
        "checkin",
        "choice",
        "clock",
        "copy",
        "copy-assignment",
        "custom",
        "custom-phase",
        "day",
        "definition",
        "details",
        "download",
        "empty",
        "erase",
        "erase-history",
        "export",
        "feedback-for",
        "filter",
        "find",
        "find-status",
        "group",
        "handout",
        "handout-due",
        "handout-instructions",
        "handout-prompts",
        "handout-title",
        "have",
        "history",
        "history-list",
        "import",
        "import-file",
        "item",
        "items",
        "knew",
        "link",
        "link-status",
        "list-region",
        "locked",
        "markdown",
        "message",
        "needs-js",
        "next",
        "no-script",
        "no-terms",
        "not-yet",
        "offline-note",
        "offline-switch",
        "note-flag",
        "option",
        "packet",
        "packet-body",
        "packet-form",
        "people",
        "phase-description",
        "phase-name",
        "position",
        "preview",
        "preview-table",
        "print",
        "problems",
        "progress",
        "projector",
        "python-status",
        "records",
        "reset",
        "restart",
        "result",
        "retry",
        "reveal",
        "run",
        "scenario",
        "score",
        "selected",
        "service-worker",
        "setup",
        "show",
        "skip",
        "stage",
        "static",
        "status",
        "storage-note",
        "summary",
        "term",
        "timer",
        "toggle",
        "update",
        "widget",
        "widget-data",
        "chosen-for",
        "import-message",
        "lms-status",
        "passphrase-row",
        "preview-summary",
        "pulse",
        "pulse-add",
        "pulse-aggregate",
        "pulse-code",
        "pulse-controls",
        "pulse-counts",
        "pulse-csv",
        "pulse-end",
        "pulse-form",
        "pulse-markdown",
        "pulse-nojs",
        "pulse-picture",
        "pulse-projector",
        "pulse-scan",
        "pulse-session",
        "pulse-start",
        "pulse-status",
        "pulse-stop",
        "pulse-threshold",
        "pulse-video",
    }
)
# data-nr-<name> attributes only the browser's code makes (on elements it creates or marks).
BROWSER_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "has-note",
        "lock",
        "mounted",
        "note-status",
        "notes-status",
        "protect",
        "save-note",
        "unlock",
        "unprotect",
        "when",
        "widget-error",
        "autosave",
        "cartridge",
        "keep-mine",
        "note-choice",
        "note-copies",
        "order",
        "pulse-part",
        "pulse-picture-failed",
        "pulse-session-code",
        "pulse-waiting",
        "share",
        "share-code",
        "share-deniability",
        "share-failed",
        "share-loading",
        "share-qr",
        "shuffled",
        "take-theirs",
    }
)
ATTRIBUTES = RENDERED_ATTRIBUTES | BROWSER_ATTRIBUTES


class StorageRecord(NamedTuple):
    """A record in the reader's localStorage: its name (or the prefix of a family of names,
    ending in ':'), and what the My data page calls it (None: not shown there as data)."""

    name: str
    label: str | None


# Every record kind has its schema (and the label My data shows) in exercises.saved_schemas,
# the one place an import and a stored record are checked: the contract takes them from there.
STORAGE_RECORDS: tuple[StorageRecord, ...] = tuple(
    StorageRecord(name, label) for name, label in RECORD_LABELS
)


# The names the browser may call through exercises.bridge.call(): the bridge registers
# them, once, where each function is; the JS may call nothing else. (Importing the bridge
# imports none of the functions' modules: each comes with its first call.)
BRIDGE_FUNCTIONS: frozenset[str] = frozenset(REGISTRY)
