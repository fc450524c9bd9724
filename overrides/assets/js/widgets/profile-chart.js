// @ts-check
/**
 * Draws a check-in profile as an SVG bar chart with a text equivalent (a
 * table). Built with DOM calls and textContent only, so no text can become markup.
 */
import { appendColumnHeadings } from "../lib/tables.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const LABEL_ROW = 20;
const BAR_ROW = 22;
const ROW = LABEL_ROW + BAR_ROW + 12;
const LEFT = 8;
const RIGHT = 8;

/**
 * @param {string} name
 * @param {Record<string, string | number>} attributes
 * @param {string} [text]
 */
function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * @typedef {{area: string, title: string, higher: string, answered: number, skipped: number,
 *   position: number | null, nearest_label: string | null}} AreaProfile
 * @typedef {{areas: AreaProfile[], lowest: number, highest: number}} Profile
 * @typedef {{area: string, earlier: number | null, later: number | null, change: number | null,
 *   direction: string}} AreaChange
 */

/**
 * An accessible SVG chart of a profile, with earlier positions marked when given.
 * @param {Profile} profile
 * @param {AreaChange[] | null} changes
 * @param {string} idPrefix unique per chart on the page
 */
export function profileChart(profile, changes, idPrefix) {
  const earlier = new Map((changes ?? []).map((change) => [change.area, change.earlier]));
  const height = profile.areas.length * ROW + 24;
  const svg = svgElement("svg", {
    viewBox: `0 0 ${WIDTH} ${height}`,
    class: "nr-chart",
    role: "img",
    "aria-labelledby": `${idPrefix}-title ${idPrefix}-desc`,
  });
  svg.append(svgElement("title", { id: `${idPrefix}-title` }, "Your check-in, area by area"));
  svg.append(svgElement("desc", { id: `${idPrefix}-desc` },
    `Bars from ${profile.lowest} to ${profile.highest}; the same figures are in the table below.`));
  const span = profile.highest - profile.lowest;
  const scale = (/** @type {number} */ value) => LEFT + ((value - profile.lowest) / span) * (WIDTH - LEFT - RIGHT);
  profile.areas.forEach((area, index) => {
    const top = index * ROW;
    svg.append(svgElement("text", { x: LEFT, y: top + 15, class: "nr-chart__label" }, area.title));
    svg.append(svgElement("rect", {
      x: LEFT, y: top + LABEL_ROW, width: WIDTH - LEFT - RIGHT, height: BAR_ROW, class: "nr-chart__track",
    }));
    if (area.position === null) {
      svg.append(svgElement("text", { x: LEFT + 6, y: top + LABEL_ROW + 16, class: "nr-chart__skipped" },
        "Skipped"));
    } else {
      svg.append(svgElement("rect", {
        x: LEFT, y: top + LABEL_ROW, width: Math.max(scale(area.position) - LEFT, 3), height: BAR_ROW,
        class: "nr-chart__bar",
      }));
    }
    const before = earlier.get(area.area);
    if (before !== null && before !== undefined) {
      const x = scale(before);
      svg.append(svgElement("line", {
        x1: x, x2: x, y1: top + LABEL_ROW - 3, y2: top + LABEL_ROW + BAR_ROW + 3, class: "nr-chart__earlier",
      }));
    }
  });
  const axis = profile.areas.length * ROW + 16;
  for (let value = profile.lowest; value <= profile.highest; value += 1) {
    const anchor = value === profile.lowest ? "start" : value === profile.highest ? "end" : "middle";
    svg.append(svgElement("text", { x: scale(value), y: axis, "text-anchor": anchor, class: "nr-chart__tick" },
      String(value)));
  }
  return svg;
}

/**
 * The chart's text equivalent.
 * @param {Profile} profile
 * @param {AreaChange[] | null} changes
 * @param {Record<string, {href: string, text: string}[]>} links per area
 */
export function profileTable(profile, changes, links) {
  const byArea = new Map((changes ?? []).map((change) => [change.area, change]));
  const table = document.createElement("table");
  table.className = "nr-checkin__table";
  const caption = table.createCaption();
  caption.textContent = `Your check-in, area by area (answers from ${profile.lowest} to ${profile.highest}; `
    + "reverse-worded items turned round)";
  const headings = ["Area", "Where your answers sit", "Answered"];
  if (changes) headings.push("Since last time");
  headings.push("What the chapter says");
  appendColumnHeadings(table, headings);
  const body = table.createTBody();
  for (const area of profile.areas) {
    const row = body.insertRow();
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = area.title;
    row.append(name);
    row.insertCell().textContent = area.position === null
      ? "All skipped"
      : `${area.position} (nearest: “${area.nearest_label}”). Higher means ${area.higher}.`;
    row.insertCell().textContent = `${area.answered} of ${area.answered + area.skipped}`;
    if (changes) {
      const change = byArea.get(area.area);
      row.insertCell().textContent = !change || change.direction === "not comparable"
        ? "Not comparable"
        : change.direction === "about the same"
          ? "About the same"
          : `${change.direction === "higher" ? "Higher" : "Lower"} by ${Math.abs(change.change ?? 0)}`;
    }
    const where = row.insertCell();
    const list = document.createElement("ul");
    for (const link of links[area.area] ?? []) {
      const item = document.createElement("li");
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      item.append(anchor);
      list.append(item);
    }
    where.append(list);
  }
  return table;
}
