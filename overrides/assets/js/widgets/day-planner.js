// @ts-check
/**
 * The day planner: the reader lists sessions, tasks and breaks with an energy
 * rating and optional fixed times; Python (exercises.planner) orders the
 * flexible ones, explains why, and says what does not fit.
 */
import { askPython } from "../lib/ask-python.js";
import {
  loadRecord,
  newItemId,
  objectsIn,
  showSaveOutcome,
  updateRecord,
} from "../storage.js";
import { followStoredRecord } from "../lib/stored-check.js";
import { focusFirstFieldForTheNext, showItemList } from "./item-list.js";
import { appendColumnHeadings } from "../lib/tables.js";

export const PLAN_RECORD = "day-plan";

/**
 * @typedef {{id: string, label: string, kind: string, energy: string, minutes: number,
 *   fixed_start: string | null}} PlanItem
 */

/**
 * @param {HTMLElement} widget
 * @param {{energies: Record<string, string>, kinds: Record<string, string>}} data
 * @param {AbortSignal} signal
 */
export function mountDayPlanner(widget, data, signal) {
  const dayForm = /** @type {HTMLFormElement} */ (widget.querySelector("form[data-nr-day]"));
  const form = /** @type {HTMLFormElement} */ (widget.querySelector("form[data-nr-add-item]"));
  const region = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-list-region]"));
  const list = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-items]"));
  const run = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-run]"));
  const status = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-status]"));
  const result = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-result]"));
  widget.querySelector("[data-nr-needs-js]")?.setAttribute("hidden", "");
  dayForm.hidden = false;
  form.hidden = false;
  const dayStart = /** @type {HTMLInputElement} */ (dayForm.elements.namedItem("day_start"));
  const dayEnd = /** @type {HTMLInputElement} */ (dayForm.elements.namedItem("day_end"));

  /** @typedef {{day_start: string, day_end: string, items: PlanItem[], plan: any, next?: number}} Plan */
  /** @type {Plan} */
  let record = { day_start: "09:00", day_end: "17:00", items: [], plan: null };
  const reload = () => {
    /** @type {any} */
    const stored = loadRecord(PLAN_RECORD);
    record = {
      day_start: typeof stored?.day_start === "string" ? stored.day_start : "09:00",
      day_end: typeof stored?.day_end === "string" ? stored.day_end : "17:00",
      items: objectsIn(stored?.items),
      plan: stored?.plan ?? null,
    };
    dayStart.value = record.day_start;
    dayEnd.value = record.day_end;
  };
  /**
   * Change the latest stored plan (never this tab's copy) and show the result.
   * @param {(latest: Plan) => void} change
   */
  const update = async (change) => {
    const { outcome, value } = await updateRecord(PLAN_RECORD, (/** @type {any} */ latest) => {
      const next = {
        day_start: "09:00", day_end: "17:00", plan: null, ...(latest ?? {}),
        items: Array.isArray(latest?.items) ? [...latest.items] : [],
      };
      change(next);
      return next;
    });
    showSaveOutcome(widget, outcome);
    if (outcome.ok) reload();
    else record = /** @type {any} */ (value);
    refresh();
  };

  const refresh = () => {
    region.hidden = record.items.length === 0;
    showItemList(list, record.items,
      (item) => `${item.label}: ${data.kinds[item.kind] ?? item.kind}, `
        + `${(data.energies[item.energy] ?? item.energy).toLowerCase()}, ${item.minutes} min`
        + (item.fixed_start ? `, fixed at ${item.fixed_start}` : ""),
      async (index) => {
        const removed = record.items[index];
        await update((latest) => {
          latest.items = latest.items.filter((item) => item?.id !== removed.id);
          latest.plan = null;
        });
        result.replaceChildren();
        status.textContent = `Removed ${removed.label}. Plan your day again to update it.`;
        (list.querySelector("button") ?? form.querySelector("input"))?.focus();
      }, signal);
  };

  dayForm.addEventListener("change", () => {
    const [start, end] = [dayStart.value, dayEnd.value];
    update((latest) => {
      latest.day_start = start;
      latest.day_end = end;
    });
  }, { signal });
  dayForm.addEventListener("submit", (event) => event.preventDefault(), { signal });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const focusedAtSubmit = document.activeElement;
    const values = new FormData(form);
    const label = String(values.get("label") ?? "").trim();
    const minutes = Number(values.get("minutes"));
    if (!label || !Number.isInteger(minutes) || minutes < 1) {
      status.textContent = "Give the item a label and a length in whole minutes.";
      return;
    }
    const fixed = String(values.get("fixed_start") ?? "");
    const item = {
      id: newItemId("item"), label, kind: String(values.get("kind")),
      energy: String(values.get("energy")), minutes, fixed_start: fixed || null,
    };
    form.reset();
    await update((latest) => {
      latest.items.push(item);
      latest.plan = null;
    });
    result.replaceChildren();
    const count = record.items.length;
    status.textContent = `Added ${label}. ${count} ${count === 1 ? "item" : "items"} in your day.`;
    focusFirstFieldForTheNext(form, focusedAtSubmit);
  }, { signal });

  run.addEventListener("click", async () => {
    const say = (/** @type {string} */ text) => { status.textContent = text; };
    const items = record.items;
    const answer = await askPython("plan_day", {
      items, day_start: dayStart.value, day_end: dayEnd.value,
    }, {
      controls: run, signal, say, working: "Planning your day…",
    });
    if (!answer) return;
    await update((latest) => {
      // A plan of the items as they are now only: another tab may have changed them meanwhile.
      if (JSON.stringify(latest.items) === JSON.stringify(items)) latest.plan = answer.value;
    });
    // The plan's own summary heads the result below; the status line only says it is there.
    status.textContent = "Your day is planned: see Your planned day below.";
    showPlan(result, answer.value, data);
  }, { signal });

  followStoredRecord(PLAN_RECORD, "day plan", {
    reload: () => {
      reload();
      refresh();
    },
    showResult: () => {
      if (record.plan) showPlan(result, record.plan, data);
      else result.replaceChildren();
    },
    result,
    status,
  }, signal);
}

/**
 * @param {HTMLElement} region
 * @param {any} plan Python's DayPlan
 * @param {{energies: Record<string, string>}} data
 */
function showPlan(region, plan, data) {
  const heading = document.createElement("h3");
  heading.textContent = "Your planned day";
  const summary = document.createElement("p");
  summary.className = plan.all_met ? "" : "nr-widget__storage";
  summary.textContent = plan.summary;
  const table = document.createElement("table");
  table.className = "nr-plan__table";
  table.createCaption().textContent = "The day in order";
  appendColumnHeadings(table, ["Time", "Item", "Energy", "Why here"]);
  const body = table.createTBody();
  for (const slot of plan.slots) {
    const row = body.insertRow();
    const time = document.createElement("th");
    time.scope = "row";
    time.textContent = `${slot.start}–${slot.end}`;
    row.append(time);
    row.insertCell().textContent = slot.kind === "break" ? `${slot.label} (break)` : slot.label;
    row.insertCell().textContent = data.energies[slot.energy] ?? slot.energy;
    row.insertCell().textContent = slot.reason;
  }
  /** @type {HTMLElement[]} */ const parts = [heading, summary, table];
  if (plan.unplaced.length) {
    const title = document.createElement("h3");
    title.textContent = "What does not fit";
    const list = document.createElement("ul");
    for (const item of plan.unplaced) {
      const line = document.createElement("li");
      line.textContent = `${item.label}: ${item.reason}`;
      list.append(line);
    }
    parts.push(title, list);
  }
  region.replaceChildren(...parts);
}
