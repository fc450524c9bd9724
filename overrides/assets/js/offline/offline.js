// @ts-check
/**
 * Offline use on the page's side: register the service worker, announce a new build,
 * and let the reader turn offline storage off (the switch on the About page).
 *
 * The worker script sits at the site's root (`sw.js`); the page learns where from
 * the `data-nr-service-worker` attribute main.html puts on this script's element,
 * relative to the page the tab first loaded (instant navigation keeps that element).
 */
import { loadRecord, saveRecord } from "../storage.js";

const PREFERENCE = "offline";
const CACHE_PREFIX = "nr-offline-";
const script = /** @type {HTMLScriptElement | null} */ (
  document.querySelector("script[data-nr-service-worker]")
);
const [navigation] = performance.getEntriesByType("navigation");
const workerURL = script?.dataset.nrServiceWorker
  ? new URL(script.dataset.nrServiceWorker, navigation?.name || document.baseURI).href
  : null;

/** @returns {boolean} whether the reader allows storing the site for offline use (default yes) */
export function offlineWanted() {
  return loadRecord(PREFERENCE)?.enabled !== false;
}

/**
 * Store the site for offline use (register the worker), or stop and erase what it stored.
 * @param {boolean} enabled
 */
export async function setOffline(enabled) {
  const outcome = saveRecord(PREFERENCE, { enabled });
  if (enabled) await register();
  else await unregister();
  return outcome;
}

async function register() {
  if (!workerURL || !("serviceWorker" in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.register(workerURL);
    watchForUpdates(registration);
  } catch (error) {
    console.info(`This site cannot be stored for offline use here: ${reason(error)}`);
  }
}

async function unregister() {
  if (!("serviceWorker" in navigator)) return;
  for (const registration of await navigator.serviceWorker.getRegistrations()) {
    await registration.unregister();
  }
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  }
}

/**
 * A new build installs next to the current one and waits: tell the reader, and apply it
 * when they choose to (a reload applies it too; sw.js sees to that).
 * @param {ServiceWorkerRegistration} registration
 */
function watchForUpdates(registration) {
  const announce = () => {
    if (registration.waiting && navigator.serviceWorker.controller) showUpdateNotice(registration);
  };
  announce();
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed") announce();
    });
  });
}

/** @param {ServiceWorkerRegistration} registration */
function showUpdateNotice(registration) {
  const region = document.querySelector("[data-nr-update]");
  if (!(region instanceof HTMLElement) || region.querySelector("button")) return;
  const text = document.createElement("span");
  text.textContent = "A new version of this site is ready. ";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "Reload to update";
  button.addEventListener("click", () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), {
      once: true,
    });
    registration.waiting?.postMessage({ type: "apply-update" });
  });
  region.replaceChildren(text, button);
}

/**
 * The About page's switch: a real checkbox with role="switch", hidden until this runs.
 * @param {Document} root
 * @param {AbortSignal} signal
 */
export function mountOfflineSwitch(root, signal) {
  const box = root.querySelector("[data-nr-offline-switch]");
  const input = box?.querySelector("input[type=checkbox]");
  const note = box?.querySelector("[data-nr-offline-note]");
  if (!(box instanceof HTMLElement) || !(input instanceof HTMLInputElement)) return;
  if (!workerURL || !("serviceWorker" in navigator)) return;
  box.hidden = false;
  input.checked = offlineWanted();
  input.addEventListener(
    "change",
    async () => {
      const outcome = await setOffline(input.checked);
      if (note) {
        note.textContent = !outcome.ok
          ? "Your browser does not let this site remember the choice."
          : input.checked
            ? "This site is being stored for offline use."
            : "Offline storage is off, and what was stored has been erased.";
      }
    },
    { signal },
  );
}

/** @param {unknown} error */
function reason(error) {
  return error instanceof Error ? error.message : String(error);
}

/** @type {AbortController | null} */
let pageController = null;
function mountPage() {
  pageController?.abort();
  pageController = new AbortController();
  mountOfflineSwitch(document, pageController.signal);
}

// Register after the page's own work, so the first visit's downloads do not compete with it:
// after the load, and on a page that started Python, once Python is ready (or failed). The
// client marks both (python/client.js); storing the site downloads the snapshot, 5 MB.
function registerWhenIdle() {
  if (offlineWanted()) register();
  else unregister();
}
const PYTHON_SETTLED = ["nr-python-ready", "nr-python-failed"];
// A widget that uses Python shows its status line; its module may mount after the load.
const PYTHON_WIDGET = "[data-nr-python-status]";
const LONGEST_WAIT_MS = 120_000; // should Python never start, store the site anyway
function registerAfterPython() {
  const settled = () => PYTHON_SETTLED.some((name) => performance.getEntriesByName(name).length);
  const usesPython =
    document.querySelector(PYTHON_WIDGET) !== null ||
    performance.getEntriesByName("nr-python-start").length > 0;
  if (!usesPython || settled()) {
    registerWhenIdle();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    registerWhenIdle();
  };
  const observer = new PerformanceObserver(() => {
    if (settled()) once();
  });
  observer.observe({ type: "mark" });
  setTimeout(once, LONGEST_WAIT_MS);
}
if (document.readyState === "complete") registerAfterPython();
else addEventListener("load", registerAfterPython, { once: true });

/** @type {{ subscribe(callback: () => void): unknown } | undefined} */
const documentChanges = /** @type {any} */ (window).document$;
if (documentChanges) documentChanges.subscribe(mountPage);
else mountPage();
