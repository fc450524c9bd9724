// @ts-check
/**
 * The competence-constellation map: the reader lists people by initials or a
 * nickname, Python (exercises.constellation) places them in layers and finds
 * gaps, and the page draws an SVG map with a text equivalent.
 */
import { askPython } from "../lib/ask-python.js";
import {
  CONSTELLATION_RECORD,
  loadRecord,
  newItemId,
  objectsIn,
  showSaveOutcome,
  updateRecord,
} from "../storage.js";
import { followStoredRecord } from "../lib/stored-check.js";
import { focusFirstFieldForTheNext, showItemList } from "./item-list.js";

const SVG = "http://www.w3.org/2000/svg";

/**
 * @typedef {{id?: string, label: string, role: string, contact: string}} Person
 */

/**
 * @param {HTMLElement} widget
 * @param {{roles: Record<string, string>, contacts: Record<string, string>,
 *   takeaways: Record<string, {href: string, text: string}>}} data
 * @param {AbortSignal} signal
 */
export function mountConstellation(widget, data, signal) {
  const form = /** @type {HTMLFormElement} */ (widget.querySelector("form[data-nr-add-person]"));
  const region = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-list-region]"));
  const list = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-people]"));
  const run = /** @type {HTMLButtonElement} */ (widget.querySelector("[data-nr-run]"));
  const status = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-status]"));
  const result = /** @type {HTMLElement} */ (widget.querySelector("[data-nr-result]"));
  widget.querySelector("[data-nr-needs-js]")?.setAttribute("hidden", "");
  form.hidden = false;

  /** @type {{people: Person[], map: any}} */
  let record = { people: [], map: null };
  const reload = () => {
    /** @type {any} */
    const stored = loadRecord(CONSTELLATION_RECORD);
    record = { people: objectsIn(stored?.people), map: stored?.map ?? null };
  };
  /**
   * Change the latest stored record (never this tab's copy) and show the result.
   * @param {(latest: {people: Person[], map: any}) => void} change
   */
  const update = async (change) => {
    const { outcome, value } = await updateRecord(CONSTELLATION_RECORD, (/** @type {any} */ latest) => {
      const next = { map: null, ...(latest ?? {}), people: Array.isArray(latest?.people) ? [...latest.people] : [] };
      change(next);
      return next;
    });
    showSaveOutcome(widget, outcome);
    if (outcome.ok) reload();
    else record = /** @type {any} */ (value);
    refresh();
  };

  const refresh = () => {
    region.hidden = record.people.length === 0;
    showItemList(list, record.people,
      (person) => `${person.label}: ${data.roles[person.role] ?? person.role}, `
        + `${(data.contacts[person.contact] ?? person.contact).toLowerCase()}`,
      async (index) => {
        const removed = record.people[index];
        await update((latest) => {
          latest.people = latest.people.filter((person) => (removed.id
            ? person?.id !== removed.id
            : JSON.stringify(person) !== JSON.stringify(removed)));
          latest.map = null;
        });
        result.replaceChildren();
        status.textContent = `Removed ${removed.label}. Map your constellation again to update it.`;
        (list.querySelector("button") ?? form.querySelector("input"))?.focus();
      }, signal);
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const focusedAtSubmit = document.activeElement;
    const values = new FormData(form);
    const label = String(values.get("label") ?? "").trim();
    if (!label) {
      status.textContent = "Give the person initials or a nickname first.";
      return;
    }
    const person = {
      id: newItemId("person"), label, role: String(values.get("role")), contact: String(values.get("contact")),
    };
    form.reset();
    await update((latest) => {
      latest.people.push(person);
      latest.map = null;
    });
    result.replaceChildren();
    status.textContent = `Added ${label}. ${record.people.length} on your map.`;
    focusFirstFieldForTheNext(form, focusedAtSubmit);
  }, { signal });

  run.addEventListener("click", async () => {
    const say = (/** @type {string} */ text) => { status.textContent = text; };
    const people = record.people;
    // The map needs what each person is, not their id.
    const answer = await askPython("constellation_map", {
      people: people.map(({ label, role, contact }) => ({ label, role, contact })),
    }, {
      controls: run, signal, say, working: "Mapping your constellation…",
    });
    if (!answer) return;
    await update((latest) => {
      // A map of the people as they are now only: another tab may have changed them meanwhile.
      if (JSON.stringify(latest.people) === JSON.stringify(people)) latest.map = answer.value;
    });
    status.textContent = "Your map is below.";
    showMap(result, answer.value, data);
  }, { signal });

  followStoredRecord(CONSTELLATION_RECORD, "constellation", {
    reload: () => {
      reload();
      refresh();
    },
    showResult: () => {
      if (record.map) showMap(result, record.map, data);
      else result.replaceChildren();
    },
    result,
    status,
  }, signal);
}

/**
 * @param {HTMLElement} region
 * @param {any} map Python's ConstellationMap
 * @param {{roles: Record<string, string>, takeaways: Record<string, {href: string, text: string}>}} data
 */
function showMap(region, map, data) {
  const heading = document.createElement("h3");
  heading.textContent = "Your constellation";
  const lists = document.createElement("div");
  lists.className = "nr-constellation__layers";
  for (const layer of map.layers) {
    const title = document.createElement("p");
    title.className = "nr-label";
    title.textContent = layer.title;
    const people = document.createElement("ul");
    if (!layer.people.length) {
      const none = document.createElement("li");
      none.textContent = "No one yet.";
      people.append(none);
    }
    for (const person of layer.people) {
      const item = document.createElement("li");
      item.textContent = `${person.label} (${data.roles[person.role] ?? person.role})`;
      people.append(item);
    }
    lists.append(title, people);
  }
  /** @type {Element[]} */ const parts = [heading, drawMap(map), lists];
  for (const warning of map.name_warnings) {
    const note = document.createElement("p");
    note.className = "nr-widget__storage";
    note.textContent = warning;
    parts.push(note);
  }
  const gapsTitle = document.createElement("h3");
  gapsTitle.textContent = map.gaps.length ? "What your map does not hold yet" : "No gaps the chapter names";
  parts.push(gapsTitle);
  const gaps = document.createElement("ul");
  for (const gap of map.gaps) {
    const item = document.createElement("li");
    const what = document.createElement("strong");
    what.textContent = gap.text;
    item.append(what, ` ${gap.suggestion} `);
    for (const id of gap.takeaways) {
      const link = data.takeaways[id];
      if (!link) continue;
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      item.append(anchor, " ");
    }
    gaps.append(item);
  }
  if (map.gaps.length) parts.push(gaps);
  region.replaceChildren(...parts);
}

/**
 * Three rings, close to wider, with each person's label on their ring.
 * @param {any} map
 */
function drawMap(map) {
  const size = 420;
  const centre = size / 2;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("class", "nr-chart nr-constellation__map");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", "nr-constellation-title");
  const title = document.createElementNS(SVG, "title");
  title.id = "nr-constellation-title";
  title.textContent = "Your constellation as rings around you, close to wider; the same people are listed below.";
  svg.append(title);
  const add = (/** @type {string} */ name, /** @type {Record<string, string | number>} */ attributes, text = "") => {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text) element.textContent = text;
    svg.append(element);
    return element;
  };
  map.layers.forEach((/** @type {any} */ layer, /** @type {number} */ index) => {
    const radius = 70 + index * 65;
    add("circle", { cx: centre, cy: centre, r: radius, class: "nr-constellation__ring" });
    layer.people.forEach((/** @type {any} */ person, /** @type {number} */ position) => {
      const angle = (2 * Math.PI * position) / layer.people.length - Math.PI / 2 + index * 0.4;
      const x = centre + radius * Math.cos(angle);
      const y = centre + radius * Math.sin(angle);
      add("circle", { cx: x, cy: y, r: 5, class: "nr-constellation__person" });
      add("text", { x, y: y - 9, "text-anchor": "middle", class: "nr-chart__label" }, person.label);
    });
  });
  add("text", { x: centre, y: centre + 5, "text-anchor": "middle", class: "nr-chart__label" }, "You");
  return svg;
}
