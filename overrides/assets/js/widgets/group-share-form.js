// @ts-check
/**
 * The share panel's form, loaded by group-share.js when the member comes to "Share
 * anonymously with a group": they type the facilitator's session code, read what the
 * summary says, and get a QR code and the same summary as a typed code. Python
 * (exercises.group_pulse) makes the summary; nothing is stored or sent.
 */
import { askPython, randomSeed } from "../lib/ask-python.js";
import { element } from "../lib/elements.js";
import { readIsland } from "../lib/islands.js";
import { call } from "../python/client.js";

const SVG = "http://www.w3.org/2000/svg";
const QR_LIBRARY = new URL("../../vendor/uqr.mjs", import.meta.url).href;

/**
 * Fill the opened panel with its explanation and form (group-share.js has loaded
 * group-pulse.css for them).
 * @param {HTMLDetailsElement} panel the share panel, open
 * @param {HTMLElement} widget the check-in or the takeaway check
 * @param {"checkin" | "quiz"} kind
 * @param {AbortSignal} signal
 */
export function fillSharePanel(panel, widget, kind, signal) {
  const prefix = `nr-share-${kind}`;
  const intro = element("p", {}, kind === "checkin"
    ? "If your group's facilitator runs a group pulse, you can add a summary of this check-in: "
      + "one band per area, with no name, no time and none of your words. Sharing is never "
      + "required, and nothing is stored or sent: the code appears on this screen only."
    : "If your group's facilitator runs a group pulse, you can add which questions you got right "
      + "or missed, with no name and no time. Sharing is never required, and nothing is stored "
      + "or sent: the code appears on this screen only.");
  const form = element("form", { class: "nr-share__form" });
  const label = element("label", { for: `${prefix}-session` },
    "Session code, as shown on the facilitator's screen");
  const input = /** @type {HTMLInputElement} */ (element("input", {
    id: `${prefix}-session`, type: "text", size: "6", maxlength: "9", autocomplete: "off",
    spellcheck: "false", autocapitalize: "characters", class: "nr-share__session",
  }));
  form.append(element("p", {}, label, " ", input));
  /** @type {HTMLInputElement | null} */
  let deniable = null;
  if (kind === "checkin") {
    deniable = /** @type {HTMLInputElement} */ (element("input", { type: "checkbox", id: `${prefix}-deniable` }));
    const explain = element("span", { "data-nr-share-deniability": "" });
    form.append(element("p", {}, deniable, " ",
      element("label", { for: `${prefix}-deniable` }, "Plausible deniability"), ": ", explain));
    // Asked for when the panel opens; again on a later opening if Python could not say it.
    const explainDeniability = async () => {
      if (!panel.open || explain.textContent) return;
      const reply = await call("group_pulse_terms", {});
      if (reply.ok && !signal.aborted) explain.textContent = reply.value.deniability;
    };
    panel.addEventListener("toggle", explainDeniability, { signal });
    explainDeniability();
  }
  const button = /** @type {HTMLButtonElement} */ (element("button",
    { type: "submit", class: "md-button md-button--primary" }, "Show my summary"));
  form.append(element("p", {}, button));
  const output = element("div", { class: "nr-share__output", "aria-live": "polite" });
  panel.append(intro, form, output);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (button.getAttribute("aria-disabled")) return;
    const answers = kind === "checkin" ? checkinAnswers(widget) : quizAnswers(widget);
    if (!Object.values(answers).some((value) => Array.isArray(value) ? value.length : value !== null)) {
      output.textContent = kind === "checkin"
        ? "Answer at least one item of the check-in first; there is nothing to share yet."
        : "Check at least one answer first; there is nothing to share yet.";
      return;
    }
    const data = readIsland(widget);
    const say = (/** @type {string} */ text) => { output.textContent = text; };
    const answer = await askPython("group_pulse_share", {
      kind,
      ...(kind === "checkin" ? { checkin: data.checkin } : { items: data.items }),
      answers,
      session: input.value,
      seed: randomSeed(),
      deniable: deniable?.checked ?? false,
    }, {
      controls: button, signal, say, working: "Making your summary…",
    });
    if (!answer) return;
    if (!answer.value.ok) {
      output.textContent = answer.value.message;
      input.focus();
      return;
    }
    await showCode(output, answer.value, prefix);
  }, { signal });
}

/**
 * @param {HTMLElement} output
 * @param {{code: string, words: string[]}} shared
 * @param {string} prefix
 */
async function showCode(output, shared, prefix) {
  // Not a heading: the panel sits under headings of different levels on different pages.
  const heading = element("p", { id: `${prefix}-heading`, class: "nr-label" }, "What your summary says");
  const words = element("ul", { class: "nr-share__words" },
    ...shared.words.map((line) => element("li", {}, line)));
  const typed = element("p", { class: "nr-share__typed" }, "Typed code: ",
    element("code", { class: "nr-share__code", "data-nr-share-code": "" }, shared.code));
  const clear = element("button", { type: "button", class: "md-button" }, "Clear my summary");
  clear.addEventListener("click", () => { output.textContent = "Your summary is cleared."; });
  /** @type {Node} */
  let picture;
  try {
    const { encode } = /** @type {any} */ (await import(QR_LIBRARY));
    picture = qrFigure(encode(shared.code, { ecc: "M", border: 4 }), shared.code);
  } catch (error) {
    console.error("Could not draw the QR code:", error);
    picture = element("p", {}, "The QR code could not be drawn here; read out the typed code instead.");
  }
  const note = element("p", { class: "nr-muted" },
    "Show the QR code to the facilitator's camera, or read out or type the code. "
    + "It is not kept: leaving this page or pressing Clear removes it.");
  output.replaceChildren(heading, words, picture, typed, note, clear);
}

/**
 * The QR code as an SVG of dark modules on white (scanners need that contrast in both schemes).
 * @param {{size: number, data: boolean[][]}} qr
 * @param {string} code
 */
function qrFigure(qr, code) {
  const svg = document.createElementNS(SVG, "svg");
  for (const [key, value] of Object.entries({
    viewBox: `0 0 ${qr.size} ${qr.size}`, class: "nr-share__qr", role: "img",
    "shape-rendering": "crispEdges", "aria-label": `QR code holding the typed code ${code}`,
    "data-nr-share-qr": "",
  })) svg.setAttribute(key, value);
  const background = document.createElementNS(SVG, "rect");
  for (const [key, value] of Object.entries({ width: qr.size, height: qr.size, fill: "#fff" })) {
    background.setAttribute(key, String(value));
  }
  const modules = document.createElementNS(SVG, "path");
  /** @type {string[]} */
  const path = [];
  qr.data.forEach((row, y) => row.forEach((dark, x) => { if (dark) path.push(`M${x} ${y}h1v1h-1z`); }));
  modules.setAttribute("d", path.join(""));
  modules.setAttribute("fill", "#000");
  svg.append(background, modules);
  return element("figure", { class: "nr-share__figure" }, svg,
    element("figcaption", {}, "QR code of the typed code below."));
}

/**
 * The check-in's answers as the form holds them now (what the member sees).
 * @param {HTMLElement} widget
 */
function checkinAnswers(widget) {
  const data = readIsland(widget);
  const form = widget.querySelector("form[data-nr-checkin]");
  const values = form instanceof HTMLFormElement ? new FormData(form) : new FormData();
  return Object.fromEntries(data.checkin.items.map((/** @type {{id: string}} */ { id }) => {
    const value = values.get(`checkin-${id}`);
    return [id, value ? Number(value) : null];
  }));
}

/**
 * The options chosen in each question that has been checked (it shows a verdict).
 * @param {HTMLElement} widget
 */
function quizAnswers(widget) {
  /** @type {Record<string, string[]>} */
  const answers = {};
  for (const form of widget.querySelectorAll("form[data-nr-item].is-correct, form[data-nr-item].is-incorrect")) {
    const id = /** @type {HTMLElement} */ (form).dataset.nrItem ?? "";
    answers[id] = [...form.querySelectorAll("input:checked")].map(
      (input) => /** @type {HTMLInputElement} */ (input).value,
    );
  }
  return answers;
}
