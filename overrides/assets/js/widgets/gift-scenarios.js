// @ts-check
/**
 * The gift vignettes: the reader picks what they would do and may say why;
 * Python (exercises.scenarios) returns the considerations the vignette raises
 * and the chapter's position. Framed for discussion: nothing is marked right.
 * The reader's words are shown with textContent only, and save as they type
 * (into the latest stored responses, one vignette at a time).
 */
import { askPython } from "../lib/ask-python.js";
import { autosave } from "../lib/autosave.js";
import { loadRecord, onRecordChange, showSaveOutcome, updateRecord } from "../storage.js";

export const SCENARIO_RECORD = "gift-scenarios";

/**
 * @param {HTMLElement} widget
 * @param {any} data the JSON island: {scenarios, position}
 * @param {AbortSignal} signal
 */
export function mountGiftScenarios(widget, data, signal) {
  /** @typedef {{decision: string, explanation: string, feedback?: any}} Response */
  /** @returns {Record<string, Response>} */
  const saved = () => {
    /** @type {any} */
    const record = loadRecord(SCENARIO_RECORD);
    return record && typeof record === "object" && !Array.isArray(record) ? record : {};
  };
  /**
   * Change one vignette's response in the latest stored responses.
   * @param {string} id
   * @param {(earlier: Response | undefined) => Response} change
   */
  const writeResponse = async (id, change) => {
    const { outcome } = await updateRecord(SCENARIO_RECORD, (/** @type {any} */ latest) => {
      const responses = latest && typeof latest === "object" && !Array.isArray(latest) ? latest : {};
      return { ...responses, [id]: change(responses[id]) };
    });
    showSaveOutcome(widget, outcome);
    return outcome;
  };
  const scenarios = new Map(data.scenarios.map((/** @type {any} */ s) => [s.id, s]));

  for (const element of widget.querySelectorAll("form[data-nr-scenario]")) {
    const form = /** @type {HTMLFormElement} */ (element);
    const id = form.dataset.nrScenario ?? "";
    const button = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
    const result = /** @type {HTMLElement} */ (form.querySelector("[data-nr-result]"));
    const why = /** @type {HTMLTextAreaElement} */ (form.querySelector("textarea"));
    button.hidden = false;
    const choice = () => /** @type {HTMLInputElement | null} */ (form.querySelector("input:checked"))?.value ?? "";
    const saver = autosave(why, () => writeResponse(id, (response) => ({
      ...(response ?? {}), decision: choice() || response?.decision || "", explanation: why.value,
    })), signal);
    onRecordChange((name) => {
      if ((name !== null && name !== SCENARIO_RECORD) || saver.dirty() || document.activeElement === why) return;
      why.value = saved()[id]?.explanation ?? "";
    }, signal);

    const earlier = saved()[id];
    if (earlier) {
      const input = earlier.decision
        ? form.querySelector(`input[value="${CSS.escape(earlier.decision)}"]`)
        : null;
      if (input instanceof HTMLInputElement) input.checked = true;
      why.value = typeof earlier.explanation === "string" ? earlier.explanation : "";
      // A reason saved as it was typed has no feedback yet.
      if (earlier.feedback) showFeedback(result, earlier.feedback);
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const decision = /** @type {HTMLInputElement | null} */ (form.querySelector("input:checked"))?.value;
      if (!decision) {
        result.textContent = "Choose what you would do first.";
        return;
      }
      const say = (/** @type {string} */ text) => { result.textContent = text; };
      const answer = await askPython("scenario_feedback", {
        scenario: scenarios.get(id), decision, explanation: why.value, position: data.position,
      }, {
        controls: button, signal, say, working: "Gathering what to weigh…",
      });
      if (!answer) return;
      await writeResponse(id, (response) => ({
        ...(response ?? {}), decision, explanation: why.value, feedback: answer.value,
      }));
      saver.markSaved();
      showFeedback(result, answer.value);
    }, { signal });
  }
}

/**
 * @param {HTMLElement} region
 * @param {any} feedback Python's ScenarioFeedback
 */
function showFeedback(region, feedback) {
  const framing = paragraph(feedback.framing);
  const choice = paragraph(`You chose: ${feedback.decision_label}.`);
  const list = document.createElement("ul");
  list.className = "nr-scenario__considerations";
  for (const item of feedback.considerations) {
    const entry = document.createElement("li");
    const label = document.createElement("strong");
    label.textContent = `${item.label}: `;
    entry.append(label, item.text, item.mentioned ? " (your explanation touches on this)" : "");
    list.append(entry);
  }
  const questions = document.createElement("ul");
  for (const question of feedback.questions) {
    const entry = document.createElement("li");
    entry.textContent = question;
    questions.append(entry);
  }
  const position = paragraph("");
  const label = document.createElement("strong");
  label.textContent = "The chapter's position: ";
  position.append(label, feedback.position);
  region.replaceChildren(choice, list, ...(feedback.questions.length ? [questions] : []), position, framing);
}

/** @param {string} text */
function paragraph(text) {
  const element = document.createElement("p");
  element.textContent = text;
  return element;
}
