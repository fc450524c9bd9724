// @ts-check
/**
 * The facilitator's group pulse: start a session, add members' codes (typed,
 * pasted or scanned), and show the group's picture once enough are in. Python
 * (exercises.group_pulse_pool) reads, refuses, pools and exports; this module
 * keeps the accepted codes in memory only, never displays one, and forgets
 * them when the page closes or the session ends.
 */
import { askPython, describeError, randomSeed } from "../lib/ask-python.js";
import { addStylesheet, element } from "../lib/elements.js";
import { call } from "../python/client.js";

const STYLESHEET = new URL("../../css/group-pulse.css", import.meta.url).href;
/** @typedef {typeof import("./group-pulse-picture.js")} Picture */
/** The picture's code, wanted once a session starts; asked for once (a failure stays). */
/** @type {Promise<Picture> | null} */
let picture = null;
const loadPicture = () => (picture ??= import("./group-pulse-picture.js"));

/**
 * @param {HTMLElement} widget
 * @param {any} data the JSON island: {checkin, items, takeaways, threshold, minimumThreshold}
 * @param {AbortSignal} signal
 */
export function mountGroupPulse(widget, data, signal) {
  addStylesheet(STYLESHEET);
  const $ = (/** @type {string} */ name) => /** @type {HTMLElement} */ (widget.querySelector(`[data-nr-pulse-${name}]`));
  $("nojs").hidden = true;
  $("controls").hidden = false;
  const start = /** @type {HTMLButtonElement} */ ($("start"));
  const threshold = /** @type {HTMLInputElement} */ ($("threshold"));
  const form = /** @type {HTMLFormElement} */ ($("form"));
  const codeInput = /** @type {HTMLTextAreaElement} */ ($("code"));
  const status = $("status");
  const scanButton = /** @type {HTMLButtonElement} */ ($("scan"));
  const stopButton = /** @type {HTMLButtonElement} */ ($("stop"));
  const video = /** @type {HTMLVideoElement} */ ($("video"));
  const projector = /** @type {HTMLButtonElement} */ ($("projector"));

  /** @type {{session: string | null, codes: string[], result: any}} */
  const state = { session: null, codes: [], result: null };
  /** @type {(() => void) | null} */
  let stopScanning = null;
  // Adds run one after another, so two scans of one code cannot both count.
  let queue = Promise.resolve();

  const content = { checkin: data.checkin, items: data.items };

  start.addEventListener("click", async () => {
    // Its code arrives while Python starts the session.
    loadPicture().catch(() => {});
    const say = (/** @type {string} */ text) => { $("session").textContent = text; };
    const answer = await askPython("group_pulse_session", { seed: randomSeed() }, {
      controls: start, signal, say,
    });
    if (!answer) return;
    endSession();
    state.session = answer.value.session;
    $("session").replaceChildren(
      element("span", { class: "nr-pulse__code-label" }, "Session code"), " ",
      element("strong", { class: "nr-pulse__code-value", "data-nr-pulse-session-code": "" },
        String(state.session)));
    start.textContent = "Start a new session";
    $("add").hidden = false;
    $("picture").hidden = false;
    status.textContent = "";
    await refresh();
    codeInput.focus();
  }, { signal });

  threshold.addEventListener("change", async () => {
    const value = Number(threshold.value);
    if (!Number.isInteger(value) || value < data.minimumThreshold) {
      threshold.setCustomValidity(
        `The threshold can be raised, never set below ${data.minimumThreshold}.`);
      threshold.reportValidity();
      return;
    }
    threshold.setCustomValidity("");
    await refresh();
  }, { signal });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const lines = codeInput.value.split(/[\n,;]+/).map((line) => line.trim()).filter(Boolean);
    if (!lines.length) {
      status.textContent = "Type or paste a member's code first.";
      return;
    }
    queue = queue.then(async () => {
      const messages = [];
      const refused = [];
      for (const line of lines) {
        const outcome = await addCode(line);
        messages.push(outcome.message);
        if (!outcome.ok) refused.push(line);
      }
      if (signal.aborted) return;
      codeInput.value = refused.join("\n");
      status.textContent = messages.join(" ");
      await refresh();
    });
  }, { signal });

  /** Set while the scanner's code loads and the camera starts: a second press waits. */
  let starting = false;
  scanButton.addEventListener("click", async () => {
    if (stopScanning || starting) return;
    starting = true;
    status.textContent = "Asking for the camera…";
    /** @type {typeof import("./group-pulse-scan.js").startScanner} */
    let startScanner;
    try {
      ({ startScanner } = await import("./group-pulse-scan.js"));
    } catch (error) {
      starting = false;
      console.error("Could not load the camera scanner:", error);
      if (signal.aborted) return;
      status.textContent = "The camera scanner could not be loaded (the connection may have "
        + "dropped). Type or paste the codes instead: they do everything a scan does.";
      scanButton.focus();
      return;
    }
    const scanner = await startScanner(video, (text) => {
      queue = queue.then(async () => {
        const outcome = await addCode(text);
        if (signal.aborted) return;
        status.textContent = `Scanned: ${outcome.message}`;
        if (outcome.ok) await refresh();
      });
    });
    starting = false;
    if (signal.aborted) {
      scanner.stop?.();
      return;
    }
    if (!scanner.ok) {
      status.textContent = scanner.message;
      scanButton.focus();
      return;
    }
    stopScanning = scanner.stop;
    status.textContent = `Scanning with ${scanner.reader}: hold each member's QR code up to the camera.`;
    scanButton.hidden = true;
    stopButton.hidden = false;
    stopButton.focus();
  }, { signal });

  const stopCamera = () => {
    stopScanning?.();
    stopScanning = null;
    video.hidden = true;
    scanButton.hidden = false;
    stopButton.hidden = true;
  };
  stopButton.addEventListener("click", () => {
    stopCamera();
    status.textContent = "Scanning stopped.";
    scanButton.focus();
  }, { signal });
  signal.addEventListener("abort", stopCamera);

  projector.addEventListener("click", () => setProjector(projector.getAttribute("aria-pressed") !== "true"),
    { signal });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && projector.getAttribute("aria-pressed") === "true") setProjector(false);
  }, { signal });
  /** @param {boolean} on */
  const setProjector = (on) => {
    widget.classList.toggle("nr-pulse--projector", on);
    projector.setAttribute("aria-pressed", String(on));
    projector.textContent = on ? "Leave projector view" : "Projector view";
  };

  $("markdown").addEventListener("click", () => download("group-pulse.md", "text/markdown", state.result?.markdown), { signal });
  $("csv").addEventListener("click", () => download("group-pulse.csv", "text/csv", state.result?.csv), { signal });
  $("end").addEventListener("click", () => {
    endSession();
    $("session").textContent = "The session has ended; its codes and picture are forgotten.";
    start.textContent = "Start a session";
    start.focus();
  }, { signal });

  function endSession() {
    stopCamera();
    setProjector(false);
    state.session = null;
    state.codes = [];
    state.result = null;
    codeInput.value = "";
    status.textContent = "";
    $("counts").textContent = "";
    $("aggregate").replaceChildren();
    $("add").hidden = true;
    $("picture").hidden = true;
  }

  /**
   * @param {string} text
   * @returns {Promise<{ok: boolean, message: string}>}
   */
  async function addCode(text) {
    if (!state.session) return { ok: false, message: "Start a session first." };
    const reply = await call("group_pulse_add", { ...content, session: state.session, code: text, codes: state.codes });
    if (!reply.ok) return { ok: false, message: describeError(reply.error) };
    const added = reply.value;
    if (!added.ok) return { ok: false, message: added.message };
    const kind = added.kind === "checkin" ? "check-in" : "takeaway-check";
    if (added.duplicate) return { ok: true, message: `That ${kind} summary is already in; it counts once.` };
    state.codes = [...state.codes, added.code];
    return { ok: true, message: `Added a ${kind} summary.` };
  }

  async function refresh() {
    if (!state.session) return;
    const reply = await call("group_pulse_aggregate", {
      ...content, takeaways: data.takeaways, session: state.session, codes: state.codes,
      threshold: Number(threshold.value) || data.threshold,
    });
    if (signal.aborted || !state.session) return;
    if (!reply.ok) {
      status.textContent = describeError(reply.error);
      return;
    }
    state.result = reply.value;
    const { checkin, quiz } = reply.value;
    $("counts").textContent = `In so far: ${checkin.count} check-in `
      + `${checkin.count === 1 ? "summary" : "summaries"} and ${quiz.count} takeaway-check `
      + `${quiz.count === 1 ? "summary" : "summaries"}.`;
    $("markdown").hidden = !reply.value.markdown;
    $("csv").hidden = !reply.value.csv;
    /** @type {Picture} */
    let drawing;
    try {
      drawing = await loadPicture();
    } catch (error) {
      console.error("Could not load the group's picture:", error);
      if (signal.aborted || state.result !== reply.value) return;
      $("aggregate").replaceChildren(element("p", { "data-nr-pulse-picture-failed": "" },
        "The group's picture could not be drawn here: its code did not load (the connection "
        + "may have dropped). The counts above and the downloads still work; reloading the "
        + "page tries again, but forgets this session's codes."));
      return;
    }
    if (signal.aborted || state.result !== reply.value) return;
    $("aggregate").replaceChildren(drawing.drawAggregate(reply.value, data.takeaways));
  }
}

/**
 * @param {string} name
 * @param {string} type
 * @param {string | null | undefined} text
 */
function download(name, type, text) {
  if (!text) return;
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = element("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
