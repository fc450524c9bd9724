// @ts-check
/**
 * Private notes under each discussion prompt, kept only in this browser
 * (record "notes:prompts"), with optional passphrase protection. A note is
 * shown in a textarea or as text, never as HTML. A wrong passphrase leaves the
 * saved notes exactly as they were.
 */
import { deriveKey, seal, unseal, WrongPassphrase } from "./notes-crypto.js";
import { loadRecord, saveRecord } from "./storage.js";

export const NOTES_RECORD = "notes:prompts";

/** @typedef {Record<string, {text: string, updated: string}>} Notes */

/**
 * The unlocked key survives instant navigation (this module stays loaded) but not a reload.
 * @type {import("./notes-crypto.js").NotesKey | null}
 */
let sessionKey = null;
/** @type {Notes | null} */
let sessionNotes = null;

/**
 * The reader's notes as they can be read now: null while they are protected and locked.
 * @returns {Notes | null}
 */
export function readableNotes() {
  /** @type {any} */
  const record = loadRecord(NOTES_RECORD);
  if (record?.encrypted) return sessionNotes;
  return record && typeof record.notes === "object" ? record.notes : {};
}

/**
 * @param {Document} root
 * @param {AbortSignal} signal
 */
export function mountPromptNotes(root, signal) {
  const prompts = /** @type {HTMLElement[]} */ ([...root.querySelectorAll(".nr-prompt[id][data-uses]")]);
  if (!prompts.length) return;
  const bar = makeBar(root);
  const anchor = root.querySelector("form[data-nr-filter]") ?? prompts[0].closest("[data-nr-group]");
  anchor?.after(bar);
  /** @type {Map<string, HTMLElement>} */
  const editors = new Map(prompts.map((prompt) => {
    const id = prompt.querySelector(".nr-prompt__id")?.textContent?.trim() ?? prompt.id;
    const editor = makeEditor(root, id, prompt.id);
    prompt.append(editor);
    return [id, editor];
  }));
  signal.addEventListener("abort", () => {
    bar.remove();
    for (const editor of editors.values()) editor.remove();
  });

  const status = /** @type {HTMLElement} */ (bar.querySelector("[data-nr-notes-status]"));
  const say = (/** @type {string} */ text) => { status.textContent = text; };

  /** @returns {any} */
  const stored = () => loadRecord(NOTES_RECORD);
  const isSealed = () => Boolean(stored()?.encrypted);

  /** The notes now readable: plain ones, or the unlocked sealed ones. */
  const readable = () => {
    if (isSealed()) return sessionNotes;
    const record = stored();
    return record && typeof record.notes === "object" ? /** @type {Notes} */ (record.notes) : {};
  };

  const render = () => {
    const notes = readable();
    const locked = notes === null;
    for (const [id, editor] of editors) {
      const area = /** @type {HTMLTextAreaElement} */ (editor.querySelector("textarea"));
      const save = /** @type {HTMLButtonElement} */ (editor.querySelector("[data-nr-save-note]"));
      const marker = /** @type {HTMLElement} */ (editor.querySelector("[data-nr-has-note]"));
      area.value = locked ? "" : notes?.[id]?.text ?? "";
      area.disabled = locked;
      save.disabled = locked;
      marker.textContent = locked ? " (locked)" : notes?.[id]?.text ? " (has a note)" : "";
    }
    showForms(bar, isSealed() ? (locked ? "locked" : "unlocked") : "plain");
  };

  /** @param {Notes} notes */
  const persist = async (notes) => {
    const value = isSealed() && sessionKey ? await seal({ notes }, sessionKey) : { notes };
    if (isSealed()) sessionNotes = notes;
    return saveRecord(NOTES_RECORD, value);
  };

  for (const [id, editor] of editors) {
    editor.querySelector("[data-nr-save-note]")?.addEventListener("click", async () => {
      const notes = readable();
      if (notes === null) return;
      const text = /** @type {HTMLTextAreaElement} */ (editor.querySelector("textarea")).value;
      const next = { ...notes };
      if (text.trim()) next[id] = { text, updated: new Date().toISOString() };
      else delete next[id];
      const outcome = await persist(next);
      const line = /** @type {HTMLElement} */ (editor.querySelector("[data-nr-note-status]"));
      line.textContent = outcome.ok
        ? (text.trim() ? "Saved in this browser." : "Note removed.")
        : "This browser would not keep the note (storage is full or off). Copy it somewhere safe.";
      /** @type {HTMLElement} */ (editor.querySelector("[data-nr-has-note]")).textContent = text.trim() ? " (has a note)" : "";
    }, { signal });
  }

  bar.querySelector("[data-nr-protect]")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement} */ (event.target);
    const first = /** @type {HTMLInputElement} */ (form.elements.namedItem("passphrase")).value;
    const again = /** @type {HTMLInputElement} */ (form.elements.namedItem("passphrase-again")).value;
    if (first.length < 8) return say("Choose a passphrase of at least 8 characters.");
    if (first !== again) return say("The two passphrases differ. Type the same one twice.");
    const notes = readable() ?? {};
    const key = await deriveKey(first);
    const outcome = saveRecord(NOTES_RECORD, await seal({ notes }, key));
    if (!outcome.ok) return say("This browser would not keep the protected notes; nothing changed.");
    sessionKey = key;
    sessionNotes = notes;
    form.reset();
    say("Your notes are protected. You will need the passphrase after a reload; "
      + "if you forget it, the notes cannot be recovered.");
    render();
  }, { signal });

  bar.querySelector("[data-nr-unlock]")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement} */ (event.target);
    const passphrase = /** @type {HTMLInputElement} */ (form.elements.namedItem("passphrase")).value;
    try {
      const { value, notesKey } = await unseal(stored(), passphrase);
      sessionKey = notesKey;
      sessionNotes = value?.notes ?? {};
      form.reset();
      say("Notes unlocked for this visit.");
      render();
    } catch (error) {
      say(error instanceof WrongPassphrase
        ? "That passphrase does not unlock your notes. They are still saved, unchanged: try again."
        : "Your notes could not be unlocked here. They are still saved, unchanged.");
    }
  }, { signal });

  bar.querySelector("[data-nr-lock]")?.addEventListener("click", () => {
    sessionKey = null;
    sessionNotes = null;
    say("Notes locked.");
    render();
  }, { signal });

  bar.querySelector("[data-nr-unprotect]")?.addEventListener("click", () => {
    const notes = readable();
    if (notes === null) return;
    if (!confirm("Remove the passphrase? Your notes will be kept in this browser without it.")) return;
    const outcome = saveRecord(NOTES_RECORD, { notes });
    if (!outcome.ok) return say("This browser would not save the change; your notes stay protected.");
    sessionKey = null;
    sessionNotes = null;
    say("The passphrase is removed.");
    render();
  }, { signal });

  render();
}

/**
 * @param {HTMLElement} bar
 * @param {"plain" | "locked" | "unlocked"} state
 */
function showForms(bar, state) {
  for (const element of bar.querySelectorAll("[data-nr-when]")) {
    /** @type {HTMLElement} */ (element).hidden = element.getAttribute("data-nr-when") !== state;
  }
}

/**
 * @param {Document} root
 * @param {string} promptId like 5.01
 * @param {string} anchor the prompt's HTML id
 */
function makeEditor(root, promptId, anchor) {
  const details = root.createElement("details");
  details.className = "nr-note";
  const summary = root.createElement("summary");
  summary.append("My private note");
  const hidden = root.createElement("span");
  hidden.className = "nr-visually-hidden";
  hidden.textContent = ` on prompt ${promptId}`;
  const marker = root.createElement("span");
  marker.dataset.nrHasNote = "";
  summary.append(hidden, marker);
  const label = root.createElement("label");
  label.htmlFor = `note-${anchor}`;
  label.textContent = `Private note on prompt ${promptId} (kept only in this browser)`;
  const area = root.createElement("textarea");
  area.id = `note-${anchor}`;
  area.rows = 4;
  const save = root.createElement("button");
  save.type = "button";
  save.className = "md-button";
  save.dataset.nrSaveNote = "";
  save.textContent = "Save note";
  const line = root.createElement("p");
  line.setAttribute("role", "status");
  line.dataset.nrNoteStatus = "";
  details.append(summary, label, area, save, line);
  return details;
}

/** @param {Document} root */
function makeBar(root) {
  const bar = root.createElement("section");
  bar.className = "nr-notes-bar nr-data";
  bar.setAttribute("aria-label", "Your private notes");
  bar.innerHTML = `
    <p><strong>Private notes.</strong> Under each prompt you can keep a note. Notes stay in this
    browser only; see them all, export or erase them on the My data page. You can protect
    them with a passphrase.</p>
    <form data-nr-protect data-nr-when="plain" hidden>
      <p><label for="nr-new-passphrase">Passphrase (at least 8 characters)</label>
      <input type="password" id="nr-new-passphrase" name="passphrase" autocomplete="new-password"></p>
      <p><label for="nr-new-passphrase-again">The same passphrase again</label>
      <input type="password" id="nr-new-passphrase-again" name="passphrase-again" autocomplete="new-password"></p>
      <p><button type="submit" class="md-button">Protect my notes</button></p>
    </form>
    <form data-nr-unlock data-nr-when="locked" hidden>
      <p><label for="nr-passphrase">Your notes are protected. Passphrase</label>
      <input type="password" id="nr-passphrase" name="passphrase" autocomplete="current-password"></p>
      <p><button type="submit" class="md-button md-button--primary">Unlock my notes</button></p>
    </form>
    <p data-nr-when="unlocked" hidden>
      <button type="button" class="md-button" data-nr-lock>Lock my notes now</button>
      <button type="button" class="md-button" data-nr-unprotect>Remove the passphrase</button>
    </p>
    <p data-nr-notes-status role="status" aria-live="polite"></p>`;
  return bar;
}
