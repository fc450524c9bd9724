// @ts-check
/**
 * The reader's saved data in localStorage, namespaced by the site's root and a
 * schema version. Storage may be off (private modes, policies) or full: every
 * call reports that instead of throwing, and nothing saved is ever dropped,
 * including a record this version cannot read (it is set aside, not replaced).
 */

export const SCHEMA_VERSION = 1;

/** @typedef {{ok: true} | {ok: false, reason: "unavailable" | "full"}} SaveOutcome */

/** The site's root path, so two sites on one origin keep separate data. */
function scope() {
  const config = document.getElementById("__config");
  let base = ".";
  try {
    base = JSON.parse(config?.textContent ?? "{}").base ?? ".";
  } catch {
    // Material's config is always JSON; fall back to the current folder if not.
  }
  const [navigation] = performance.getEntriesByType("navigation");
  return new URL(base, navigation?.name || location.href).pathname;
}

/** @param {string} name */
export function storageKey(name) {
  return `nr:v${SCHEMA_VERSION}:${scope()}:${name}`;
}

/** @returns {Storage | null} */
function store() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Read a saved record.
 * @template T
 * @param {string} name
 * @returns {T | null}
 */
export function loadRecord(name) {
  const key = storageKey(name);
  let raw = null;
  try {
    raw = store()?.getItem(key) ?? null;
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    // Keep what we cannot read under another key, so a later version can recover it.
    try {
      store()?.setItem(`${key}:unreadable:${Date.now()}`, raw);
    } catch {
      // Nowhere to set it aside; it stays where it is, untouched.
    }
    return null;
  }
}

/**
 * Save a record; reports why when the browser will not keep it.
 * @param {string} name
 * @param {unknown} value
 * @returns {SaveOutcome}
 */
export function saveRecord(name, value) {
  const storage = store();
  if (!storage) return { ok: false, reason: "unavailable" };
  try {
    storage.setItem(storageKey(name), JSON.stringify(value));
    return { ok: true };
  } catch (error) {
    const full = error instanceof DOMException && error.name === "QuotaExceededError";
    return { ok: false, reason: full ? "full" : "unavailable" };
  }
}

/**
 * Remove a saved record.
 * @param {string} name
 */
export function removeRecord(name) {
  try {
    store()?.removeItem(storageKey(name));
  } catch {
    // Storage is off: there is nothing saved to remove.
  }
}

/**
 * Tell the reader, in the widget's note, when nothing will be kept.
 * @param {Element} widget
 * @param {SaveOutcome} outcome
 */
export function showSaveOutcome(widget, outcome) {
  const note = widget.querySelector("[data-nr-storage-note]");
  if (!(note instanceof HTMLElement)) return;
  if (outcome.ok) {
    note.hidden = true;
    return;
  }
  note.hidden = false;
  note.textContent = outcome.reason === "full"
    ? "This browser's storage for the site is full, so your answers are not being kept. "
      + "They still work on this page; free some space (My data) to keep them."
    : "This browser is not letting the site keep anything (storage is off). Your answers "
      + "still work on this page but will be gone when you leave it.";
}
