// @ts-check
/**
 * The takeaway check: single-choice, multiple-choice and true/false questions,
 * graded by exercises.widgets.check_choice in Python. The last answer and
 * result of each question are kept, and a reload shows them again.
 */
import { call } from "../python/client.js";
import { loadRecord, removeRecord, saveRecord, showSaveOutcome } from "../storage.js";
import { describeError, setBusy } from "./python-status.js";

/** What each of Python's verdicts says next to an option (nothing for a wrong option left out). */
const VERDICT_LABELS = {
  "chosen-right": "Your choice, right.",
  "chosen-wrong": "Your choice, not right.",
  missed: "The right answer.",
  "missed-multiple": "Also right, not chosen.",
};

/**
 * @param {HTMLElement} widget
 * @param {any} data the JSON island: {items: CheckItem[]}
 * @param {AbortSignal} signal
 */
export function mountChoiceSet(widget, data, signal) {
  const recordName = `attempts:${widget.id}`;
  /** @type {Record<string, {chosen: string[], result: any}>} */
  const attempts = loadRecord(recordName) ?? {};
  const items = new Map(data.items.map((/** @type {any} */ item) => [item.id, item]));
  const score = widget.querySelector("[data-nr-score]");

  const save = () => showSaveOutcome(widget, saveRecord(recordName, attempts));

  const updateScore = async () => {
    if (!score) return;
    const answers = Object.fromEntries(Object.entries(attempts).map(([id, a]) => [id, a.chosen]));
    if (!Object.keys(answers).length) {
      score.textContent = `${items.size} questions. Your score appears here as you check answers.`;
      return;
    }
    const reply = await call("score_choices", { items: data.items, answers });
    if (signal.aborted || !reply.ok) return;
    const { answered, correct, total } = reply.value;
    score.textContent = `Score: ${correct} of ${total} right (${answered} answered).`;
  };

  for (const form of widget.querySelectorAll("form[data-nr-item]")) {
    const question = /** @type {HTMLFormElement} */ (form);
    const id = question.dataset.nrItem ?? "";
    const checkButton = /** @type {HTMLButtonElement} */ (question.querySelector("button[type=submit]"));
    const retryButton = /** @type {HTMLButtonElement} */ (question.querySelector("[data-nr-retry]"));
    checkButton.hidden = false;
    let checking = false;

    const saved = attempts[id];
    if (saved) {
      for (const value of saved.chosen) setChecked(question, value);
      showResult(question, saved.result, items.get(id)?.kind);
      retryButton.hidden = false;
    }

    question.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = [...question.querySelectorAll("input:checked")].map(
        (input) => /** @type {HTMLInputElement} */ (input).value,
      );
      const result = question.querySelector("[data-nr-result]");
      if (!chosen.length) {
        if (result) result.textContent = "Choose an answer first.";
        return;
      }
      if (checking) return;
      checking = true;
      setBusy(checkButton, true);
      if (result) result.textContent = "Checking…";
      const reply = await call("check_choice", { item: items.get(id), chosen });
      checking = false;
      setBusy(checkButton, false);
      if (signal.aborted) return;
      if (!reply.ok) {
        if (result) result.textContent = describeError(reply.error);
        return;
      }
      attempts[id] = { chosen, result: reply.value };
      save();
      showResult(question, reply.value, items.get(id)?.kind);
      retryButton.hidden = false;
      updateScore();
    }, { signal });

    retryButton.addEventListener("click", () => {
      delete attempts[id];
      save();
      question.reset();
      clearResult(question);
      retryButton.hidden = true;
      question.querySelector("input")?.focus();
      updateScore();
    }, { signal });
  }

  const reset = /** @type {HTMLButtonElement | null} */ (widget.querySelector("[data-nr-reset]"));
  if (reset) {
    reset.hidden = false;
    reset.addEventListener("click", () => {
      if (!confirm("Clear all your answers to the takeaway check?")) return;
      for (const key of Object.keys(attempts)) delete attempts[key];
      removeRecord(recordName);
      for (const form of widget.querySelectorAll("form[data-nr-item]")) {
        /** @type {HTMLFormElement} */ (form).reset();
        clearResult(form);
        const retryButton = /** @type {HTMLElement | null} */ (form.querySelector("[data-nr-retry]"));
        if (retryButton) retryButton.hidden = true;
      }
      updateScore();
    }, { signal });
  }
  updateScore();
}

/**
 * @param {Element} form
 * @param {string} value
 */
function setChecked(form, value) {
  const input = form.querySelector(`input[value="${CSS.escape(value)}"]`);
  if (input instanceof HTMLInputElement) input.checked = true;
}

/**
 * Show Python's verdict on the question and its feedback on each option.
 * @param {Element} form
 * @param {{correct: boolean, summary: string, options: any[]}} result
 * @param {string} kind single, multiple or true-false
 */
function showResult(form, result, kind) {
  const region = form.querySelector("[data-nr-result]");
  if (region) region.textContent = result.summary;
  form.classList.toggle("is-correct", result.correct);
  form.classList.toggle("is-incorrect", !result.correct);
  for (const option of result.options) {
    const note = /** @type {HTMLElement | null} */ (
      form.querySelector(`[data-nr-feedback-for="${CSS.escape(option.id)}"]`)
    );
    if (!note) continue;
    const verdict = option.verdict === "missed" && kind === "multiple" ? "missed-multiple" : option.verdict;
    const label = VERDICT_LABELS[/** @type {keyof typeof VERDICT_LABELS} */ (verdict)];
    note.hidden = !label;
    note.dataset.verdict = option.verdict;
    note.textContent = label ? `${label} ${option.feedback}` : "";
  }
}

/** @param {Element} form */
function clearResult(form) {
  const region = form.querySelector("[data-nr-result]");
  if (region) region.textContent = "";
  form.classList.remove("is-correct", "is-incorrect");
  for (const note of form.querySelectorAll("[data-nr-feedback-for]")) {
    /** @type {HTMLElement} */ (note).hidden = true;
    note.textContent = "";
  }
}
