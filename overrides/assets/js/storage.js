// @ts-check
/**
 * The reader's saved data in localStorage, namespaced by the site's root and a
 * schema version. Storage may be off (private modes, policies) or full: every
 * call reports that instead of throwing, and nothing saved is ever dropped,
 * including a record this version cannot read (it is set aside, not replaced).
 */

export const SCHEMA_VERSION = 1;
/** Records more than one widget reads: the prep packet reads these without their widgets' code. */
export const CHECKIN_RECORD = "checkins";
export const CONSTELLATION_RECORD = "constellation";

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

// --- every record at once, for the My data page ---------------------------------

/** The key prefix of this site's records at the current schema version. */
export function recordPrefix() {
  return storageKey("");
}

/**
 * Every record this site keeps in this browser, by name, as stored (parsed where possible).
 * @returns {Record<string, unknown>}
 */
export function allRecords() {
  const storage = store();
  /** @type {Record<string, unknown>} */
  const records = {};
  if (!storage) return records;
  const prefix = recordPrefix();
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (!key?.startsWith(prefix)) continue;
      const raw = storage.getItem(key);
      if (raw === null) continue;
      try {
        records[key.slice(prefix.length)] = JSON.parse(raw);
      } catch {
        records[key.slice(prefix.length)] = raw;
      }
    }
  } catch {
    // Storage went away while reading: report what was read.
  }
  return records;
}

/**
 * Write many records as one change: with `replace`, the site's other records go;
 * if any write fails, every key is put back exactly as it was.
 * @param {Record<string, unknown>} records
 * @param {{replace: boolean}} options
 * @returns {SaveOutcome}
 */
export function writeRecords(records, { replace }) {
  const storage = store();
  if (!storage) return { ok: false, reason: "unavailable" };
  const prefix = recordPrefix();
  /** @type {Map<string, string>} */
  const before = new Map();
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key?.startsWith(prefix)) before.set(key, storage.getItem(key) ?? "");
    }
    if (replace) for (const key of before.keys()) storage.removeItem(key);
    for (const [name, value] of Object.entries(records)) {
      storage.setItem(prefix + name, JSON.stringify(value));
    }
    return { ok: true };
  } catch (error) {
    try {
      for (let index = storage.length - 1; index >= 0; index -= 1) {
        const key = storage.key(index);
        if (key?.startsWith(prefix) && !before.has(key)) storage.removeItem(key);
      }
      for (const [key, raw] of before) storage.setItem(key, raw);
    } catch {
      // Restoring only puts back what fitted before, so this does not happen in practice.
    }
    const full = error instanceof DOMException && error.name === "QuotaExceededError";
    return { ok: false, reason: full ? "full" : "unavailable" };
  }
}

/** Remove every record this site keeps in this browser, at every schema version. */
export function eraseAllRecords() {
  const storage = store();
  if (!storage) return;
  const own = new RegExp(`^nr:v\\d+:${scope().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`);
  try {
    const keys = [];
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key && own.test(key)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage is off: there is nothing to erase.
  }
}

/**
 * Records saved under an older schema version, by version, for migration.
 * @returns {Map<number, Record<string, unknown>>}
 */
export function olderRecords() {
  const storage = store();
  /** @type {Map<number, Record<string, unknown>>} */
  const found = new Map();
  if (!storage) return found;
  const suffix = `:${scope()}:`;
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index) ?? "";
      const match = /^nr:v(\d+)(:.*)$/.exec(key);
      if (!match || Number(match[1]) >= SCHEMA_VERSION || !match[2].startsWith(suffix)) continue;
      const version = Number(match[1]);
      const records = found.get(version) ?? {};
      try {
        records[match[2].slice(suffix.length)] = JSON.parse(storage.getItem(key) ?? "null");
      } catch {
        continue;
      }
      found.set(version, records);
    }
  } catch {
    // Nothing readable: nothing to migrate.
  }
  return found;
}

/**
 * Remove the records saved under one older schema version (after they were migrated).
 * @param {number} version
 */
export function removeVersion(version) {
  const storage = store();
  if (!storage || version === SCHEMA_VERSION) return;
  const prefix = `nr:v${version}:${scope()}:`;
  try {
    const keys = [];
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage is off: there is nothing to remove.
  }
}
