// @ts-check
/**
 * Mounts the companion's page behaviour on every page Material shows.
 *
 * Material re-emits `document$` after each instant-navigation swap; module
 * scripts are not re-run. Every listener a mount adds is tied to the page's
 * AbortController, aborted on the next swap, so nothing piles up.
 */
import { readIsland } from "./lib/islands.js";
import { mountCopyLinks, mountPromptFilter } from "./prompts.js";
import { mountTerms } from "./terms.js";

/** @typedef {(root: Document, signal: AbortSignal) => void} PageMount */
/** @typedef {(widget: HTMLElement, data: any, signal: AbortSignal) => void} WidgetMount */

/** Small, and needed on most pages: loaded with this module. */
const PAGE_MOUNTS = [mountTerms, mountPromptFilter, mountCopyLinks];
/**
 * [module, exported mount function]: imported only on the pages that have what they work
 * on, so a page carries the code it uses and no more (`make bench` measures it per page).
 * @typedef {[string, string]} MountModule
 */
/** @type {[string, MountModule][]} by the selector of what they work on */
const PAGE_FEATURES = [
  ["[data-nr-assignment-builder]", ["./widgets/assignment-builder.js", "mountAssignmentBuilder"]],
  [".nr-prompt[id][data-uses]", ["./notes.js", "mountPromptNotes"]],
  ["#relationships-checkin, #takeaway-check", ["./widgets/group-share.js", "mountGroupShare"]],
];
/**
 * By `data-nr-widget`: which module mounts each kind. The build writes the contract's list
 * (hooks/companion_build/contract.py) into every page, outside the content area, so
 * instant navigation keeps the first page's copy; paths are below this folder.
 * @type {Record<string, MountModule>}
 */
const WIDGETS = readWidgetModules();

/** @returns {Record<string, MountModule>} */
function readWidgetModules() {
  const island = document.getElementById("nr-widget-modules");
  try {
    /** @type {Record<string, MountModule>} */
    const listed = JSON.parse(island?.textContent ?? "{}");
    return Object.fromEntries(
      Object.entries(listed).map(([kind, [path, mount]]) => [kind, [`./${path}`, mount]]),
    );
  } catch (error) {
    console.error("This page's list of widget modules cannot be read:", error);
    return {};
  }
}

/**
 * @param {MountModule} module
 * @returns {Promise<any>} the module's mount function
 */
async function importMount([path, name]) {
  return (await import(path))[name];
}

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
  const loading = PAGE_FEATURES.filter(([selector]) => document.querySelector(selector)).map(
    ([, module]) => mountFeature(module, signal),
  );
  const widgets = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("[data-nr-widget]")]);
  if (widgets.some((widget) => Object.hasOwn(WIDGETS, widget.dataset.nrWidget ?? ""))) {
    // At once: Python starts in its own worker, off this thread, and it is the slowest
    // thing a widget waits for (measured in `make bench`).
    startPython();
  }
  loading.push(...widgets.map((widget) => mountWidget(widget, signal)));
  Promise.all(loading).then(() => {
    if (!signal.aborted) revealTarget();
  });
}

/**
 * Mounting shows controls that were hidden without JS, which moves the content
 * below them: bring the linked anchor back into view once the layout settled.
 */
function revealTarget() {
  let id = location.hash.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch {
    // A malformed hash (#%E0%A4%A) is no anchor of ours: look it up as typed.
  }
  const target = id ? document.getElementById(id) : null;
  if (target) requestAnimationFrame(() => target.scrollIntoView({ block: "start" }));
}

/**
 * @param {MountModule} module
 * @param {AbortSignal} signal
 */
async function mountFeature(module, signal) {
  try {
    /** @type {PageMount} */
    const mount = await importMount(module);
    if (!signal.aborted) mount(document, signal);
  } catch (error) {
    console.error(`Could not set up ${module[1]} on this page:`, error);
  }
}

/**
 * @param {HTMLElement} widget
 * @param {AbortSignal} signal
 */
async function mountWidget(widget, signal) {
  const name = widget.dataset.nrWidget ?? "";
  if (mounted.has(widget)) return;
  const module = Object.hasOwn(WIDGETS, name) ? WIDGETS[name] : null;
  if (!module) {
    mounted.add(widget);
    reportUnknownWidget(widget, name);
    return;
  }
  if (!widget.querySelector("template[data-nr-widget-data]")) return;
  mounted.add(widget);
  try {
    /** @type {[WidgetMount, any]} */
    const [mount, mountPythonStatus] = await Promise.all([
      importMount(module),
      importMount(["./widgets/python-status.js", "mountPythonStatus"]),
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

/**
 * A widget kind this code does not know is a build and a browser out of step (the kinds are
 * listed once, in hooks/companion_build/contract.py): say so, in the console and on the page.
 * @param {HTMLElement} widget
 * @param {string} name
 */
function reportUnknownWidget(widget, name) {
  console.error(`Unknown widget kind "${name}": app.js has no module to mount it.`, widget);
  const message = document.createElement("p");
  message.dataset.nrWidgetError = "";
  message.setAttribute("role", "alert");
  const strong = document.createElement("strong");
  strong.textContent = `This part of the page could not be set up (a "${name}" widget, which `
    + "this version of the site does not know). Reload the page; if this stays, please report it.";
  message.append(strong);
  widget.prepend(message);
}

async function startPython() {
  try {
    const client = await import("./python/client.js");
    client.start();
  } catch (error) {
    console.error("Could not load the Python client:", error);
  }
}

/** @type {{ subscribe(callback: () => void): unknown } | undefined} */
const documentChanges = /** @type {any} */ (window).document$;
if (documentChanges) {
  // In a task of its own, not inside Material's: Material mounts its components on the same
  // emission, and the two together made one task long enough to block a phone's input
  // (the home page's tasks counted at 4x, as Lighthouse does: 419 against 342 ms of blocking
  // time, medians of 6 loads).
  documentChanges.subscribe(() => setTimeout(mountPage));
} else {
  mountPage();
}
