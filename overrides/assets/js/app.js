// @ts-check
/**
 * Mounts the companion's page behaviour on every page Material shows.
 *
 * Material re-emits `document$` after each instant-navigation swap; module
 * scripts are not re-run. Every listener a mount adds is tied to the page's
 * AbortController, aborted on the next swap, so nothing piles up.
 */
import { readIsland } from "./islands.js";
import { mountCopyLinks, mountPromptFilter } from "./prompts.js";
import { mountTerms } from "./terms.js";

/** @typedef {(root: Document, signal: AbortSignal) => void} PageMount */
/** @typedef {(widget: HTMLElement, data: any, signal: AbortSignal) => void} WidgetMount */

/** Small, and needed on most pages: loaded with this module. */
const PAGE_MOUNTS = [mountTerms, mountPromptFilter, mountCopyLinks];
/**
 * Loaded only on the pages that have what they work on, so a page carries the code
 * it uses and no more (`make bench` measures our JS and CSS per page).
 * @type {{selector: string, load: () => Promise<PageMount>}[]}
 */
const PAGE_FEATURES = [
  {
    selector: "[data-nr-assignment-builder]",
    load: async () => (await import("./widgets/assignment-builder.js")).mountAssignmentBuilder,
  },
  {
    selector: ".nr-prompt[id][data-uses]",
    load: async () => (await import("./notes.js")).mountPromptNotes,
  },
];
/** @type {Record<string, () => Promise<WidgetMount>>} */
const WIDGETS = {
  "choice-set": async () => (await import("./widgets/choice-set.js")).mountChoiceSet,
  match: async () => (await import("./widgets/match.js")).mountMatch,
  flashcards: async () => (await import("./widgets/flashcards.js")).mountFlashcards,
  checkin: async () => (await import("./widgets/checkin.js")).mountCheckin,
  "gift-scenarios": async () => (await import("./widgets/gift-scenarios.js")).mountGiftScenarios,
  "my-data": async () => (await import("./widgets/my-data.js")).mountMyData,
  constellation: async () => (await import("./widgets/constellation.js")).mountConstellation,
  "day-planner": async () => (await import("./widgets/day-planner.js")).mountDayPlanner,
  "prep-packet": async () => (await import("./widgets/prep-packet.js")).mountPrepPacket,
  "session-timer": async () => (await import("./widgets/session-timer.js")).mountSessionTimer,
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
  const loading = PAGE_FEATURES.filter(({ selector }) => document.querySelector(selector)).map(
    ({ load }) => mountFeature(load, signal),
  );
  const widgets = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("[data-nr-widget]")]);
  if (widgets.length) {
    // At once: Python starts in its own worker, off this thread, and it is the slowest
    // thing a widget waits for (measured in `make bench`).
    startPython();
    loading.push(...widgets.map((widget) => mountWidget(widget, signal)));
  }
  Promise.all(loading).then(() => {
    if (!signal.aborted) revealTarget();
  });
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
 * @param {() => Promise<PageMount>} load
 * @param {AbortSignal} signal
 */
async function mountFeature(load, signal) {
  let mount;
  try {
    mount = await load();
    if (!signal.aborted) mount(document, signal);
  } catch (error) {
    console.error(`Could not set up ${mount?.name ?? "a part of"} this page:`, error);
  }
}

/**
 * @param {HTMLElement} widget
 * @param {AbortSignal} signal
 */
async function mountWidget(widget, signal) {
  const name = widget.dataset.nrWidget ?? "";
  const load = WIDGETS[name];
  if (mounted.has(widget) || !load || !widget.querySelector("template[data-nr-widget-data]")) {
    return;
  }
  mounted.add(widget);
  try {
    const [mount, { mountPythonStatus }] = await Promise.all([
      load(),
      import("./widgets/python-status.js"),
    ]);
    // Each widget in a task of its own: a page of several stays responsive meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Another page replaced this one while the code arrived: nothing to set up.
    if (signal.aborted) {
      mounted.delete(widget);
      return;
    }
    mountPythonStatus(widget, signal);
    mount(widget, readIsland(widget), signal);
    widget.dataset.nrMounted = "";
  } catch (error) {
    console.error(`Could not set up the ${name} widget:`, error);
  }
}

async function startPython() {
  try {
    (await import("./python/client.js")).start();
  } catch (error) {
    console.error("Could not load the Python client:", error);
  }
}

/** @type {{ subscribe(callback: () => void): unknown } | undefined} */
const documentChanges = /** @type {any} */ (window).document$;
if (documentChanges) {
  documentChanges.subscribe(mountPage);
} else {
  mountPage();
}
