// @ts-check
/**
 * Draw the group pulse's aggregate: per check-in area the members in each band,
 * per question the share who missed it (most missed first). Each chart is an
 * SVG with a table of the same figures; nothing below the threshold is drawn,
 * since Python returns nothing for it.
 */
import { element } from "../lib/elements.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const LABEL = 250;
const ROW = 26;

/**
 * @param {any} result Python's aggregate
 * @param {Record<string, {number: number, title: string, page: string | null, href: string}>} takeaways
 */
export function drawAggregate(result, takeaways) {
  const part = document.createDocumentFragment();
  part.append(element("p", { class: "nr-pulse__rule" },
    `Nothing is shown for a kind of summary until ${result.threshold} are in, and no single `
    + "summary is ever displayed."));
  part.append(checkinPart(result.checkin, result.threshold), quizPart(result.quiz, result.threshold, takeaways));
  return part;
}

/**
 * @param {any} section
 * @param {number} threshold
 */
function checkinPart(section, threshold) {
  const box = element("section", { class: "nr-pulse__part", "data-nr-pulse-part": "checkin" });
  box.append(element("h4", {}, "Check-in"));
  if (!section.revealed) {
    box.append(waiting(section, threshold, "check-in"));
    return box;
  }
  const estimated = section.estimated
    ? ` Plausible deniability was on in ${section.deniable} of them: the figures are estimates, corrected for it.`
    : "";
  box.append(element("p", {}, `${section.count} check-in summaries.${estimated}`));
  const labels = section.states.map((/** @type {any} */ state) => state.label);
  const rows = section.areas.flatMap((/** @type {any} */ area) =>
    labels.map((/** @type {string} */ label, /** @type {number} */ index) => ({
      group: area.title, label, value: area.counts[index], max: section.count,
      text: formatCount(area.counts[index]),
    })));
  box.append(barChart(rows, "nr-pulse-checkin", "The group's check-in, area by area",
    "Members in each band of each area; the same figures are in the table below."));
  const table = element("table", { class: "nr-pulse__table" });
  table.append(element("caption", {}, "Members in each band, by area"));
  const head = element("tr", {}, element("th", { scope: "col" }, "Area"),
    ...labels.map((/** @type {string} */ label) => element("th", { scope: "col" }, label)));
  table.append(element("thead", {}, head), element("tbody", {}, ...section.areas.map(
    (/** @type {any} */ area) => element("tr", {}, element("th", { scope: "row" }, area.title),
      ...area.counts.map((/** @type {number} */ count) => element("td", {}, formatCount(count)))))));
  box.append(element("div", { class: "nr-pulse__scroll" }, table));
  return box;
}

/**
 * @param {any} section
 * @param {number} threshold
 * @param {Record<string, {number: number, title: string, page: string | null, href: string}>} takeaways
 */
function quizPart(section, threshold, takeaways) {
  const box = element("section", { class: "nr-pulse__part", "data-nr-pulse-part": "quiz" });
  box.append(element("h4", {}, "Takeaway check"));
  if (!section.revealed) {
    box.append(waiting(section, threshold, "takeaway-check"));
    return box;
  }
  box.append(element("p", {}, `${section.count} takeaway-check summaries. Most missed first.`));
  const answered = section.questions.filter((/** @type {any} */ q) => q.share_missed !== null);
  box.append(barChart(answered.map((/** @type {any} */ q) => ({
    group: null, label: `Question ${q.number}`, value: q.share_missed, max: 1,
    text: `${Math.round(q.share_missed * 100)} % missed`,
  })), "nr-pulse-quiz", "Share of the group who missed each question",
  "One bar per question answered, most missed first; the same figures are in the table below."));
  const table = element("table", { class: "nr-pulse__table" });
  table.append(element("caption", {}, "Each question, most missed first"));
  table.append(element("thead", {}, element("tr", {},
    ...["Question", "Takeaway and page", "Right", "Missed", "Not answered", "Share missed"].map(
      (text) => element("th", { scope: "col" }, text)))));
  table.append(element("tbody", {}, ...section.questions.map((/** @type {any} */ q) => {
    const takeaway = takeaways[q.takeaway];
    const source = takeaway
      ? element("a", { href: takeaway.href }, `Takeaway ${takeaway.number}: ${takeaway.title}`)
      : q.takeaway_title;
    return element("tr", {},
      element("th", { scope: "row" }, `${q.number}. ${q.question}`),
      element("td", {}, source, q.page ? `, ${q.page}` : ""),
      element("td", {}, String(q.right)), element("td", {}, String(q.missed)),
      element("td", {}, String(q.not_answered)),
      element("td", {}, q.share_missed === null ? "no answers" : `${Math.round(q.share_missed * 100)} %`));
  })));
  box.append(element("div", { class: "nr-pulse__scroll" }, table));
  return box;
}

/**
 * @param {any} section
 * @param {number} threshold
 * @param {string} kind
 */
function waiting(section, threshold, kind) {
  return element("p", { class: "nr-pulse__waiting", "data-nr-pulse-waiting": "" },
    `${section.count} of ${threshold} ${kind} summaries needed: nothing is shown until `
    + `${section.needed} more ${section.needed === 1 ? "is" : "are"} in.`);
}

/** @param {number} count */
function formatCount(count) {
  return Number.isInteger(count) ? String(count) : count.toFixed(1);
}

/**
 * Horizontal bars with their figure written beside each: nothing is told by colour alone.
 * @param {{group: string | null, label: string, value: number, max: number, text: string}[]} rows
 * @param {string} id
 * @param {string} title
 * @param {string} description
 */
function barChart(rows, id, title, description) {
  let y = 0;
  /** @type {Element[]} */
  const shapes = [];
  let group = null;
  for (const row of rows) {
    if (row.group !== null && row.group !== group) {
      group = row.group;
      shapes.push(svg("text", { x: 0, y: y + 18, class: "nr-pulse__chart-group" }, row.group));
      y += ROW;
    }
    const width = row.max ? ((WIDTH - LABEL - 90) * row.value) / row.max : 0;
    shapes.push(svg("text", { x: 8, y: y + 17, class: "nr-pulse__chart-label" }, row.label));
    shapes.push(svg("rect", { x: LABEL, y: y + 4, width: Math.max(0, width), height: ROW - 8, class: "nr-pulse__chart-bar" }));
    shapes.push(svg("text", { x: LABEL + Math.max(0, width) + 6, y: y + 17, class: "nr-pulse__chart-label" }, row.text));
    y += ROW;
  }
  const chart = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${y + 4}`, class: "nr-pulse__chart", role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`,
  });
  chart.append(svg("title", { id: `${id}-title` }, title), svg("desc", { id: `${id}-desc` }, description), ...shapes);
  return chart;
}

/**
 * @param {string} name
 * @param {Record<string, string | number>} attributes
 * @param {string} [text]
 */
function svg(name, attributes, text) {
  const made = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, String(value));
  if (text !== undefined) made.textContent = text;
  return made;
}
