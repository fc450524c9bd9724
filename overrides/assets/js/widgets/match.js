// @ts-check
/**
 * The glossary match: a select per term, graded by exercises.widgets.check_match
 * in Python with feedback on every pair. The last attempt is kept.
 */
import { loadRecord, saveRecord, showSaveOutcome } from "../storage.js";
import { askPython } from "../lib/ask-python.js";

/**
 * @param {HTMLElement} widget
 * @param {any} data the JSON island: {terms: GlossaryTerm[]}
 * @param {AbortSignal} signal
 */
export function mountMatch(widget, data, signal) {
  const form = /** @type {HTMLFormElement | null} */ (widget.querySelector("form"));
  if (!form) return;
  const recordName = `attempts:${widget.id}`;
  const check = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
  const reset = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=reset]"));
  const result = form.querySelector("[data-nr-result]");
  const selects = /** @type {HTMLSelectElement[]} */ ([...form.querySelectorAll("select")]);
  check.hidden = false;
  reset.hidden = false;

  /** @type {{answers: Record<string, string | null>, result: any} | null} */
  const saved = loadRecord(recordName);
  if (saved) {
    for (const select of selects) select.value = saved.answers[select.name] ?? "";
    showPairs(form, saved.result);
  }
  for (const select of selects) {
    showChosen(form, select);
    select.addEventListener("change", () => showChosen(form, select), { signal });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answers = Object.fromEntries(selects.map((select) => [select.name, select.value || null]));
    if (!Object.values(answers).some(Boolean)) {
      if (result) result.textContent = "Choose a definition for at least one term first.";
      return;
    }
    const say = (/** @type {string} */ text) => { if (result) result.textContent = text; };
    const answer = await askPython("check_match", { terms: data.terms, answers }, {
      controls: check, signal, say, working: "Checking…",
    });
    if (!answer) return;
    showPairs(form, answer.value);
    showSaveOutcome(widget, saveRecord(recordName, { answers, result: answer.value }));
  }, { signal });

  form.addEventListener("reset", () => {
    showSaveOutcome(widget, saveRecord(recordName, null));
    for (const note of form.querySelectorAll("[data-nr-feedback-for]")) {
      /** @type {HTMLElement} */ (note).hidden = true;
    }
    if (result) result.textContent = "";
    // The form's own reset runs after this event: show the cleared choices once it has.
    setTimeout(() => {
      for (const select of selects) showChosen(form, select);
    });
  }, { signal });
}

/**
 * @param {HTMLFormElement} form
 * @param {{summary: string, pairs: {term_id: string, correct: boolean, feedback: string}[]}} graded
 */
function showPairs(form, graded) {
  const result = form.querySelector("[data-nr-result]");
  if (result) result.textContent = graded.summary;
  for (const pair of graded.pairs) {
    const note = /** @type {HTMLElement | null} */ (
      form.querySelector(`[data-nr-feedback-for="${CSS.escape(pair.term_id)}"]`)
    );
    if (!note) continue;
    note.hidden = false;
    note.dataset.verdict = pair.correct ? "chosen-right" : "chosen-wrong";
    note.textContent = pair.feedback;
  }
}

/**
 * Under a term's select, the text of the definition chosen for it (the select itself
 * is too narrow on a phone to show all of it).
 * @param {HTMLFormElement} form
 * @param {HTMLSelectElement} select
 */
function showChosen(form, select) {
  const line = form.querySelector(`[data-nr-chosen-for="${CSS.escape(select.name)}"]`);
  if (!line) return;
  const option = select.selectedOptions[0];
  line.textContent = select.value && option ? option.text : "";
}
