// @ts-check
/**
 * The SCORM package's storage, under the name the site's widgets import ("../storage.js").
 *
 * Launched by an LMS, the records live in memory: the package page restores them from
 * cmi.suspend_data and sends them back there, so the attempt follows the student to any
 * device. Without an LMS, every call goes to the site's own storage (localStorage),
 * copied into the package as site-storage.js.
 */
import * as site from "./site-storage.js";

export * from "./site-storage.js";

/** @type {Map<string, unknown> | null} null while the site's storage is used */
let memory = null;
const saves = new EventTarget();

/**
 * Keep records in memory from now on, starting from `records` (by record name).
 * @param {Record<string, unknown>} records
 */
export function keepInMemory(records) {
  memory = new Map(Object.entries(records).filter(([, value]) => value !== null));
}

/**
 * Call `listener` with the record's name after each save or removal.
 * @param {(name: string) => void} listener
 */
export function onRecordSaved(listener) {
  saves.addEventListener("saved", (event) => listener(/** @type {CustomEvent<string>} */ (event).detail));
}

/**
 * @template T
 * @param {string} name
 * @returns {T | null}
 */
export function loadRecord(name) {
  if (!memory) return site.loadRecord(name);
  const value = memory.get(name);
  return value === undefined ? null : structuredClone(/** @type {T} */ (value));
}

/**
 * @param {string} name
 * @param {unknown} value
 * @returns {site.SaveOutcome}
 */
export function saveRecord(name, value) {
  /** @type {site.SaveOutcome} */
  let outcome = { ok: true };
  if (!memory) outcome = site.saveRecord(name, value);
  else if (value === null) memory.delete(name);
  else memory.set(name, structuredClone(value));
  saves.dispatchEvent(new CustomEvent("saved", { detail: name }));
  return outcome;
}

/** @param {string} name */
export function removeRecord(name) {
  if (!memory) site.removeRecord(name);
  else memory.delete(name);
  saves.dispatchEvent(new CustomEvent("saved", { detail: name }));
}
