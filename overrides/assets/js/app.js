// @ts-check
/**
 * Mounts the companion's page behaviour on every page Material shows.
 *
 * Material re-emits `document$` after each instant-navigation swap; module
 * scripts are not re-run. Every listener a mount adds is tied to the page's
 * AbortController, aborted on the next swap, so nothing piles up.
 */
import { readIsland } from "./islands.js";
import { start } from "./python/client.js";
import { mountPromptNotes } from "./notes.js";
import { mountCopyLinks, mountPromptFilter } from "./prompts.js";
import { mountTerms } from "./terms.js";
import { mountCheckin } from "./widgets/checkin.js";
import { mountChoiceSet } from "./widgets/choice-set.js";
import { mountConstellation } from "./widgets/constellation.js";
import { mountDayPlanner } from "./widgets/day-planner.js";
import { mountFlashcards } from "./widgets/flashcards.js";
import { mountGiftScenarios } from "./widgets/gift-scenarios.js";
import { mountMatch } from "./widgets/match.js";
import { mountMyData } from "./widgets/my-data.js";
import { mountPrepPacket } from "./widgets/prep-packet.js";
import { mountAssignmentBuilder } from "./widgets/assignment-builder.js";
import { mountPythonStatus } from "./widgets/python-status.js";
import { mountSessionTimer } from "./widgets/session-timer.js";

const PAGE_MOUNTS = [
  mountTerms,
  mountPromptFilter,
  mountCopyLinks,
  mountAssignmentBuilder,
  mountPromptNotes,
];
/** @type {Record<string, (widget: HTMLElement, data: any, signal: AbortSignal) => void>} */
const WIDGETS = {
  "choice-set": mountChoiceSet,
  match: mountMatch,
  flashcards: mountFlashcards,
  checkin: mountCheckin,
  "gift-scenarios": mountGiftScenarios,
  "my-data": mountMyData,
  constellation: mountConstellation,
  "day-planner": mountDayPlanner,
  "prep-packet": mountPrepPacket,
  "session-timer": mountSessionTimer,
};

/** @type {AbortController | null} */
let pageController = null;
const mounted = new WeakSet();

function mountPage() {
  pageController?.abort();
  pageController = new AbortController();
  const { signal } = pageController;
  for (const mount of PAGE_MOUNTS) {
    try {
      mount(document, signal);
    } catch (error) {
      console.error(`Could not set up ${mount.name} on this page:`, error);
    }
  }
  const widgets = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("[data-nr-widget]")]);
  for (const widget of widgets) mountWidget(widget, signal);
  if (widgets.length) startPythonWhenIdle();
  revealTarget();
}

/**
 * Mounting shows controls that were hidden without JS, which moves the content
 * below them: bring the linked anchor back into view once the layout settled.
 */
function revealTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (target) requestAnimationFrame(() => target.scrollIntoView({ block: "start" }));
}

/**
 * @param {HTMLElement} widget
 * @param {AbortSignal} signal
 */
function mountWidget(widget, signal) {
  if (mounted.has(widget)) return;
  const mount = WIDGETS[widget.dataset.nrWidget ?? ""];
  if (!mount || !widget.querySelector("template[data-nr-widget-data]")) return;
  mounted.add(widget);
  try {
    mountPythonStatus(widget, signal);
    mount(widget, readIsland(widget), signal);
    widget.dataset.nrMounted = "";
  } catch (error) {
    console.error(`Could not set up the ${widget.dataset.nrWidget} widget:`, error);
  }
}

/** Start Python before the reader asks for it, without competing with the page's own work. */
function startPythonWhenIdle() {
  if ("requestIdleCallback" in window) requestIdleCallback(() => start(), { timeout: 1500 });
  else setTimeout(() => start(), 500);
}

/** @type {{ subscribe(callback: () => void): unknown } | undefined} */
const documentChanges = /** @type {any} */ (window).document$;
if (documentChanges) {
  documentChanges.subscribe(mountPage);
} else {
  mountPage();
}
