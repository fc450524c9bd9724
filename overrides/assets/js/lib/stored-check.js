// @ts-check
/**
 * Check a record read from storage against its kind's schema, in Python
 * (exercises.saved_data, the same check an import gets). A record that fails
 * is set aside once and the tool starts empty, with a message saying so.
 */
import { call } from "../python/client.js";
import { loadRecord, onRecordChange, quarantineRecord } from "../storage.js";

/**
 * Resolve to null when the stored record is fine (or missing), or to the
 * reader-facing reason it was set aside.
 * @param {string} name
 * @param {string} label what the record is, for the reader
 * @returns {Promise<string | null>}
 */
export async function checkStoredRecord(name, label) {
  const value = loadRecord(name);
  if (value === null) return null;
  const reply = await call("saved_data_check", { name, value });
  if (!reply.ok || reply.value.ok) return null;
  if (!quarantineRecord(name, reply.value.why)) return null;
  return `Your saved ${label} could not be read (${reply.value.why}), so the tool starts empty. `
    + "Nothing is lost: the old copy is set aside on the My data page, where you can export or delete it.";
}

/**
 * Show a tool's stored record now and whenever another tab changes it; if the stored
 * record fails its check, set it aside and start the tool empty with the reason.
 * @param {string} name the record
 * @param {string} label what the record is, for the reader
 * @param {{reload: () => void, showResult: () => void, result: HTMLElement, status: HTMLElement}} view
 *   `reload` reads the record again and shows its items; `showResult` shows what was made of them
 * @param {AbortSignal} signal
 */
export function followStoredRecord(name, label, view, signal) {
  const show = () => {
    view.reload();
    view.showResult();
  };
  onRecordChange((changed) => {
    if (changed === null || changed === name) show();
  }, signal);
  show();
  checkStoredRecord(name, label).then((why) => {
    if (!why || signal.aborted) return;
    view.reload();
    view.result.replaceChildren();
    view.status.textContent = why;
  });
}
