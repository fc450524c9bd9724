// @ts-check
/**
 * The My data page: lists every record the site keeps in this browser, exports
 * them to a file, imports a file (checked whole by exercises.saved_data in
 * Python, previewed in words, then merged item by item or replacing, after
 * confirmation) and erases everything. A refused file changes nothing; an
 * import is merged again with what is stored at the moment it is written,
 * under the storage lock. Saved text is shown as text only.
 */
import { describeError } from "../lib/ask-python.js";
import { call } from "../python/client.js";
import {
  allRecords,
  eraseAllRecords,
  olderRecords,
  removeVersion,
  storageAvailable,
  writeRecords,
} from "../lib/all-records.js";
import { onRecordChange, QUARANTINE_PREFIX, removeRecord, withStorageLock } from "../storage.js";

/**
 * What a record is, in words (the labels come from exercises.saved_data), never its internal name.
 * @param {string[][]} labels
 * @param {string} name
 * @returns {string}
 */
function labelOf(labels, name) {
  if (name.startsWith(QUARANTINE_PREFIX)) {
    return `Set aside: could not be read (${labelOf(labels, name.slice(QUARANTINE_PREFIX.length))})`;
  }
  const exact = labels.find(([known]) => known === name);
  if (exact) return exact[1];
  const prefixed = labels.find(([prefix]) => prefix.endsWith(":") && name.startsWith(prefix));
  if (prefixed) return `${prefixed[1]} (${name.slice(prefixed[0].length).replaceAll("-", " ")})`;
  return "A record this site does not know";
}

/** @param {number} bytes */
const inBytes = (bytes) => `${bytes.toLocaleString("en-US")} bytes`;

/**
 * @param {HTMLElement} widget
 * @param {{format: string, version: number, maxBytes: number, labels: string[][]}} data
 * @param {AbortSignal} signal
 */
export function mountMyData(widget, data, signal) {
  const list = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-records]"));
  const message = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-message]"));
  const importMessage = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-import-message]"));
  const passphraseRow = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-passphrase-row]"));
  const passphrase = /** @type {HTMLInputElement} */ (widget.querySelector("#nr-import-passphrase"));
  const exportButton = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-export]"));
  const eraseButton = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-erase]"));
  const fileInput = /** @type {HTMLInputElement} */ (widget.querySelector("[data-nr-import-file]"));
  const preview = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-preview]"));
  const importButton = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-import]"));
  const cancelButton = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-cancel-import]"));
  exportButton.hidden = false;
  eraseButton.hidden = false;
  fileInput.disabled = false;

  /** @type {{file: unknown, replaced: Record<string, unknown>} | null} */
  let pending = null;

  const say = (/** @type {string} */ text) => { message.textContent = text; };
  const sayImport = (/** @type {string} */ text) => { importMessage.textContent = text; };
  const refresh = () => list.replaceChildren(
    describeRecords(allRecords(), data.labels, { refresh: () => refresh(), say }, signal));
  onRecordChange(() => refresh(), signal);

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
    passphraseRow.hidden = true;
    passphrase.value = "";
  };

  fileInput.addEventListener("change", async () => {
    closePreview();
    const file = fileInput.files?.[0];
    if (!file) return;
    const refuse = (/** @type {string} */ why) => {
      fileInput.value = "";
      sayImport(`${why} Your saved data is unchanged.`);
    };
    if (file.size > data.maxBytes) {
      refuse(`That file is ${inBytes(file.size)}; an export from this page is never over `
        + `${inBytes(data.maxBytes)} (${data.maxBytes / 1_000_000} MB), so it was not read.`);
      return;
    }
    let parsed;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      refuse("That file is not JSON, so it is not an export from this page.");
      return;
    }
    sayImport("Checking the file…");
    const reply = await call("saved_data_import", { file: parsed, current: allRecords() });
    if (signal.aborted) return;
    if (!reply.ok) {
      refuse(reply.error.kind === "invalid-payload" ? reply.error.message : describeError(reply.error));
      return;
    }
    pending = { file: parsed, replaced: reply.value.replaced };
    showPreview(preview, reply.value.preview);
    /** @type {HTMLElement} */ (preview.querySelector("[data-nr-preview-summary]")).textContent = `If you merge: ${reply.value.summary}`;
    passphraseRow.hidden = !reply.value.locked.length;
    preview.hidden = false;
    const count = reply.value.preview.length;
    sayImport(`The file holds ${count} ${count === 1 ? "record" : "records"}. Nothing has changed yet: `
      + "choose how to import, then Import.");
  }, { signal });

  cancelButton.addEventListener("click", () => {
    closePreview();
    fileInput.value = "";
    sayImport("Import cancelled. Your saved data is unchanged.");
    fileInput.focus();
  }, { signal });

  importButton.addEventListener("click", async () => {
    if (!pending) return;
    const { file, replaced } = pending;
    const mode = /** @type {HTMLInputElement | null} */ (
      preview.querySelector('input[name="nr-import-mode"]:checked'))?.value ?? "merge";
    const replace = mode === "replace";
    const here = Object.keys(allRecords()).length;
    const count = Object.keys(replaced).length;
    const question = replace
      ? `Replace everything this browser keeps for the site (${here} records) with the file's `
        + `${count} records? What is here now and not in the file will be gone.`
      : "Merge the file's records into what this browser keeps? Nothing here is removed.";
    if (!confirm(question)) return;
    const secret = passphrase.value;
    const outcome = await withStorageLock(async () => {
      if (replace) return writeRecords(replaced, { replace });
      // Merge with what is stored now, not what was here when the file was chosen.
      const again = await call("saved_data_import", { file, current: allRecords() });
      if (!again.ok) return { ok: false, why: again.error.message };
      const merged = again.value.merged;
      for (const name of again.value.locked) {
        const opened = await mergeProtected(name, allRecords()[name], replaced[name], secret);
        if (typeof opened === "string") return { ok: false, why: opened };
        merged[name] = opened;
      }
      return writeRecords(merged, { replace: false });
    });
    closePreview();
    fileInput.value = "";
    refresh();
    if (outcome.ok) {
      sayImport(`Imported ${count} ${count === 1 ? "record" : "records"} `
        + `(${replace ? "replacing" : "merged with"} what was here).`);
    } else if ("why" in outcome) {
      sayImport(`${outcome.why} Your saved data is unchanged.`);
    } else {
      sayImport(`The browser would not keep the file (${outcome.reason === "full" ? "storage is full" : "storage is off"}); `
        + "your saved data is unchanged.");
    }
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
 * Merge protected notes with the passphrase: open both sides, merge them in Python, seal the result.
 * @param {string} name
 * @param {any} mine
 * @param {any} theirs
 * @param {string} secret
 * @returns {Promise<unknown>} the sealed merged record, or the reason it cannot be made
 */
async function mergeProtected(name, mine, theirs, secret) {
  if (!secret) {
    return "Your private notes are protected: type their passphrase above the Import button "
      + "to merge the file's notes into them (or choose Replace).";
  }
  // Only an import into protected notes needs the cryptography: its code loads then.
  /** @type {typeof import("../notes-crypto.js")} */
  let sealing;
  try {
    sealing = await import("../notes-crypto.js");
  } catch (error) {
    console.error("Could not load the code that opens protected notes:", error);
    return "The code that opens protected notes could not be loaded (the connection may have "
      + "dropped). Reload the page and import again, or choose Replace.";
  }
  const { seal, unseal, WrongPassphrase } = sealing;
  /** @type {import("../notes-crypto.js").NotesKey | null} */
  let key = null;
  /** @param {any} side @param {string} whose */
  const open = async (side, whose) => {
    if (!side?.encrypted) return side ?? { notes: {} };
    try {
      const { value, notesKey } = await unseal(side, secret);
      key ??= notesKey;
      return value;
    } catch (error) {
      throw new Error(error instanceof WrongPassphrase
        ? `That passphrase does not open ${whose} protected notes.`
        : `${whose === "your" ? "Your" : "The file's"} protected notes could not be opened here.`);
    }
  };
  try {
    const current = await open(mine, "your");
    const incoming = await open(theirs, "the file's");
    const reply = await call("saved_data_merge_opened", { name, current, incoming });
    if (!reply.ok) return reply.error.message;
    return await seal(reply.value.merged, /** @type {any} */ (key));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * @param {HTMLElement} preview
 * @param {{name: string, label: string, size: number, status: string, effect: string}[]} rows
 */
function showPreview(preview, rows) {
  const body = /** @type {HTMLElement} */ (preview.querySelector("tbody"));
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = row.label;
    tr.append(name);
    tr.insertCell().textContent = inBytes(row.size);
    tr.insertCell().textContent = row.status === "new" ? `New here: ${row.effect}` : row.effect;
    return tr;
  }));
}

/**
 * A list of the records, each with its content shown as text; set-aside copies
 * can be downloaded or deleted one by one.
 * @param {Record<string, unknown>} records
 * @param {string[][]} labels
 * @param {{refresh: () => void, say: (text: string) => void}} page
 * @param {AbortSignal} signal
 */
function describeRecords(records, labels, page, signal) {
  const names = Object.keys(records).sort();
  if (!storageAvailable()) {
    const off = document.createElement("p");
    off.textContent = "Storage is off: this browser does not let the site keep anything, so "
      + "nothing you do on the site is kept after you leave a page, and an import cannot be "
      + "saved. Allow site data for this site in the browser's settings to keep your work.";
    return off;
  }
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
    item.append(title, describeNotes(value), details);
    if (name.startsWith(QUARANTINE_PREFIX)) item.append(quarantineActions(name, text, page, signal));
    list.append(item);
  }
  return list;
}

/**
 * Download or delete one set-aside copy.
 * @param {string} name
 * @param {string} text
 * @param {{refresh: () => void, say: (text: string) => void}} page
 * @param {AbortSignal} signal
 */
function quarantineActions(name, text, page, signal) {
  const actions = document.createElement("p");
  const download = document.createElement("button");
  download.type = "button";
  download.className = "md-button";
  download.textContent = "Download this copy";
  download.addEventListener("click", () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = `nurturing-relationships-set-aside-${name.slice(QUARANTINE_PREFIX.length).replace(/[^a-z0-9-]+/g, "-")}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }, { signal });
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "md-button";
  remove.textContent = "Delete this copy";
  remove.addEventListener("click", () => {
    if (!confirm("Delete this set-aside copy? It cannot be undone.")) return;
    removeRecord(name);
    page.refresh();
    page.say("The set-aside copy is deleted.");
  }, { signal });
  actions.append(download, " ", remove);
  return actions;
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
    for (const copy of /** @type {any} */ (note)?.conflicts ?? []) {
      const other = document.createElement("p");
      other.textContent = `Another version (${String(copy?.updated)}): ${String(copy?.text)}`;
      item.append(other);
    }
    list.append(item);
  }
  wrapper.append(list);
  return wrapper;
}
