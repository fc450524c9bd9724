// @ts-check
/**
 * The relationships check-in: the reader answers (or skips) each item, Python
 * (exercises.checkin) turns the answers into a profile per area, and the page
 * shows it as a chart and a table. Each take is kept in this browser, so a
 * retake shows what changed. No total, no cut-offs: Python gives none.
 */
import { askPython } from "../lib/ask-python.js";
import {
  CHECKIN_RECORD,
  loadRecord,
  newItemId,
  objectsIn,
  onRecordChange,
  removeRecord,
  showSaveOutcome,
  updateRecord,
} from "../storage.js";
import { checkStoredRecord } from "../lib/stored-check.js";
import { profileChart, profileTable } from "./profile-chart.js";

/**
 * @typedef {{id?: string, date: string, answers: Record<string, number | null>, profile: any,
 *   changes: any}} Take
 */

/**
 * @param {HTMLElement} widget
 * @param {any} data the JSON island: {checkin, links}
 * @param {AbortSignal} signal
 */
export function mountCheckin(widget, data, signal) {
  const form = /** @type {HTMLFormElement} */ (widget.querySelector("form[data-nr-checkin]"));
  const result = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-result]"));
  const history = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-history]"));
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
  const reset = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=reset]"));
  submit.hidden = false;
  reset.hidden = false;

  /** @type {{takes: Take[]}} */
  let record = { takes: [] };
  const reload = () => {
    /** @type {any} */
    const stored = loadRecord(CHECKIN_RECORD);
    record = { takes: objectsIn(stored?.takes) };
  };
  reload();

  const show = (/** @type {Take} */ take) => {
    result.replaceChildren();
    const heading = document.createElement("h3");
    heading.textContent = `Your check-in of ${formatDate(take.date)}`;
    const note = document.createElement("p");
    note.className = "nr-muted";
    note.textContent = "Where your answers sit in each area: not a score, and no area is a "
      + "verdict. A line marks where an area sat last time.";
    result.append(heading, note,
      profileChart(take.profile, take.changes, "nr-checkin-chart"),
      profileTable(take.profile, take.changes, data.links));
  };

  const showHistory = () => {
    const list = /** @type {HTMLElement} */ (history.querySelector("[data-nr-history-list]"));
    list.replaceChildren(...record.takes.map((take) => {
      const item = document.createElement("li");
      const answered = Object.values(take.answers).filter((value) => value !== null).length;
      item.textContent = `${formatDate(take.date)}: ${answered} of ${data.checkin.items.length} items answered`;
      return item;
    }));
    history.hidden = record.takes.length === 0;
  };

  const latest = record.takes.at(-1);
  if (latest) {
    setAnswers(form, latest.answers);
    show(latest);
  }
  showHistory();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answers = readAnswers(form, data.checkin.items);
    if (!Object.values(answers).some((value) => value !== null)) {
      result.textContent = "Answer at least one item to see a profile (any item can be skipped).";
      return;
    }
    const say = (/** @type {string} */ text) => { result.textContent = text; };
    const previous = record.takes.at(-1)?.answers ?? null;
    const answer = await askPython("checkin_profile", { checkin: data.checkin, answers, previous }, {
      controls: submit, signal, say, working: "Working out your profile…",
    });
    if (!answer) return;
    /** @type {Take} */
    const take = { id: newItemId("take"), date: new Date().toISOString(), answers, ...answer.value };
    // Add to the takes stored now, not this tab's copy: another tab may have added one.
    // Every take is kept (none drops off the end); the reader erases the history themselves.
    const { outcome } = await updateRecord(CHECKIN_RECORD, (/** @type {any} */ latest) => ({
      ...(latest ?? {}),
      takes: [...(Array.isArray(latest?.takes) ? latest.takes : []), take],
    }));
    showSaveOutcome(widget, outcome);
    if (outcome.ok) reload();
    else record = { takes: [...record.takes, take] };
    show(take);
    showHistory();
  }, { signal });

  onRecordChange((name) => {
    if (name !== null && name !== CHECKIN_RECORD) return;
    reload();
    showHistory();
  }, signal);
  checkStoredRecord(CHECKIN_RECORD, "check-ins").then((why) => {
    if (!why || signal.aborted) return;
    reload();
    showHistory();
    result.textContent = why;
  });

  form.addEventListener("reset", () => { result.textContent = ""; }, { signal });

  widget.querySelector("[data-nr-erase-history]")?.addEventListener("click", () => {
    if (!confirm("Erase every check-in kept in this browser? This cannot be undone.")) return;
    record.takes = [];
    removeRecord(CHECKIN_RECORD);
    form.reset();
    result.textContent = "Your check-in history is erased.";
    showHistory();
  }, { signal });
}

/**
 * @param {HTMLFormElement} form
 * @param {{id: string}[]} items
 * @returns {Record<string, number | null>}
 */
function readAnswers(form, items) {
  const data = new FormData(form);
  return Object.fromEntries(items.map(({ id }) => {
    const value = data.get(`checkin-${id}`);
    return [id, value ? Number(value) : null];
  }));
}

/**
 * @param {HTMLFormElement} form
 * @param {Record<string, number | null>} answers
 */
function setAnswers(form, answers) {
  for (const [id, value] of Object.entries(answers)) {
    const input = form.querySelector(
      `input[name="checkin-${CSS.escape(id)}"][value="${value === null ? "" : CSS.escape(String(value))}"]`,
    );
    if (input instanceof HTMLInputElement) input.checked = true;
  }
}

/** @param {string} iso */
export function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? "an unknown date"
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
