// @ts-check
/**
 * The reader's prompt notes as they can be read now, and protected notes unlocked for
 * this visit. The editors (notes.js) unlock and lock them here; the prep packet reads
 * them here, without the editors' code.
 */
import { loadRecord } from "../storage.js";

export const NOTES_RECORD = "notes:prompts";

/** @typedef {{text: string, updated: string}} NoteCopy */
/** @typedef {Record<string, {text: string, updated: string, conflicts?: NoteCopy[]}>} Notes */

/**
 * Protected notes unlocked in this visit, with their key: kept through instant navigation
 * (this module stays loaded), never through a reload.
 * @type {{key: import("../notes-crypto.js").NotesKey | null, notes: Notes | null}}
 */
export const unlocked = { key: null, notes: null };

/**
 * The reader's notes as they can be read now: null while they are protected and locked.
 * @returns {Notes | null}
 */
export function readableNotes() {
  /** @type {any} */
  const record = loadRecord(NOTES_RECORD);
  if (record?.encrypted) return unlocked.notes;
  return record && typeof record.notes === "object" ? record.notes : {};
}
