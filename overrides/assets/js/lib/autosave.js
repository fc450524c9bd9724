// @ts-check
/**
 * Save a field as the reader types (debounced), with its state shown next to
 * it: "Saved", "Not saved: storage is full", "Not kept: storage is off".
 * While any field has unsaved text, leaving the page asks first.
 */

const DELAY_MS = 600;
/** @type {Set<object>} */
const unsaved = new Set();
let warning = false;

/** Ask before the page goes while something typed is not saved yet. */
function warnBeforeLeaving() {
  if (warning) return;
  warning = true;
  // One listener for the page's life, not one per mount: it only reads `unsaved`.
  window.addEventListener("beforeunload", (event) => {
    if (!unsaved.size) return;
    event.preventDefault();
    event.returnValue = "";
  });
}

/**
 * @typedef {{ok: true} | {ok: false, reason: "unavailable" | "full"}} SaveOutcome
 * @typedef {{flush: () => Promise<void>, dirty: () => boolean, markSaved: () => void}} Autosave
 */

/**
 * Autosave one field (textarea, input, or a group of them under `field`).
 * @param {HTMLElement} field what the reader types in; the state line goes after it
 * @param {() => Promise<SaveOutcome>} save writes the field's current value
 * @param {AbortSignal} signal
 * @param {HTMLElement} [after] where to put the state line (default: after the field)
 * @returns {Autosave}
 */
export function autosave(field, save, signal, after = field) {
  warnBeforeLeaving();
  const line = document.createElement("p");
  line.className = "nr-autosave nr-muted";
  line.setAttribute("role", "status");
  line.dataset.nrAutosave = "";
  after.after(line);
  const token = {};
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let running = Promise.resolve();

  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    running = running.then(async () => {
      if (!unsaved.has(token)) return;
      const outcome = await save();
      if (outcome.ok) {
        unsaved.delete(token);
        line.textContent = "Saved";
      } else {
        line.textContent = outcome.reason === "full"
          ? "Not saved: storage is full. Copy your text somewhere safe, or free space on My data."
          : "Not kept: storage is off in this browser. Copy your text somewhere safe.";
      }
    });
    return running;
  };

  const changed = () => {
    unsaved.add(token);
    line.textContent = "Not saved yet…";
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  };
  field.addEventListener("input", changed, { signal });
  field.addEventListener("change", () => { if (unsaved.has(token)) run(); }, { signal });
  // Leaving by instant navigation or closing the tab: save what is pending now.
  window.addEventListener("pagehide", () => { if (unsaved.has(token)) run(); }, { signal });
  signal.addEventListener("abort", () => {
    if (unsaved.has(token)) run().finally(() => unsaved.delete(token));
    line.remove();
  });
  return {
    flush: run,
    dirty: () => unsaved.has(token),
    markSaved: () => {
      clearTimeout(timer);
      unsaved.delete(token);
    },
  };
}
