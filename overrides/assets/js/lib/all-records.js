// @ts-check
/**
 * Every record this site keeps in this browser at once, for the My data page: list,
 * write many as one change, erase, and find what an older version saved. The records
 * themselves, one at a time, are storage.js's.
 */
import {
  localStore,
  loadRecord,
  QUARANTINE_PREFIX,
  quarantineRecord,
  recordPrefix,
  siteScope,
  STORAGE_SCHEMA_VERSION,
} from "../storage.js";

/** @typedef {import("../storage.js").SaveOutcome} SaveOutcome */

/** Whether this browser lets the site keep anything at all (false: storage is off). */
export function storageAvailable() {
  try {
    const storage = localStore();
    storage?.getItem(recordPrefix());
    return storage !== null;
  } catch {
    return false;
  }
}

/**
 * Every record this site keeps in this browser, by name, as stored (parsed where possible).
 * @returns {Record<string, unknown>}
 */
export function allRecords() {
  const storage = localStore();
  /** @type {Record<string, unknown>} */
  const records = {};
  if (!storage) return records;
  const prefix = recordPrefix();
  /** @type {string[]} */
  const unreadable = [];
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (!key?.startsWith(prefix)) continue;
      const raw = storage.getItem(key);
      if (raw === null) continue;
      try {
        records[key.slice(prefix.length)] = JSON.parse(raw);
      } catch {
        unreadable.push(key.slice(prefix.length));
      }
    }
  } catch {
    // Storage went away while reading: report what was read.
  }
  // Set aside what is not JSON (once), so the export holds only what an import takes back.
  for (const name of unreadable) {
    if (!quarantineRecord(name, "it is not JSON")) continue;
    const copies = loadRecord(QUARANTINE_PREFIX + name);
    if (copies !== null) records[QUARANTINE_PREFIX + name] = copies;
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
  const storage = localStore();
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
  const storage = localStore();
  if (!storage) return;
  const own = new RegExp(`^nr:v\\d+:${siteScope().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`);
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
  const storage = localStore();
  /** @type {Map<number, Record<string, unknown>>} */
  const found = new Map();
  if (!storage) return found;
  const suffix = `:${siteScope()}:`;
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index) ?? "";
      const match = /^nr:v(\d+)(:.*)$/.exec(key);
      if (!match || Number(match[1]) >= STORAGE_SCHEMA_VERSION || !match[2].startsWith(suffix)) continue;
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
  const storage = localStore();
  if (!storage || version === STORAGE_SCHEMA_VERSION) return;
  const prefix = `nr:v${version}:${siteScope()}:`;
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
