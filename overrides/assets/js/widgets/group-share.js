// @ts-check
/**
 * "Share anonymously with a group", under the check-in's result and the takeaway
 * check's score: a closed panel. Most members never open it, so its form and QR code
 * (group-share-form.js) and its styles load when the reader moves to it (focus or
 * pointer) or opens it; should they open it before those arrive, it says it is loading.
 */
import { addStylesheet, element } from "../lib/elements.js";

const STYLESHEET = new URL("../../css/group-pulse.css", import.meta.url).href;

/** @typedef {typeof import("./group-share-form.js")} Form */
/** Asked for once per page load: the browser does not fetch a module again after a failure. */
/** @type {Promise<Form> | null} */
let loading = null;
/** @type {Form | null} */
let loaded = null;

function loadForm() {
  loading ??= Promise.all([import("./group-share-form.js"), addStylesheet(STYLESHEET)]).then(
    ([form]) => (loaded = form),
  );
  return loading;
}

/**
 * @param {Document} root
 * @param {AbortSignal} signal
 */
export function mountGroupShare(root, signal) {
  const checkin = root.getElementById("relationships-checkin");
  const anchor = checkin?.querySelector("[data-nr-result]");
  if (checkin && anchor) mountPanel(checkin, anchor, "checkin", signal);
  const quiz = root.getElementById("takeaway-check");
  const score = quiz?.querySelector("[data-nr-score]");
  if (quiz && score) mountPanel(quiz, score, "quiz", signal);
}

/**
 * @param {HTMLElement} widget
 * @param {Element} after the result or score the panel goes under
 * @param {"checkin" | "quiz"} kind
 * @param {AbortSignal} signal
 */
function mountPanel(widget, after, kind, signal) {
  if (widget.querySelector("[data-nr-share]")) return;
  const panel = /** @type {HTMLDetailsElement} */ (
    element("details", { class: "nr-share", "data-nr-share": kind },
      element("summary", {}, "Share anonymously with a group"))
  );
  after.after(panel);
  const early = () => { loadForm().catch(() => {}); };
  panel.addEventListener("focusin", early, { signal, once: true });
  panel.addEventListener("pointerenter", early, { signal, once: true });
  let filled = false;
  panel.addEventListener("toggle", async () => {
    if (!panel.open || filled) return;
    filled = true;
    if (loaded) {
      loaded.fillSharePanel(panel, widget, kind, signal);
      return;
    }
    const busy = element("p", { role: "status", "data-nr-share-loading": "" },
      "Loading the sharing form…");
    panel.append(busy);
    try {
      const form = await loadForm();
      busy.remove();
      if (!signal.aborted) form.fillSharePanel(panel, widget, kind, signal);
    } catch (error) {
      console.error("Could not load the sharing form:", error);
      busy.replaceWith(element("p", { role: "alert", "data-nr-share-failed": "" },
        "The sharing form could not be loaded (the connection may have dropped). "
        + "Reload the page to try again."));
    }
  }, { signal });
}
