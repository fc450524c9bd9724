// @ts-check
/**
 * The My data page: lists every record the site keeps in this browser, exports
 * them to a file, imports a file (checked whole by exercises.saved_data in
 * Python, previewed, then merged or replacing, after confirmation) and erases
 * everything. A refused file changes nothing. Saved text is shown as text only.
 */
import { call } from "../python/client.js";
import {
  allRecords,
  eraseAllRecords,
  olderRecords,
  removeVersion,
  writeRecords,
} from "../storage.js";
import { describeError } from "./python-status.js";

/**
 * What a record is, from the start of its name (the labels come from exercises.saved_data).
 * @param {string[][]} labels
 * @param {string} name
 */
function labelOf(labels, name) {
  return labels.find(([prefix]) => name.startsWith(prefix))?.[1] ?? name;
}

/**
 * @param {HTMLElement} widget
 * @param {{format: string, version: number, maxBytes: number, labels: string[][]}} data
 * @param {AbortSignal} signal
 */
export function mountMyData(widget, data, signal) {
  const list = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-records]"));
  const message = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-message]"));
  const exportButton = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-export]"));
  const eraseButton = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-erase]"));
  const fileInput = /** @type {HTMLInputElement} */ (widget.querySelector("[data-nr-import-file]"));
  const preview = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-preview]"));
  const importButton = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-import]"));
  const cancelButton = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-cancel-import]"));
  exportButton.hidden = false;
  eraseButton.hidden = false;
  fileInput.disabled = false;

  /** @type {{merged: Record<string, unknown>, replaced: Record<string, unknown>} | null} */
  let pending = null;

  const say = (/** @type {string} */ text) => { message.textContent = text; };
  const refresh = () => list.replaceChildren(describeRecords(allRecords(), data.labels));

  exportButton.addEventListener("click", () => {
    const records = allRecords();
    const file = { format: data.format, version: data.version, exported: new Date().toISOString(), records };
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `nurturing-relationships-data-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    say(`Downloaded ${Object.keys(records).length} records as ${link.download}.`);
  }, { signal });

  eraseButton.addEventListener("click", () => {
    if (!confirm("Erase everything this site keeps in this browser? This cannot be undone.")) return;
    eraseAllRecords();
    refresh();
    say("Everything the site kept in this browser is erased.");
  }, { signal });

  const closePreview = () => {
    pending = null;
    preview.hidden = true;
  };

  fileInput.addEventListener("change", async () => {
    closePreview();
    const file = fileInput.files?.[0];
    if (!file) return;
    const refuse = (/** @type {string} */ why) => {
      fileInput.value = "";
      say(`${why} Your saved data is unchanged.`);
    };
    if (file.size > data.maxBytes) {
      refuse(`That file is ${(file.size / 1048576).toFixed(1)} MB; an export from this page is `
        + `never over ${data.maxBytes / 1048576} MB, so it was not read.`);
      return;
    }
    let parsed;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      refuse("That file is not JSON, so it is not an export from this page.");
      return;
    }
    say("Checking the file…");
    const reply = await call("saved_data_import", { file: parsed, current: allRecords() });
    if (signal.aborted) return;
    if (!reply.ok) {
      refuse(reply.error.kind === "invalid-payload" ? reply.error.message : describeError(reply.error));
      return;
    }
    pending = { merged: reply.value.merged, replaced: reply.value.replaced };
    showPreview(preview, reply.value.preview);
    preview.hidden = false;
    say(`The file holds ${reply.value.preview.length} records. Nothing has changed yet: `
      + "choose how to import, then Import.");
  }, { signal });

  cancelButton.addEventListener("click", () => {
    closePreview();
    fileInput.value = "";
    say("Import cancelled. Your saved data is unchanged.");
    fileInput.focus();
  }, { signal });

  importButton.addEventListener("click", () => {
    if (!pending) return;
    const mode = /** @type {HTMLInputElement | null} */ (
      preview.querySelector('input[name="nr-import-mode"]:checked'))?.value ?? "merge";
    const replace = mode === "replace";
    const question = replace
      ? "Replace everything this browser keeps for the site with the file's records?"
      : "Merge the file's records into what this browser keeps?";
    if (!confirm(question)) return;
    const outcome = writeRecords(replace ? pending.replaced : pending.merged, { replace });
    const count = Object.keys(pending.replaced).length;
    closePreview();
    fileInput.value = "";
    refresh();
    say(outcome.ok
      ? `Imported ${count} records (${replace ? "replacing" : "merged with"} what was here).`
      : `The browser would not keep the file (${outcome.reason === "full" ? "storage is full" : "storage is off"}); `
        + "your saved data is unchanged.");
  }, { signal });

  refresh();
  migrateOlderRecords(data, refresh, say, signal);
}

/**
 * Bring records saved by an older version of the site up to date through Python.
 * @param {{format: string}} data
 * @param {() => void} refresh
 * @param {(text: string) => void} say
 * @param {AbortSignal} signal
 */
async function migrateOlderRecords(data, refresh, say, signal) {
  for (const [version, records] of olderRecords()) {
    const file = { format: data.format, version, records };
    const reply = await call("saved_data_import", { file, current: allRecords() });
    if (signal.aborted) return;
    if (!reply.ok) {
      say(`Data saved by an older version of the site could not be updated: ${reply.error.message}`);
      continue;
    }
    if (writeRecords(reply.value.merged, { replace: false }).ok) removeVersion(version);
    refresh();
  }
}

/**
 * @param {HTMLElement} preview
 * @param {{name: string, label: string, size: number, status: string}[]} rows
 */
function showPreview(preview, rows) {
  const body = /** @type {HTMLElement} */ (preview.querySelector("tbody"));
  const effects = { new: "Added", replaces: "Replaces yours", unchanged: "Same as yours" };
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = row.name;
    tr.append(name);
    tr.insertCell().textContent = row.label;
    tr.insertCell().textContent = `${row.size} characters`;
    tr.insertCell().textContent = effects[/** @type {keyof typeof effects} */ (row.status)] ?? row.status;
    return tr;
  }));
}

/**
 * A list of the records, each with its content shown as text.
 * @param {Record<string, unknown>} records
 * @param {string[][]} labels
 */
function describeRecords(records, labels) {
  const names = Object.keys(records).sort();
  if (!names.length) {
    const empty = document.createElement("p");
    empty.textContent = "Nothing: this browser keeps no data for the site.";
    return empty;
  }
  const list = document.createElement("ul");
  list.className = "nr-data__records";
  for (const name of names) {
    const item = document.createElement("li");
    const title = document.createElement("strong");
    title.textContent = labelOf(labels, name);
    const value = records[name];
    const text = JSON.stringify(value, null, 2) ?? "";
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = `Show what is kept (${text.length} characters)`;
    const pre = document.createElement("pre");
    pre.tabIndex = 0;
    pre.textContent = text;
    details.append(summary, pre);
    item.append(title, ` (${name})`, describeNotes(value), details);
    list.append(item);
  }
  return list;
}

/**
 * Private notes read as a list of notes; protected notes say so.
 * @param {any} value
 */
function describeNotes(value) {
  const wrapper = document.createElement("div");
  if (value && typeof value === "object" && value.encrypted) {
    wrapper.textContent = "Protected by a passphrase: unlock them on the discussion prompts page to read them.";
    return wrapper;
  }
  const notes = value && typeof value === "object" && value.notes && typeof value.notes === "object"
    ? Object.entries(value.notes)
    : [];
  if (!notes.length) return wrapper;
  const list = document.createElement("ul");
  for (const [prompt, note] of notes) {
    const item = document.createElement("li");
    item.textContent = `Prompt ${prompt}: ${String(/** @type {any} */ (note)?.text ?? "")}`;
    list.append(item);
  }
  wrapper.append(list);
  return wrapper;
}
