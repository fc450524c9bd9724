// @ts-check
/**
 * The discussion prompts page: filter by use (kept in the URL as ?use=) and
 * copy a prompt's permalink. Without JS both controls stay hidden and every
 * prompt shows, each with its permalink.
 */
import { hiddenAnnouncer } from "./lib/announce.js";

const USE_PARAMETER = "use";

/**
 * @param {Document} root
 * @param {AbortSignal} signal
 */
export function mountPromptFilter(root, signal) {
  const form = /** @type {HTMLFormElement | null} */ (root.querySelector("form[data-nr-filter]"));
  if (!form) return;
  const status = form.querySelector("[role=status]");
  const prompts = [...root.querySelectorAll(".nr-prompt[data-uses]")];
  const groups = [...root.querySelectorAll("[data-nr-group]")];

  const apply = (/** @type {string} */ use, /** @type {boolean} */ announce) => {
    let shown = 0;
    for (const prompt of prompts) {
      const visible = use === "all" || (prompt.getAttribute("data-uses") ?? "").split(" ").includes(use);
      prompt.toggleAttribute("hidden", !visible);
      shown += visible ? 1 : 0;
    }
    for (const group of groups) {
      const empty = !group.querySelector(".nr-prompt:not([hidden])");
      group.toggleAttribute("hidden", empty);
      const heading = group.previousElementSibling;
      if (heading?.matches("h2")) heading.toggleAttribute("hidden", empty);
    }
    if (status && announce) {
      const label = form.querySelector(`input[value="${use}"]`)?.parentElement?.textContent?.trim();
      status.textContent = use === "all"
        ? `Showing all ${prompts.length} prompts.`
        : `Showing ${shown} of ${prompts.length} prompts: ${label}.`;
    }
  };

  const url = new URL(location.href);
  const requested = url.searchParams.get(USE_PARAMETER) ?? "all";
  const initial = /** @type {HTMLInputElement | null} */ (
    form.querySelector(`input[name="nr-use"][value="${CSS.escape(requested)}"]`)
  ) ?? /** @type {HTMLInputElement} */ (form.querySelector('input[value="all"]'));
  initial.checked = true;
  form.hidden = false;
  apply(initial.value, initial.value !== "all");

  form.addEventListener("submit", (event) => event.preventDefault(), { signal });
  form.addEventListener("change", (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    apply(input.value, true);
    const next = new URL(location.href);
    if (input.value === "all") next.searchParams.delete(USE_PARAMETER);
    else next.searchParams.set(USE_PARAMETER, input.value);
    history.replaceState(history.state, "", next);
  }, { signal });
}

/**
 * @param {Document} root
 * @param {AbortSignal} signal
 */
export function mountCopyLinks(root, signal) {
  const buttons = /** @type {HTMLButtonElement[]} */ ([...root.querySelectorAll("button[data-nr-copy]")]);
  if (!buttons.length) return;
  const article = buttons[0].closest("article");
  const announce = article ? hiddenAnnouncer(article, signal) : () => {};

  for (const button of buttons) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const link = new URL(location.href);
      link.search = "";
      link.hash = button.dataset.nrCopy ?? "";
      try {
        await navigator.clipboard.writeText(link.href);
        announce(`Link copied: ${link.href}`);
        flash(button, "Link copied");
      } catch {
        // No clipboard (an insecure origin or a refused permission): show the link instead.
        announce("Could not copy. The address bar now shows the prompt's link.");
        history.replaceState(history.state, "", link);
        flash(button, "Link is in the address bar");
      }
    }, { signal });
  }
}

/**
 * @param {HTMLButtonElement} button
 * @param {string} message
 */
function flash(button, message) {
  const label = button.firstChild;
  if (!label || label.nodeType !== Node.TEXT_NODE) return;
  const original = label.textContent;
  label.textContent = message;
  setTimeout(() => { label.textContent = original; }, 2000);
}
