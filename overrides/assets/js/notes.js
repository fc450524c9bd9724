// @ts-check
/**
 * Private notes under each discussion prompt, kept only in this browser
 * (record "notes:prompts"), with optional passphrase protection. A note saves
 * as the reader types; each write changes only that note in the latest stored
 * notes, under the storage lock. A note changed in another tab appears here,
 * except under the reader's cursor, where they choose: keep mine / take theirs.
 * Notes are shown in a textarea or as text, never as HTML. A wrong passphrase
 * leaves the saved notes exactly as they were.
 */
import { autosave } from "./lib/autosave.js";
import { NOTES_RECORD, readableNotes, unlocked } from "./lib/notes-session.js";
import { deriveKey, openWithKey, seal, unseal, WrongPassphrase } from "./notes-crypto.js";
import { loadRecord, onRecordChange, saveRecord, updateRecord } from "./storage.js";

/** @typedef {import("./lib/notes-session.js").Notes} Notes */

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


  /** What each editor last showed from storage, to tell the reader's edits from another tab's. */
  /** @type {Map<string, string>} */
  const shown = new Map();

  /** @param {HTMLElement} editor @param {Notes[string] | undefined} note */
  const showCopies = (editor, note) => {
    const copies = /** @type {HTMLElement} */ (editor.querySelector("[data-nr-note-copies]"));
    copies.replaceChildren(...(note?.conflicts ?? []).map((copy) => {
      const item = root.createElement("li");
      item.textContent = `Another version, kept when two versions met (${copy.updated}): ${copy.text}`;
      return item;
    }));
    copies.hidden = !note?.conflicts?.length;
  };

  const render = () => {
    const notes = readableNotes();
    const locked = notes === null;
    for (const [id, editor] of editors) {
      const area = /** @type {HTMLTextAreaElement} */ (editor.querySelector("textarea"));
      const save = /** @type {HTMLButtonElement} */ (editor.querySelector("[data-nr-save-note]"));
      const marker = /** @type {HTMLElement} */ (editor.querySelector("[data-nr-has-note]"));
      const text = locked ? "" : notes?.[id]?.text ?? "";
      area.value = text;
      shown.set(id, text);
      autosaves.get(id)?.markSaved();
      area.disabled = locked;
      save.disabled = locked;
      marker.textContent = locked ? " (locked)" : notes?.[id]?.text ? " (has a note)" : "";
      showCopies(editor, locked ? undefined : notes?.[id]);
    }
    showForms(bar, isSealed() ? (locked ? "locked" : "unlocked") : "plain");
  };

  /**
   * Write one note into the latest stored notes (plain or sealed), never this tab's copy.
   * @param {string} id
   * @param {string} text
   */
  const writeNote = async (id, text) => {
    try {
      const { outcome } = await updateRecord(NOTES_RECORD, async (/** @type {any} */ latest) => {
        const sealed = Boolean(latest?.encrypted);
        if (sealed && !unlocked.key) return undefined;
        /** @type {Notes} */
        const notes = sealed
          ? ((await openWithKey(latest, /** @type {any} */ (unlocked.key)))?.notes ?? {})
          : (latest?.notes && typeof latest.notes === "object" ? latest.notes : {});
        const next = { ...notes };
        const earlier = notes[id];
        if (text.trim() || earlier?.conflicts?.length) {
          next[id] = { ...(earlier ?? {}), text, updated: new Date().toISOString() };
        } else {
          delete next[id];
        }
        if (!sealed) return { ...(latest ?? {}), notes: next };
        unlocked.notes = next;
        return seal({ notes: next }, /** @type {any} */ (unlocked.key));
      });
      if (outcome.ok) shown.set(id, text);
      return outcome;
    } catch {
      return /** @type {const} */ ({ ok: false, reason: "unavailable" });
    }
  };

  /** @type {Map<string, import("./lib/autosave.js").Autosave>} */
  const autosaves = new Map();
  for (const [id, editor] of editors) {
    const area = /** @type {HTMLTextAreaElement} */ (editor.querySelector("textarea"));
    const marker = /** @type {HTMLElement} */ (editor.querySelector("[data-nr-has-note]"));
    const line = /** @type {HTMLElement} */ (editor.querySelector("[data-nr-note-status]"));
    const saver = autosave(area, async () => {
      const outcome = await writeNote(id, area.value);
      if (outcome.ok) marker.textContent = area.value.trim() ? " (has a note)" : "";
      return outcome;
    }, signal);
    autosaves.set(id, saver);
    editor.querySelector("[data-nr-save-note]")?.addEventListener("click", async () => {
      if (readableNotes() === null) return;
      const text = area.value;
      const outcome = await writeNote(id, text);
      saver.markSaved();
      line.textContent = outcome.ok
        ? (text.trim() ? "Saved in this browser." : "Note removed.")
        : "This browser would not keep the note (storage is full or off). Copy it somewhere safe.";
      marker.textContent = text.trim() ? " (has a note)" : "";
    }, { signal });
  }

  /** Another tab changed the notes: show theirs, except where the reader is typing. */
  const takeOthersChanges = async () => {
    /** @type {any} */
    const record = stored();
    if (record?.encrypted && unlocked.key) {
      try {
        unlocked.notes = (await openWithKey(record, unlocked.key))?.notes ?? {};
      } catch {
        unlocked.key = null;
        unlocked.notes = null;
      }
    }
    const notes = readableNotes();
    if (notes === null) {
      render();
      return;
    }
    showForms(bar, isSealed() ? "unlocked" : "plain");
    for (const [id, editor] of editors) {
      const area = /** @type {HTMLTextAreaElement} */ (editor.querySelector("textarea"));
      const theirs = notes[id]?.text ?? "";
      showCopies(editor, notes[id]);
      if (theirs === shown.get(id)) continue;
      const editing = autosaves.get(id)?.dirty() || root.activeElement === area;
      if (!editing || area.value === theirs) {
        area.value = theirs;
        shown.set(id, theirs);
        autosaves.get(id)?.markSaved();
        /** @type {HTMLElement} */ (editor.querySelector("[data-nr-has-note]")).textContent = theirs.trim() ? " (has a note)" : "";
        continue;
      }
      offerChoice(editor, theirs, async (keepMine) => {
        if (keepMine) {
          await writeNote(id, area.value);
        } else {
          area.value = theirs;
          shown.set(id, theirs);
        }
        autosaves.get(id)?.markSaved();
        area.focus();
      }, signal);
    }
  };
  onRecordChange((name) => {
    if (name === null || name === NOTES_RECORD) takeOthersChanges();
  }, signal);

  bar.querySelector("[data-nr-protect]")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = /** @type {HTMLFormElement} */ (event.target);
    const first = /** @type {HTMLInputElement} */ (form.elements.namedItem("passphrase")).value;
    const again = /** @type {HTMLInputElement} */ (form.elements.namedItem("passphrase-again")).value;
    if (first.length < 8) return say("Choose a passphrase of at least 8 characters.");
    if (first !== again) return say("The two passphrases differ. Type the same one twice.");
    const notes = readableNotes() ?? {};
    const key = await deriveKey(first);
    const outcome = saveRecord(NOTES_RECORD, await seal({ notes }, key));
    if (!outcome.ok) return say("This browser would not keep the protected notes; nothing changed.");
    unlocked.key = key;
    unlocked.notes = notes;
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
      unlocked.key = notesKey;
      unlocked.notes = value?.notes ?? {};
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
    unlocked.key = null;
    unlocked.notes = null;
    say("Notes locked.");
    render();
  }, { signal });

  bar.querySelector("[data-nr-unprotect]")?.addEventListener("click", () => {
    const notes = readableNotes();
    if (notes === null) return;
    if (!confirm("Remove the passphrase? Your notes will be kept in this browser without it.")) return;
    const outcome = saveRecord(NOTES_RECORD, { notes });
    if (!outcome.ok) return say("This browser would not save the change; your notes stay protected.");
    unlocked.key = null;
    unlocked.notes = null;
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
  const copies = root.createElement("ul");
  copies.className = "nr-note__copies";
  copies.dataset.nrNoteCopies = "";
  copies.hidden = true;
  details.append(summary, label, area, save, line, copies);
  return details;
}

/**
 * Ask the reader which version of a note to keep, next to it; `choose(true)` keeps theirs in the field.
 * @param {HTMLElement} editor
 * @param {string} theirs
 * @param {(keepMine: boolean) => Promise<void>} choose
 * @param {AbortSignal} signal
 */
function offerChoice(editor, theirs, choose, signal) {
  editor.querySelector("[data-nr-note-choice]")?.remove();
  const box = document.createElement("div");
  box.className = "nr-note__choice";
  box.dataset.nrNoteChoice = "";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "This note changed in another tab");
  const text = document.createElement("p");
  text.textContent = "This note changed in another tab. Theirs reads: ";
  const quote = document.createElement("q");
  quote.textContent = theirs;
  text.append(quote);
  const mine = document.createElement("button");
  mine.type = "button";
  mine.className = "md-button";
  mine.textContent = "Keep mine";
  mine.dataset.nrKeepMine = "";
  const other = document.createElement("button");
  other.type = "button";
  other.className = "md-button";
  other.textContent = "Take theirs";
  other.dataset.nrTakeTheirs = "";
  box.append(text, mine, " ", other);
  editor.querySelector("[data-nr-note-status]")?.before(box);
  for (const [button, keepMine] of /** @type {const} */ ([[mine, true], [other, false]])) {
    button.addEventListener("click", async () => {
      box.remove();
      await choose(keepMine);
    }, { signal });
  }
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
    <details class="nr-notes-protect" data-nr-when="plain" hidden>
      <summary>Protect my notes with a passphrase</summary>
      <form data-nr-protect>
        <p><label for="nr-new-passphrase">Passphrase (at least 8 characters)</label>
        <input type="password" id="nr-new-passphrase" name="passphrase" autocomplete="new-password"></p>
        <p><label for="nr-new-passphrase-again">The same passphrase again</label>
        <input type="password" id="nr-new-passphrase-again" name="passphrase-again" autocomplete="new-password"></p>
        <p><button type="submit" class="md-button">Protect my notes</button></p>
      </form>
    </details>
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
