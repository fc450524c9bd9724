// @ts-check
/**
 * The reader's saved data in localStorage, namespaced by the site's root and a
 * storage schema version. Storage may be off (private modes, policies) or full:
 * every call reports that instead of throwing, and nothing saved is ever
 * dropped, including a record this version cannot read (it is set aside once,
 * under "quarantine:NAME", not replaced). Writes that change part of a record
 * go through `updateRecord`: a read-modify-write of the latest stored value
 * under one lock shared by every tab, so two tabs never overwrite each other;
 * `onRecordChange` tells a tab when another one changed a record. Every record at once,
 * for the My data page, is in lib/all-records.js.
 */

/** The version of the way records are stored in this browser (the key prefix `nr:vN:`). */
export const STORAGE_SCHEMA_VERSION = 1;
export const QUARANTINE_PREFIX = "quarantine:";
/** Records more than one widget reads: the prep packet reads these without their widgets' code. */
export const CHECKIN_RECORD = "checkins";
export const CONSTELLATION_RECORD = "constellation";

/** @typedef {{ok: true} | {ok: false, reason: "unavailable" | "full"}} SaveOutcome */

/** The site's root path, so two sites on one origin keep separate data. */
export function siteScope() {
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
  return `nr:v${STORAGE_SCHEMA_VERSION}:${siteScope()}:${name}`;
}

/** @returns {Storage | null} */
export function localStore() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Read a saved record, as stored now. A record that is not JSON is set aside
 * (once) and reads as missing, so the tool starts empty instead of failing.
 * @template T
 * @param {string} name
 * @returns {T | null}
 */
export function loadRecord(name) {
  const raw = readRaw(name);
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    quarantineRecord(name, "it is not JSON");
    return null;
  }
}

/**
 * The record's stored text, exactly, or null.
 * @param {string} name
 */
export function readRaw(name) {
  try {
    return localStore()?.getItem(storageKey(name)) ?? null;
  } catch {
    return null;
  }
}

/**
 * Move a record this version cannot use to "quarantine:NAME", keeping every
 * distinct copy once: reading it again on the next load adds nothing.
 * @param {string} name
 * @param {string} reason
 * @returns {boolean} whether it was set aside
 */
export function quarantineRecord(name, reason) {
  const storage = localStore();
  const raw = readRaw(name);
  if (!storage || raw === null) return false;
  const key = storageKey(QUARANTINE_PREFIX + name);
  try {
    /** @type {{raw: string, reason: string, set_aside?: string}[]} */
    let copies = [];
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? "[]");
      if (Array.isArray(parsed)) copies = parsed;
    } catch {
      // A damaged set-aside list is itself kept below as one of the copies.
      copies = [{ raw: storage.getItem(key) ?? "", reason: "the set-aside list was damaged" }];
    }
    if (!copies.some((copy) => copy?.raw === raw)) {
      copies.push({ raw, reason, set_aside: new Date().toISOString() });
      storage.setItem(key, JSON.stringify(copies));
    }
    storage.removeItem(storageKey(name));
    return true;
  } catch {
    // No room to set it aside: it stays where it is, untouched, and is not copied again.
    return false;
  }
}

/**
 * Save a record whole; reports why when the browser will not keep it.
 * Prefer `updateRecord` when the record holds items another tab may add to.
 * @param {string} name
 * @param {unknown} value
 * @returns {SaveOutcome}
 */
export function saveRecord(name, value) {
  const storage = localStore();
  if (!storage) return { ok: false, reason: "unavailable" };
  try {
    storage.setItem(storageKey(name), JSON.stringify(value));
    return { ok: true };
  } catch (error) {
    const full = error instanceof DOMException && error.name === "QuotaExceededError";
    return { ok: false, reason: full ? "full" : "unavailable" };
  }
}

/** @type {Promise<unknown>} */
let localQueue = Promise.resolve();

/**
 * Run `task` holding the site's storage lock, shared by every tab (Web Locks);
 * where the browser has no Web Locks, tasks of this tab still run one at a time.
 * @template T
 * @param {() => Promise<T> | T} task
 * @returns {Promise<T>}
 */
export function withStorageLock(task) {
  const locks = /** @type {any} */ (navigator).locks;
  const inThisTab = () => {
    const run = localQueue.then(task, task);
    localQueue = run.catch(() => undefined);
    return run;
  };
  if (!locks?.request) return inThisTab();
  let started = false;
  return locks.request(`nr-storage:${siteScope()}`, () => {
    started = true;
    return task();
  }).catch((/** @type {unknown} */ error) => {
    // A browser that refuses the lock itself (a sandboxed frame): run without it.
    if (!started) return inThisTab();
    throw error;
  });
}

/**
 * Change a record from its latest stored value, under the lock: `change` gets
 * what is stored now (or null) and returns the new value, or undefined to
 * write nothing.
 * @template T
 * @param {string} name
 * @param {(latest: T | null) => T | undefined | Promise<T | undefined>} change
 * @returns {Promise<{outcome: SaveOutcome, value: T | null}>}
 */
export function updateRecord(name, change) {
  return withStorageLock(async () => {
    /** @type {T | null} */
    const latest = loadRecord(name);
    const next = await change(latest);
    if (next === undefined) return { outcome: /** @type {SaveOutcome} */ ({ ok: true }), value: latest };
    return { outcome: saveRecord(name, next), value: next };
  });
}

/**
 * Call `listener(name)` whenever another tab changes one of this site's records
 * (name is null when everything was cleared), until `signal` aborts.
 * @param {(name: string | null) => void} listener
 * @param {AbortSignal} signal
 */
export function onRecordChange(listener, signal) {
  const prefix = recordPrefix();
  window.addEventListener("storage", (event) => {
    if (event.key === null) listener(null);
    else if (event.key.startsWith(prefix)) listener(event.key.slice(prefix.length));
  }, { signal });
}

/**
 * Remove a saved record.
 * @param {string} name
 */
export function removeRecord(name) {
  try {
    localStore()?.removeItem(storageKey(name));
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

/** The key prefix of this site's records at the current schema version. */
export function recordPrefix() {
  return storageKey("");
}

/**
 * A new stable id for an item in a list record (a person, a planner item, a take),
 * unique across tabs and browsers, so a merge can tell items apart.
 * @param {string} prefix
 */
export function newItemId(prefix) {
  const random = typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return `${prefix}-${random}`;
}

/**
 * The entries of a list field that are objects, for display only: a record of
 * the wrong shape is checked and set aside by stored-check.js, never silently trimmed here.
 * @param {unknown} list
 * @returns {any[]}
 */
export function objectsIn(list) {
  return Array.isArray(list) ? list.filter((item) => item !== null && typeof item === "object") : [];
}
