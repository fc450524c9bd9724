// @ts-check
/**
 * The takeaway check: single-choice, multiple-choice and true/false questions,
 * graded by exercises.widgets.check_choice in Python. The last answer,
 * result and option order of each question are kept, and a reload shows them
 * again. Python puts the options of every question not yet answered in a new
 * order (exercises.option_order), and again on Try again, so their place never
 * gives the answer away.
 */
import { call } from "../python/client.js";
import { loadRecord, removeRecord, saveRecord, showSaveOutcome } from "../storage.js";
import { askPython } from "../lib/ask-python.js";

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
  /** @type {Record<string, {chosen: string[], result: any, order?: string[], seed?: number}>} */
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

  /** The seed of each question's current order, kept with its attempt. */
  /** @type {Map<string, number>} */
  const seeds = new Map();
  const forms = /** @type {HTMLFormElement[]} */ ([...widget.querySelectorAll("form[data-nr-item]")]);
  const byId = new Map(forms.map((form) => [form.dataset.nrItem ?? "", form]));

  /**
   * Ask Python for a new order of the given questions' options and show it.
   * @param {string[]} ids
   * @param {boolean} changeEach a different order from the one shown (Try again)
   */
  const shuffle = async (ids, changeEach) => {
    const seed = randomSeed();
    const avoid = changeEach
      ? Object.fromEntries(ids.map((id) => [id, shownOrder(/** @type {Element} */ (byId.get(id)))]))
      : {};
    const reply = await call("shuffle_choices", {
      items: ids.map((id) => items.get(id)),
      seed,
      avoid,
    });
    if (signal.aborted || !reply.ok) return;
    for (const [id, order] of Object.entries(reply.value.orders)) {
      const question = byId.get(id);
      // An answer chosen (or being chosen) meanwhile keeps the order the reader sees.
      if (!question || isTouched(question)) continue;
      showOrder(question, /** @type {string[]} */ (order));
      seeds.set(id, seed);
    }
  };

  for (const question of forms) {
    const id = question.dataset.nrItem ?? "";
    const checkButton = /** @type {HTMLButtonElement} */ (question.querySelector("button[type=submit]"));
    const retryButton = /** @type {HTMLButtonElement} */ (question.querySelector("[data-nr-retry]"));
    checkButton.hidden = false;
    const saved = attempts[id];
    if (saved) {
      if (saved.order) showOrder(question, saved.order);
      if (saved.seed !== undefined) seeds.set(id, saved.seed);
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
      const say = (/** @type {string} */ text) => { if (result) result.textContent = text; };
      const answer = await askPython("check_choice", { item: items.get(id), chosen }, {
        controls: checkButton, signal, say, working: "Checking…",
      });
      if (!answer) return;
      attempts[id] = { chosen, result: answer.value, order: shownOrder(question), seed: seeds.get(id) };
      save();
      showResult(question, answer.value, items.get(id)?.kind);
      retryButton.hidden = false;
      updateScore();
    }, { signal });

    retryButton.addEventListener("click", async () => {
      delete attempts[id];
      save();
      question.reset();
      clearResult(question);
      retryButton.hidden = true;
      updateScore();
      await shuffle([id], true);
      if (signal.aborted) return;
      question.querySelector("input")?.focus();
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
      shuffle([...byId.keys()], true);
    }, { signal });
  }
  updateScore();
  const fresh = [...byId.keys()].filter((id) => !attempts[id]?.order && items.has(id));
  if (fresh.length) {
    shuffle(fresh, false).finally(() => widget.setAttribute("data-nr-shuffled", ""));
  } else {
    widget.setAttribute("data-nr-shuffled", "");
  }
}

/** A seed for Python's shuffle: a new one for each attempt. */
function randomSeed() {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

/**
 * The option ids in the order the question shows them.
 * @param {Element} form
 * @returns {string[]}
 */
function shownOrder(form) {
  return [...form.querySelectorAll("[data-nr-option]")].map(
    (option) => /** @type {HTMLElement} */ (option).dataset.nrOption ?? "",
  );
}

/**
 * Show the options in `order`, keeping any option the order does not name where it is.
 * @param {Element} form
 * @param {string[]} order
 */
function showOrder(form, order) {
  const options = new Map(
    [...form.querySelectorAll("[data-nr-option]")].map((option) => [
      /** @type {HTMLElement} */ (option).dataset.nrOption ?? "",
      option,
    ]),
  );
  const known = order.filter((id) => options.has(id));
  if (known.length !== options.size) return;
  const parent = options.get(known[0])?.parentElement;
  if (!parent) return;
  for (const id of known) parent.append(/** @type {Element} */ (options.get(id)));
  /** @type {HTMLElement} */ (form).dataset.nrOrder = known.join(" ");
}

/**
 * Whether the reader has started on this question (an option chosen or in focus).
 * @param {Element} form
 */
function isTouched(form) {
  return Boolean(form.querySelector("input:checked, input:focus"));
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
